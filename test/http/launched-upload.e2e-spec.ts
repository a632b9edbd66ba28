import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ListeningHost, startListeningHost } from '../support/listening-host.fixture';
import { send } from '../support/http-client';
import { patternChunks } from '../support/pattern-body';

const ROOT = join(__dirname, '..', '..');
const MiB = 1024 * 1024;

jest.setTimeout(60_000);

/**
 * A plugin the host launches (`binary`) gets a streamed route's body as a stream, like one at an
 * address: with the host's buffer limit at 1 MiB, a 48 MiB upload still arrives whole.
 */
describe('uploads to a launched plugin', () => {
  let host: ListeningHost;

  beforeAll(async () => {
    host = await startListeningHost({
      plugins: [
        {
          name: 'probe',
          enabled: true,
          binary: process.execPath,
          args: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, 'test/fixtures/http-probe-plugin.main.ts')],
          env: { TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
          maxBodyBytes: MiB,
          requestTimeoutMs: 20_000,
        },
      ],
    });
  });

  afterAll(async () => {
    await host?.close();
  });

  it('streams a body far past the host buffer limit to a streamed route', async () => {
    const size = 48 * MiB;
    const expected = createHash('sha256');
    for (const chunk of patternChunks(size)) expected.update(chunk);
    const res = await send(`${host.url}/api/probe/hash-stream`, { method: 'POST', body: patternChunks(size) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ bytes: size, sha256: expected.digest('hex') });
  });
});
