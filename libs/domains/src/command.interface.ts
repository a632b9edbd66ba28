export type FlagType = 'string' | 'int' | 'bool';

export interface FlagDefinition {
  name: string;
  short: string;
  description: string;
  type: FlagType;
  defaultValue: string;
  /** The flag may be given more than once. */
  repeated: boolean;
}

/** One invocation of a command: what the user typed after the command path. */
export interface CommandInvocation {
  /** Space-joined path from the plugin's top-level command, e.g. "code ix git". */
  command: string;
  args: string[];
  /** Only the flags the user set, values as text (repeated flags joined by "\n"). */
  flags: Record<string, string>;
  /** Receives output as it is produced; without it output is collected into the result. */
  output?: CommandOutputSink;
  signal?: AbortSignal;
}

export interface CommandOutputSink {
  stdout(chunk: string): void;
  stderr(chunk: string): void;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * A node of a plugin's command tree. `name` is the usage line ("git <repository>"); the first
 * word is the command's own name. A node with `run` can be executed.
 */
export interface CommandDefinition {
  name: string;
  description: string;
  flags: FlagDefinition[];
  subcommands: CommandDefinition[];
  run?: (invocation: CommandInvocation) => Promise<CommandResult>;
}

/** The command's own name: the first word of its usage line. */
export function commandWord(definition: Pick<CommandDefinition, 'name'>): string {
  return definition.name.trim().split(/\s+/)[0] ?? '';
}
