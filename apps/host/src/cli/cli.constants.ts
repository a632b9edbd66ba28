export const CLI_OPTIONS = 'QNTX:CLI_OPTIONS';

/** The program name, in usage lines and messages. */
export const CLI_NAME = 'qntx';

/**
 * Exit codes. Beyond a plugin's own codes (passed through unchanged), the CLI uses the BSD
 * sysexits values a shell script can tell apart, and 124 for a timeout as `timeout(1)` does.
 */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_UNAVAILABLE = 69;
export const EXIT_SOFTWARE = 70;
export const EXIT_CONFIG = 78;
export const EXIT_TIMEOUT = 124;
export const EXIT_INTERRUPTED = 130;

/** Commands of the CLI itself; a plugin cannot be reached under these names. */
export const FIXED_COMMANDS: readonly string[] = ['plugins', 'plugin', 'attestations', 'help'];

export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;
/** Deadline of Metadata, Health, Commands and Initialize when the CLI reaches a plugin. */
export const CLI_CONTROL_TIMEOUT_MS = 3_000;
/** How long a plugin the CLI launches may take to print its handshake line. */
export const PLUGIN_START_TIMEOUT_MS = 15_000;
