import { type HealthReport, WORKER_HEARTBEAT_KEY } from '@app/contracts';
import { Redis } from 'ioredis';
import { testRedisUrl } from '../support/environment.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('/health', () => {
  let hub: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    hub = await createTestApp({ seed: false });
    redis = new Redis(testRedisUrl());
  });
  afterAll(async () => {
    await hub.close();
    await redis.quit();
  });

  it('reports the database, Redis and whether a worker beats', async () => {
    await redis.del(WORKER_HEARTBEAT_KEY);
    const without = await hub.request('/health');
    expect(without.status).toBe(200);
    expect(without.body).toEqual<HealthReport>({
      status: 'degraded',
      checks: { database: 'up', redis: 'up', worker: 'down' },
    });

    await redis.set(WORKER_HEARTBEAT_KEY, String(Date.now()), 'PX', 15_000);
    const withWorker = await hub.request('/health');
    expect(withWorker.body).toEqual<HealthReport>({
      status: 'ok',
      checks: { database: 'up', redis: 'up', worker: 'up' },
    });
    await redis.del(WORKER_HEARTBEAT_KEY);
  });

  it('answers 503 with redis down when Redis cannot be reached', async () => {
    const broken = await createTestApp({ seed: false, env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const response = await broken.request('/health');
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ checks: { database: 'up', redis: 'down' } });
    } finally {
      await broken.close();
    }
  });
});
