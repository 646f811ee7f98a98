import type { CalendarFeedView, RegistrationView, SessionView } from '@app/contracts';
import { simpleParser } from 'mailparser';
import { TestRedis } from '../support/redis-server.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startHub, type Hub } from '../support/hub-process.js';

/** Sign-in by emailed link end to end: built api and worker, real SMTP, a Redis of its own. */
describe('accounts and sign-in', () => {
  let redis: TestRedis;
  let sink: SmtpSink;
  let hub: Hub;

  beforeAll(async () => {
    redis = await TestRedis.start();
    sink = await new SmtpSink().start();
    hub = await startHub({ worker: true, env: { REDIS_URL: redis.url, SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await hub?.stop();
    await sink?.stop();
    await redis?.stop();
  });

  const api = (path: string, init: RequestInit = {}) => fetch(`${hub.baseUrl}${path}`, init);
  const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

  async function linkFor(email: string, after = 0): Promise<string> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const mail = sink.to(email.toLowerCase()).slice(after)[0];
      if (mail) {
        const decoded = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
        const token = /#token=([A-Za-z0-9_-]{32,128})/.exec(decoded)?.[1];
        if (!token) throw new Error('no token in the mail');
        return token;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no sign-in mail for ${email}`);
  }

  async function signInWithCookie(email: string) {
    const before = sink.to(email.toLowerCase()).length;
    expect((await api('/api/auth/sign-in', json({ email }))).status).toBe(202);
    const token = await linkFor(email, before);
    const verified = await api('/api/auth/verify', json({ token }));
    expect(verified.status).toBe(200);
    const cookie = verified.headers.get('set-cookie') ?? '';
    const { csrfToken } = (await verified.json()) as { csrfToken: string };
    return { cookie: cookie.split(';')[0], setCookie: cookie, csrfToken, token };
  }

  it('answers a known and an unknown address the same way', async () => {
    const known = await api('/api/auth/sign-in', json({ email: 'organiser@icc-hub.localhost' }));
    const unknown = await api('/api/auth/sign-in', json({ email: 'someone.new@city.example' }));
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
    expect((await api('/api/auth/sign-in', json({ email: 'not an address' }))).status).toBe(400);
  });

  it('signs in with a single-use link into an HttpOnly session cookie with CSRF protection', async () => {
    const session = await signInWithCookie('Anna.Novak@City.example');
    expect(session.setCookie).toMatch(/HttpOnly/);
    expect(session.setCookie).toMatch(/SameSite=Lax/);
    const me = await api('/api/me', { headers: { cookie: session.cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'anna.novak@city.example', roles: [] });

    const again = await api('/api/auth/verify', json({ token: session.token }));
    expect(again.status).toBe(401);

    const patch = (headers: Record<string, string>) =>
      api('/api/me', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie: session.cookie, ...headers },
        body: JSON.stringify({ name: 'Anna Novak', timeZone: 'Europe/Ljubljana', locale: 'de' }),
      });
    expect((await patch({})).status).toBe(403);
    expect(
      (await patch({ 'x-csrf-token': session.csrfToken, origin: 'https://evil.example' })).status,
    ).toBe(403);
    const ok = await patch({ 'x-csrf-token': session.csrfToken });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      name: 'Anna Novak',
      timeZone: 'Europe/Ljubljana',
      locale: 'de',
    });
    const bad = await api('/api/me', {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json',
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
      },
      body: JSON.stringify({ timeZone: 'Mars/Olympus' }),
    });
    expect(bad.status).toBe(400);

    const out = await api('/api/auth/sign-out', {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(out.status).toBe(204);
    expect((await api('/api/me', { headers: { cookie: session.cookie } })).status).toBe(401);
  });

  it('gives API clients bearer tokens that can be listed and revoked, only by their owner', async () => {
    const email = 'script@city.example';
    expect((await api('/api/auth/sign-in', json({ email }))).status).toBe(202);
    const verified = await api(
      '/api/auth/verify',
      json({ token: await linkFor(email), client: 'api' }),
    );
    const { token } = (await verified.json()) as { token: string };
    const bearer = { authorization: `Bearer ${token}` };
    const created = await api('/api/me/tokens', json({ label: 'report' }, bearer));
    expect(created.status).toBe(201);
    const extra = (await created.json()) as { id: string; token: string };
    const listed = (await (await api('/api/me/tokens', { headers: bearer })).json()) as Array<{
      id: string;
    }>;
    expect(listed.map((t) => t.id)).toContain(extra.id);
    expect(JSON.stringify(listed)).not.toContain(extra.token);

    const other = await signInWithCookie('other.person@city.example');
    const stolen = await api(`/api/me/tokens/${extra.id}`, {
      method: 'DELETE',
      headers: { cookie: other.cookie, 'x-csrf-token': other.csrfToken },
    });
    expect(stolen.status).toBe(404);
    expect(
      (await api('/api/me', { headers: { authorization: `Bearer ${extra.token}` } })).status,
    ).toBe(200);
    expect(
      (await api(`/api/me/tokens/${extra.id}`, { method: 'DELETE', headers: bearer })).status,
    ).toBe(204);
    expect(
      (await api('/api/me', { headers: { authorization: `Bearer ${extra.token}` } })).status,
    ).toBe(401);
  });

  it('limits sign-in requests per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await api('/api/auth/sign-in', json({ email: 'flood@city.example' }))).status);
    }
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('lets the programme organiser grant and revoke roles, with an audit log, and read the mail outbox', async () => {
    const organiser = await signInWithCookie('organiser@icc-hub.localhost');
    const headers = {
      'content-type': 'application/json',
      cookie: organiser.cookie,
      'x-csrf-token': organiser.csrfToken,
    };
    const granted = await api('/api/events/icc-city-lab-2020/roles', {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: 'moderator@city.example', role: 'moderator' }),
    });
    expect(granted.status).toBe(201);
    const { id } = (await granted.json()) as { id: string };
    const roles = (await (
      await api('/api/events/icc-city-lab-2020/roles', { headers })
    ).json()) as Array<{
      email: string;
      role: string;
    }>;
    expect(roles).toContainEqual(
      expect.objectContaining({ email: 'moderator@city.example', role: 'moderator' }),
    );
    const { 'content-type': _json, ...bodiless } = headers;
    const revoked = await api(`/api/events/icc-city-lab-2020/roles/${id}`, {
      method: 'DELETE',
      headers: bodiless,
    });
    expect(revoked.status).toBe(204);
    const audit = (await (
      await api('/api/events/icc-city-lab-2020/audit-log', { headers })
    ).json()) as Array<{
      action: string;
    }>;
    expect(audit.map((a) => a.action).slice(0, 2)).toEqual(['role.revoked', 'role.granted']);

    const summary = (await (await api('/api/admin/mail/summary', { headers })).json()) as Record<
      string,
      number
    >;
    expect(summary.sent).toBeGreaterThanOrEqual(1);
    const sent = (await (
      await api('/api/admin/mail?state=sent&limit=5', { headers })
    ).json()) as Array<{
      id: string;
      messageId: string;
    }>;
    expect(sent.length).toBeGreaterThan(0);
    // Every mail so far is a sign-in link: those are never sent twice.
    const resent = await api(`/api/admin/mail/${sent[0].id}/resend`, {
      method: 'POST',
      headers: bodiless,
    });
    expect(resent.status).toBe(409);
  });

  it('records consent by wording version, exports everything held, and erases on request', async () => {
    const person = await signInWithCookie('private.person@city.example');
    const headers = { cookie: person.cookie, 'x-csrf-token': person.csrfToken };
    const withJson = { ...headers, 'content-type': 'application/json' };
    const outdated = await api('/api/me/consents', {
      method: 'POST',
      headers: withJson,
      body: JSON.stringify({ purpose: 'programme-updates', wordingVersion: '2019-01' }),
    });
    expect(outdated.status).toBe(409);
    const granted = await api('/api/me/consents', {
      method: 'POST',
      headers: withJson,
      body: JSON.stringify({ purpose: 'programme-updates', wordingVersion: '2026-11' }),
    });
    expect(await granted.json()).toEqual([
      expect.objectContaining({
        purpose: 'programme-updates',
        wordingVersion: '2026-11',
        withdrawnAt: null,
      }),
    ]);
    const withdrawn = await api('/api/me/consents/programme-updates', {
      method: 'DELETE',
      headers,
    });
    expect(
      ((await withdrawn.json()) as Array<{ withdrawnAt: string | null }>)[0].withdrawnAt,
    ).not.toBeNull();

    const exported = await api('/api/me/export', { headers: { cookie: person.cookie } });
    expect(exported.headers.get('content-disposition')).toMatch(/attachment/);
    const data = (await exported.json()) as {
      account: { email: string };
      consents: unknown[];
      mails: Array<{ template: string }>;
      signInRequests: unknown[];
    };
    expect(data.account.email).toBe('private.person@city.example');
    expect(data.consents).toHaveLength(1);
    expect(data.mails.map((m) => m.template)).toContain('sign-in-link');
    expect(data.signInRequests.length).toBeGreaterThan(0);
    const { id: erasedId } = (await (
      await api('/api/me', { headers: { cookie: person.cookie } })
    ).json()) as {
      id: string;
    };

    expect((await api('/api/me', { method: 'DELETE', headers })).status).toBe(204);
    expect((await api('/api/me', { headers: { cookie: person.cookie } })).status).toBe(401);

    const again = await signInWithCookie('private.person@city.example');
    const fresh = (await (await api('/api/me', { headers: { cookie: again.cookie } })).json()) as {
      id: string;
    };
    expect(fresh.id).not.toBe(erasedId);
  });

  it('exports my registrations and feed, and erasure passes my seat on to the next person waiting', async () => {
    /** Subjects of the mails a person got, once `expected` of them arrived. */
    async function subjectsTo(email: string, expected: number): Promise<string[]> {
      const deadline = Date.now() + 20_000;
      while (sink.to(email).length < expected && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const mails = await Promise.all(sink.to(email).map((m) => simpleParser(m.raw)));
      return mails.map((m) => m.subject ?? '');
    }
    const organiser = await signInWithCookie('organiser@icc-hub.localhost');
    const sessions = (await (
      await api('/api/events/icc-demo-city-lab/sessions?audience=public')
    ).json()) as SessionView[];
    const session = sessions.find((s) => Date.parse(s.startsAt) > Date.now() + 3_600_000);
    if (!session) throw new Error('the demo event has no public session later on');
    const capacity = await api(`/api/events/icc-demo-city-lab/sessions/${session.id}/capacity`, {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json',
        cookie: organiser.cookie,
        'x-csrf-token': organiser.csrfToken,
      },
      body: JSON.stringify({ capacity: 1 }),
    });
    expect(capacity.status).toBe(200);

    const leaving = await signInWithCookie('leaving.person@city.example');
    const waiting = await signInWithCookie('waiting.person@city.example');
    const as = (who: { cookie: string; csrfToken: string }) => ({
      cookie: who.cookie,
      'x-csrf-token': who.csrfToken,
    });
    const registration = `/api/sessions/${session.id}/registration`;
    for (const [who, status] of [
      [leaving, 'confirmed'],
      [waiting, 'waitlisted'],
    ] as const) {
      const registered = await api(registration, { method: 'POST', headers: as(who) });
      expect(registered.status).toBe(201);
      expect(await registered.json()).toMatchObject({ status });
    }
    const feed = (await (
      await api('/api/me/calendar-feed', { headers: as(leaving) })
    ).json()) as CalendarFeedView;
    const feedPath = new URL(feed.url).pathname;
    expect(await (await api(feedPath)).text()).toContain(`session-${session.id}@icc-hub`);

    const exported = await api('/api/me/export', { headers: as(leaving) });
    const text = await exported.text();
    const data = JSON.parse(text) as {
      registrations: Array<Record<string, unknown>>;
      calendarFeed: { createdAt: string } | null;
    };
    expect(data.registrations).toEqual([
      expect.objectContaining({
        sessionId: session.id,
        event: 'icc-demo-city-lab',
        session: session.title,
        status: 'confirmed',
      }),
    ]);
    expect(data.calendarFeed).toEqual({ createdAt: feed.createdAt });
    const token = /feeds\/([\w-]+)\.ics$/.exec(feed.url)?.[1] ?? '';
    expect(token).toHaveLength(43);
    expect(text).not.toContain(token);

    expect((await api('/api/me', { method: 'DELETE', headers: as(leaving) })).status).toBe(204);
    expect((await api(feedPath)).status).toBe(404);

    // The seat went to the next person by the registration rule: promoted, and told so.
    const promoted = (await (
      await api(registration, { headers: as(waiting) })
    ).json()) as RegistrationView;
    expect(promoted).toMatchObject({ status: 'confirmed', position: null, seatsLeft: 0 });
    expect(await subjectsTo('waiting.person@city.example', 3)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Seat confirmed: /)]),
    );
    // The erased person is written to no more: a cancellation would have been queued with the
    // promotion, in the same transaction, and sent with it.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await subjectsTo('leaving.person@city.example', 0)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^Registration cancelled/)]),
    );
  });

  it('shows the queues dashboard to programme organisers only', async () => {
    expect((await api('/api/admin/queues')).status).toBe(401);
    const attendee = await signInWithCookie('attendee.only@city.example');
    expect((await api('/api/admin/queues', { headers: { cookie: attendee.cookie } })).status).toBe(
      403,
    );
    const organiser = await signInWithCookie('organiser@icc-hub.localhost');
    const page = await api('/api/admin/queues', { headers: { cookie: organiser.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/ICC Hub queues|bull/i);
  });

  // Last: it spends this machine's allowance for the other tests.
  it('limits sign-in requests per machine, whatever the address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      statuses.push(
        (await api('/api/auth/sign-in', json({ email: `many-${i}@city.example` }))).status,
      );
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe(429);
  });
});
