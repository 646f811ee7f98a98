import { EventEntity, findOrCreateAccount, grantRole } from '@app/persistence';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ACCESS_RULE, type AccessRule } from '../../apps/api/src/auth/access.js';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Caller = 'anonymous' | 'attendee' | 'other-organiser' | 'programme-organiser';

interface Route {
  method: string;
  path: string;
  rule: AccessRule | undefined;
}

/**
 * Generated from the route table: every route is tried by an anonymous caller, an attendee and
 * an organiser of another event (and a programme organiser as the control). A route without an
 * access rule fails here.
 */
describe('access rules on every route', () => {
  let hub: TestApp;
  let routes: Route[];
  let auth: AuthService;
  let people: Array<[Caller, string, string | null, 'attendee' | 'organiser']> = [];

  /** The caller's account and role, made again where a route (erasure) removed them. */
  async function tokenFor(caller: Caller): Promise<string | undefined> {
    const person = people.find(([c]) => c === caller);
    if (!person) return undefined;
    const [, email, eventId, role] = person;
    const account = await hub.dataSource.transaction(async (manager) => {
      const found = await findOrCreateAccount(manager, email);
      await grantRole(manager, { actorId: null, accountId: found.id, eventId, role });
      return found;
    });
    return (await auth.issue(account.id, 'api', 'test')).secret;
  }

  beforeAll(async () => {
    hub = await createTestApp();
    const document = SwaggerModule.createDocument(hub.app, new DocumentBuilder().build());
    const modules = hub.app.get(ModulesContainer);
    const reflector = hub.app.get(Reflector);
    const handlers = new Map<string, AccessRule | undefined>();
    const controllers = [...modules.values()].flatMap((module) => [...module.controllers.values()]);
    for (const wrapper of controllers) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        if (name === 'constructor') continue;
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
          handler as () => unknown,
          controller,
        ]);
        handlers.set(`${controller.name}_${name}`, rule);
      }
    }
    routes = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { operationId: string }>).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        rule: handlers.get(op.operationId),
      })),
    );

    auth = hub.app.get(AuthService);
    const [cityLab, summit] = await Promise.all([
      hub.dataSource.getRepository(EventEntity).findOneByOrFail({ slug: 'icc-city-lab-2020' }),
      hub.dataSource.getRepository(EventEntity).findOneByOrFail({ slug: '100-mayors-summit-2020' }),
    ]);
    people = [
      ['attendee', 'attendee@city.example', cityLab.id, 'attendee'],
      ['other-organiser', 'summit-organiser@city.example', summit.id, 'organiser'],
      ['programme-organiser', 'programme@icc.example', null, 'organiser'],
    ];
  });
  afterAll(() => hub.close());

  function concrete(path: string): string {
    return path
      .replace('{slug}', 'icc-city-lab-2020')
      .replace(/\{[A-Za-z]*[iI]d\}/g, '00000000-0000-4000-8000-000000000000');
  }

  async function call(route: Route, caller: Caller): Promise<number> {
    // A fresh token per call: routes like sign-out and erasure end the one they are called with.
    const token = await tokenFor(caller);
    const bodiless = ['GET', 'HEAD', 'DELETE'].includes(route.method);
    const response = await fetch(`${hub.baseUrl}${concrete(route.path)}`, {
      method: route.method,
      headers: {
        ...(bodiless ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: bodiless ? undefined : '{}',
    });
    return response.status;
  }

  it('finds the routes of the api', () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
  });

  it('has an access rule on every route', () => {
    const missing = routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('answers each caller as the route’s rule says', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const rule = route.rule;
      if (!rule) continue;
      for (const caller of [
        'anonymous',
        'attendee',
        'other-organiser',
        'programme-organiser',
      ] as const) {
        const status = await call(route, caller);
        const refused = status === 401 || status === 403;
        let expected: 'allowed' | 401 | 403;
        if (rule.kind === 'public') expected = 'allowed';
        else if (caller === 'anonymous') expected = 401;
        else if (rule.kind === 'signed-in') expected = 'allowed';
        else if (caller === 'programme-organiser') expected = 'allowed';
        else if (rule.kind === 'any-organiser' && caller === 'other-organiser') {
          expected = 'allowed';
        } else expected = 403;
        const ok = expected === 'allowed' ? !refused && status < 500 : status === expected;
        if (!ok)
          wrong.push(`${route.method} ${route.path} as ${caller}: ${status}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
