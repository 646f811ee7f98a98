import 'reflect-metadata';
import { loadConfig, requireRedisUrl } from '@app/config';
import {
  createLogger,
  exitCleanlyOnSignals,
  exitOnBootError,
  METRICS,
  PinoNestLogger,
  REDIS,
  redisAnswers,
  registerHttpMetrics,
  serveProbes,
} from '@app/runtime';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { LiveIoAdapter } from './live-io.adapter.js';
import { LiveModule } from './live.module.js';

/** The live process: Socket.IO on its own port, so a busy room never stalls the HTTP api. */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const redisUrl = requireRedisUrl(config);
  const logger = createLogger('live', config.logLevel);
  const app = await NestFactory.create<NestFastifyApplication>(
    LiveModule,
    new FastifyAdapter({ loggerInstance: logger }),
    { logger: new PinoNestLogger(logger) },
  );
  const io = new LiveIoAdapter(app, redisUrl, config.corsOrigins);
  app.useWebSocketAdapter(io);
  // Probes and metrics on the live port; Socket.IO takes only its own /socket.io/ path.
  const fastify = app.getHttpAdapter().getInstance();
  const registry = app.get<Registry>(METRICS);
  const redis = app.get<Redis>(REDIS);
  registerHttpMetrics(fastify, registry);
  serveProbes(fastify, {
    registry,
    readiness: () => ({ redis: () => redisAnswers(redis), adapter: () => io.redisAnswers() }),
  });
  exitCleanlyOnSignals(app, logger, config.shutdownTimeoutMs);
  await app.listen(config.live.port, config.http.host);
  logger.info({ port: config.live.port }, 'ICC Hub live listening');
}

bootstrap().catch((error: unknown) => exitOnBootError(error, 'live'));
