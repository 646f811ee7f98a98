import { Module } from '@nestjs/common';
import { HealthController, MetricsController } from './health.controller.js';
import { HealthService } from './health.service.js';

@Module({ controllers: [HealthController, MetricsController], providers: [HealthService] })
export class HealthModule {}
