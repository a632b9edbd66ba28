import { isSendableCloseCode, sendableClose } from './websocket-close-codes';

describe('WebSocket close codes', () => {
  it('knows which codes may go into a close frame', () => {
    expect([1000, 1001, 1008, 1009, 1011, 1014, 3000, 4404, 4999].every(isSendableCloseCode)).toBe(true);
    expect([999, 1004, 1005, 1006, 1015, 2000, 5000, 1000.5].some(isSendableCloseCode)).toBe(false);
  });

  it('replaces an unsendable code and cuts the reason to 123 bytes of UTF-8', () => {
    expect(sendableClose(1006, 'lost', 1011)).toEqual({ code: 1011, reason: 'lost' });
    const long = sendableClose(4000, 'é'.repeat(100), 1011);
    expect(Buffer.byteLength(long.reason)).toBeLessThanOrEqual(123);
    expect(long.reason.endsWith('...')).toBe(true);
  });
});
