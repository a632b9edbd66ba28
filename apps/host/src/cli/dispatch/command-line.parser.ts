import type { CommandDefinition, FlagDefinition } from '@qntx/domains';
// The lean entry: the CLI's fast path parses command lines without loading Nest.
import { commandWord } from '@qntx/domains/lean';
import { isUndescribedSubcommand } from '@qntx/plugin-grpc/lean';
import { CliUsageError } from '../errors/cli-usage.error';
import { UnknownCommandError } from '../errors/unknown-command.error';
import { closestNames } from './closest-names';
import { ParsedCommandLine, ResolvedCommand } from './command-line.interface';
import { argumentSpec } from './usage-line';

/** Where a plugin's tree starts: its root node, the path that node stands for, and its display. */
export interface CommandRoot {
  node: CommandDefinition;
  path: string[];
  display: string;
}

/**
 * Parses `<command> [<sub> ...] [args] [--flags]` against a plugin's command tree, known only at
 * run time. Flags may come anywhere after the plugin name and are checked against the chosen
 * command's declared flags (its own and its ancestors'); `--` ends the flags. A subcommand the
 * plugin listed only by its usage line (the reference protocol's one level) takes the rest of the
 * line as it is: the plugin parses it.
 */
export function parseCommandLine(root: CommandRoot, tokens: string[]): ParsedCommandLine {
  const { command, pathIndexes } = resolve(root, tokens);
  const scope = [...command.flags, ...command.inheritedFlags];
  const end = tokens.indexOf('--');
  const flagTokens = end === -1 ? tokens : tokens.slice(0, end);
  if (flagTokens.some((token) => isHelp(token, scope))) return { kind: 'help', command };
  if (!isRunnable(command.node)) {
    const rest = tokens.filter((_, i) => !pathIndexes.has(i));
    if (rest.length === 0) return { kind: 'group', command };
    throw new CliUsageError(
      `"${command.display}" needs one of its commands before "${rest.join(' ')}".`,
      `${command.display} --help`,
    );
  }

  // Known only by its usage line (a reference plugin's subcommand): its flags are the plugin's to read.
  if (isUndescribedSubcommand(command.node)) {
    return { kind: 'run', command, args: tokens.filter((_, i) => !pathIndexes.has(i)), flags: {} };
  }

  const help = `${command.display} --help`;
  const values = new Map<FlagDefinition, string[]>();
  const args: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (pathIndexes.has(i)) continue;
    if (i === end) {
      args.push(...tokens.slice(i + 1));
      break;
    }
    if (!isFlagToken(token)) {
      args.push(token);
      continue;
    }
    for (const { definition, value, consumesNext } of readFlag(token, scope, command.display, help)) {
      let text = value;
      if (consumesNext) {
        if (i + 1 >= tokens.length || (end !== -1 && i + 1 >= end)) {
          throw new CliUsageError(`Flag --${definition.name} needs a value (${describeType(definition)}).`, help);
        }
        text = tokens[++i];
      }
      const list = values.get(definition) ?? [];
      if (list.length > 0 && !definition.repeated) {
        throw new CliUsageError(`Flag --${definition.name} is given more than once.`, help);
      }
      list.push(checkValue(definition, text!, help));
      values.set(definition, list);
    }
  }
  checkArguments(command, args, help);
  const flags: Record<string, string> = {};
  for (const [definition, list] of values) flags[definition.name] = list.join('\n');
  return { kind: 'run', command, args, flags };
}

/** A group (a node with subcommands) is never run from the CLI: the wire does not say it could be. */
export function isRunnable(node: CommandDefinition): boolean {
  return node.run !== undefined && node.subcommands.length === 0;
}

/** First pass: walk the command words to the chosen node, skipping flags and their values. */
function resolve(root: CommandRoot, tokens: string[]): { command: ResolvedCommand; pathIndexes: Set<number> } {
  let command = resolved(root.node, root.path, root.display, []);
  const pathIndexes = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '--') break;
    if (isFlagToken(token)) {
      if (consumesNextToken(token, command)) i++;
      continue;
    }
    if (command.node.subcommands.length === 0) break;
    const child = command.node.subcommands.find((candidate) => commandWord(candidate) === token);
    if (!child) {
      if (isRunnable(command.node)) break;
      const words = command.node.subcommands.map(commandWord);
      throw new UnknownCommandError(
        token,
        'command',
        command.display,
        closestNames(token, words),
        `${command.display} --help`,
      );
    }
    const outer = [...command.flags, ...command.inheritedFlags];
    command = resolved(child, [...command.path, token], `${command.display} ${token}`, outer);
    pathIndexes.add(i);
  }
  return { command, pathIndexes };
}

function resolved(node: CommandDefinition, path: string[], display: string, outer: FlagDefinition[]): ResolvedCommand {
  const own = new Set(node.flags.map((flag) => flag.name));
  return { node, path, display, flags: node.flags, inheritedFlags: outer.filter((flag) => !own.has(flag.name)) };
}

