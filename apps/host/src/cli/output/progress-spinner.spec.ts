import { PassThrough } from 'node:stream';
import { ProgressSpinner } from './progress-spinner';

function terminal(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('ProgressSpinner', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('stays invisible for a command that is quick', () => {
    const { stream, text } = terminal();
    const spinner = new ProgressSpinner(stream, 'waiting', { delayMs: 300, intervalMs: 100 });
    spinner.start();
    jest.advanceTimersByTime(299);
    spinner.stop();
    jest.advanceTimersByTime(1000);
    expect(text()).toBe('');
  });

  it('appears after a quiet spell and is erased before output and at the end', () => {
    const { stream, text } = terminal();
    const spinner = new ProgressSpinner(stream, 'waiting', { delayMs: 300, intervalMs: 100 });
    spinner.start();
    jest.advanceTimersByTime(450);
    expect(text()).toMatch(/\r\x1b\[K. waiting \(0s\)/);
    const shown = text().length;
    spinner.beforeOutput('line\n');
    expect(text().slice(shown)).toBe('\r\x1b[K');
    spinner.stop();
    jest.advanceTimersByTime(1000);
    expect(text().length).toBe(shown + '\r\x1b[K'.length);
  });

  it('does not come back over a partial line the command printed', () => {
    const { stream, text } = terminal();
    const spinner = new ProgressSpinner(stream, 'waiting', { delayMs: 300, intervalMs: 100 });
    spinner.start();
    spinner.beforeOutput('50%...');
    jest.advanceTimersByTime(2000);
    expect(text()).toBe('');
    spinner.beforeOutput(' done\n');
    jest.advanceTimersByTime(400);
    expect(text()).toContain('waiting');
    spinner.stop();
  });
});
