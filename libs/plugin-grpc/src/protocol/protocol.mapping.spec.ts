import { headersToWire, joinedHeadersToWire } from './protocol.mapping';

describe('request headers on the wire', () => {
  const headers = { 'x-multi': ['one', 'two'], cookie: ['a=1', 'b=2'], accept: ['*/*'] };

  it('keep repeated values apart for a plugin that declares http-header-values', () => {
    expect(headersToWire(headers)).toContainEqual({ name: 'x-multi', values: ['one', 'two'] });
  });

  it('are joined for a reference plugin, whose map keeps one value per name: ", ", and "; " for cookies', () => {
    expect(joinedHeadersToWire(headers)).toEqual([
      { name: 'x-multi', values: ['one, two'] },
      { name: 'cookie', values: ['a=1; b=2'] },
      { name: 'accept', values: ['*/*'] },
    ]);
  });
});
