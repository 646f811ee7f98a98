import type { HealthReport, HealthState } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';

const STATES = ['up', 'down'];

class HealthChecksDto {
  @ApiProperty({ enum: STATES }) database!: HealthState;
  @ApiProperty({ enum: STATES }) redis!: HealthState;
  @ApiProperty({ enum: STATES }) worker!: HealthState;
}

export class HealthReportDto implements HealthReport {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ type: HealthChecksDto }) checks!: HealthChecksDto;
}
