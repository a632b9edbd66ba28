import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTransaction } from './file-transaction';

describe('FileTransaction', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'qntx-tx-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string): string => join(dir, name);

  it('puts every file back as it was on rollback, and leaves no temporary file', () => {
    writeFileSync(file('a'), 'old a');
    writeFileSync(file('gone'), 'still here');
    writeFileSync(file('new-a'), 'new a');
    const tx = new FileTransaction();
    tx.replace(file('a'), file('new-a'));
    tx.write(file('b'), 'created');
    tx.remove(file('gone'));
    expect(readFileSync(file('a'), 'utf8')).toBe('new a');
    expect(existsSync(file('gone'))).toBe(false);
    tx.rollback();
    expect(readFileSync(file('a'), 'utf8')).toBe('old a');
    expect(readFileSync(file('gone'), 'utf8')).toBe('still here');
    expect(readdirSync(dir).sort()).toEqual(['a', 'gone']);
  });

  it('keeps the changes on commit and drops the old copies', () => {
    writeFileSync(file('a'), 'old a');
    writeFileSync(file('gone'), 'x');
    const tx = new FileTransaction();
    tx.write(file('a'), 'new a');
    tx.remove(file('gone'));
    tx.commit();
    expect(readdirSync(dir)).toEqual(['a']);
    expect(readFileSync(file('a'), 'utf8')).toBe('new a');
  });

  it('keeps the mode of a file it rewrites (am.plugins.toml may be private)', () => {
    writeFileSync(file('private'), 'token');
    chmodSync(file('private'), 0o600);
    const tx = new FileTransaction();
    tx.write(file('private'), 'other token');
    tx.write(file('fresh'), 'x');
    tx.commit();
    expect(statSync(file('private')).mode & 0o777).toBe(0o600);
    expect(statSync(file('fresh')).mode & 0o777).toBe(0o644);
  });
});
