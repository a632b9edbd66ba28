import { readFileSync } from 'node:fs';
import { ensureBuilt } from '../support/process.helpers';
import { FAST_SUPERVISION, makeHome } from '../support/supervised-host.fixture';
import { FaultHost, HOSTILE_PLUGIN, startFaultHost } from '../support/fault-host.fixture';

/** What a process needs to run, which a launched plugin always gets of the host's environment. */
const ALWAYS_PASSED = /^(PATH|HOME|LANG|LANGUAGE|TZ|TMPDIR|LC_\w+|NODE_(OPTIONS|PATH|EXTRA_CA_CERTS|ENV)|QNTX_LOG_LEVEL|QNTX_PROTO_DIR)$/;

/** A running process's environment, as it was when it started (/proc/<pid>/environ). */
function environOf(pid: number): Record<string, string> {
  const lines = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

/**
 * The built host, with an admin token and cloud credentials in its environment, launches a
 * plugin: the plugin's process holds only what a process needs, what the entry's `env` sets, the
 * variables the host sets for it, and what `inherit_env` names.
 */
describe("a launched plugin's environment", () => {
  let env: ReturnType<typeof makeHome>;
  let host: FaultHost | undefined;
  const hostEnvironment = {
    QNTX_ADMIN_TOKEN: 'host-admin-secret',
    AWS_SECRET_ACCESS_KEY: 'host-cloud-secret',
    NODE_AUTH_TOKEN: 'host-npm-secret',
    OPERATOR_PASSED: 'meant-for-the-plugin',
  };

  beforeAll(() => ensureBuilt());
  beforeEach(() => (env = makeHome()));
  afterEach(async () => {
    await host?.stop();
    host = undefined;
    env.cleanup();
  });

  const launch = (extra: string[]): Promise<FaultHost> =>
    startFaultHost(
      env.home,
      ['[[plugins]]', 'name = "hostile"', `binary = "${HOSTILE_PLUGIN}"`, 'env = { HOSTILE_NAME = "hostile" }', ...extra, FAST_SUPERVISION].join(
        '\n',
      ),
      hostEnvironment,
    );

  it("holds no variable of the host's the operator did not pass: no admin token, no credentials", async () => {
    host = await launch([]);
    const { pid } = await host.waitForPlugin('hostile', ['running']);
    const environ = environOf(pid!);
    expect(Object.values(environ).join('\n')).not.toMatch(/host-admin-secret|host-cloud-secret|host-npm-secret|meant-for-the-plugin/);
    const unasked = Object.keys(environ).filter((name) => !ALWAYS_PASSED.test(name));
    // The entry's env, and what the host sets for every plugin it launches.
    expect(unasked.sort()).toEqual([
      'HOSTILE_NAME',
      'QNTX_LOG_FORMAT',
      'QNTX_PLUGIN_HANDSHAKE',
      'QNTX_PLUGIN_MAX_MESSAGE_BYTES',
      'QNTX_PLUGIN_TOKEN',
    ]);
    expect(environ.PATH).toBe(process.env.PATH);
  });

  it('passes what inherit_env names, and nothing more', async () => {
    host = await launch(['inherit_env = ["OPERATOR_PASSED", "NOT_SET_ANYWHERE"]']);
    const { pid } = await host.waitForPlugin('hostile', ['running']);
    const environ = environOf(pid!);
    expect(environ.OPERATOR_PASSED).toBe('meant-for-the-plugin');
    expect(environ).not.toHaveProperty('NOT_SET_ANYWHERE');
    expect(environ).not.toHaveProperty('QNTX_ADMIN_TOKEN');
    expect(environ).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
  });
});
