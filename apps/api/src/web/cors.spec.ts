import Fastify from 'fastify';
import { corsDecision, CROSS_SITE_REFUSED, registerCors } from './cors.js';

const ALLOWED = new Set(['https://hub.example.eu', 'https://cities.example.eu']);

describe('corsDecision', () => {
  const decide = (method: string, headers: Record<string, string>) =>
    corsDecision({ method, headers }, ALLOWED);

  it('adds nothing without an Origin header (same-origin reads, clients outside a browser)', () => {
    for (const method of ['GET', 'POST', 'DELETE', 'OPTIONS']) {
      expect(decide(method, {})).toEqual({ kind: 'none' });
    }
  });

  it('echoes an allowed origin with credentials, and answers its preflight', () => {
    expect(decide('GET', { origin: 'https://cities.example.eu' })).toEqual({
      kind: 'allow',
      preflight: false,
      headers: {
        'access-control-allow-origin': 'https://cities.example.eu',
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'content-disposition, retry-after, x-request-id',
      },
    });
    expect(decide('POST', { origin: 'https://hub.example.eu' })).toMatchObject({
      kind: 'allow',
      preflight: false,
    });
    const preflight = decide('OPTIONS', {
      origin: 'https://cities.example.eu',
      'access-control-request-method': 'PATCH',
    });
    expect(preflight).toMatchObject({ kind: 'allow', preflight: true });
    expect(preflight.kind === 'allow' && preflight.headers).toMatchObject({
      'access-control-allow-origin': 'https://cities.example.eu',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'authorization, content-type, x-csrf-token, x-request-id',
    });
  });

  it('refuses writes from any other origin, look-alikes and opaque ones included', () => {
    for (const origin of [
      'https://evil.example',
      'http://hub.example.eu',
      'https://hub.example.eu:8443',
      'https://hub.example.eu.evil.example',
      'https://hub.example.eu/',
      'null',
    ]) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        expect(decide(method, { origin })).toEqual({ kind: 'refuse' });
      }
      expect(decide('GET', { origin })).toEqual({ kind: 'pass' });
      expect(decide('HEAD', { origin })).toEqual({ kind: 'pass' });
      expect(decide('OPTIONS', { origin, 'access-control-request-method': 'POST' })).toEqual({
        kind: 'deny-preflight',
      });
    }
  });
});

describe('registerCors', () => {
  it('answers on the wire: headers for allowed origins, none for others, 403 for their writes', async () => {
    const app = Fastify();
    registerCors(app, [...ALLOWED]);
    app.get('/api/x', (_q, reply) => reply.header('vary', 'Accept-Encoding').send({ ok: true }));
    app.post('/api/x', () => ({ written: true }));
    // A real request: Fastify's inject loads a CommonJS cookie parser Jest's ESM mode cannot.
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const call = async (method: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${base}/api/x`, { method, headers });
      const text = await response.text();
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers.entries()),
        body: text ? (JSON.parse(text) as unknown) : undefined,
      };
    };
    try {
      const allowed = await call('GET', { origin: 'https://cities.example.eu' });
      expect(allowed.status).toBe(200);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://cities.example.eu');
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');
      expect(allowed.headers.vary).toBe('Accept-Encoding, Origin');

      const other = await call('GET', { origin: 'https://evil.example' });
      expect(other.status).toBe(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      expect(other.headers['access-control-allow-credentials']).toBeUndefined();
      expect(other.headers.vary).toBe('Accept-Encoding, Origin');

      const refused = await call('POST', { origin: 'https://evil.example' });
      expect(refused).toMatchObject({ status: 403, body: CROSS_SITE_REFUSED });

      const written = await call('POST', { origin: 'https://hub.example.eu' });
      expect(written).toMatchObject({ status: 200, body: { written: true } });
      expect((await call('POST')).status).toBe(200);

      // A preflight is answered even where no OPTIONS route exists.
      const preflight = await call('OPTIONS', {
        origin: 'https://cities.example.eu',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-csrf-token',
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-methods']).toContain('POST');
      const deniedPreflight = await call('OPTIONS', {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
      });
      expect(deniedPreflight.status).toBe(204);
      expect(deniedPreflight.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
