import { FlagDefinition } from '@qntx/domains';
import { InvalidFlagValueError } from '../errors/invalid-flag-value.error';

export type FlagValue = string | number | boolean | string[];

/**
 * Parses the flags a user set (as text, repeated ones joined by "\n") to their declared types,
 * filling in defaults for the rest. Undeclared flags pass through as text.
 */
export function parseFlags(definitions: FlagDefinition[], given: Record<string, string>): Record<string, FlagValue> {
  const parsed: Record<string, FlagValue> = {};
  for (const definition of definitions) {
    const raw = given[definition.name];
    if (raw === undefined) {
      if (definition.repeated) parsed[definition.name] = definition.defaultValue ? [definition.defaultValue] : [];
      else if (definition.defaultValue !== '') parsed[definition.name] = convert(definition, definition.defaultValue);
      else if (definition.type === 'bool') parsed[definition.name] = false;
      continue;
    }
    parsed[definition.name] = definition.repeated
      ? raw.split('\n').map((value) => String(convert(definition, value)))
      : convert(definition, raw);
  }
  for (const [name, raw] of Object.entries(given)) {
    if (!(name in parsed)) parsed[name] = raw;
  }
  return parsed;
}

function convert(definition: FlagDefinition, raw: string): string | number | boolean {
  switch (definition.type) {
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw.trim())) throw new InvalidFlagValueError(definition.name, raw, 'an integer');
      return Number.parseInt(raw, 10);
    }
    case 'bool': {
      const value = raw.trim().toLowerCase();
      if (value === '' || value === 'true' || value === '1') return true;
      if (value === 'false' || value === '0') return false;
      throw new InvalidFlagValueError(definition.name, raw, 'true or false');
    }
    default:
      return raw;
  }
}
