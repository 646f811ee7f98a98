import { fastify, type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { registerHttpMetrics, UNMATCHED_ROUTE } from './metrics.js';

describe('HTTP request metrics', () => {
  let server: FastifyInstance;
  let registry: Registry;
  let base: string;

  beforeAll(async () => {
    registry = new Registry();
    server = fastify();
    registerHttpMetrics(server, registry);
    server.get('/api/sessions/:id', (request, reply) => reply.send(request.params));
    server.post('/api/things', async (_request, reply) => reply.status(201).send({}));
    base = await server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  async function series(): Promise<string[]> {
    return (await registry.metrics())
      .split('\n')
      .filter((line) => line.startsWith('http_request_duration_seconds_count'));
  }

  it('labels a request with its route template, never the raw URL', async () => {
    await fetch(`${base}/api/sessions/3f0c7a52-person-secret?email=anna@city.example`);
    await fetch(`${base}/api/sessions/another-id`);
    await fetch(`${base}/api/things`, { method: 'POST' });
    const lines = await series();
    expect(lines).toContain(
      'http_request_duration_seconds_count{method="GET",route="/api/sessions/:id",status_code="200"} 2',
    );
    expect(lines).toContain(
      'http_request_duration_seconds_count{method="POST",route="/api/things",status_code="201"} 1',
    );
    const text = await registry.metrics();
    expect(text).not.toMatch(/secret|anna|another-id/);
  });

  it('puts every request no route matched under one label', async () => {
    await fetch(`${base}/nothing/here/1`);
    await fetch(`${base}/nothing/else`);
    expect(await series()).toContain(
      `http_request_duration_seconds_count{method="GET",route="${UNMATCHED_ROUTE}",status_code="404"} 2`,
    );
  });
});
