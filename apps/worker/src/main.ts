import 'reflect-metadata';
import { loadConfig, requireRedisUrl, requireSmtpUrl } from '@app/config';
import { createLogger, exitCleanlyOnSignals, exitOnBootError, PinoNestLogger } from '@app/runtime';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module.js';

/** The worker has no HTTP server: an application context that runs background processors. */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  requireRedisUrl(config);
  requireSmtpUrl(config);
  const logger = createLogger('worker', config.logLevel);
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: new PinoNestLogger(logger),
  });
  exitCleanlyOnSignals(app, logger, config.shutdownTimeoutMs);
  logger.info('ICC Hub worker started');
}

bootstrap().catch((error: unknown) => exitOnBootError(error, 'worker'));
