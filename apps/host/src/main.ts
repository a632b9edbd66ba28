import { Logger } from '@nestjs/common';
import { createHostApp } from './host.bootstrap';
import { parseHostArgs } from './host-args';
import { qntxHome } from './config/qntx-home';

async function main(): Promise<void> {
  const log = new Logger('Host');
  try {
    const { port, host } = parseHostArgs(process.argv.slice(2));
    const app = await createHostApp({ home: qntxHome() });
    await app.listen(port, host);
    // The bound address, with the real port when --port 0 asked for any free one.
    log.log(`Host listening on ${await app.getUrl()}`);
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

void main();
