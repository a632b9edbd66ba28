import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { Attestation, InvalidAttestationQueryError } from '@qntx/domains';
import { CLI_NAME, CLI_OPTIONS, EXIT_OK } from '../cli.constants';
import { CliOptions } from '../cli-options.interface';
import { CliSession } from '../cli-session';
import { CliUsageError } from '../errors/cli-usage.error';
import { parseAttestationQuery } from '@qntx/host/attestations/attestation-query.parser';
import { readAttestations } from '../attestations/attestation-file.reader';
import { renderAttestationTable } from '../attestations/attestation-table.renderer';

interface QueryFlags {
  subject?: string;
  predicate?: string;
  context?: string;
  actor?: string;
  source?: string;
  since?: string;
  until?: string;
  limit?: string;
  cursor?: string;
  all?: boolean;
  json?: boolean;
}

/**
 * `qntx attestations query [--subject ...] [--json]`: reads `$QNTX_HOME/attestations.db`
 * directly (SQLite in WAL mode lets it read while a host writes), so it works with or without
 * a running host. One page by default, every page with `--all`.
 */
@SubCommand({ name: 'query', description: 'Print the attestations that match the filters, oldest first' })
export class AttestationsQueryCommand extends CommandRunner {
  constructor(
    @Inject(CLI_OPTIONS) private readonly options: CliOptions,
    private readonly session: CliSession,
  ) {
    super();
  }

  async run(_args: string[], flags: QueryFlags): Promise<void> {
    await this.session.run(async () => {
      const { all, json, ...params } = flags;
      let query;
      try {
        query = parseAttestationQuery(params);
      } catch (error) {
        if (error instanceof InvalidAttestationQueryError) {
          throw new CliUsageError(`--${error.param} ${error.detail}`, `${CLI_NAME} attestations query --help`);
        }
        throw error;
      }
      const page = await readAttestations(this.options.home, query, Boolean(all));
      const { stdout, stderr } = this.options.io;
      if (json) {
        stdout.write(`${JSON.stringify({ records: page.records, nextCursor: page.nextCursor ?? null }, null, 2)}\n`);
      } else {
        stdout.write(renderAttestationTable(page.records as Attestation[]));
        if (page.nextCursor) stderr.write(`More records: add --cursor ${page.nextCursor} (or --all).\n`);
      }
      return EXIT_OK;
    });
  }

  @Option({ flags: '--subject <subject>', description: 'Only this subject' })
  subject(value: string): string {
    return value;
  }
  @Option({ flags: '--predicate <predicate>', description: 'Only this predicate' })
  predicate(value: string): string {
    return value;
  }
  @Option({ flags: '--context <context>', description: 'Only this context' })
  context(value: string): string {
    return value;
  }
  @Option({ flags: '--actor <actor>', description: 'Only this actor' })
  actor(value: string): string {
    return value;
  }
  @Option({ flags: '--source <plugin>', description: 'Only records written by this plugin' })
  source(value: string): string {
    return value;
  }
  @Option({ flags: '--since <date>', description: 'From this instant on (ISO 8601, inclusive)' })
  since(value: string): string {
    return value;
  }
  @Option({ flags: '--until <date>', description: 'Before this instant (ISO 8601, exclusive)' })
  until(value: string): string {
    return value;
  }
  @Option({ flags: '--limit <n>', description: 'Records per page (1 to 1000, default 100)' })
  limit(value: string): string {
    return value;
  }
  @Option({ flags: '--cursor <cursor>', description: 'Continue after a previous page' })
  cursor(value: string): string {
    return value;
  }
  @Option({ flags: '--all', description: 'Every page, not just the first' })
  all(): boolean {
    return true;
  }
  @Option({ flags: '--json', description: 'Print {records, nextCursor} as JSON, for scripts' })
  json(): boolean {
    return true;
  }
}
