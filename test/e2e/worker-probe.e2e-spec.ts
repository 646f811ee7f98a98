import { parseConfig, requireRedisUrl } from '@app/config';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { PROBE_TIMEOUT_MS, WorkerProbe } from '../../apps/worker/src/ops/worker-probe.service.js';
import { hubEnvironment } from '../support/environment.js';

/** The worker's readiness probe against a real Redis: it fails as soon as nothing consumes. */
describe('worker readiness probe', () => {
  let probe: WorkerProbe;
  let redis: Redis;
  let control: Queue;

  beforeAll(async () => {
    const config = parseConfig(await hubEnvironment());
    probe = new WorkerProbe(config);
    probe.onApplicationBootstrap();
    redis = new Redis(requireRedisUrl(config));
    control = new Queue(probe.queueName, { connection: redis });
  });
  afterAll(async () => {
    await control.close();
    redis.disconnect();
  });

  it('is a queue of this process only', () => {
    expect(probe.queueName).toMatch(new RegExp(`^probe-${process.pid}-[0-9a-f]{8}$`));
    expect(new WorkerProbe(parseConfig({ REDIS_URL: 'redis://x' })).queueName).not.toBe(
      probe.queueName,
    );
  });

  it('passes while this process consumes its probe jobs, fails when its consumer stops', async () => {
    await probe.consumes();
    // Nothing takes jobs from a paused queue: the consumer is as good as stuck.
    await control.pause();
    const started = Date.now();
    await expect(probe.consumes()).rejects.toThrow(/not consumed/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(PROBE_TIMEOUT_MS - 50);
    await control.resume();
    await probe.consumes();
  });

  it('leaves nothing of its queue in Redis once shut down', async () => {
    await probe.consumes();
    expect(await redis.keys(`bull:${probe.queueName}:*`)).not.toEqual([]);
    await probe.beforeApplicationShutdown();
    expect(await redis.keys(`bull:${probe.queueName}:*`)).toEqual([]);
  });
});
