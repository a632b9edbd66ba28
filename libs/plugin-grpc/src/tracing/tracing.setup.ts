import { trace } from '@opentelemetry/api';

/** What `startTracing` started: flush and stop it at exit. */
export interface TracingHandle {
  shutdown(): Promise<void>;
}

/** The exporter `OTEL_TRACES_EXPORTER` names, or null when tracing is off (the default). */
export function tracesExporterFromEnv(env: NodeJS.ProcessEnv = process.env): 'otlp' | 'console' | null {
  if ((env.OTEL_SDK_DISABLED ?? '').toLowerCase() === 'true') return null;
  const exporter = (env.OTEL_TRACES_EXPORTER ?? '').trim().toLowerCase();
  if (exporter === '' || exporter === 'none') return null;
  if (exporter === 'otlp' || exporter === 'console') return exporter;
  throw new Error(`OTEL_TRACES_EXPORTER="${env.OTEL_TRACES_EXPORTER}" is not supported here: use otlp, console or none.`);
}

/**
 * Starts OpenTelemetry's tracing SDK as the standard OTEL_* variables say, or does nothing:
 * tracing is off unless OTEL_TRACES_EXPORTER is `otlp` (OTLP over HTTP/JSON, to
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT) or `console`.
 * OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES name the process (default `serviceName`),
 * OTEL_TRACES_SAMPLER and OTEL_BSP_* tune it; OTEL_SDK_DISABLED=true turns it off. The
 * propagators are W3C Trace Context and Baggage. The SDK is loaded only when tracing is on.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): TracingHandle | null {
  const exporterName = tracesExporterFromEnv(env);
  if (!exporterName) return null;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const node = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const resources = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const exporter =
    exporterName === 'otlp'
      ? new (require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter()
      : new node.ConsoleSpanExporter();
  /* eslint-enable @typescript-eslint/no-require-imports */
  const resource = resources
    .defaultResource()
    .merge(resources.resourceFromAttributes({ 'service.name': serviceName }))
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const processor = exporterName === 'otlp' ? new node.BatchSpanProcessor(exporter) : new node.SimpleSpanProcessor(exporter);
  const provider = new node.NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  return {
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
    },
  };
}
