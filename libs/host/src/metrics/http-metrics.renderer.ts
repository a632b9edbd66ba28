import { METHOD_LABELS, STATUS_LABELS } from './http-labels';
import { LATENCY_BUCKETS, PluginHttpStats } from './plugin-http.stats';
import { HTTP_IN_FLIGHT, HTTP_REQUEST_DURATION, HTTP_REQUESTS } from './metrics.constants';

/** The HTTP metrics of every plugin in Prometheus text format; series never used are left out. */
export function renderHttpMetrics(stats: ReadonlyMap<string, PluginHttpStats>): string {
  const requests = header(HTTP_REQUESTS, 'counter');
  const duration = header(HTTP_REQUEST_DURATION, 'histogram');
  const inFlight = header(HTTP_IN_FLIGHT, 'gauge');
  for (const [plugin, s] of stats) {
    inFlight.push(`${HTTP_IN_FLIGHT.name}{plugin="${plugin}"} ${s.inFlight}`);
    METHOD_LABELS.forEach((method, m) => {
      STATUS_LABELS.forEach((status, i) => {
        const count = s.requests[m * STATUS_LABELS.length + i];
        if (count > 0)
          requests.push(`${HTTP_REQUESTS.name}{plugin="${plugin}",method="${method}",status="${status}"} ${count}`);
      });
      if (s.counts[m] === 0) return;
      const labels = `plugin="${plugin}",method="${method}"`;
      let cumulative = 0;
      LATENCY_BUCKETS.forEach((bound, b) => {
        cumulative += s.buckets[m * (LATENCY_BUCKETS.length + 1) + b];
        duration.push(`${HTTP_REQUEST_DURATION.name}_bucket{${labels},le="${bound}"} ${cumulative}`);
      });
      duration.push(`${HTTP_REQUEST_DURATION.name}_bucket{${labels},le="+Inf"} ${s.counts[m]}`);
      duration.push(`${HTTP_REQUEST_DURATION.name}_sum{${labels}} ${s.sums[m]}`);
      duration.push(`${HTTP_REQUEST_DURATION.name}_count{${labels}} ${s.counts[m]}`);
    });
  }
  return [requests, duration, inFlight].map((lines) => `${lines.join('\n')}\n`).join('\n');
}

function header(metric: { name: string; help: string }, type: string): string[] {
  return [`# HELP ${metric.name} ${metric.help}`, `# TYPE ${metric.name} ${type}`];
}
