import { APP_CONFIG, type AppConfig } from '@app/config';
import { METRICS, registerHttpMetrics, serveProbes } from '@app/runtime';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { fastify, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { WorkerProbe } from './worker-probe.service.js';

/**
 * The worker's own small HTTP server (WORKER_PORT on HOST): /metrics, /health/live and
 * /health/ready, nothing else. Ready = the database answers and this process consumes from Redis.
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHttpServer.name);
  private server: FastifyInstance | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(METRICS) private readonly registry: Registry,
    private readonly dataSource: DataSource,
    private readonly probe: WorkerProbe,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = fastify({ logger: false });
    registerHttpMetrics(server, this.registry);
    serveProbes(server, {
      registry: this.registry,
      readiness: () => ({
        database: () => this.dataSource.query('SELECT 1'),
        queue: () => this.probe.consumes(),
      }),
    });
    await server.listen({ port: this.config.worker.port, host: this.config.http.host });
    this.server = server;
    this.logger.log({ msg: 'worker probes listening', port: this.config.worker.port });
  }

  /** First to close: an orchestrator sees the worker go before its connections do. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
