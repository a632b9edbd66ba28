import { CommandDefinition } from '@qntx/domains';

/** The arguments a usage line declares: "git <repository> [branch] [paths...]". */
export interface ArgumentSpec {
  /** Whether the usage line names its arguments at all; a line that does not is not checked. */
  declared: boolean;
  required: string[];
  optional: string[];
  variadic: boolean;
}

export function argumentSpec(definition: Pick<CommandDefinition, 'name'>): ArgumentSpec {
  const placeholders = definition.name.trim().split(/\s+/).slice(1);
  const spec: ArgumentSpec = { declared: placeholders.length > 0, required: [], optional: [], variadic: false };
  for (const word of placeholders) {
    if (word.includes('...')) spec.variadic = true;
    if (word.startsWith('<')) spec.required.push(word);
    else spec.optional.push(word);
  }
  return spec;
}
