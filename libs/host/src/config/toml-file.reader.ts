import { readFileSync } from 'node:fs';
import { parse, TomlError } from 'smol-toml';
import { ConfigFileError } from './config-file.error';

/** Reads a TOML file; null when it does not exist; syntax errors name the file, line and column. */
export function readTomlFile(file: string): Record<string, unknown> | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigFileError(file, `cannot be read: ${(error as Error).message}`);
  }
  try {
    return parse(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      throw new ConfigFileError(file, `TOML syntax error at line ${error.line}, column ${error.column}: ${error.message.split('\n')[0]}`);
    }
    throw new ConfigFileError(file, (error as Error).message);
  }
}
