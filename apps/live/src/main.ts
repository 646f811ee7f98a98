import 'reflect-metadata';
import { loadConfig, requireRedisUrl } from '@app/config';
import { createLogger, exitCleanlyOnSignals, exitOnBootError, PinoNestLogger } from '@app/runtime';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
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
  app.useWebSocketAdapter(new LiveIoAdapter(app, redisUrl, config.corsOrigins));
  exitCleanlyOnSignals(app, logger, config.shutdownTimeoutMs);
  await app.listen(config.live.port, config.http.host);
  logger.info({ port: config.live.port }, 'ICC Hub live listening');
}

bootstrap().catch((error: unknown) => exitOnBootError(error, 'live'));
