import * as grpc from '@grpc/grpc-js';
import {
  AttestationStoreUnavailableError,
  InvalidAttestationError,
  InvalidAttestationQueryError,
  PluginLogger,
  ServiceRegistry,
} from '@qntx/domains';
import { HOST_TOKEN_METADATA_KEY } from '../plugin-grpc.constants';
import { HostServiceTokens } from './host-service-tokens';
import { attestationFromWire, attestationToWire, queryFromWire } from './attestation.mapping';
import {
  WireAttestationPage,
  WireAttestationQuery,
  WireCountAttestationsResponse,
  WireGetConfigResponse,
  WireLogLevel,
  WireLogRequest,
  WirePutAttestationsRequest,
  WirePutAttestationsResponse,
} from './host-services.types';

/** More records than this in one PutAttestations is refused: send batches. */
export const MAX_RECORDS_PER_PUT = 10_000;
/** Longer log messages are cut, so one plugin cannot flood the host's log with one line. */
const MAX_LOG_MESSAGE_CHARS = 16 * 1024;

const LEVELS: Record<WireLogLevel, keyof PluginLogger> = {
  [WireLogLevel.INFO]: 'info',
  [WireLogLevel.DEBUG]: 'debug',
  [WireLogLevel.WARN]: 'warn',
  [WireLogLevel.ERROR]: 'error',
};

/**
 * The HostServices methods over a ServiceRegistry. The caller's token names the plugin; every
 * service is asked for with that name and nothing the request says, so a plugin logs, reads
 * config and writes attestations only as itself.
 */
export function hostServicesImplementation(
  services: ServiceRegistry,
  tokens: HostServiceTokens,
): grpc.UntypedServiceImplementation {
  const unary =
    <Req, Res>(handler: (plugin: string, request: Req) => Promise<Res>): grpc.handleUnaryCall<Req, Res> =>
    (call, callback) => {
      const [given] = call.metadata.get(HOST_TOKEN_METADATA_KEY);
      const plugin = tokens.pluginOf(typeof given === 'string' ? given : undefined);
      if (!plugin) {
        return callback({ code: grpc.status.UNAUTHENTICATED, details: 'missing or unknown host-services token' });
      }
      handler(plugin, call.request).then(
        (response) => callback(null, response),
        (error: unknown) => callback(toStatus(error)),
      );
    };

  return {
    Log: unary<WireLogRequest, object>(async (plugin, request) => {
      const level = LEVELS[request.level] ?? 'info';
      const message = request.message.length > MAX_LOG_MESSAGE_CHARS ? `${request.message.slice(0, MAX_LOG_MESSAGE_CHARS)}…` : request.message;
      services.logger(plugin)[level](message, parseFields(request.fields_json));
      return {};
    }),
    GetConfig: unary<object, WireGetConfigResponse>(async (plugin) => ({ config: services.config(plugin).toRecord() })),
    PutAttestations: unary<WirePutAttestationsRequest, WirePutAttestationsResponse>(async (plugin, request) => {
      if (request.records.length > MAX_RECORDS_PER_PUT) {
        throw new InvalidAttestationQueryError('records', `holds ${request.records.length} records; send at most ${MAX_RECORDS_PER_PUT} per call.`);
      }
      const records = request.records.map((record) => attestationFromWire(record, false));
      return services.attestations(plugin).put(records);
    }),
    QueryAttestations: unary<WireAttestationQuery, WireAttestationPage>(async (plugin, request) => {
      const page = await services.attestations(plugin).query(queryFromWire(request));
      return { records: page.records.map(attestationToWire), next_cursor: page.nextCursor ?? '' };
    }),
    CountAttestations: unary<WireAttestationQuery, WireCountAttestationsResponse>(async (plugin, request) => {
      const { limit: _limit, cursor: _cursor, ...filter } = queryFromWire(request);
      return { count: String(await services.attestations(plugin).count(filter)) };
    }),
  };
}

function parseFields(json: string): Record<string, unknown> | undefined {
  if (!json) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { fields: parsed };
  } catch {
    return { fields: json };
  }
}

function toStatus(error: unknown): Partial<grpc.StatusObject> {
  const details = error instanceof Error ? error.message : String(error);
  if (error instanceof InvalidAttestationError || error instanceof InvalidAttestationQueryError) {
    return { code: grpc.status.INVALID_ARGUMENT, details };
  }
  if (error instanceof AttestationStoreUnavailableError) return { code: grpc.status.FAILED_PRECONDITION, details };
  return { code: grpc.status.INTERNAL, details };
}
