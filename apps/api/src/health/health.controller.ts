import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
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
}
