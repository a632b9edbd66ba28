import { compileWatchGlob } from './watch-glob';
import { WorkspaceEscapeError } from './workspace-escape.error';

describe('compileWatchGlob', () => {
  it('matches workspace-relative paths', () => {
    const matches = compileWatchGlob('src/**/*.ts');
    expect(matches('src/a.ts')).toBe(true);
    expect(matches('src/deep/er/b.ts')).toBe(true);
    expect(matches('README.md')).toBe(false);
    expect(compileWatchGlob('./*.md')('README.md')).toBe(true);
    expect(compileWatchGlob('  ')('any/thing')).toBe(true);
  });

  it.each(['../**', 'src/../../x', '/etc/*', 'C:/x', 'a\0b', '..\\x'])('refuses %j, which leaves the workspace', (glob) => {
    expect(() => compileWatchGlob(glob)).toThrow(WorkspaceEscapeError);
  });
});
