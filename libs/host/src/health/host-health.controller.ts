import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { PluginHealthIndicator } from './plugin-health.indicator';

/**
 * The host's own probes, built with Terminus: `GET /api/health/live` answers 200 while the host
 * process serves requests (a plugin failing never restarts the host); `GET /api/health/ready`
 * answers 200 only while every enabled plugin is serving, and 503 with which one is not.
 * `GET /api/plugins` keeps answering 200 either way, as before.
 */
@Controller('api/health')
export class HostHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly plugins: PluginHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.plugins.isServing()]);
  }
}
