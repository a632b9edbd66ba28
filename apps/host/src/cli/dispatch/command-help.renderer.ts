import type { FlagDefinition } from '@qntx/domains';
import { commandWord } from '@qntx/domains/lean';
import { ResolvedCommand } from './command-line.interface';
import { isRunnable } from './command-line.parser';

const HELP_FLAG: FlagDefinition = {
  name: 'help',
  short: 'h',
  description: 'Show this help',
  type: 'bool',
  defaultValue: '',
  repeated: false,
};

/** Help for a plugin command or command group, generated from the plugin's definitions. */
export function renderCommandHelp(command: ResolvedCommand, heading?: string): string {
  const { node, display } = command;
  const runnable = isRunnable(node);
  const args = node.name.trim().split(/\s+/).slice(1).join(' ');
  const usage = runnable ? [display, args, '[flags]'] : [display, '<command>', '[flags]'];
  const out: string[] = [];
  if (heading) out.push(heading, '');
  out.push('Usage:', `  ${usage.filter(Boolean).join(' ')}`, '');
  if (node.description) out.push(node.description, '');
  if (!runnable && node.subcommands.length > 0) {
    out.push('Commands:', ...table(node.subcommands.map((child) => [child.name, child.description])), '');
  }
  const own = command.flags.some((flag) => flag.short === 'h') ? command.flags : [...command.flags, HELP_FLAG];
  out.push('Flags:', ...table(own.map(flagRow)), '');
  if (command.inheritedFlags.length > 0) {
    out.push('Inherited flags:', ...table(command.inheritedFlags.map(flagRow)), '');
  }
  if (!runnable && node.subcommands.length > 0) {
    const example = commandWord(node.subcommands[0]);
    out.push(
      `Run "${display} <command> --help" for a command's flags and arguments (e.g. "${display} ${example} --help").`,
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function flagRow(flag: FlagDefinition): [string, string] {
  const short = flag.short ? `-${flag.short}, ` : '    ';
  const type = flag.type === 'bool' ? '' : ` ${flag.type}`;
  const notes: string[] = [];
  if (flag.defaultValue !== '' && !(flag.type === 'bool' && flag.defaultValue === 'false')) {
    notes.push(`default ${flag.type === 'string' ? JSON.stringify(flag.defaultValue) : flag.defaultValue}`);
  }
  if (flag.repeated) notes.push('repeatable');
  const suffix = notes.length > 0 ? ` (${notes.join(', ')})` : '';
  return [`${short}--${flag.name}${type}`, `${flag.description}${suffix}`.trim()];
}

/** Two aligned columns, indented by two spaces. */
export function table(rows: [string, string][]): string[] {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => (right ? `  ${left.padEnd(width)}   ${right}` : `  ${left}`));
}
