import { CommandDefinition, FlagDefinition, FlagType, HttpHeaders, Metadata } from '@qntx/domains';
import { WireCommandDefinition, WireFlagDefinition, WireHttpHeader, WireMetadataResponse } from './protocol.types';

export function headersToWire(headers: HttpHeaders): WireHttpHeader[] {
  return Object.entries(headers).map(([name, values]) => ({ name, values }));
}

/**
 * Headers for a peer that reads them as the reference's map<string,string>, which keeps one value
 * per name (the last on the wire): repeated values joined as HTTP allows, with ", ", and cookies
 * with "; " (RFC 6265). Set-Cookie, which cannot be joined, occurs only in responses.
 */
export function joinedHeadersToWire(headers: HttpHeaders): WireHttpHeader[] {
  return Object.entries(headers).map(([name, values]) => ({
    name,
    values: values.length > 1 ? [values.join(name.toLowerCase() === 'cookie' ? '; ' : ', ')] : values,
  }));
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

/** Set on a subcommand known only by its usage line (see `isUndescribedSubcommand`). */
const UNDESCRIBED = Symbol.for('qntx.undescribedSubcommand');

/**
 * Wire command to our definition. A peer without the `children` extension sends only the usage
 * lines of the first level: they become leaf nodes, marked undescribed, so the first level is
 * still offered.
 */
export function commandFromWire(wire: WireCommandDefinition): CommandDefinition {
  const subcommands =
    wire.children.length > 0
      ? wire.children.map(commandFromWire)
      : wire.subcommands.map((name) => ({ name, description: '', flags: [], subcommands: [], [UNDESCRIBED]: true }));
  return { name: wire.name, description: wire.description, flags: wire.flags.map(flagFromWire), subcommands };
}

/**
 * Whether a plugin listed this subcommand only by its usage line, as the reference protocol does:
 * its own flags and subcommands are unknown, so a command line for it passes to the plugin as it
 * is, in the reference form (the top-level command, and the rest of the line as arguments).
 */
export function isUndescribedSubcommand(node: CommandDefinition): boolean {
  return (node as CommandDefinition & { [UNDESCRIBED]?: boolean })[UNDESCRIBED] === true;
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
