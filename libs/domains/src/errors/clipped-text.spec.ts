import { clipped } from './clipped-text';

describe('clipped', () => {
  it('keeps a short text whole', () => {
    expect(clipped('code')).toBe('code');
  });

  it('shows the start of a long text and its length', () => {
    expect(clipped('a'.repeat(100_000))).toBe(`${'a'.repeat(64)}… (100000 characters)`);
  });
});
