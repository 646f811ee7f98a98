import { Module } from '@nestjs/common';
import { JobMetricsModule } from '../ops/job-metrics.js';
import { RetentionScheduler } from './retention-scheduler.service.js';
import { RetentionService } from './retention.service.js';

@Module({
  imports: [JobMetricsModule],
  providers: [RetentionService, RetentionScheduler],
  exports: [RetentionService],
})
export class RetentionModule {}
