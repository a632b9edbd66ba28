import { REQUEST_CONTEXT_IDLE_MS, currentRequestId, runWithRequestId } from './request-context';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('request context', () => {
  it('carries the request id across awaits, and none outside a request', async () => {
    await runWithRequestId('req-1', async () => {
      await sleep(1);
      expect(currentRequestId()).toBe('req-1');
    });
    expect(currentRequestId()).toBeUndefined();
  });

  it('switches itself off once no request has begun for a while, and carries ids again at the next request', async () => {
    await runWithRequestId('req-2', async () => undefined);
    await sleep(REQUEST_CONTEXT_IDLE_MS + 300);
    expect(currentRequestId()).toBeUndefined();
    await runWithRequestId('req-3', async () => {
      await sleep(1);
      expect(currentRequestId()).toBe('req-3');
    });
  }, REQUEST_CONTEXT_IDLE_MS * 3);

  it('stays on while requests keep beginning', async () => {
    const seen: (string | undefined)[] = [];
    const until = Date.now() + REQUEST_CONTEXT_IDLE_MS + 500;
    let n = 0;
    while (Date.now() < until) {
      const id = `req-${++n}`;
      await runWithRequestId(id, async () => {
        await sleep(20);
        seen.push(currentRequestId() === id ? 'ok' : currentRequestId());
      });
    }
    expect(seen.every((s) => s === 'ok')).toBe(true);
  }, REQUEST_CONTEXT_IDLE_MS * 3);
});
