import { CommandDefinition, CommandInvocation, CommandResult, FlagDefinition, commandWord } from '@qntx/domains';
import { PluginCommandOptions, PluginFlagOptions, PluginOptions } from '../interfaces/plugin-options.interface';
import { BoundHandler } from '../interfaces/plugin-definition.interface';
import { runCommandHandler } from './command-runner';

/**
 * Builds the plugin's command tree: one top-level command named after the plugin, with each
 * `@PluginCommand` placed by its path ("ix git <repository>" → code → ix → "git <repository>").
 */
export function buildCommandTree(
  plugin: PluginOptions,
  commands: { options: PluginCommandOptions; handler: BoundHandler }[],
): CommandDefinition[] {
  if (commands.length === 0) return [];
  const root: CommandDefinition = node(plugin.name, plugin.description ?? '');
  for (const { options, handler } of commands) {
    const words = options.command.trim().split(/\s+/).filter(Boolean);
    const pathWords = words.filter((word) => !/^[<[]/.test(word));
    const argUsage = words.filter((word) => /^[<[]/.test(word)).join(' ');
    let target = root;
    for (const word of pathWords) {
      let child = target.subcommands.find((candidate) => commandWord(candidate) === word);
      if (!child) {
        const groupPath = [...pathOf(root, target), word].slice(1).join(' ');
        child = node(word, plugin.commandGroups?.[groupPath] ?? '');
        target.subcommands.push(child);
      }
      target = child;
    }
    const word = commandWord(target);
    target.name = argUsage ? `${word} ${argUsage}` : word;
    target.description = options.description ?? target.description;
    const flags = (options.flags ?? []).map(toFlagDefinition);
    target.flags = flags;
    target.run = (invocation: CommandInvocation): Promise<CommandResult> =>
      runCommandHandler(handler, flags, invocation);
  }
  return [root];
}

/** The words from the root down to `target`, found by walking the tree. */
function pathOf(root: CommandDefinition, target: CommandDefinition): string[] {
  if (root === target) return [commandWord(root)];
  for (const child of root.subcommands) {
    const below = pathOf(child, target);
    if (below.length > 0) return [commandWord(root), ...below];
  }
  return [];
}

function node(name: string, description: string): CommandDefinition {
  return { name, description, flags: [], subcommands: [] };
}

function toFlagDefinition(flag: PluginFlagOptions): FlagDefinition {
  return {
    name: flag.name,
    short: flag.short ?? '',
    description: flag.description ?? '',
    type: flag.type ?? 'string',
    defaultValue: flag.default === undefined ? '' : String(flag.default),
    repeated: flag.repeated ?? false,
  };
}
