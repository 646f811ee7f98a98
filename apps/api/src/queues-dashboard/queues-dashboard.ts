import { APP_CONFIG, type AppConfig, requireRedisUrl } from '@app/config';
import { QUEUES } from '@app/contracts';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { RedisOutageLog } from '@app/runtime';
import { Logger, type INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { AuthService } from '../auth/auth.service.js';
import { RolesService } from '../roles/roles.service.js';

export const QUEUES_DASHBOARD_PATH = '/api/admin/queues';

/**
 * Bull Board for programme organisers, read-only: it shows queues and jobs (ids only, no
 * personal data); mail is sent again from the hub's own mail view, which keeps the outbox right.
 * It lives outside Nest's router, so it carries its own check of the caller.
 */
export async function mountQueuesDashboard(
  app: INestApplication,
  fastify: FastifyInstance,
): Promise<() => Promise<void>> {
  const config = app.get<AppConfig>(APP_CONFIG);
  const auth = app.get(AuthService);
  const roles = app.get(RolesService);
  const connection = new Redis(requireRedisUrl(config), { maxRetriesPerRequest: 1 });
  const queues = Object.values(QUEUES).map((name) => new Queue(name, { connection }));
  new RedisOutageLog(new Logger('QueuesDashboard'), 'queues dashboard').watch(queues, [connection]);
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(QUEUES_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'ICC Hub queues' } },
  });
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const principal = await auth.resolve(request);
      if (!principal) {
        await reply
          .code(401)
          .send({ statusCode: 401, error: 'Unauthorized', message: 'Sign in first' });
        return reply;
      }
      if (!(await roles.isProgrammeOrganiser(principal.accountId))) {
        await reply
          .code(403)
          .send({ statusCode: 403, error: 'Forbidden', message: 'Organisers only' });
        return reply;
      }
      return undefined;
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUES_DASHBOARD_PATH });
  });
  return async () => {
    await Promise.all(queues.map((queue) => queue.close()));
    connection.disconnect();
  };
}
