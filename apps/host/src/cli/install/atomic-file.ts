import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A temporary name beside `file`, in the same folder, so that a rename onto `file` is atomic. */
export function siblingTemp(file: string, purpose: string): string {
  return join(dirname(file), `.${basename(file)}.${purpose}-${randomBytes(4).toString('hex')}`);
}

/** Copies `source` to a temporary file beside `target`, with `mode`; the caller renames or removes it. */
export function copyToTemp(source: string, target: string, mode: number): string {
  const temp = siblingTemp(target, 'installing');
  copyFileSync(source, temp);
  chmodSync(temp, mode);
  return temp;
}
