import { CommandDefinition, FlagDefinition, FlagType, HttpHeaders, Metadata } from '@qntx/domains';
import { WireCommandDefinition, WireFlagDefinition, WireHttpHeader, WireMetadataResponse } from './protocol.types';

export function headersToWire(headers: HttpHeaders): WireHttpHeader[] {
  return Object.entries(headers).map(([name, values]) => ({ name, values }));
}

/** Wire headers to a record; names are lower-cased and repeated names merged. */
export function headersFromWire(headers: WireHttpHeader[]): HttpHeaders {
  const out: HttpHeaders = {};
  for (const { name, values } of headers) {
    const key = name.toLowerCase();
    (out[key] ??= []).push(...values);
  }
  return out;
}

export function commandToWire(definition: CommandDefinition): WireCommandDefinition {
  return {
    name: definition.name,
    description: definition.description,
    subcommands: definition.subcommands.map((sub) => sub.name),
    flags: definition.flags.map(flagToWire),
    children: definition.subcommands.map(commandToWire),
  };
}

/**
 * Wire command to our definition. A peer without the `children` extension sends only the usage
 * lines of the first level: they become leaf nodes, so the first level is still offered.
 */
export function commandFromWire(wire: WireCommandDefinition): CommandDefinition {
  const subcommands =
    wire.children.length > 0
      ? wire.children.map(commandFromWire)
      : wire.subcommands.map((name) => ({ name, description: '', flags: [], subcommands: [] }));
  return { name: wire.name, description: wire.description, flags: wire.flags.map(flagFromWire), subcommands };
}

function flagToWire(flag: FlagDefinition): WireFlagDefinition {
  return {
    name: flag.name,
    short: flag.short,
    description: flag.description,
    type: flag.type,
    default_value: flag.defaultValue,
    repeated: flag.repeated,
  };
}

function flagFromWire(flag: WireFlagDefinition): FlagDefinition {
  const type: FlagType = flag.type === 'int' || flag.type === 'bool' ? flag.type : 'string';
  return {
    name: flag.name,
    short: flag.short,
    description: flag.description,
    type,
    defaultValue: flag.default_value,
    repeated: flag.repeated,
  };
}

export function metadataFromWire(wire: WireMetadataResponse): Metadata {
  return {
    name: wire.name,
    version: wire.version,
    qntxVersion: wire.qntx_version,
    description: wire.description,
    author: wire.author,
    license: wire.license,
  };
}
