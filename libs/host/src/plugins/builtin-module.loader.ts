import { Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { createRequire } from 'node:module';
import { DomainPlugin, messageOf } from '@qntx/domains';
import { createBuiltinPlugin } from '@qntx/plugin-grpc';
import { ConfigFileError } from '../config/config-file.error';
import { PluginEntry } from '../config/plugin-entry.interface';

/**
 * A `builtin = true` entry: requires the plugin's compiled module file and runs its decorated
 * Nest module inside the host with `createBuiltinPlugin`, the same class it serves over gRPC
 * when it runs as its own process. Problems name the config file, the plugin and the key.
 */
export async function loadBuiltinModule(entry: PluginEntry, configFile: string): Promise<DomainPlugin> {
  const file = entry.module!;
  const fail = (key: string, detail: string): never => {
    throw new ConfigFileError(configFile, `plugin "${entry.name}": "${key}": ${detail}`);
  };
  let exported: Record<string, unknown> = {};
  try {
    // The host's own `require` is webpack's; a plugin's file is loaded by Node itself.
    exported = createRequire(file)(file) as Record<string, unknown>;
  } catch (error) {
    fail('module', `${file} could not be loaded: ${messageOf(error)}`);
  }
  const pluginModule = pickModule(exported, entry.exportName, fail);
  let plugin: DomainPlugin | undefined;
  try {
    plugin = await createBuiltinPlugin(pluginModule);
  } catch (error) {
    fail('module', `${file} did not start as a plugin: ${messageOf(error)}`);
  }
  const actual = plugin!.metadata().name;
  if (actual !== entry.name) {
    await plugin!.shutdown().catch(() => undefined);
    fail('module', `${file} holds the plugin "${actual}", not "${entry.name}".`);
  }
  return plugin!;
}

function pickModule(
  exported: Record<string, unknown>,
  exportName: string | undefined,
  fail: (key: string, detail: string) => never,
): Type<unknown> {
  if (exportName !== undefined) {
    const value = exported[exportName];
    if (typeof value !== 'function') {
      fail('export', `the module exports no class "${exportName}" (it exports: ${Object.keys(exported).join(', ') || 'nothing'}).`);
    }
    return value as Type<unknown>;
  }
  const modules = Object.entries(exported).filter(([, value]) => isNestModule(value));
  if (modules.length !== 1) {
    fail(
      'export',
      modules.length === 0
        ? 'the module file exports no Nest module (a class with @Module()).'
        : `the module file exports several Nest modules (${modules.map(([name]) => name).join(', ')}); set export = "<name>".`,
    );
  }
  return modules[0][1] as Type<unknown>;
}

function isNestModule(value: unknown): boolean {
  if (typeof value !== 'function') return false;
  return Object.values(MODULE_METADATA).some((key) => Reflect.getMetadata(key, value) !== undefined);
}
