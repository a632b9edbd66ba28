import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_VERSION } from './host.constants';

describe('HOST_VERSION', () => {
  it('is the version in package.json, so plugins are checked against the released version', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(HOST_VERSION).toBe(pkg.version);
  });
});
