import { CommandOutputSink } from '@qntx/domains';
import { CliIo } from '../cli-options.interface';
import { ProgressSpinner } from './progress-spinner';

/**
 * Where a plugin command's output goes: the CLI's own stdout and stderr, byte for byte, each
 * chunk as soon as it arrives; a progress spinner on a terminal while the command is quiet.
 */
export class CommandOutputWriter implements CommandOutputSink {
  private readonly spinner: ProgressSpinner | null;

  constructor(
    private readonly io: CliIo,
    label: string,
  ) {
    this.spinner = io.progress ? new ProgressSpinner(io.stderr, label) : null;
    this.spinner?.start();
  }

  stdout(chunk: string): void {
    this.write(this.io.stdout, chunk);
  }

  stderr(chunk: string): void {
    this.write(this.io.stderr, chunk);
  }

  close(): void {
    this.spinner?.stop();
  }

  private write(stream: NodeJS.WritableStream, chunk: string): void {
    if (chunk.length === 0) return;
    this.spinner?.beforeOutput(chunk);
    stream.write(Buffer.from(chunk, 'utf8'));
  }
}
