import { fastify, type FastifyInstance } from 'fastify';
import { Counter, Registry } from 'prom-client';
import { checkReadiness, redisAnswers, serveProbes } from './probes.js';

describe('readiness', () => {
  it('is ready when every check answers, naming the ones that do not', async () => {
    expect(
      await checkReadiness({ a: () => Promise.resolve(1), b: () => Promise.resolve('ok') }),
    ).toEqual({
      status: 'ready',
      checks: { a: 'up', b: 'up' },
      failing: [],
    });
    const report = await checkReadiness(
      {
        up: () => Promise.resolve(1),
        thrown: () => {
          throw new Error('no');
        },
        rejected: () => Promise.reject(new Error('no')),
        slow: () => new Promise((resolve) => setTimeout(resolve, 1_000)),
      },
      50,
    );
    expect(report).toEqual({
      status: 'not_ready',
      checks: { up: 'up', thrown: 'down', rejected: 'down', slow: 'down' },
      failing: ['thrown', 'rejected', 'slow'],
    });
  });

  it('does not send a PING to a Redis client that is not connected', async () => {
    let pinged = 0;
    const ping = () => {
      pinged += 1;
      return Promise.resolve('PONG');
    };
    await expect(redisAnswers({ status: 'reconnecting', ping })).rejects.toThrow(/reconnecting/);
    expect(pinged).toBe(0);
    await redisAnswers({ status: 'ready', ping });
    expect(pinged).toBe(1);
  });
});

describe('probe routes', () => {
  let server: FastifyInstance;
  let base: string;
  let redisUp = true;

  beforeAll(async () => {
    const registry = new Registry();
    new Counter({ name: 'probe_test_total', help: 'test', registers: [registry] }).inc(3);
    server = fastify();
    serveProbes(server, {
      registry,
      readiness: () => ({
        database: () => Promise.resolve(),
        redis: () => (redisUp ? Promise.resolve() : Promise.reject(new Error('down'))),
      }),
    });
    base = await server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  it('serves metrics in the Prometheus text format', async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await response.text()).toContain('probe_test_total 3');
  });

  it('keeps liveness at 200 while readiness turns 503 with the failing check', async () => {
    redisUp = true;
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    redisUp = false;
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not_ready', failing: ['redis'] });
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });
});
