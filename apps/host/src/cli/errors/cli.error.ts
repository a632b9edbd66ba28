/** An error the CLI reports as one `qntx: <message>` line on stderr, exiting with `exitCode`. */
export abstract class CliError extends Error {
  abstract readonly exitCode: number;
}
