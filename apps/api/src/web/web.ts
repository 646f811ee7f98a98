import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const API_PATH = /^\/(api|health)(\/|$)/;

/**
 * Serves the browser app: hashed assets with long caching, and `index.html` for every other GET
 * path outside /api so that client-side routes survive a reload.
 */
export async function serveWebApp(fastify: FastifyInstance, distDir: string): Promise<void> {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) {
    fastify.get('/', (_request, reply) => {
      void reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built yet: run `npm run build:web` (npm start does it for you).');
    });
    return;
  }
  await fastify.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    setHeaders: (res, path) => {
      res.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  fastify.get('/*', (request, reply) => {
    if (API_PATH.test(request.url)) {
      void reply.code(404).send({
        statusCode: 404,
        error: 'Not Found',
        message: `Cannot ${request.method} ${request.url.split('?')[0]}`,
      });
      return;
    }
    void reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  fastify.get('/', (_request, reply) => {
    void reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
