import { findOrCreateAccount, TransactionRunner } from '@app/persistence';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC = 'https://hub.example.eu';
const PARTNER = 'https://cities.example.eu';
const EVIL = 'https://evil.example';

/** The api's CORS allowlist and its cross-site write refusal, on the app `main.ts` builds. */
describe('CORS allowlist', () => {
  let hub: TestApp;
  let bearer: string;
  let cookie: { cookie: string; csrfToken: string };

  beforeAll(async () => {
    hub = await createTestApp({ env: { PUBLIC_BASE_URL: PUBLIC, CORS_ORIGINS: PARTNER } });
    const account = await hub.app
      .get(TransactionRunner)
      .run((manager) => findOrCreateAccount(manager, 'cors@city.example', { name: 'Cors Test' }));
    const auth = hub.app.get(AuthService);
    bearer = (await auth.issue(account.id, 'api', 'test')).secret;
    const browser = await auth.issue(account.id, 'browser', 'test');
    cookie = { cookie: `icc_session=${browser.secret}`, csrfToken: browser.session.csrfToken };
  });
  afterAll(() => hub.close());

  async function call(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ) {
    const response = await fetch(`${hub.baseUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body: (text && response.headers.get('content-type')?.includes('json')
        ? JSON.parse(text)
        : text) as unknown,
    };
  }

  const corsHeaderNames = (headers: Record<string, string>) =>
    Object.keys(headers).filter((name) => name.startsWith('access-control-'));

  it('echoes an allowed origin with credentials on reads and writes, varying by Origin', async () => {
    for (const origin of [PUBLIC, PARTNER]) {
      const read = await call('GET', '/api/events', { origin });
      expect(read.status).toBe(200);
      expect(read.headers['access-control-allow-origin']).toBe(origin);
      expect(read.headers['access-control-allow-credentials']).toBe('true');
      expect(read.headers.vary).toMatch(/\bOrigin\b/);
    }
    // A cookie session writing from the partner origin: CORS lets it through, CSRF still applies.
    const profile = { name: 'Cors Partner', timeZone: 'Europe/Brussels', locale: 'en' };
    const withoutToken = await call(
      'PATCH',
      '/api/me',
      { origin: PARTNER, cookie: cookie.cookie },
      profile,
    );
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.body).toMatchObject({ message: 'Missing or wrong CSRF token' });
    const written = await call(
      'PATCH',
      '/api/me',
      { origin: PARTNER, cookie: cookie.cookie, 'x-csrf-token': cookie.csrfToken },
      profile,
    );
    expect(written.status).toBe(200);
    expect(written.headers['access-control-allow-origin']).toBe(PARTNER);
    expect(written.body).toMatchObject({ name: 'Cors Partner' });
  });

  it('answers preflights of allowed origins and gives other origins no CORS headers', async () => {
    const preflight = await call('OPTIONS', '/api/me', {
      origin: PARTNER,
      'access-control-request-method': 'PATCH',
      'access-control-request-headers': 'content-type, x-csrf-token',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': PARTNER,
      'access-control-allow-credentials': 'true',
    });
    expect(preflight.headers['access-control-allow-methods']).toContain('PATCH');
    expect(preflight.headers['access-control-allow-headers']).toContain('x-csrf-token');

    const foreignPreflight = await call('OPTIONS', '/api/me', {
      origin: EVIL,
      'access-control-request-method': 'PATCH',
    });
    expect(corsHeaderNames(foreignPreflight.headers)).toEqual([]);
    const foreignRead = await call('GET', '/api/events', { origin: EVIL });
    expect(foreignRead.status).toBe(200);
    expect(corsHeaderNames(foreignRead.headers)).toEqual([]);
  });

  it('refuses every kind of write from another origin in the error shape, whoever sends it', async () => {
    const profile = { name: 'Evil Rename', timeZone: 'Europe/Brussels', locale: 'en' };
    for (const [method, path, headers, body] of [
      ['PATCH', '/api/me', { authorization: `Bearer ${bearer}` }, profile],
      ['PATCH', '/api/me', { cookie: cookie.cookie, 'x-csrf-token': cookie.csrfToken }, profile],
      ['POST', '/api/auth/sign-in', {}, { email: 'victim@city.example' }],
      [
        'DELETE',
        '/api/me/tokens/00000000-0000-4000-8000-000000000000',
        { authorization: `Bearer ${bearer}` },
        undefined,
      ],
      ['PUT', '/api/no-such-route', {}, {}],
    ] as const) {
      const refused = await call(method, path, { ...headers, origin: EVIL }, body);
      expect({ method, path, status: refused.status, body: refused.body }).toEqual({
        method,
        path,
        status: 403,
        body: { statusCode: 403, error: 'Forbidden', message: 'Cross-site request refused' },
      });
      expect(corsHeaderNames(refused.headers)).toEqual([]);
    }
    const opaque = await call(
      'PATCH',
      '/api/me',
      { authorization: `Bearer ${bearer}`, origin: 'null' },
      profile,
    );
    expect(opaque.status).toBe(403);
    const me = await call('GET', '/api/me', { authorization: `Bearer ${bearer}` });
    expect(me.body).toMatchObject({ name: 'Cors Partner' });
  });

  it('serves same-origin and non-browser clients that send no Origin as before', async () => {
    const read = await call('GET', '/api/events', {});
    expect(read.status).toBe(200);
    expect(corsHeaderNames(read.headers)).toEqual([]);
    const written = await call(
      'PATCH',
      '/api/me',
      { authorization: `Bearer ${bearer}` },
      { name: 'Cors Script', timeZone: 'Europe/Brussels', locale: 'en' },
    );
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ name: 'Cors Script' });
    const signIn = await call('POST', '/api/auth/sign-in', {}, { email: 'nobrowser@city.example' });
    expect(signIn.status).toBe(202);
  });
});
