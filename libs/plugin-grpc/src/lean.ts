/**
 * The part of the SDK that loads without Nest, grpc-js, protobufjs or proto-loader
 * (`@qntx/plugin-grpc/lean`): a plugin's commands over the lean HTTP/2 client, for a short-lived
 * process that must start fast, the CLI's fast path (apps/host/src/cli/fast/). A module imported
 * from here and from index.ts is the same module.
 */
export { H2CommandsProxy } from './client/h2/h2-commands.proxy';
export type { H2CommandsProxyOptions } from './client/h2/h2-commands.proxy';
export { H2CommandClient } from './client/h2/h2-command.client';
export type { H2CommandClientOptions } from './client/h2/h2-command.client';
export { PluginNameMismatchError } from './errors/plugin-name-mismatch.error';
export { isUndescribedSubcommand } from './protocol/protocol.mapping';
export { DEFAULT_MAX_MESSAGE_BYTES, TOKEN_METADATA_KEY } from './plugin-grpc.constants';
