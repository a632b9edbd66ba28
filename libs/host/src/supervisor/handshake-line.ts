import { HANDSHAKE_PREFIX } from '@qntx/plugin-grpc';

/** The handshake protocol version this host speaks (the line's first field). */
export const HANDSHAKE_CORE_VERSION = '1';

export type HandshakeParse = { address: string } | { problem: string } | null;

/**
 * Reads `QNTX_PLUGIN|<core>|<app>|tcp|<host:port>|grpc`. Null when the line is not a handshake
 * (ordinary output); a problem when it is one this host cannot use. A plugin that bound a
 * wildcard address is reached over loopback.
 */
export function parseHandshakeLine(line: string): HandshakeParse {
  if (!line.startsWith(`${HANDSHAKE_PREFIX}|`)) return null;
  const parts = line.trim().split('|');
  if (parts.length !== 6) return { problem: `malformed handshake line (expected 6 fields): ${line.slice(0, 200)}` };
  const [, core, , network, address, protocol] = parts;
  if (core !== HANDSHAKE_CORE_VERSION) {
    return { problem: `handshake protocol version ${core} is not supported (this host speaks ${HANDSHAKE_CORE_VERSION})` };
  }
  if (network !== 'tcp') return { problem: `handshake network "${network}" is not supported (only tcp)` };
  if (protocol !== 'grpc') return { problem: `handshake protocol "${protocol}" is not supported (only grpc)` };
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(address);
  if (!match) return { problem: `handshake address "${address}" is not host:port` };
  return { address: `${loopbackFor(match[1])}:${match[2]}` };
}

function loopbackFor(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '[::]') return '[::1]';
  return host;
}
