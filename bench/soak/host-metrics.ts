import { request } from 'node:http';

/** One series of the host's /metrics: its labels as written (`plugin="code",method="GET"`) and value. */
export interface MetricSeries {
  labels: string;
  value: number;
}

/** The series of the host's /metrics the soak reads at the end. */
export interface SoakMetrics {
  /** `qntx_http_requests_in_flight`, every series: all must read 0 once the load has stopped. */
  inFlight: MetricSeries[];
  /** `qntx_http_requests_total{status="aborted"}`, summed. */
  aborted: number;
  /** `qntx_websocket_connections`, summed: sockets the host holds open now. */
  webSocketsOpen: number;
  /** `qntx_plugin_restarts_total{plugin="code"}`. */
  restarts: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;

export function parseMetrics(text: string): Map<string, MetricSeries[]> {
  const byName = new Map<string, MetricSeries[]>();
  for (const line of text.split('\n')) {
    const match = line.startsWith('#') ? null : SAMPLE.exec(line);
    if (!match) continue;
    const list = byName.get(match[1]) ?? [];
    list.push({ labels: match[2] ?? '', value: Number(match[3]) });
    byName.set(match[1], list);
  }
  return byName;
}

export async function readSoakMetrics(url: string): Promise<SoakMetrics> {
  const metrics = parseMetrics(await getText(`${url}/metrics`));
  const series = (name: string): MetricSeries[] => metrics.get(name) ?? [];
  const sum = (list: MetricSeries[]): number => list.reduce((a, s) => a + s.value, 0);
  return {
    inFlight: series('qntx_http_requests_in_flight'),
    aborted: sum(series('qntx_http_requests_total').filter((s) => s.labels.includes('status="aborted"'))),
    webSocketsOpen: sum(series('qntx_websocket_connections')),
    restarts: sum(series('qntx_plugin_restarts_total').filter((s) => s.labels.includes('plugin="code"'))),
  };
}

function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`GET ${url} answered ${res.statusCode}`))));
    })
      .on('error', reject)
      .end();
  });
}
