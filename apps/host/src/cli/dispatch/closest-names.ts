/**
 * The candidates nearest to `word` by edit distance: those within a third of its length (at
 * least 2 edits) when there are any, otherwise the nearest ones overall, so a user always
 * gets a name to try.
 */
export function closestNames(word: string, candidates: readonly string[], max = 3): string[] {
  const scored = [...new Set(candidates)]
    .map((name) => ({ name, distance: levenshtein(word.toLowerCase(), name.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  if (scored.length === 0) return [];
  const near = scored.filter(
    ({ distance, name }) => distance <= Math.max(2, Math.floor(word.length / 3)) || name.startsWith(word),
  );
  const chosen = near.length > 0 ? near : scored.filter(({ distance }) => distance === scored[0].distance);
  return chosen.slice(0, max).map(({ name }) => name);
}

export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}
