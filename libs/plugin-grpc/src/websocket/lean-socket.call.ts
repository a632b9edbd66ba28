import { EventEmitter } from 'node:events';
import { H2GrpcCall } from '../client/h2/h2-grpc.call';
import { SocketClientCall } from './socket-client-call.interface';
import { SocketWireEvent, decodeSocketMessage, encodeSocketMessage } from './websocket-message.codec';

/**
 * A `HandleWebSocket` call on a raw HTTP/2 stream (`H2GrpcCall`): each frame is encoded straight
 * to protobuf bytes and framed, with none of grpc-js's per-message layers (interceptors, retry
 * buffer, resolving and load-balancing calls, Node object streams), which cost the host more per
 * frame than the rest of its WebSocket path.
 */
export class LeanSocketCall extends EventEmitter implements SocketClientCall {
  private ended = false;

  constructor(private readonly call: H2GrpcCall) {
    super();
    call.on('message', (bytes: Buffer) => this.emit('data', decodeSocketMessage(bytes)));
    call.on('drain', () => this.emit('drain'));
    call.once('status', (status) => this.emit('status', status));
  }

  get writableEnded(): boolean {
    return this.ended;
  }

  write(event: SocketWireEvent): boolean {
    return this.call.write(encodeSocketMessage(event));
  }

  end(): void {
    this.ended = true;
    this.call.end();
  }

  pause(): void {
    this.call.pause();
  }

  resume(): void {
    this.call.resume();
  }

  cancel(): void {
    this.call.cancel();
  }
}
