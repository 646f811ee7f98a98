import { fastify, type FastifyInstance } from 'fastify';
import { correlateRequests, currentCorrelationId, withCorrelationId } from './correlation.js';

describe('correlation id', () => {
  let server: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    server = fastify({
      genReqId: (request) => String(request.headers['x-request-id'] ?? 'generated'),
    });
    correlateRequests(server);
    // After the body is parsed, from a later tick: where a service queues its mails.
    server.post('/work', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { correlationId: currentCorrelationId() ?? null };
    });
    base = await server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  it('is the request id in the handler of a request with a body', async () => {
    const ids = ['req-a', 'req-b', 'req-c'];
    const answers = await Promise.all(
      ids.map(async (id) => {
        const response = await fetch(`${base}/work`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': id },
          // Large enough to arrive in many chunks, after the request's first tick.
          body: JSON.stringify({ some: 'x'.repeat(512 * 1024) }),
        });
        return ((await response.json()) as { correlationId: string | null }).correlationId;
      }),
    );
    expect(answers).toEqual(ids);
  });

  it('follows a job run under it, and nothing outside', async () => {
    expect(currentCorrelationId()).toBeUndefined();
    const seen = await withCorrelationId('job-1', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return currentCorrelationId();
    });
    expect(seen).toBe('job-1');
    expect(withCorrelationId(undefined, () => currentCorrelationId())).toBeUndefined();
  });
});
