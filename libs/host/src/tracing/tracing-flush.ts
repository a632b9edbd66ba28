import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ProxyTracerProvider, trace } from '@opentelemetry/api';

/**
 * When the app closes, the spans a registered OpenTelemetry SDK still holds (a batch not yet
 * exported) are sent before the process ends. The SDK stays the app's: it is flushed, not stopped.
 */
@Injectable()
export class TracingFlush implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    const provider = trace.getTracerProvider();
    const sdk = (provider instanceof ProxyTracerProvider ? provider.getDelegate() : provider) as { forceFlush?: () => Promise<void> };
    await sdk.forceFlush?.().catch(() => undefined);
  }
}
