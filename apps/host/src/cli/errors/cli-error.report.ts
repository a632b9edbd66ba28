import { messageOf } from '@qntx/domains/lean';
import { CLI_NAME } from '../cli.constants';
import type { CliIo } from '../cli-options.interface';
import { exitCodeFor } from './exit-code.mapping';

/** An error that ends a CLI run: one "qntx: ..." line on stderr; returns its exit code. */
export function reportCliError(io: CliIo, error: unknown): number {
  io.stderr.write(`${CLI_NAME}: ${messageOf(error)}\n`);
  return exitCodeFor(error);
}
