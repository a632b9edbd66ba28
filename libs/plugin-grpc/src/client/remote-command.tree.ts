import type { CommandDefinition, CommandInvocation, CommandResult } from '@qntx/domains';
import { commandWord } from '@qntx/domains/lean';
import { isUndescribedSubcommand } from '../protocol/protocol.mapping';
import type { WireExecuteCommandRequest } from '../protocol/protocol.types';

export type RemoteCommandCall = (request: WireExecuteCommandRequest, invocation: CommandInvocation) => Promise<CommandResult>;

/**
 * A plugin's command tree with a `run` on every node that sends ExecuteCommand in the form the
 * plugin can run: the path form ("code ix git", flags in the map) for a command it described,
 * the reference form (the top-level command, and the subcommand word with the rest of the
 * command line as arguments) for a subcommand known only by its usage line, as QNTX's Go server
 * needs (it executes cobra from the root with `args`).
 */
export function attachRemoteRun(definition: CommandDefinition, call: RemoteCommandCall, parentPath: string[] = []): CommandDefinition {
  const path = [...parentPath, commandWord(definition)];
  const undescribed = isUndescribedSubcommand(definition) && path.length > 1;
  return {
    ...definition,
    subcommands: definition.subcommands.map((sub) => attachRemoteRun(sub, call, path)),
    run: (invocation: CommandInvocation) =>
      call(
        undescribed
          ? { command: path[0], args: [...path.slice(1), ...invocation.args], flags: invocation.flags }
          : { command: path.join(' '), args: invocation.args, flags: invocation.flags },
        invocation,
      ),
  };
}
