import { CommandDefinition, CommandInvocation, FlagDefinition, commandWord } from '@qntx/domains';
import { WireExecuteCommandRequest } from '../protocol/protocol.types';

/** The command an ExecuteCommandRequest names, ready to run; or why it cannot run (exit 2). */
export type ResolvedCommandRequest =
  | { node: CommandDefinition; invocation: Pick<CommandInvocation, 'command' | 'args' | 'flags'> }
  | { problem: string };

/**
 * Reads a request in either form (proto/domain.proto, ExecuteCommandRequest). The path form
 * names a runnable command ("code ix git") and is run as it is. The reference form names a
 * command group, often by its usage line ("code", "git <repository>"), as QNTX's host does: the
 * subcommand words that start `args` are walked into the tree, and the flags among the rest are
 * read against the chosen command's flags and its ancestors', as cobra would.
 */
export function resolveCommandRequest(tree: CommandDefinition[], request: WireExecuteCommandRequest): ResolvedCommandRequest {
  const path = commandPath(request.command);
  const chain = findChain(tree, path);
  if (!chain) return { problem: `Unknown command "${request.command}".` };
  let node = chain[chain.length - 1];
  if (node.subcommands.length === 0) {
    if (!node.run) return { problem: `Unknown command "${request.command}".` };
    return { node, invocation: { command: path.join(' '), args: request.args, flags: request.flags } };
  }
  const rest = [...request.args];
  while (node.subcommands.length > 0 && rest.length > 0) {
    const child = node.subcommands.find((candidate) => commandWord(candidate) === rest[0]);
    if (!child) break;
    rest.shift();
    path.push(commandWord(child));
    chain.push(child);
    node = child;
  }
  const display = path.join(' ');
  if (node.subcommands.length > 0 || !node.run) {
    const words = node.subcommands.map(commandWord).join(', ');
    const given = rest.length > 0 ? `Unknown command "${rest[0]}" for "${display}"` : `"${display}" needs a command`;
    return { problem: `${given}${words ? `; one of: ${words}` : ''}.` };
  }
  const read = readFlagArgs(rest, chain.flatMap((level) => level.flags));
  if ('problem' in read) return { problem: `${read.problem} (for "${display}")` };
  return { node, invocation: { command: display, args: read.args, flags: { ...request.flags, ...read.flags } } };
}

/** "git <repository> [--since]" → ["git"]: the words before the first argument placeholder. */
function commandPath(command: string): string[] {
  const words = command.trim().split(/\s+/).filter(Boolean);
  const end = words.findIndex((word) => word.startsWith('<') || word.startsWith('['));
  return end === -1 ? words : words.slice(0, end);
}

/** The nodes along a command path from the top level, or null when a word is not there. */
function findChain(tree: CommandDefinition[], words: string[]): CommandDefinition[] | null {
  const chain: CommandDefinition[] = [];
  let level = tree;
  for (const word of words) {
    const node = level.find((candidate) => commandWord(candidate) === word);
    if (!node) return null;
    chain.push(node);
    level = node.subcommands;
  }
  return chain.length > 0 ? chain : null;
}

/**
 * Flags out of a command line's arguments: "--name value", "--name=value", "-n value", "-nvalue",
 * "--bool", "-abc" (bools), "--" ending the flags. Values as text; a repeated flag's joined by "\n".
 */
function readFlagArgs(
  tokens: string[],
  scope: FlagDefinition[],
): { args: string[]; flags: Record<string, string> } | { problem: string } {
  const args: string[] = [];
  const flags: Record<string, string> = {};
  const set = (definition: FlagDefinition, value: string): void => {
    const previous = flags[definition.name];
    flags[definition.name] = previous !== undefined && definition.repeated ? `${previous}\n${value}` : value;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '--') {
      args.push(...tokens.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-' || /^-\d/.test(token)) {
      args.push(token);
      continue;
    }
    const long = token.startsWith('--');
    const body = token.slice(long ? 2 : 1);
    const eq = body.indexOf('=');
    const key = long ? (eq === -1 ? body : body.slice(0, eq)) : body[0];
    const definition = scope.find((flag) => (long ? flag.name === key : flag.short === key));
    if (!definition) return { problem: `unknown flag: ${long ? '--' : '-'}${key}` };
    const attached = long ? (eq === -1 ? undefined : body.slice(eq + 1)) : shortValue(body);
    if (definition.type === 'bool') {
      if (!long && attached !== undefined && body[1] !== '=') {
        // "-abc": more single-letter bools after the first
        const more = readFlagArgs([`-${attached}`], scope);
        if ('problem' in more) return more;
        Object.assign(flags, more.flags);
        set(definition, 'true');
      } else set(definition, attached ?? 'true');
      continue;
    }
    if (attached !== undefined) {
      set(definition, attached);
      continue;
    }
    if (i + 1 >= tokens.length) return { problem: `flag needs an argument: ${token}` };
    set(definition, tokens[++i]);
  }
  return { args, flags };
}

/** "-n3" / "-n=3" → "3"; "-n" → undefined. */
function shortValue(body: string): string | undefined {
  if (body.length === 1) return undefined;
  return body[1] === '=' ? body.slice(2) : body.slice(1);
}
