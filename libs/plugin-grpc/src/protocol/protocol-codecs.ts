import * as protobuf from 'protobufjs';
import { loadDomainProtoRoot } from './domain-proto.source';

/**
 * Precompiled-at-load protobufjs codecs for the messages on the hot path. proto-loader turns every
 * message into a plain object with defaults filled in; these decode straight into message
 * instances (defaults on the prototype) and encode plain objects, which is cheaper per request.
 */
export interface MessageCodec<T> {
  encode(message: T): Uint8Array;
  decode(bytes: Uint8Array): T;
}

let root: protobuf.Root | null = null;

function protocolRoot(): protobuf.Root {
  // From the file when there is one, else from the text embedded in a one-file plugin build.
  root ??= loadDomainProtoRoot();
  return root;
}

/** The codec of one message of proto/domain.proto, e.g. `messageCodec('protocol.HTTPRequest')`. */
export function messageCodec<T>(name: string): MessageCodec<T> {
  const type = protocolRoot().lookupType(name);
  return {
    encode: (message) => type.encode(message as protobuf.Message).finish(),
    decode: (bytes) => type.decode(bytes) as unknown as T,
  };
}
