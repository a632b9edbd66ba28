import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigFileError } from './config-file.error';
import { loadHostConfig } from './plugins-config.loader';

describe('loadHostConfig (am.plugins.toml)', () => {
  let home: string;
  let file: string;

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'qntx-config-'));
    file = join(home, 'am.plugins.toml');
    mkdirSync(join(home, 'plugins'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const write = (toml: string): void => writeFileSync(file, toml);
  const executable = (name: string): string => {
    const path = join(home, 'plugins', name);
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
    return path;
  };
  const load = (env: NodeJS.ProcessEnv = {}) => loadHostConfig(home, env);
  const errorOf = (env: NodeJS.ProcessEnv = {}): ConfigFileError => {
    try {
      load(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigFileError);
      return error as ConfigFileError;
    }
    throw new Error('expected a ConfigFileError');
  };

  it('returns no entries (the built-in default) when the file does not exist', () => {
    expect(load()).toEqual({ file, plugins: null, warnings: [] });
  });

  it('reads an address entry and fills in the defaults', () => {
    write('[[plugins]]\nname = "code"\naddress = "localhost:9001"\n');
    expect(load().plugins).toEqual([{ name: 'code', enabled: true, address: 'localhost:9001', requestTimeoutMs: 30_000 }]);
  });

  it('resolves a relative binary inside $QNTX_HOME/plugins and reads every supervision key', () => {
    const binary = executable('qntx-myplugin');
    write(`
[[plugins]]
name = "myplugin"
binary = "qntx-myplugin"
args = ["--verbose"]
env = { MODE = "fast" }
inherit_env = ["AWS_PROFILE", "http_proxy"]
request_timeout_ms = 1000
start_timeout_ms = 2000
health_interval_ms = 0
health_timeout_ms = 300
unhealthy_threshold = 2
max_restarts = 4
restart_window_ms = 10000
restart_backoff_ms = 50
restart_backoff_max_ms = 400
shutdown_grace_ms = 700
`);
    expect(load().plugins).toEqual([
      {
        name: 'myplugin',
        enabled: true,
        binary,
        args: ['--verbose'],
        env: { MODE: 'fast' },
        inheritEnv: ['AWS_PROFILE', 'http_proxy'],
        autoStart: true,
        requestTimeoutMs: 1000,
        supervision: {
          startTimeoutMs: 2000,
          healthIntervalMs: 0,
          healthTimeoutMs: 300,
          unhealthyThreshold: 2,
          maxRestarts: 4,
          restartWindowMs: 10000,
          restartBackoffMs: 50,
          restartBackoffMaxMs: 400,
          shutdownGraceMs: 700,
        },
      },
    ]);
  });

  it('accepts a JavaScript binary that is only readable, since Node runs it', () => {
    writeFileSync(join(home, 'plugins', 'plugin.js'), '');
    write('[[plugins]]\nname = "js"\nbinary = "plugin.js"\nauto_start = false\n');
    expect(load().plugins![0]).toMatchObject({ binary: join(home, 'plugins', 'plugin.js'), autoStart: false });
  });

  it.each([
    ['not an array', 'inherit_env = "AWS_PROFILE"', '"inherit_env" must be an array of strings'],
    ['a name with "="', 'inherit_env = ["AWS_PROFILE=x"]', '"inherit_env": "AWS_PROFILE=x" is not a variable name'],
    ['an empty name', 'inherit_env = [""]', '"inherit_env": "" is not a variable name'],
  ])('refuses an inherit_env that is %s, naming the plugin and the key', (_label, line, message) => {
    executable('x');
    write(`[[plugins]]\nname = "x"\nbinary = "x"\n${line}\n`);
    expect(errorOf().message).toContain(`plugin "x": ${message}`);
  });

  it('reads the WebSocket limits of [host], 0 meaning none', () => {
    write('[host]\nmax_sockets_per_plugin = 0\nmax_sockets_per_client = 20\n');
    expect(load()).toMatchObject({ maxSocketsPerPlugin: 0, maxSocketsPerClient: 20, warnings: [] });
  });

  it('refuses a WebSocket limit that is not a whole number of at least 0', () => {
    write('[host]\nmax_sockets_per_client = -1\n');
    expect(errorOf().message).toBe(`${file}: [host]: "max_sockets_per_client" must be a whole number of at least 0 (0: no limit), got -1.`);
  });

  it('reports a TOML syntax error with the file, line and column', () => {
    write('[[plugins]]\nname = "code"\nenabled = tru\n');
    expect(errorOf().message).toMatch(new RegExp(`^${file}: TOML syntax error at line 3, column \\d+`));
  });

  it('reports a wrong type with the plugin, the key and what to write', () => {
    write('[[plugins]]\nname = "code"\nenabled = "yes"\naddress = "localhost:9001"\n');
    expect(errorOf().message).toBe(`${file}: plugin "code": "enabled" must be true or false (no quotes), got the string "yes".`);
  });

  it('reports a plugin with neither address nor binary', () => {
    write('[[plugins]]\nname = "code"\n');
    expect(errorOf().message).toMatch(/plugin "code": has neither "address" nor "binary"/);
  });

  it('reports a plugin with both an address and a binary', () => {
    executable('x');
    write('[[plugins]]\nname = "code"\naddress = "localhost:9001"\nbinary = "x"\n');
    expect(errorOf().message).toMatch(/plugin "code": sets address and binary; choose one/);
  });

  it('reports two plugins with one name', () => {
    write('[[plugins]]\nname = "code"\naddress = "a:1"\n[[plugins]]\nname = "code"\naddress = "b:2"\n');
    expect(errorOf().message).toBe(`${file}: two [[plugins]] entries are named "code"; plugin names must be unique.`);
  });

  it('reports a binary that does not exist, with the path it looked at', () => {
    write('[[plugins]]\nname = "code"\nbinary = "missing-plugin"\n');
    expect(errorOf().message).toBe(
      `${file}: plugin "code": "binary": ${join(home, 'plugins', 'missing-plugin')} does not exist.`,
    );
  });

  it('reports a binary that is not executable', () => {
    writeFileSync(join(home, 'plugins', 'plain'), '#!/bin/sh\n');
    chmodSync(join(home, 'plugins', 'plain'), 0o644);
    write('[[plugins]]\nname = "code"\nbinary = "plain"\n');
    expect(errorOf().message).toMatch(/plugin "code": "binary": .*plain is not executable \(chmod \+x it\)\./);
  });

  it('does not check the binary of a disabled plugin', () => {
    write('[[plugins]]\nname = "code"\nenabled = false\nbinary = "not-installed-yet"\n');
    expect(load().plugins![0]).toMatchObject({ name: 'code', enabled: false });
  });

  it('warns about unknown keys by name, at every level', () => {
    write('colour = "red"\n[host]\nadmin_tokn = "x"\n[[plugins]]\nname = "code"\naddress = "a:1"\nadress = "b:2"\n');
    expect(load().warnings).toEqual([
      `${file}: unknown top-level key "colour" is ignored.`,
      `${file}: plugin "code": unknown key "adress" is ignored.`,
      `${file}: [host]: unknown key "admin_tokn" is ignored.`,
    ]);
  });

  it('expands ${VAR} and ${VAR:-default} in plugin values and the admin token', () => {
    executable('p');
    write(`
[host]
admin_token = "\${ADMIN}"
[[plugins]]
name = "p"
binary = "p"
args = ["--level", "\${LEVEL:-info}"]
env = { API_KEY = "\${API_KEY}" }
`);
    const config = load({ ADMIN: 'sesame', API_KEY: 'k-123' });
    expect(config.adminToken).toBe('sesame');
    expect(config.plugins![0]).toMatchObject({ args: ['--level', 'info'], env: { API_KEY: 'k-123' } });
  });

  it('names the file, key and variable when a variable is missing, and never a value', () => {
    executable('p');
    write('[[plugins]]\nname = "p"\nbinary = "p"\nenv = { API_KEY = "${API_KEY}" }\n');
    expect(errorOf({ OTHER_SECRET: 'hunter2' }).message).toBe(
      `${file}: key "plugins.p.env.API_KEY" refers to the environment variable API_KEY, which is not set. ` +
        'Set API_KEY, or give a default with ${API_KEY:-default}.',
    );
  });

  it('does not quote env values in type errors, since they may be secrets', () => {
    executable('p');
    write('[[plugins]]\nname = "p"\nbinary = "p"\nenv = { PIN = 123456 }\n');
    const message = errorOf().message;
    expect(message).toBe(`${file}: plugin "p": "env.PIN" must be a string (quote it).`);
    expect(message).not.toContain('123456');
  });

  it.each([
    ['a name with capitals', 'name = "Code"\naddress = "a:1"', /"name" must be lower-case letters/],
    ['a reserved name', 'name = "plugins"\naddress = "a:1"', /"name" cannot be "plugins": \/api\/plugins belongs to the host/],
    ['an address without a port', 'name = "code"\naddress = "localhost"', /"address" must be "host:port"/],
    ['a negative timeout', 'name = "code"\naddress = "a:1"\nstart_timeout_ms = -5', /"start_timeout_ms" must be a whole number of at least 1, got the number -5/],
    ['a fractional count', 'name = "code"\naddress = "a:1"\nmax_restarts = 1.5', /"max_restarts" must be a whole number of at least 0, got the float 1.5/],
    ['args that are not strings', 'name = "code"\nbinary = "/bin/sh"\nargs = [1]', /"args" must be an array of strings/],
    ['builtin without module', 'name = "code"\nbuiltin = true', /builtin = true needs module = /],
  ])('reports %s', (_what, table, expected) => {
    write(`[[plugins]]\n${table}\n`);
    expect(errorOf().message).toMatch(expected);
  });

  it('reports a built-in module file that does not exist', () => {
    write('[[plugins]]\nname = "code"\nbuiltin = true\nmodule = "code/code-plugin.module.js"\n');
    expect(errorOf().message).toBe(
      `${file}: plugin "code": "module": ${join(home, 'plugins', 'code', 'code-plugin.module.js')} does not exist.`,
    );
  });

  it('reports [[plugins]] written as a single table', () => {
    write('[plugins]\nname = "code"\n');
    expect(errorOf().message).toBe(`${file}: "plugins" must be an array of tables: write [[plugins]].`);
  });
});

