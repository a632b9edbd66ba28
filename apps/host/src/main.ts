import { Logger } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { resolveLogSettings, StructuredLogger } from '@qntx/plugin-grpc';
import { createHostApp } from './host.bootstrap';
import { parseHostArgs } from './host-args';
import { HostRuntimeFile, qntxHome } from '@qntx/host';
import { stopOnSignals } from './host-shutdown';
import { startTracing } from '@qntx/plugin-grpc/tracing';
import { reloadOnHangup } from './host-reload';

async function main(): Promise<void> {
  const log = new Logger('Host');
  try {
    // JSON lines in production (NODE_ENV=production or --log-format json), readable ones otherwise.
    const logSettings = resolveLogSettings(process.argv.slice(2));
    Logger.overrideLogger(new StructuredLogger(logSettings));
    // Off unless OTEL_TRACES_EXPORTER names an exporter; the module flushes it when the app closes.
    startTracing('qntx-host');
    const { port, host, httpAdapter } = parseHostArgs(process.argv.slice(2));
    const accessLog = logSettings.level === 'debug' || logSettings.level === 'trace';
    const defaultCodePluginAddress = process.env.QNTX_CODE_PLUGIN_ADDRESS || undefined;
    const app = await createHostApp({ home: qntxHome(), accessLog, listenAddress: host, defaultCodePluginAddress }, httpAdapter);
    await app.listen(port, host);
    const url = `http://${clientHost(host)}:${(app.getHttpServer().address() as AddressInfo).port}`;
    app.get(HostRuntimeFile).publish(url);
    stopOnSignals(app, log);
    reloadOnHangup(app, log);
    log.log(`Host listening on ${url}`);
  } catch (error) {
    // Configuration errors carry the file, plugin and key: the message is the whole report.
    log.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

/** The address a local client uses to reach a host bound to `host`. */
function clientHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

void main();
