import { parsePluginTls } from './plugin-tls.parser';
import { RESERVED_PLUGIN_NAMES } from '@qntx/domains/lean';
import { ConfigFileError } from './config-file.error';
import { expandTree } from './env-expansion';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './plugin-entry.defaults';
import { PLUGIN_TABLE_KEYS, SUPERVISION_TABLE_KEYS } from './config-keys';
import { PluginEntry, SupervisionSettings } from './plugin-entry.interface';
import { fileProblem, launchProblem, resolvePluginPath } from './plugin-path.resolver';
import { ENVIRONMENT_NAME } from '../supervisor/plugin-environment';

/** The registry's rule for plugin names, checked here too so the message can name the file. */
const PLUGIN_NAME = /^[a-z][a-z0-9_-]{0,62}$/;
const ADDRESS = /^(unix:.+|(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):\d{1,5})$/;
/** grpc-js's DNS target: `dns:///name:port` (or `dns:name:port`), every address the name resolves to a replica. */
const DNS_TARGET = /^dns:(?:\/\/\/)?([A-Za-z0-9._-]+):(\d{1,5})$/;

/** TOML keys of a plugin's supervision settings, and whether 0 is allowed. */
const SUPERVISION_KEYS: Record<string, { field: keyof SupervisionSettings; zero: boolean }> = Object.fromEntries(
  SUPERVISION_TABLE_KEYS.map(({ key, field, zero }) => [key, { field, zero }]),
);

/** Every key of a [[plugins]] table; the operator's guide is generated from the same list. */
const KNOWN_KEYS = new Set(PLUGIN_TABLE_KEYS.map(({ key }) => key));

export interface TableContext {
  file: string;
  home: string;
  env: NodeJS.ProcessEnv;
  warn(message: string): void;
}

/**
 * One `[[plugins]]` table as a PluginEntry. Every problem is a ConfigFileError naming the file,
 * the plugin and the key, and saying what to write instead.
 */
export function validatePluginTable(raw: unknown, index: number, ctx: TableContext): PluginEntry {
  const { file } = ctx;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigFileError(file, `[[plugins]] entry #${index + 1} is not a table.`);
  }
  const name = (raw as Record<string, unknown>).name;
  if (typeof name !== 'string' || name === '') {
    throw new ConfigFileError(file, `[[plugins]] entry #${index + 1} has no "name" (a non-empty string).`);
  }
  const fail = (detail: string): never => {
    throw new ConfigFileError(file, `plugin "${name}": ${detail}`);
  };
  if (!PLUGIN_NAME.test(name)) {
    fail('"name" must be lower-case letters, digits, "-" and "_", starting with a letter.');
  }
  if (RESERVED_PLUGIN_NAMES.includes(name)) fail(`"name" cannot be "${name}": /api/${name} belongs to the host.`);

  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) ctx.warn(`${file}: plugin "${name}": unknown key "${key}" is ignored.`);
  }
  const { name: _name, ...rest } = raw as Record<string, unknown>;
  const t = expandTree(rest, ctx.env, file, `plugins.${name}`) as Record<string, unknown>;
  const read = new TableReader(t, fail);

  const entry: PluginEntry = {
    name,
    enabled: read.boolean('enabled') ?? true,
    requestTimeoutMs: read.integer('request_timeout_ms', false) ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
  const supervision: Partial<SupervisionSettings> = {};
  for (const [key, { field, zero }] of Object.entries(SUPERVISION_KEYS)) {
    const value = read.integer(key, zero);
    if (value !== undefined) supervision[field] = value;
  }
  if (Object.keys(supervision).length > 0) entry.supervision = supervision;
  const maxBodyBytes = read.integer('max_body_bytes', false);
  if (maxBodyBytes !== undefined) entry.maxBodyBytes = maxBodyBytes;
  const drainTimeoutMs = read.integer('drain_timeout_ms', true);
  if (drainTimeoutMs !== undefined) entry.drainTimeoutMs = drainTimeoutMs;
  const probationMs = read.integer('probation_ms', true);
  if (probationMs !== undefined) entry.probationMs = probationMs;

  const addresses = readAddresses(t.address, fail);
  const address = addresses?.[0];
  const binary = read.string('binary');
  const builtin = read.boolean('builtin') ?? false;
  const module = read.string('module');
  const exportName = read.string('export');
  const args = read.strings('args', '["--verbose"]');
  const env = read.stringTable('env');
  const inheritEnv = read.strings('inherit_env', '["AWS_PROFILE"]');
  const autoStart = read.boolean('auto_start');
  const replicas = read.integer('replicas', false);
  const handshake = read.boolean('handshake');

  const modes = [builtin && 'builtin = true', address !== undefined && 'address', binary !== undefined && 'binary'];
  const chosen = modes.filter(Boolean);
  if (chosen.length === 0) {
    fail(
      'has neither "address" nor "binary". Set address = "host:port" to connect to a running plugin, ' +
        'binary = "<path>" to have the host launch it, or builtin = true with module = "<path>".',
    );
  }
  if (chosen.length > 1) fail(`sets ${chosen.join(' and ')}; choose one way to reach the plugin.`);

  if (builtin) {
    if (module === undefined) fail('builtin = true needs module = "<path to the compiled module file>".');
    entry.builtin = true;
    entry.module = resolvePluginPath(ctx.home, module!);
    if (exportName !== undefined) entry.exportName = exportName;
    if (entry.enabled) {
      const problem = fileProblem(entry.module);
      if (problem) fail(`"module": ${problem}.`);
    }
  } else if (module !== undefined || exportName !== undefined) {
    ctx.warn(`${file}: plugin "${name}": "module" and "export" are only used with builtin = true; ignored.`);
  }

  if (address !== undefined) {
    entry.address = address;
    if (addresses!.length > 1) entry.addresses = addresses;
    const dns = DNS_TARGET.exec(address);
    if (dns) entry.dnsName = { host: dns[1], port: Number(dns[2]) };
    entry.tls = parsePluginTls(file, name, t.tls, ctx.home);
  }

  if (binary !== undefined) {
    entry.binary = resolvePluginPath(ctx.home, binary);
    entry.args = args ?? [];
    entry.env = env ?? {};
    const badName = inheritEnv?.find((item) => !ENVIRONMENT_NAME.test(item));
    if (badName !== undefined) {
      fail(`"inherit_env": ${JSON.stringify(badName.slice(0, 64))} is not a variable name; list names, like ["AWS_PROFILE"].`);
    }
    entry.inheritEnv = inheritEnv ?? [];
    entry.autoStart = autoStart ?? true;
    if (replicas !== undefined && replicas > 1) entry.replicas = replicas;
    if (handshake === false) entry.handshake = false;
    if (entry.enabled) {
      const problem = launchProblem(entry.binary);
      if (problem) fail(`"binary": ${problem}.`);
    }
  } else if ([args, env, inheritEnv, autoStart, handshake, replicas].some((value) => value !== undefined)) {
    ctx.warn(
      `${file}: plugin "${name}": "args", "env", "inherit_env", "auto_start", "handshake" and "replicas" are only used with "binary"; ignored.`,
    );
  }
  return entry;
}

