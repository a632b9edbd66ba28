import { parseHandshakeLine } from './handshake-line';

describe('parseHandshakeLine', () => {
  it('reads the address of a version 1 gRPC handshake', () => {
    expect(parseHandshakeLine('QNTX_PLUGIN|1|1|tcp|127.0.0.1:40123|grpc')).toEqual({ address: '127.0.0.1:40123' });
  });

  it('reaches a plugin bound to a wildcard address over loopback', () => {
    expect(parseHandshakeLine('QNTX_PLUGIN|1|1|tcp|0.0.0.0:5000|grpc')).toEqual({ address: '127.0.0.1:5000' });
    expect(parseHandshakeLine('QNTX_PLUGIN|1|1|tcp|[::]:5000|grpc')).toEqual({ address: '[::1]:5000' });
  });

  it('ignores ordinary output', () => {
    expect(parseHandshakeLine('[Nest] 123 - LOG starting')).toBeNull();
    expect(parseHandshakeLine('QNTX_PLUGINS are great')).toBeNull();
  });

  it.each([
    ['another protocol version', 'QNTX_PLUGIN|2|1|tcp|127.0.0.1:1|grpc', /version 2 is not supported/],
    ['another network', 'QNTX_PLUGIN|1|1|unix|/tmp/s|grpc', /network "unix" is not supported/],
    ['another protocol', 'QNTX_PLUGIN|1|1|tcp|127.0.0.1:1|netrpc', /protocol "netrpc" is not supported/],
    ['a missing field', 'QNTX_PLUGIN|1|1|tcp|127.0.0.1:1', /malformed/],
  ])('reports %s', (_what, line, problem) => {
    const parsed = parseHandshakeLine(line);
    expect(parsed && 'problem' in parsed && parsed.problem).toMatch(problem);
  });
});
