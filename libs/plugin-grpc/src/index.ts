export * from './decorators';
export * from './interfaces/plugin-options.interface';
export * from './interfaces/plugin-context.interface';
export * from './interfaces/plugin-tls-options.interface';
export { PluginSocketConnection } from './interfaces/plugin-socket.interface';
export { PluginDefinition } from './interfaces/plugin-definition.interface';
export { PluginSdkModule } from './plugin-sdk.module';
export { PluginExplorer } from './plugin.explorer';
export { PluginResponse, ServerSentEvent } from './adapter/plugin-response';
export { DecoratedDomainPlugin } from './adapter/decorated-domain-plugin';
export { createBuiltinPlugin } from './adapter/builtin-plugin.loader';
export { PluginServer, PluginServerOptions } from './server/plugin-server';
export { PluginFactory, PluginCreateOptions, RunningPlugin } from './server/plugin-factory';
export { parsePluginArgs, PluginListenArgs } from './server/plugin-cli-args';
export { StructuredLogger, StructuredLoggerOptions } from './logging/structured-logger';
export { resolveLogSettings, LogFormat, LogLevelName, LogSettings, ENV_LOG_FORMAT, ENV_LOG_LEVEL } from './logging/log-settings';
export {
  currentRequestId,
  runWithRequestId,
  REQUEST_ID_HEADER,
  REQUEST_ID_METADATA_KEY,
} from './logging/request-context';
export { InvalidLogSettingError } from './errors/invalid-log-setting.error';
export { PluginClient, PluginClientOptions } from './client/plugin-client';
export { ExternalDomainProxy, ExternalDomainProxyOptions } from './client/external-domain-proxy';
export * from './host-services';
export { resolveProtoDir } from './protocol/proto-path';
export { loadDomainService, DOMAIN_SERVICE_NAME } from './protocol/protocol.loader';
export * from './protocol/protocol.types';
export { PROTOCOL_EXTENSIONS, ProtocolExtension } from './protocol/protocol-extensions';
export { isUndescribedSubcommand } from './protocol/protocol.mapping';
export { MissingPluginError, MultiplePluginsError } from './errors/plugin-discovery.errors';
export { PluginNameMismatchError } from './errors/plugin-name-mismatch.error';
export { InvalidFlagValueError } from './errors/invalid-flag-value.error';
export { TlsFileError, TlsSettingsError } from './errors/tls-file.error';
export { DuplicateSocketPathError } from './errors/duplicate-socket-path.error';
export { StreamedBodyError } from './errors/streamed-body.error';
export {
  DEFAULT_PLUGIN_PORT,
  ENV_PLUGIN_TOKEN,
  ENV_PLUGIN_HANDSHAKE,
  ENV_PLUGIN_TLS_CERT,
  ENV_PLUGIN_TLS_KEY,
  ENV_PLUGIN_TLS_CLIENT_CA,
  ENV_PLUGIN_HEALTH_ADDRESS,
  ENV_PLUGIN_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_MESSAGE_BYTES,
  HANDSHAKE_PREFIX,
  TOKEN_METADATA_KEY,
  HOST_TOKEN_METADATA_KEY,
} from './plugin-grpc.constants';
