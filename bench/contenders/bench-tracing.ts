import { ExportResult, ExportResultCode } from '@opentelemetry/core';
import { BatchSpanProcessor, NodeTracerProvider, ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-node';

/** An exporter that counts the spans it is given and drops them: what tracing costs, not a backend. */
class CountingExporter implements SpanExporter {
  exported = 0;

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.exported += spans.length;
    done({ code: ExportResultCode.SUCCESS });
  }

  async shutdown(): Promise<void> {}
}

/**
 * `--traced`: tracing on in this contender process, as `OTEL_TRACES_EXPORTER=otlp` turns it on in
 * the host and a plugin (a batch processor; every span recorded), with an exporter that drops the
 * spans instead of sending them. Returns a stop function that flushes and reports the count.
 */
export function startBenchTracing(): () => Promise<number> {
  const exporter = new CountingExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  provider.register();
  return async () => {
    await provider.shutdown();
    return exporter.exported;
  };
}
