import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Finds the `proto/` folder at run time: the app may run from `dist/apps/<app>/` (bundled), from
 * `dist/...` (tsc) or from source under ts-jest, so walk up from here until it appears.
 * `QNTX_PROTO_DIR` overrides the search for installs that keep the protos elsewhere. Null when
 * there is none: a one-file plugin then uses the texts it carries (see embedded-protos.ts).
 */
export function findProtoDir(file = 'domain.proto'): string | null {
  const override = process.env.QNTX_PROTO_DIR;
  if (override && existsSync(join(override, file))) return resolve(override);
  const starts = [__dirname, dirname(process.argv[1] ?? ''), process.cwd()];
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, 'proto');
      if (existsSync(join(candidate, file))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return null;
}

/** Like `findProtoDir`, but a missing folder is an error that says what to do. */
export function resolveProtoDir(file = 'domain.proto'): string {
  const dir = findProtoDir(file);
  if (dir !== null) return dir;
  throw new Error(
    `Cannot find proto/${file} above ${__dirname} or ${process.cwd()}. ` +
      'Set QNTX_PROTO_DIR to the folder that holds it.',
  );
}
