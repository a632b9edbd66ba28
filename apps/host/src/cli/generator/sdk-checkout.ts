import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SdkCheckoutNotFoundError } from '../errors/sdk-checkout-not-found.error';
import { ENV_SDK_DIR } from './generator.constants';

/** A checkout of this project: the SDK sources a generated plugin compiles against, and the versions it uses. */
export interface SdkCheckout {
  root: string;
  /** Every dependency of the checkout's package.json with its version range. */
  versions: Record<string, string>;
}

const MARKERS = ['package.json', join('proto', 'domain.proto'), join('libs', 'plugin-grpc', 'src', 'index.ts')];

/**
 * Until the SDK is published, a generated plugin project compiles the SDK from the checkout the
 * CLI runs from: found by walking up from the CLI bundle (or QNTX_SDK_DIR).
 */
export function findSdkCheckout(env: NodeJS.ProcessEnv = process.env): SdkCheckout {
  const override = env[ENV_SDK_DIR];
  const starts = override ? [override] : [__dirname, dirname(process.argv[1] ?? ''), process.cwd()];
  for (const start of starts) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      if (MARKERS.every((marker) => existsSync(join(dir, marker)))) return readCheckout(dir);
      if (override || dirname(dir) === dir) break;
    }
  }
  throw new SdkCheckoutNotFoundError(override ?? __dirname);
}

function readCheckout(root: string): SdkCheckout {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return { root, versions: { ...pkg.devDependencies, ...pkg.dependencies } };
}
