import { Module } from '@nestjs/common';
import { WorkerHttpServer } from './worker-http.service.js';
import { WorkerMetrics } from './worker-metrics.service.js';
import { WorkerProbe } from './worker-probe.service.js';

/** The worker's metrics, its readiness probe and the HTTP server that serves them. */
@Module({ providers: [WorkerMetrics, WorkerProbe, WorkerHttpServer] })
export class WorkerOpsModule {}
