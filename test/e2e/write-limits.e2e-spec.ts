import { findOrCreateAccount, grantRole, TransactionRunner } from '@app/persistence';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { ACCESS_RULE, type AccessRule } from '../../apps/api/src/auth/access.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Route {
  method: string;
  path: string;
  rule: AccessRule | undefined;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The routes Nest registered on Fastify, read from the controllers' metadata and each checked
 * against Fastify's router, so a route added tomorrow is in the list without anyone writing it down.
 */
function registeredRoutes(hub: TestApp): Route[] {
  const fastify = hub.app.getHttpAdapter().getInstance();
  const routes: Route[] = [];
  const controllers = [...hub.app.get(ModulesContainer).values()].flatMap((module) => [
    ...module.controllers.values(),
  ]);
  const join = (...parts: string[]) =>
    `/${parts
      .flatMap((part) => part.split('/'))
      .filter(Boolean)
      .join('/')}`;
  for (const wrapper of controllers) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    if (!controller) continue;
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const own = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (verb === undefined || own === undefined) continue;
      const rule = (Reflect.getMetadata(ACCESS_RULE, handler) ??
        Reflect.getMetadata(ACCESS_RULE, controller)) as AccessRule | undefined;
      const method = RequestMethod[verb];
      for (const prefix of [base ?? ''].flat()) {
        for (const suffix of [own].flat()) {
          // Everything is under the global prefix but health (app.setup.ts); ask the router.
          const path = [join('api', prefix, suffix), join(prefix, suffix)].find((url) =>
            fastify.hasRoute({ method: method, url }),
          );
          if (!path) throw new Error(`${method} ${prefix}/${suffix} is not in Fastify's router`);
          routes.push({ method, path, rule });
        }
      }
    }
  }
  return routes;
}

/**
 * The budget over every write route: each one, taken from the router, answers 429 once the caller's
 * budget is spent, anonymous callers counted by address on the routes they may call; reads are not
 * counted. The budgets are lowered to one write a minute through the configuration.
 */
describe('write budget on every write route', () => {
  let hub: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    hub = await createTestApp({
      env: { WRITE_LIMIT_PER_MINUTE: '1', ANONYMOUS_WRITE_LIMIT_PER_MINUTE: '1' },
    });
    routes = registeredRoutes(hub);
  });
  afterAll(() => hub.close());

  /** A programme organiser, whom every access rule lets through to the limit, with a fresh budget. */
  async function organiser(): Promise<Record<string, string>> {
    const account = await hub.app.get(TransactionRunner).run(async (manager) => {
      const made = await findOrCreateAccount(manager, `limit-${randomUUID()}@icc.example`, {
        name: 'Limit Tester',
      });
      await grantRole(manager, {
        actorId: null,
        accountId: made.id,
        eventId: null,
        role: 'organiser',
      });
      return made;
    });
    const { secret } = await hub.app.get(AuthService).issue(account.id, 'api', 'test');
    return { authorization: `Bearer ${secret}` };
  }

  function concrete(path: string): string {
    return path
      .replace(':slug', 'icc-city-lab-2020')
      .replace(':date', '2020-10-05')
      .replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
  }

  async function call(method: string, path: string, headers: Record<string, string>) {
    const bodiless = method === 'GET' || method === 'HEAD' || method === 'DELETE';
    const response = await fetch(`${hub.baseUrl}${concrete(path)}`, {
      method,
      headers: bodiless ? headers : { ...headers, 'content-type': 'application/json' },
      body: bodiless ? undefined : '{}',
    });
    const text = await response.text();
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (response.headers.get('content-type')?.includes('json')
        ? JSON.parse(text)
        : text) as unknown,
    };
  }

  const limited = (reply: Awaited<ReturnType<typeof call>>) =>
    reply.status === 429 &&
    Number(reply.retryAfter) >= 1 &&
    Number(reply.retryAfter) <= 60 &&
    JSON.stringify(reply.body) ===
      JSON.stringify({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'Too many changes in a short time; try again in a minute',
      });

  it('finds the write routes in the router', () => {
    const writes = routes.filter((route) => WRITES.has(route.method));
    expect(writes.length).toBeGreaterThanOrEqual(40);
    expect(writes.map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining(['PATCH /api/me', 'POST /api/auth/sign-in']),
    );
  });

  it('answers 429 with Retry-After on every write route once a person spent the budget', async () => {
    const unlimited: string[] = [];
    for (const route of routes.filter((r) => WRITES.has(r.method))) {
      const headers = await organiser();
      const spent = await call('PATCH', '/api/me', headers);
      expect(spent.status).not.toBe(429);
      const reply = await call(route.method, route.path, headers);
      if (!limited(reply)) unlimited.push(`${route.method} ${route.path}: ${reply.status}`);
    }
    expect(unlimited).toEqual([]);
  });

  it('counts anonymous writes by address on the public write routes', async () => {
    const open = routes.filter((r) => WRITES.has(r.method) && r.rule?.kind === 'public');
    expect(open.length).toBeGreaterThanOrEqual(2);
    await call('POST', '/api/auth/verify', {});
    const unlimited: string[] = [];
    for (const route of open) {
      const reply = await call(route.method, route.path, {});
      if (!limited(reply)) unlimited.push(`${route.method} ${route.path}: ${reply.status}`);
    }
    expect(unlimited).toEqual([]);
  });

  it('refuses before the route runs, and never counts reads', async () => {
    const headers = await organiser();
    const before = await call('GET', '/api/me', headers);
    const rename = (name: string) =>
      fetch(`${hub.baseUrl}/api/me`, {
        method: 'PATCH',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
    expect((await rename('First Name')).status).toBe(200);
    expect((await rename('Second Name')).status).toBe(429);
    expect((await call('GET', '/api/me', headers)).body).toMatchObject({ name: 'First Name' });
    expect(before.body).toMatchObject({ name: 'Limit Tester' });

    const reads = routes.filter((r) => r.method === 'GET');
    expect(reads.length).toBeGreaterThanOrEqual(20);
    const limitedReads: string[] = [];
    for (const route of reads) {
      for (const who of [headers, {}]) {
        const reply = await call('GET', route.path, who);
        if (reply.status === 429) limitedReads.push(`GET ${route.path}`);
      }
    }
    expect(limitedReads).toEqual([]);
  });
});
