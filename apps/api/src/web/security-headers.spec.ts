import Fastify from 'fastify';
import {
  commonSecurityHeaders,
  DOWNLOAD_CSP,
  pageCsp,
  registerSecurityHeaders,
} from './security-headers.js';

describe('security headers', () => {
  it('lets pages reach only their own origin and the live process', () => {
    const csp = pageCsp('https://live.icc.example:8443');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(
      "connect-src 'self' https://live.icc.example:8443 wss://live.icc.example:8443",
    );
    expect(csp).toContain("frame-ancestors 'none'");
    expect(pageCsp('http://localhost:3001')).toContain('http://localhost:3001 ws://localhost:3001');
  });

  it('pins TLS only where the hub is served over it', () => {
    expect(commonSecurityHeaders('https://hub.example.eu')['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(commonSecurityHeaders('http://localhost:3000')['strict-transport-security']).toBe(
      undefined,
    );
  });

  it('puts the page policy on HTML, the download policy on the rest, keeps a route’s own, spares the tools', async () => {
    const app = Fastify();
    registerSecurityHeaders(app, {
      publicBaseUrl: 'http://localhost:3000',
      liveOrigin: 'http://localhost:3001',
    });
    app.get('/', (_q, reply) => reply.type('text/html').send('<p>page</p>'));
    app.get('/api/x', () => ({ ok: true }));
    app.get('/api/agenda.ics', (_q, reply) => reply.type('text/calendar').send('BEGIN:VCALENDAR'));
    // A revalidated page: no type, and its headers would be copied onto the cached page.
    app.get('/cached', (_q, reply) => reply.code(304).send());
    app.get('/api/file', (_q, reply) =>
      reply
        .header('content-security-policy', "default-src 'none'; sandbox")
        .type('text/html')
        .send('<p>file</p>'),
    );
    app.get('/api/docs', (_q, reply) => reply.type('text/html').send('<script>ui()</script>'));
    // A real request: Fastify's inject loads a CommonJS cookie parser Jest's ESM mode cannot.
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const get = async (path: string) => {
      const response = await fetch(`${base}${path}`);
      await response.arrayBuffer();
      return { headers: Object.fromEntries(response.headers.entries()) };
    };
    const page = await get('/');
    expect(page.headers['content-security-policy']).toBe(pageCsp('http://localhost:3001'));
    expect(page.headers['x-frame-options']).toBe('DENY');
    const json = await get('/api/x');
    expect(json.headers['content-security-policy']).toBe(DOWNLOAD_CSP);
    const calendar = await get('/api/agenda.ics');
    expect(calendar.headers['content-security-policy']).toBe(DOWNLOAD_CSP);
    const cached = await get('/cached');
    expect(cached.headers['content-security-policy']).toBeUndefined();
    expect(cached.headers['x-content-type-options']).toBe('nosniff');
    expect(json.headers['x-content-type-options']).toBe('nosniff');
    expect(json.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    const file = await get('/api/file');
    expect(file.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    const docs = await get('/api/docs');
    expect(docs.headers['content-security-policy']).toBeUndefined();
    expect(docs.headers['x-frame-options']).toBe('DENY');
    await app.close();
  });
});