function isFlagToken(token: string): boolean {
  // "-" alone is an argument (stdin, by convention); so is a negative number.
  return token.startsWith('-') && token.length > 1 && token !== '--' && !/^-\d/.test(token);
}

function isHelp(token: string, scope: FlagDefinition[]): boolean {
  if (token === '--help') return true;
  return token === '-h' && !scope.some((flag) => flag.short === 'h');
}

/**
 * Whether a flag takes the next token as its value, decided before the command is known: by
 * the flags in scope so far, then by any flag of that name further down the tree.
 */
function consumesNextToken(token: string, command: ResolvedCommand): boolean {
  if (token.includes('=')) return false;
  const candidates = [...command.flags, ...command.inheritedFlags, ...descendantFlags(command.node)];
  if (token.startsWith('--')) {
    const definition = candidates.find((flag) => flag.name === token.slice(2));
    return definition !== undefined && definition.type !== 'bool';
  }
  const shorts = token.slice(1);
  for (let j = 0; j < shorts.length; j++) {
    const definition = candidates.find((flag) => flag.short === shorts[j]);
    if (definition && definition.type !== 'bool') return j === shorts.length - 1;
  }
  return false;
}

function descendantFlags(node: CommandDefinition): FlagDefinition[] {
  return node.subcommands.flatMap((child) => [...child.flags, ...descendantFlags(child)]);
}

interface FlagOccurrence {
  definition: FlagDefinition;
  value?: string;
  consumesNext: boolean;
}

/** One flag token as the flags it sets: "--limit=3", "--limit", "-n3", "-sv", "--no-sizes". */
function readFlag(token: string, scope: FlagDefinition[], display: string, help: string): FlagOccurrence[] {
  if (token.startsWith('--')) {
    const body = token.slice(2);
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const value = eq === -1 ? undefined : body.slice(eq + 1);
    const definition = scope.find((flag) => flag.name === name);
    if (!definition) {
      const negated = scope.find((flag) => `no-${flag.name}` === name && flag.type === 'bool');
      if (negated && value === undefined) return [{ definition: negated, value: 'false', consumesNext: false }];
      const near = closestNames(
        name,
        scope.map((flag) => flag.name),
      ).map((n) => `--${n}`);
      throw new CliUsageError(
        `Unknown flag "--${name}" for "${display}".${near.length ? ` Did you mean ${near.join(' or ')}?` : ''}`,
        help,
      );
    }
    if (value !== undefined) return [{ definition, value, consumesNext: false }];
    return [
      { definition, value: definition.type === 'bool' ? 'true' : undefined, consumesNext: definition.type !== 'bool' },
    ];
  }
  const occurrences: FlagOccurrence[] = [];
  const shorts = token.slice(1);
  for (let j = 0; j < shorts.length; j++) {
    const definition = scope.find((flag) => flag.short === shorts[j]);
    if (!definition) throw new CliUsageError(`Unknown flag "-${shorts[j]}" for "${display}".`, help);
    const rest = shorts.slice(j + 1);
    if (definition.type === 'bool') {
      if (rest.startsWith('=')) return [...occurrences, { definition, value: rest.slice(1), consumesNext: false }];
      occurrences.push({ definition, value: 'true', consumesNext: false });
      continue;
    }
    if (rest === '') return [...occurrences, { definition, consumesNext: true }];
    return [...occurrences, { definition, value: rest.startsWith('=') ? rest.slice(1) : rest, consumesNext: false }];
  }
  return occurrences;
}

/** The value as it travels (text), after checking it against the flag's declared type. */
function checkValue(definition: FlagDefinition, raw: string, help: string): string {
  const bad = (): never => {
    throw new CliUsageError(`Flag --${definition.name} expects ${describeType(definition)}, got "${raw}".`, help);
  };
  if (definition.repeated && raw.includes('\n')) {
    throw new CliUsageError(`Flag --${definition.name} cannot contain a line break: each value is one line.`, help);
  }
  switch (definition.type) {
    case 'int': {
      const text = raw.trim();
      if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) bad();
      return String(Number.parseInt(text, 10));
    }
    case 'bool': {
      const text = raw.trim().toLowerCase();
      if (text === 'true' || text === '1') return 'true';
      if (text === 'false' || text === '0') return 'false';
      return bad();
    }
    default:
      return raw;
  }
}

function describeType(definition: FlagDefinition): string {
  if (definition.type === 'int') return 'an integer';
  if (definition.type === 'bool') return 'true or false';
  return 'a value';
}

function checkArguments(command: ResolvedCommand, args: string[], help: string): void {
  const spec = argumentSpec(command.node);
  if (!spec.declared) return;
  if (args.length < spec.required.length) {
    const missing = spec.required.slice(args.length).join(' ');
    throw new CliUsageError(`"${command.display}" needs ${missing}.`, help);
  }
  const most = spec.required.length + spec.optional.length;
  if (!spec.variadic && args.length > most) {
    const extra = args
      .slice(most)
      .map((arg) => `"${arg}"`)
      .join(', ');
    throw new CliUsageError(`"${command.display}" takes at most ${most} argument(s); unexpected ${extra}.`, help);
  }
}
