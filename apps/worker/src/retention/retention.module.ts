import { Module } from '@nestjs/common';
import { RetentionScheduler } from './retention-scheduler.service.js';
import { RetentionService } from './retention.service.js';

@Module({ providers: [RetentionService, RetentionScheduler], exports: [RetentionService] })
export class RetentionModule {}
