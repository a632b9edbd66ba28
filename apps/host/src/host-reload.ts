import { INestApplication, Logger } from '@nestjs/common';
import { LivePlugins } from '@qntx/host';

/**
 * On SIGHUP: am.plugins.toml and each am.<name>.toml are read again and the difference applied
 * (plugins added, removed, upgraded as generations), as `qntx plugins reload` does; the host
 * keeps running whatever the outcome, and says what changed in one line per plugin.
 */
export function reloadOnHangup(app: INestApplication, log: Logger): void {
  process.on('SIGHUP', () => {
    log.log('SIGHUP: reloading am.plugins.toml');
    app
      .get(LivePlugins)
      .reload()
      .then(
        (report) => {
          for (const change of report.changes) {
            const versions = [change.from, change.to].filter(Boolean).join(' → ');
            log.log(`Reload: plugin "${change.name}" ${change.action}: ${change.outcome}${versions ? ` (${versions})` : ''}${change.reason ? `: ${change.reason}` : ''}`);
          }
          log.log(`Reload done: ${report.changes.length} change(s), ${report.unchanged.length} plugin(s) unchanged.`);
        },
        (error: unknown) => log.error(`Reload refused, nothing changed: ${error instanceof Error ? error.message : String(error)}`),
      );
  });
}
