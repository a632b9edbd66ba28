import { closestNames, levenshtein } from './closest-names';

describe('closestNames', () => {
  it('measures edits', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('code', 'code')).toBe(0);
  });

  it('suggests near names, nearest first', () => {
    expect(closestNames('cdoe', ['code', 'plugins', 'finance'])).toEqual(['code']);
    expect(closestNames('migrat', ['migrate', 'status'])).toEqual(['migrate']);
    expect(closestNames('plug', ['plugins', 'code'])).toEqual(['plugins']);
  });

  it('still names the nearest when none is near, so there is always something to try', () => {
    expect(closestNames('nosuch', ['code', 'plugins', 'help'])).toEqual(['code']);
  });

  it('returns nothing without candidates', () => {
    expect(closestNames('x', [])).toEqual([]);
  });
});
