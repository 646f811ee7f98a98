import 'reflect-metadata';
import { loadConfig, requireRedisUrl } from '@app/config';
import { createLogger, exitCleanlyOnSignals, exitOnBootError, PinoNestLogger } from '@app/runtime';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiModule } from './api.module.js';
import { configureApi } from './app.setup.js';
import { registerHttpSurface } from './http-surface.js';
import { mountQueuesDashboard } from './queues-dashboard/queues-dashboard.js';
import { serveWebApp } from './web/web.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  requireRedisUrl(config);
  const logger = createLogger('api', config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    trustProxy: config.http.trustProxy,
    requestIdHeader: false,
    // Reuse a well-formed id from the caller (a proxy, a test) so one id follows the request.
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, {
    logger: new PinoNestLogger(logger),
  });
  const fastify = app.getHttpAdapter().getInstance();
  let draining = false;
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  // While draining, answer what is in flight and close its connection: a kept-alive socket would
  // hold the server open until the client drops it.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) void reply.header('connection', 'close');
    done(null, payload);
  });
  registerHttpSurface(fastify, config);
  configureApi(app);
  const closeDashboard = await mountQueuesDashboard(app, fastify);
  await serveWebApp(fastify, config.webDistDir);
  exitCleanlyOnSignals(
    {
      // Stop taking requests and finish those in flight first, then close database and Redis.
      close: async () => {
        draining = true;
        await fastify.close();
        await closeDashboard();
        await app.close();
      },
    },
    logger,
    config.shutdownTimeoutMs,
  );
  await app.listen(config.http.port, config.http.host);
  logger.info({ url: config.publicBaseUrl, port: config.http.port }, 'ICC Hub api listening');
}

bootstrap().catch((error: unknown) => exitOnBootError(error, 'api'));
