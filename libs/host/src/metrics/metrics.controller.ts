import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { Registry } from 'prom-client';
import { HostMetrics } from './host-metrics';

/** `GET /metrics`: Prometheus text format, for a scraper. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HostMetrics) {}

  /**
   * Returned, not written: the app's interceptors see the scrape, on Express and Fastify alike.
   * As bytes, so that Express sends the content type exactly as Prometheus spells it.
   */
  @Get()
  @Header('content-type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('cache-control', 'no-store')
  async scrape(): Promise<StreamableFile> {
    return new StreamableFile(Buffer.from(await this.metrics.render()));
  }
}
