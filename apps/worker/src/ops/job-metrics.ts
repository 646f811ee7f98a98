import { MetricsModule, METRICS, metricOf } from '@app/runtime';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { Job, Worker } from 'bullmq';
import { Histogram, type Registry } from 'prom-client';

export type JobOutcome = 'completed' | 'failed';

/** From a quick mail to a document render or a night's retention run. */
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** How long this process's jobs ran, from taken to finished, by queue and BullMQ outcome. */
@Injectable()
export class JobMetrics {
  private readonly durations: Histogram<'queue' | 'outcome'>;

  constructor(@Inject(METRICS) registry: Registry) {
    this.durations = metricOf(
      registry,
      'bullmq_job_duration_seconds',
      () =>
        new Histogram({
          name: 'bullmq_job_duration_seconds',
          help: 'Duration of jobs processed by this worker, by queue and outcome',
          labelNames: ['queue', 'outcome'] as const,
          buckets: JOB_BUCKETS,
          registers: [registry],
        }),
    );
  }

  /** Records every job `worker` finishes. */
  observe(worker: Worker, queue: string): void {
    worker.on('completed', (job: Job) => this.record(queue, 'completed', job));
    worker.on('failed', (job: Job | undefined) => {
      if (job) this.record(queue, 'failed', job);
    });
  }

  record(queue: string, outcome: JobOutcome, job: Pick<Job, 'processedOn' | 'finishedOn'>): void {
    if (job.processedOn === undefined) return;
    const finished = job.finishedOn ?? Date.now();
    this.durations.observe({ queue, outcome }, Math.max(0, finished - job.processedOn) / 1000);
  }
}

/** JobMetrics for the modules that run BullMQ workers. */
@Module({
  imports: [MetricsModule.forRoot('worker')],
  providers: [JobMetrics],
  exports: [JobMetrics],
})
export class JobMetricsModule {}
