import { METHOD_LABELS, STATUS_LABELS, methodIndex, statusIndex } from './http-labels';
import { renderHttpMetrics } from './http-metrics.renderer';
import { PluginHttpStats } from './plugin-http.stats';

describe('HTTP metrics labels', () => {
  it('maps any method to one of a fixed set, and any status to its class or a proxied-path error code', () => {
    expect(['GET', 'POST', 'PROPFIND', 'get', 'X'.repeat(1000)].map((m) => METHOD_LABELS[methodIndex(m)])).toEqual([
      'GET',
      'POST',
      'other',
      'other',
      'other',
    ]);
    const statuses = [101, 200, 204, 301, 400, 404, 413, 429, 500, 502, 503, 504, 599];
    expect(statuses.map((s) => STATUS_LABELS[statusIndex(s)])).toEqual([
      '1xx',
      '2xx',
      '2xx',
      '3xx',
      '4xx',
      '404',
      '413',
      '4xx',
      '5xx',
      '502',
      '503',
      '504',
      '5xx',
    ]);
    expect(STATUS_LABELS[statusIndex('aborted')]).toBe('aborted');
  });
});

describe('renderHttpMetrics', () => {
  it('writes counters, a cumulative histogram and in-flight gauges in Prometheus text format', () => {
    const code = new PluginHttpStats();
    code.record(methodIndex('GET'), statusIndex(200), 0.004);
    code.record(methodIndex('GET'), statusIndex(200), 0.02);
    code.record(methodIndex('GET'), statusIndex(503), 45);
    code.inFlight = 2;
    const text = renderHttpMetrics(
      new Map([
        ['code', code],
        ['idle', new PluginHttpStats()],
      ]),
    );
    const lines = text.split('\n');
    expect(lines).toContain('# TYPE qntx_http_requests_total counter');
    expect(lines).toContain('qntx_http_requests_total{plugin="code",method="GET",status="2xx"} 2');
    expect(lines).toContain('qntx_http_requests_total{plugin="code",method="GET",status="503"} 1');
    expect(lines).toContain('# TYPE qntx_http_request_duration_seconds histogram');
    expect(lines).toContain('qntx_http_request_duration_seconds_bucket{plugin="code",method="GET",le="0.0025"} 0');
    expect(lines).toContain('qntx_http_request_duration_seconds_bucket{plugin="code",method="GET",le="0.005"} 1');
    expect(lines).toContain('qntx_http_request_duration_seconds_bucket{plugin="code",method="GET",le="0.025"} 2');
    expect(lines).toContain('qntx_http_request_duration_seconds_bucket{plugin="code",method="GET",le="30"} 2');
    expect(lines).toContain('qntx_http_request_duration_seconds_bucket{plugin="code",method="GET",le="+Inf"} 3');
    expect(lines).toContain('qntx_http_request_duration_seconds_count{plugin="code",method="GET"} 3');
    expect(lines.find((l) => l.startsWith('qntx_http_request_duration_seconds_sum{plugin="code"'))).toMatch(
      / 45\.024\d*$/,
    );
    expect(lines).toContain('qntx_http_requests_in_flight{plugin="code"} 2');
    expect(lines).toContain('qntx_http_requests_in_flight{plugin="idle"} 0');
    // Series never used are not written: no POST, no idle counters.
    expect(text).not.toMatch(/method="POST"|requests_total\{plugin="idle"/);
  });
});
