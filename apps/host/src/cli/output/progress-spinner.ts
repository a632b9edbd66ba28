const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\x1b[K';

export interface SpinnerTiming {
  /** Quiet time before the spinner appears, so fast commands never show it. */
  delayMs: number;
  intervalMs: number;
}

/**
 * A one-line spinner on a terminal's stderr while a command is quiet. Output always wins: the
 * spinner is erased before any output is written, and comes back only after a quiet spell and
 * only at the start of a line, so it never overwrites a partial line the command printed.
 */
export class ProgressSpinner {
  private frame = 0;
  private visible = false;
  private atLineStart = true;
  private startedAt = Date.now();
  private delay: NodeJS.Timeout | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly label: string,
    private readonly timing: SpinnerTiming = { delayMs: 300, intervalMs: 100 },
  ) {}

  start(): void {
    this.startedAt = Date.now();
    this.schedule();
  }

  /** Call before writing output; `text` is what is about to be written. */
  beforeOutput(text: string): void {
    this.hide();
    if (text.length > 0) this.atLineStart = text.endsWith('\n');
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.hide();
  }

  private schedule(): void {
    if (this.delay) clearTimeout(this.delay);
    if (this.stopped) return;
    this.delay = setTimeout(() => this.show(), this.timing.delayMs);
    this.delay.unref();
  }

  private show(): void {
    if (this.stopped || !this.atLineStart) return;
    this.visible = true;
    this.draw();
    this.ticker = setInterval(() => this.draw(), this.timing.intervalMs);
    this.ticker.unref();
  }

  private draw(): void {
    const seconds = Math.floor((Date.now() - this.startedAt) / 1000);
    this.frame = (this.frame + 1) % FRAMES.length;
    this.stream.write(`${CLEAR_LINE}${FRAMES[this.frame]} ${this.label} (${seconds}s)`);
  }

  private hide(): void {
    if (this.delay) clearTimeout(this.delay);
    if (this.ticker) clearInterval(this.ticker);
    this.delay = null;
    this.ticker = null;
    if (this.visible) this.stream.write(CLEAR_LINE);
    this.visible = false;
  }
}
