import { METRICS } from '@app/runtime';
import { Controller, Get, Header, HttpStatus, Inject, Res } from '@nestjs/common';
import {
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Registry } from 'prom-client';
import { Public } from '../auth/access.js';
import { HealthReportDto } from './health-report.dto.js';
import { HealthService } from './health.service.js';

interface StatusReply {
  status(code: number): unknown;
}

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 while the database and Redis answer (the worker may be down: then `degraded`), else 503. */
  @Get()
  @ApiOkResponse({ type: HealthReportDto })
  @ApiServiceUnavailableResponse({ type: HealthReportDto })
  async check(@Res({ passthrough: true }) reply: StatusReply): Promise<HealthReportDto> {
    const report = await this.health.report();
    const serving = report.checks.database === 'up' && report.checks.redis === 'up';
    reply.status(serving ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }

  /** Liveness for an orchestrator: 200 while the process answers at all. */
  @Get('live')
  @ApiExcludeEndpoint()
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  /** Readiness: 200 when the database and Redis answer, else 503 naming the failing checks. */
  @Get('ready')
  @ApiExcludeEndpoint()
  async ready(@Res({ passthrough: true }) reply: StatusReply) {
    const report = await this.health.readiness();
    reply.status(report.status === 'ready' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}

/** Prometheus metrics of this api process (the reverse proxy keeps them from the public). */
@Controller('metrics')
@Public()
export class MetricsController {
  constructor(@Inject(METRICS) private readonly registry: Registry) {}

  @Get()
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
