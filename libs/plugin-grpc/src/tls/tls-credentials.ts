import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { PluginServerTlsOptions, PluginTlsOptions } from '../interfaces/plugin-tls-options.interface';
import { TlsFileError, TlsSettingsError } from '../errors/tls-file.error';

function readPem(setting: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new TlsFileError(setting, file, error);
  }
}

/** Channel credentials for a client: insecure without TLS options, TLS or mutual TLS with them. */
export function clientCredentials(tls: PluginTlsOptions | undefined): grpc.ChannelCredentials {
  if (!tls) return grpc.credentials.createInsecure();
  if (Boolean(tls.certFile) !== Boolean(tls.keyFile)) {
    throw new TlsSettingsError('A client certificate needs its key and a key needs its certificate: set both certFile and keyFile, or neither.');
  }
  return grpc.credentials.createSsl(
    tls.caFile ? readPem('CA', tls.caFile) : null,
    tls.keyFile ? readPem('client key', tls.keyFile) : null,
    tls.certFile ? readPem('client certificate', tls.certFile) : null,
  );
}

/** Channel options that make the TLS handshake verify `serverName` instead of the address's host. */
export function clientTlsChannelOptions(tls: PluginTlsOptions | undefined): grpc.ChannelOptions {
  if (!tls?.serverName) return {};
  return { 'grpc.ssl_target_name_override': tls.serverName, 'grpc.default_authority': tls.serverName };
}

/** Server credentials: insecure without TLS options; mutual TLS when a client CA is given. */
export function serverCredentials(tls: PluginServerTlsOptions | undefined): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  const clientCa = tls.clientCaFile ? readPem('client CA', tls.clientCaFile) : null;
  return grpc.ServerCredentials.createSsl(
    clientCa,
    [{ cert_chain: readPem('certificate', tls.certFile), private_key: readPem('key', tls.keyFile) }],
    clientCa !== null,
  );
}
