/** Header keys of `WebSocketMessage` (see the comment above it in proto/domain.proto). */
export const WS_HEADER_PATH = ':path';
export const WS_HEADER_QUERY = ':query';
export const WS_HEADER_KIND = 'kind';
export const WS_HEADER_CODE = 'code';
export const WS_HEADER_REASON = 'reason';

/**
 * How long the side that closes waits for the other side to end the stream before cancelling
 * it: a well-behaved peer ends at once; a stuck one must not hold the stream open.
 */
export const WS_CLOSE_GRACE_MS = 2000;

/**
 * Frames a plugin handler may leave unread in its socket before the client is paused: bounds the
 * memory a slow async-iterator consumer costs.
 */
export const WS_HANDLER_QUEUE_FRAMES = 64;