describe('per-plugin HTTP limits in am.plugins.toml', () => {
  const home = mkdtempSync(join(tmpdir(), 'qntx-limits-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const write = (toml: string): void => writeFileSync(join(home, 'am.plugins.toml'), toml);

  it('reads request_timeout_ms and max_body_bytes of a plugin', () => {
    write('[[plugins]]\nname = "a"\naddress = "localhost:1"\nrequest_timeout_ms = 1500\nmax_body_bytes = 1048576\n');
    expect(loadHostConfig(home).plugins![0]).toMatchObject({ requestTimeoutMs: 1500, maxBodyBytes: 1048576 });
  });

  it('refuses a max_body_bytes that is not a positive whole number, naming file and plugin', () => {
    write('[[plugins]]\nname = "a"\naddress = "localhost:1"\nmax_body_bytes = "1MB"\n');
    expect(() => loadHostConfig(home)).toThrow(/am\.plugins\.toml: plugin "a": "max_body_bytes"/);
  });
});

describe('live changes and replicas in am.plugins.toml', () => {
  const home = mkdtempSync(join(tmpdir(), 'qntx-replicas-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const write = (toml: string): void => writeFileSync(join(home, 'am.plugins.toml'), toml);
  const binary = join(home, 'qntx-svc');
  writeFileSync(binary, '#!/bin/sh\n');
  chmodSync(binary, 0o755);

  it('reads drain_timeout_ms, probation_ms and replicas of a launched plugin', () => {
    write(`[[plugins]]\nname = "svc"\nbinary = "${binary}"\nreplicas = 3\ndrain_timeout_ms = 0\nprobation_ms = 2500\n`);
    expect(loadHostConfig(home).plugins![0]).toMatchObject({ replicas: 3, drainTimeoutMs: 0, probationMs: 2500 });
  });

  it.each([
    ['an array', '["10.0.0.5:9001", "10.0.0.6:9001"]', ['10.0.0.5:9001', '10.0.0.6:9001']],
    ["grpc-js's list form", '"ipv4:127.0.0.1:9001,127.0.0.1:9002"', ['127.0.0.1:9001', '127.0.0.1:9002']],
  ])('reads several addresses given as %s: the replicas of one plugin', (_form, value, addresses) => {
    write(`[[plugins]]\nname = "svc"\naddress = ${value}\n`);
    expect(loadHostConfig(home).plugins![0]).toMatchObject({ address: addresses[0], addresses });
  });

  it.each(['dns:///plugin.qntx.svc.cluster.local:9000', 'dns:plugin.qntx.svc.cluster.local:9000'])('reads the DNS target %s: one replica per address it resolves to', (target) => {
    write(`[[plugins]]\nname = "svc"\naddress = "${target}"\n`);
    expect(loadHostConfig(home).plugins![0]).toMatchObject({ address: target, dnsName: { host: 'plugin.qntx.svc.cluster.local', port: 9000 } });
  });

  it('keeps a single address as it was (no replicas)', () => {
    write('[[plugins]]\nname = "svc"\naddress = "localhost:9001"\n');
    expect(loadHostConfig(home).plugins![0].addresses).toBeUndefined();
  });

  it.each([
    ['["localhost:9001", "nope"]', /plugin "svc": "address" must be "host:port", or several of them .*; got the string "nope"\./],
    ['[]', /plugin "svc": "address" must name at least one "host:port"/],
    ['["localhost:9001", "localhost:9001"]', /plugin "svc": "address" lists an address twice\./],
  ])('refuses the address list %s, naming the plugin and the key', (value, message) => {
    write(`[[plugins]]\nname = "svc"\naddress = ${value}\n`);
    expect(() => loadHostConfig(home)).toThrow(message);
  });

  it('refuses replicas below 1 and warns that replicas is for launched plugins', () => {
    write(`[[plugins]]\nname = "svc"\nbinary = "${binary}"\nreplicas = 0\n`);
    expect(() => loadHostConfig(home)).toThrow(/plugin "svc": "replicas" must be a whole number of at least 1, got the number 0\./);
    write('[[plugins]]\nname = "svc"\naddress = "localhost:9001"\nreplicas = 2\n');
    expect(loadHostConfig(home).warnings.join('\n')).toContain('"replicas" are only used with "binary"; ignored.');
  });
});
