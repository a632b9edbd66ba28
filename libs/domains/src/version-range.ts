// Only the two functions, not semver's index (which loads every module of it): the CLI's fast
// path checks a plugin's range on each run, and the whole of semver is a third of its start-up.
import satisfies = require('semver/functions/satisfies');
import validRange = require('semver/ranges/valid');

/**
 * Turns a host-version constraint into an npm semver range. Plugins in other languages declare
 * Go-style constraints (">= 0.1.0, < 2.0.0", where a comma means "and"); npm's form
 * (">=0.1.0 <2.0.0", "^1.2") is accepted as it is. Returns null when the text is not a range.
 */
export function normalizeVersionRange(constraint: string): string | null {
  const alternatives = constraint.split('||').map((part) =>
    part
      .split(',')
      .map((clause) => clause.trim())
      .filter((clause) => clause !== '')
      .join(' '),
  );
  if (alternatives.some((alternative) => alternative === '') && constraint.trim() !== '') return null;
  const range = alternatives.join(' || ');
  return validRange(range) === null ? null : range;
}

/** Whether `hostVersion` satisfies the plugin's constraint; an empty constraint accepts any host. */
export function hostSatisfies(hostVersion: string, constraint: string): boolean {
  if (constraint.trim() === '') return true;
  const range = normalizeVersionRange(constraint);
  if (range === null) throw new Error(`invalid range "${constraint}"`);
  return satisfies(hostVersion, range, { includePrerelease: true });
}
