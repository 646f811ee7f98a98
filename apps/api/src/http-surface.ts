import type { AppConfig } from '@app/config';
import { correlateRequests, processMetrics, registerHttpMetrics } from '@app/runtime';
import type { FastifyInstance } from 'fastify';
import { registerCors } from './web/cors.js';
import { registerSecurityHeaders } from './web/security-headers.js';

/**
 * Fastify hooks of the api's HTTP surface that sit outside Nest (headers on every answer, CORS,
 * the request id as correlation id, request metrics), in one place so that `main.ts` and the
 * in-process test app register the same.
 */
export function registerHttpSurface(fastify: FastifyInstance, config: AppConfig): void {
  registerSecurityHeaders(fastify, {
    publicBaseUrl: config.publicBaseUrl,
    liveOrigin: config.live.publicUrl,
  });
  registerCors(fastify, config.corsOrigins);
  correlateRequests(fastify);
  registerHttpMetrics(fastify, processMetrics('api'));
}
