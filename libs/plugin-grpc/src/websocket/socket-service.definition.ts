import * as grpc from '@grpc/grpc-js';
import { decodeSocketMessage, encodeSocketMessage } from './websocket-message.codec';

export const HANDLE_WEBSOCKET_PATH = '/protocol.DomainPluginService/HandleWebSocket';

/**
 * The service definition with `HandleWebSocket` carried by `websocket-message.codec`: its calls
 * read and write `SocketWireEvent`s, encoded straight to and from protobuf bytes, instead of
 * proto-loader's objects (a message object built, defaults filled in and the int64 timestamp
 * turned to and from a string on every frame). The bytes on the wire are the same.
 */
export function withSocketMessageCodec(service: grpc.ServiceDefinition): grpc.ServiceDefinition {
  return {
    ...service,
    HandleWebSocket: {
      ...service.HandleWebSocket,
      requestSerialize: encodeSocketMessage,
      requestDeserialize: decodeSocketMessage,
      responseSerialize: encodeSocketMessage,
      responseDeserialize: decodeSocketMessage,
    },
  };
}