/**
 * `address`: one "host:port", an array of them, or grpc-js's list form
 * ("ipv4:127.0.0.1:9001,127.0.0.1:9002"): the replicas of a plugin reached at several addresses.
 */
function readAddresses(value: unknown, fail: (detail: string) => never): string[] | undefined {
  if (value === undefined) return undefined;
  const hint = 'for example "localhost:9001", ["10.0.0.5:9001", "10.0.0.6:9001"], "ipv4:127.0.0.1:9001,127.0.0.1:9002" or "dns:///plugin.ns.svc:9001"';
  let list: unknown[];
  if (typeof value === 'string' && DNS_TARGET.test(value)) return [value];
  if (Array.isArray(value)) list = value;
  else if (typeof value === 'string' && /^ipv[46]:/.test(value)) list = value.slice(5).split(',');
  else list = [value];
  if (list.length === 0) fail(`"address" must name at least one "host:port" (${hint}).`);
  for (const item of list) {
    if (typeof item !== 'string' || !ADDRESS.test(item)) {
      fail(`"address" must be "host:port", or several of them (${hint}); got ${describe(item)}.`);
    }
  }
  if (new Set(list).size !== list.length) fail(`"address" lists an address twice.`);
  return list as string[];
}

/** Typed reads of one table's keys; a wrong type names the key and what it must be. */
class TableReader {
  constructor(
    private readonly table: Record<string, unknown>,
    private readonly fail: (detail: string) => never,
  ) {}

  string(key: string): string | undefined {
    const value = this.table[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') this.fail(`"${key}" must be a non-empty string, got ${describe(value)}.`);
    return value as string;
  }

  boolean(key: string): boolean | undefined {
    const value = this.table[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') this.fail(`"${key}" must be true or false (no quotes), got ${describe(value)}.`);
    return value as boolean;
  }

  integer(key: string, zeroAllowed: boolean): number | undefined {
    const value = this.table[key];
    if (value === undefined) return undefined;
    const min = zeroAllowed ? 0 : 1;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      this.fail(`"${key}" must be a whole number of at least ${min}, got ${describe(value)}.`);
    }
    return value as number;
  }

  strings(key: string, example: string): string[] | undefined {
    const value = this.table[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      this.fail(`"${key}" must be an array of strings, like ${example}.`);
    }
    return value as string[];
  }

  /** Values of `env` may be secrets: a wrong type is reported by key only. */
  stringTable(key: string): Record<string, string> | undefined {
    const value = this.table[key];
    if (value === undefined) return undefined;
    if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
      this.fail(`"${key}" must be a table of strings, like ${key} = { API_URL = "https://..." }.`);
    }
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      if (typeof item !== 'string') this.fail(`"${key}.${name}" must be a string (quote it).`);
    }
    return value as Record<string, string>;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (value !== null && typeof value === 'object') return 'a table';
  return `${typeof value === 'number' && !Number.isInteger(value) ? 'the float' : `the ${typeof value}`} ${String(value)}`;
}
