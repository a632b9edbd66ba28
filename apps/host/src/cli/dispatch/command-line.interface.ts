import { CommandDefinition, FlagDefinition } from '@qntx/domains';

/** A node of a plugin's command tree, as reached from the command line. */
export interface ResolvedCommand {
  node: CommandDefinition;
  /** The command path sent to the plugin ("code ix git"), from its top-level command. */
  path: string[];
  /** What the user typed to reach it ("qntx code ix git"), for help and messages. */
  display: string;
  /** The node's own flags. */
  flags: FlagDefinition[];
  /** Flags declared on its ancestors that also apply to it (own flags win by name). */
  inheritedFlags: FlagDefinition[];
}

export type ParsedCommandLine =
  /** `--help` / `-h`: print the help of `command`. */
  | { kind: 'help'; command: ResolvedCommand }
  /** A command group reached without choosing one of its commands. */
  | { kind: 'group'; command: ResolvedCommand }
  /** A command to run, with its arguments and the flags the user set, as text. */
  | { kind: 'run'; command: ResolvedCommand; args: string[]; flags: Record<string, string> };
