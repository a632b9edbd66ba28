import { join } from 'node:path';

/** The embedded attestation store of a $QNTX_HOME. */
export function attestationsFile(home: string): string {
  return join(home, 'attestations.db');
}
