import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HostMetrics } from './host-metrics';

/** `GET /metrics`: Prometheus text format, for a scraper. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HostMetrics) {}

  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    const body = await this.metrics.render();
    res.setHeader('content-type', this.metrics.contentType);
    res.setHeader('cache-control', 'no-store');
    res.end(body);
  }
}
