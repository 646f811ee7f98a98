import type {
  ApiErrorBody,
  InvitationImportResult,
  InvitationListView,
  InvitationPublicView,
} from '@app/contracts';
import {
  AccountEntity,
  AuditEntryEntity,
  CityEntity,
  EventEntity,
  EventRoleEntity,
  findOrCreateAccount,
  grantRole,
  InvitationEntity,
  InvitationLinkEntity,
  latestRelease,
  OutgoingMailEntity,
} from '@app/persistence';
import { hashSecret } from '@app/runtime';
import type { TestingModule } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { type ParsedMail, simpleParser } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { Like } from 'typeorm';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { ANSWERS_PER_IP } from '../../apps/api/src/invitations/invitations.service.js';
import { MailSender } from '../../apps/worker/src/mail/mail-sender.service.js';
import { readIcs } from '../../libs/calendar/src/testing/read-ics.js';
import { TestRedis } from '../support/redis-server.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { workerMailModule } from '../support/worker-mail.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const BASE_URL = 'https://hub.example.eu';
const SUMMIT = 'summit-2031';
const OTHER = 'city-lab-2031';
const HOSTILE = '<script>alert("x")</script> =HYPERLINK("https://evil.example") Ω';

interface Reply<T> {
  status: number;
  body: T;
}

/**
 * Summit invitations through the API, on the database of the run, with the mail worker's own
 * sender in this process writing real mail to an SMTP server, and a Redis of this file's own (the
 * answer routes are rate-limited per address, and every request here comes from 127.0.0.1).
 */
describe('Summit invitations', () => {
  let redis: TestRedis;
  let sink: SmtpSink;
  let hub: TestApp;
  let worker: TestingModule;
  let summit: EventEntity;
  let organiser: string;
  let attendee: string;
  let otherOrganiser: string;
  let programmeOrganiser: string;

  const repo = <T extends object>(entity: new () => T) => hub.dataSource.getRepository(entity);

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<Reply<T>> {
    const response = await fetch(`${hub.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function bearer(email: string, eventId: string | null, role: 'organiser' | 'attendee') {
    const account = await hub.dataSource.transaction(async (manager) => {
      const found = await findOrCreateAccount(manager, email);
      await grantRole(manager, { actorId: null, accountId: found.id, eventId, role });
      return found;
    });
    return (await hub.app.get(AuthService).issue(account.id, 'api', 'test')).secret;
  }

  const invite = (slug: string, invitees: unknown[], token = organiser) =>
    call<InvitationImportResult>('POST', `/api/events/${slug}/invitations`, {
      token,
      body: { invitees },
    });
  const importCsv = (csv: string, token = organiser) =>
    call<InvitationImportResult>('POST', `/api/events/${SUMMIT}/invitations/csv`, {
      token,
      body: { csv },
    });
  const list = async (slug = SUMMIT) =>
    (await call<InvitationListView>('GET', `/api/events/${slug}/invitations`, { token: organiser }))
      .body;
  const remind = (slug = SUMMIT, token = organiser) =>
    call<{ reminded: number }>('POST', `/api/events/${slug}/invitations/reminders`, { token });
  const lookup = (token: string) =>
    call<InvitationPublicView & ApiErrorBody>('POST', '/api/invitations/lookup', {
      body: { token },
    });
  const respond = (token: string, answer: string) =>
    call<InvitationPublicView & ApiErrorBody>('POST', '/api/invitations/respond', {
      body: { token, answer },
    });

  const invitationOf = (email: string, eventId = summit.id) =>
    repo(InvitationEntity).findOneByOrFail({ eventId, email });

  interface Delivered {
    row: OutgoingMailEntity;
    mail: ParsedMail;
    token: string;
    ics: string;
  }
  const delivered = new Map<string, Delivered>();

  /**
   * Sends the latest mail of a template queued for an invitation as the worker does, once; a
   * later call gives what that mail said.
   */
  async function deliver(
    invitationId: string,
    template: 'summit-invitation' | 'summit-invitation-reminder' = 'summit-invitation',
  ): Promise<Delivered> {
    const [row] = await repo(OutgoingMailEntity).find({
      where: { template, dedupeKey: Like(`invitation:${invitationId}%`) },
      order: { createdAt: 'DESC' },
      take: 1,
    });
    expect(row).toBeDefined();
    const known = delivered.get(row.id);
    if (known) return known;
    expect(await worker.get(MailSender).send(row.id)).toBe('sent');
    const raw = sink.mails.find((m) => m.messageId === row.messageId)?.raw;
    if (!raw) throw new Error('the mail did not reach the SMTP server');
    const mail = await simpleParser(raw);
    const token = /\/invitations\/respond#token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
    if (!token) throw new Error('no answer link in the mail');
    const calendar = mail.attachments.find((a) => a.contentType === 'text/calendar');
    if (!calendar) throw new Error('no calendar file in the mail');
    const result = { row, mail, token, ics: calendar.content.toString('utf8') };
    delivered.set(row.id, result);
    return result;
  }

  beforeAll(async () => {
    redis = await TestRedis.start();
    sink = await new SmtpSink().start();
    hub = await createTestApp({
      env: { REDIS_URL: redis.url, SMTP_URL: sink.url, PUBLIC_BASE_URL: BASE_URL },
    });
    worker = await workerMailModule(hub.config);
    const events = repo(EventEntity);
    summit = await events.save(
      events.create({
        slug: SUMMIT,
        kind: 'mayors-summit',
        title: 'The 100 Mayors’ Summit 2031',
        summary: 'Mayors of the ICC cities meet in Brussels.',
        timeZone: 'Europe/Brussels',
        startDate: '2031-10-14',
        endDate: '2031-10-15',
        venue: 'Square – Brussels Meeting Centre',
      }),
    );
    const other = await events.save(
      events.create({
        slug: OTHER,
        kind: 'city-lab',
        title: 'A City Lab of 2031',
        timeZone: 'Europe/Brussels',
        startDate: '2031-03-01',
        endDate: '2031-03-02',
      }),
    );
    organiser = await bearer('summit-organiser@icc.example', summit.id, 'organiser');
    attendee = await bearer('summit-attendee@city.example', summit.id, 'attendee');
    otherOrganiser = await bearer('lab-organiser@icc.example', other.id, 'organiser');
    programmeOrganiser = await bearer('programme@icc.example', null, 'organiser');
  });

  afterAll(async () => {
    await worker?.close();
    await hub?.close();
    await sink?.stop();
    await redis?.stop();
  });

  it('invites a list by address and by account, and reports bad and repeated items', async () => {
    const leuven = await repo(CityEntity).findOneByOrFail({ name: 'Leuven' });
    const known = await hub.dataSource.transaction(async (manager) => {
      const account = await findOrCreateAccount(manager, 'known.person@city.example', {
        name: 'Known Person',
        locale: 'de',
      });
      await manager.getRepository(AccountEntity).update(account.id, { cityId: leuven.id });
      return account;
    });
    const first = await invite(SUMMIT, [
      {
        name: 'Ana Moreau',
        email: 'Ana.Moreau@Leuven.example',
        city: 'LEUVEN',
        role: 'mayor',
        locale: 'fr',
      },
      { name: 'No Address', email: 'not-an-address', role: 'guest' },
      { name: 'Ana again', email: ' ana.moreau@leuven.example ', role: 'guest' },
      { accountId: known.id, role: 'speaker' },
      { accountId: randomUUID(), role: 'guest' },
      { name: HOSTILE, email: 'hostile@city.example', role: 'delegate' },
      { name: 'Kingly', email: 'king@city.example', role: 'king' },
    ]);
    expect(first).toEqual({
      status: 201,
      body: {
        invited: 3,
        alreadyInvited: 0,
        rejected: [
          { line: 2, reason: 'email is not a valid address' },
          { line: 3, reason: 'same email as line 1' },
          { line: 5, reason: 'no account with this id' },
          { line: 7, reason: 'role must be one of mayor, speaker, delegate, guest' },
        ],
      },
    });
    const again = await invite(SUMMIT, [
      { name: 'Ana Moreau', email: 'ana.moreau@leuven.example', role: 'mayor' },
    ]);
    expect(again.body).toEqual({ invited: 0, alreadyInvited: 1, rejected: [] });

    const ana = await invitationOf('ana.moreau@leuven.example');
    expect(ana).toMatchObject({ cityName: 'Leuven', cityId: leuven.id, role: 'mayor' });
    const byAccount = await invitationOf('known.person@city.example');
    expect(byAccount).toMatchObject({
      name: 'Known Person',
      accountId: known.id,
      cityId: leuven.id,
      role: 'speaker',
    });
    expect((await invitationOf('hostile@city.example')).name).toBe(HOSTILE);

    // One mail each, carrying ids only; in the language chosen, else the account's, else English.
    const mails = await repo(OutgoingMailEntity).find({
      where: { template: 'summit-invitation', dedupeKey: Like('invitation:%') },
    });
    const byRecipient = new Map(mails.map((m) => [m.recipientEmail, m]));
    expect(mails).toHaveLength(3);
    expect(byRecipient.get('ana.moreau@leuven.example')?.locale).toBe('fr');
    expect(byRecipient.get('known.person@city.example')?.locale).toBe('de');
    expect(byRecipient.get('hostile@city.example')?.locale).toBe('en');
    for (const mail of mails) {
      expect(Object.keys(mail.dataRef).sort()).toEqual(['calendar', 'invitationId']);
    }
  });

  it('refuses a list of the wrong shape as a whole', async () => {
    for (const body of [
      { invitees: [] },
      { invitees: [{ name: 'A', email: 'a@city.example' }] },
      { invitees: [{ name: 'A', email: 'a@city.example', role: 'guest', phone: '1' }] },
      { invitees: [{ accountId: 'not-a-uuid', role: 'guest' }] },
      { emails: ['a@city.example'] },
    ]) {
      const reply = await call<ApiErrorBody>('POST', `/api/events/${SUMMIT}/invitations`, {
        token: organiser,
        body,
      });
      expect({ body, status: reply.status }).toEqual({ body, status: 400 });
    }
  });

  it('imports a CSV file: quoted fields, BOM, CRLF, bad and repeated lines reported by number', async () => {
    const csv =
      '\uFEFFname,email,city,role\r\n' +
      '"Novak, Anna",anna.novak@ljubljana.example,ljubljana,Mayor\r\n' +
      'Bad Email,bad@,Porto,delegate\r\n' +
      '"Multi\r\nLine ""Quoted""",multi@city.example,Atlantis,guest\r\n' +
      ',,,\r\n' +
      'No Role,norole@city.example,Brno,\r\n' +
      'Ana Moreau,ANA.MOREAU@leuven.example,Leuven,mayor\r\n' +
      '"=HYPERLINK(""https://evil.example"")",formula@city.example,,guest\r\n' +
      '"broken"x,broken@city.example,,guest\r\n' +
      'Dup,anna.novak@ljubljana.example,,guest\r\n';
    const reply = await importCsv(csv);
    expect(reply).toEqual({
      status: 201,
      body: {
        invited: 3,
        alreadyInvited: 1,
        rejected: [
          { line: 3, reason: 'email is not a valid address' },
          { line: 7, reason: 'role must be one of mayor, speaker, delegate, guest' },
          { line: 10, reason: 'text after the closing quote of a field' },
          { line: 11, reason: 'same email as line 2' },
        ],
      },
    });
    const ljubljana = await repo(CityEntity).findOneByOrFail({ name: 'Ljubljana' });
    expect(await invitationOf('anna.novak@ljubljana.example')).toMatchObject({
      name: 'Novak, Anna',
      cityName: 'Ljubljana',
      cityId: ljubljana.id,
      role: 'mayor',
    });
    expect(await invitationOf('multi@city.example')).toMatchObject({
      name: 'Multi Line "Quoted"',
      cityName: 'Atlantis',
      cityId: null,
    });
    expect((await invitationOf('formula@city.example')).name).toBe(
      '=HYPERLINK("https://evil.example")',
    );
  });

  it('refuses a CSV file that is not an invitation list, too long or too large', async () => {
    const line = 'Someone,someone@city.example,,guest\n';
    const cases: Array<[string, number, RegExp]> = [
      ['', 400, /first line must name the columns/],
      ['Ana,ana@city.example,,mayor\n', 400, /missing: name, email, role/],
      ['name,email,city\nAna,ana@city.example,Leuven\n', 400, /missing: role/],
      [`name,email,city,role\n${line.repeat(2_001)}`, 400, /At most 2000 invitees/],
      [`name,email,city,role\n${'x'.repeat(1_000_000)}`, 400, /Validation failed/],
      [`name,email,city,role\n${'x'.repeat(1_100_000)}`, 413, /./],
    ];
    for (const [csv, status, message] of cases) {
      const reply = await call<ApiErrorBody>('POST', `/api/events/${SUMMIT}/invitations/csv`, {
        token: organiser,
        body: { csv },
      });
      expect({ csv: csv.slice(0, 40), status: reply.status }).toEqual({
        csv: csv.slice(0, 40),
        status,
      });
      expect(reply.body.message).toMatch(message);
    }
  });

  it('invites each address once when the same file is sent twice at once', async () => {
    const csv =
      'name,email,city,role\n' +
      Array.from({ length: 20 }, (_, i) => `Twin ${i},twin-${i}@city.example,,guest\n`).join('');
    const [a, b] = await Promise.all([importCsv(csv), importCsv(csv)]);
    expect(a.body.invited + b.body.invited).toBe(20);
    expect(a.body.alreadyInvited + b.body.alreadyInvited).toBe(20);
    expect(
      await repo(OutgoingMailEntity).countBy({
        template: 'summit-invitation',
        recipientEmail: Like('twin-%@city.example'),
      }),
    ).toBe(20);
  });

  it('lists who was invited with counts per status', async () => {
    const view = await list();
    expect(view.counts).toEqual({ pending: view.invitations.length, accepted: 0, declined: 0 });
    const ana = view.invitations.find((i) => i.email === 'ana.moreau@leuven.example');
    expect(ana).toEqual({
      id: expect.any(String) as string,
      name: 'Ana Moreau',
      email: 'ana.moreau@leuven.example',
      city: 'Leuven',
      role: 'mayor',
      status: 'pending',
      invitedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      respondedAt: null,
      remindersSent: 0,
      lastRemindedAt: null,
    });
    const audit = await repo(AuditEntryEntity).findBy({
      eventId: summit.id,
      action: 'invitations.created',
    });
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it('lets only the event’s organisers invite, list and remind', async () => {
    const routes: Array<['GET' | 'POST', string, unknown]> = [
      ['GET', `/api/events/${SUMMIT}/invitations`, undefined],
      [
        'POST',
        `/api/events/${SUMMIT}/invitations`,
        { invitees: [{ name: 'A', email: 'a@b.example', role: 'guest' }] },
      ],
      [
        'POST',
        `/api/events/${SUMMIT}/invitations/csv`,
        { csv: 'name,email,role\nA,a@b.example,guest' },
      ],
      ['POST', `/api/events/${SUMMIT}/invitations/reminders`, undefined],
    ];
    for (const [method, path, body] of routes) {
      const statuses = [];
      for (const token of [undefined, attendee, otherOrganiser]) {
        statuses.push((await call(method, path, { token, body })).status);
      }
      expect({ path, method, statuses }).toEqual({ path, method, statuses: [401, 403, 403] });
    }
    expect(await repo(InvitationEntity).countBy({ email: 'a@b.example' })).toBe(0);
  });

  it('sends a real mail with a calendar file and a personal link that needs no password', async () => {
    const ana = await invitationOf('ana.moreau@leuven.example');
    const { row, mail, token, ics } = await deliver(ana.id);
    expect(mail.subject).toBe('Invitation : The 100 Mayors’ Summit 2031');
    expect(mail.text).toContain('Bonjour Ana Moreau,');
    expect(mail.html).toContain('<html lang="fr"');
    expect(mail.text).toContain(`${BASE_URL}/invitations/respond#token=${token}`);
    expect(mail.text).toContain(`${BASE_URL}/events/${SUMMIT}`);

    const { calendar, event, vevent } = readIcs(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe(`session-invitation-${summit.id}@icc-hub`);
    // No programme is published: the event's two days in Brussels.
    expect(event.startDate.toJSDate().toISOString()).toBe('2031-10-13T22:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2031-10-15T22:00:00.000Z');
    expect(event.summary).toBe('The 100 Mayors’ Summit 2031');
    expect(event.location).toBe('Square – Brussels Meeting Centre');
    expect(String(vevent.getFirstPropertyValue('attendee')).toLowerCase()).toBe(
      'mailto:ana.moreau@leuven.example',
    );
    expect(ics).not.toContain(token);

    // The database holds the token's hash only.
    const links = await repo(InvitationLinkEntity).findBy({ invitationId: ana.id });
    expect(links.map((l) => l.tokenHash)).toEqual([hashSecret(token)]);
    const stored = JSON.stringify(await repo(OutgoingMailEntity).findOneByOrFail({ id: row.id }));
    expect(stored).not.toContain(token);

    const view = await lookup(token);
    expect(view).toEqual({
      status: 200,
      body: {
        eventSlug: SUMMIT,
        eventTitle: 'The 100 Mayors’ Summit 2031',
        eventStartDate: '2031-10-14',
        eventEndDate: '2031-10-15',
        timeZone: 'Europe/Brussels',
        venue: 'Square – Brussels Meeting Centre',
        name: 'Ana Moreau',
        role: 'mayor',
        status: 'pending',
      },
    });
  });

  it('escapes a hostile name in the mail', async () => {
    const hostile = await invitationOf('hostile@city.example');
    const { mail } = await deliver(hostile.id);
    expect(mail.html).not.toMatch(/<script/i);
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.text).toContain(`Hello ${HOSTILE},`);
    expect(mail.html).toContain('<html lang="en"');
  });

  it('spans the latest release of the programme when there is one', async () => {
    const demo = await repo(EventEntity).findOneByOrFail({ slug: 'icc-demo-city-lab' });
    const release = await latestRelease(hub.dataSource.manager, demo.id);
    if (!release) throw new Error('the seed publishes a release');
    const sessions = release.snapshot.sessions.filter((s) => s.status !== 'cancelled');
    const first = Math.min(...sessions.map((s) => Date.parse(s.startsAt)));
    const last = Math.max(...sessions.map((s) => Date.parse(s.endsAt)));
    expect(
      (
        await invite(
          'icc-demo-city-lab',
          [{ name: 'Demo Guest', email: 'demo@city.example', role: 'guest' }],
          programmeOrganiser,
        )
      ).body.invited,
    ).toBe(1);
    const { ics } = await deliver((await invitationOf('demo@city.example', demo.id)).id);
    const { event, vevent } = readIcs(ics);
    expect(event.startDate.toJSDate().getTime()).toBe(first);
    expect(event.endDate.toJSDate().getTime()).toBe(last);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(release.number);
    expect(event.uid).toBe(`session-invitation-${demo.id}@icc-hub`);
  });

  it('accepts, declines and accepts again: account, event role and audit follow', async () => {
    const ana = await invitationOf('ana.moreau@leuven.example');
    const { token } = await deliver(ana.id);
    expect(await repo(AccountEntity).countBy({ email: 'ana.moreau@leuven.example' })).toBe(0);

    const accepted = await respond(token, 'accept');
    expect(accepted).toMatchObject({
      status: 200,
      body: { status: 'accepted', name: 'Ana Moreau' },
    });
    const account = await repo(AccountEntity).findOneByOrFail({
      email: 'ana.moreau@leuven.example',
    });
    expect(account).toMatchObject({ name: 'Ana Moreau', locale: 'fr' });
    const roleOf = () =>
      repo(EventRoleEntity).findBy({ accountId: account.id, eventId: summit.id });
    expect((await roleOf()).map((r) => r.role)).toEqual(['attendee']);
    const linked = await invitationOf('ana.moreau@leuven.example');
    expect(linked).toMatchObject({ status: 'accepted', accountId: account.id });
    expect(linked.respondedAt).not.toBeNull();

    expect((await respond(token, 'decline')).body.status).toBe('declined');
    expect(await roleOf()).toEqual([]);
    // The same answer twice changes nothing.
    expect((await respond(token, 'decline')).body.status).toBe('declined');
    // Both links Ana was sent work.
    expect((await respond(token, 'accept')).body.status).toBe('accepted');
    expect((await roleOf()).map((r) => r.role)).toEqual(['attendee']);

    const audit = await repo(AuditEntryEntity).find({
      where: { eventId: summit.id, targetAccountId: account.id },
      order: { createdAt: 'ASC' },
    });
    // A grant and its answer share a transaction and may share a millisecond: read each kind.
    const actions = (prefix: string) =>
      audit.filter((a) => a.action.startsWith(prefix)).map((a) => a.action);
    expect(actions('invitation.')).toEqual([
      'invitation.accepted',
      'invitation.declined',
      'invitation.accepted',
    ]);
    expect(actions('role.')).toEqual(['role.granted', 'role.revoked', 'role.granted']);
    expect(audit.find((a) => a.action === 'invitation.accepted')?.details).toEqual({
      invitationId: ana.id,
      previous: 'pending',
    });
    expect(JSON.stringify(audit)).not.toContain('ana.moreau');

    const speaker = await invitationOf('known.person@city.example');
    const mail = await deliver(speaker.id);
    expect(mail.mail.html).toContain('<html lang="de"');
    expect((await respond(mail.token, 'accept')).body.role).toBe('speaker');
    const roles = await repo(EventRoleEntity).findBy({
      accountId: speaker.accountId ?? '',
      eventId: summit.id,
    });
    expect(roles.map((r) => r.role)).toEqual(['speaker']);

    const view = await list();
    expect(view.counts.accepted).toBe(2);
    expect(view.invitations.find((i) => i.email === 'ana.moreau@leuven.example')?.status).toBe(
      'accepted',
    );
  });

  it('keeps an organiser’s grant when an invitee declines after accepting', async () => {
    const email = 'multi@city.example';
    const invitation = await invitationOf(email);
    const { token } = await deliver(invitation.id);
    await respond(token, 'accept');
    const account = await repo(AccountEntity).findOneByOrFail({ email });
    const roles = repo(EventRoleEntity);
    await roles.update(
      { accountId: account.id, eventId: summit.id },
      {
        grantedBy: (
          await repo(AccountEntity).findOneByOrFail({ email: 'summit-organiser@icc.example' })
        ).id,
      },
    );
    expect((await respond(token, 'decline')).body.status).toBe('declined');
    expect(
      (await roles.findBy({ accountId: account.id, eventId: summit.id })).map((r) => r.role),
    ).toEqual(['attendee']);
  });

  it('reminds only those who have not answered, at most once a day each', async () => {
    const before = await list();
    const pending = before.invitations.filter((i) => i.status === 'pending');
    expect(pending.length).toBeGreaterThan(0);
    // Two organisers at once: each person is reminded once between them.
    const [a, b] = await Promise.all([remind(), remind()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.reminded + b.body.reminded).toBe(pending.length);
    const reminders = await repo(OutgoingMailEntity).find({
      where: { template: 'summit-invitation-reminder', dedupeKey: Like('invitation:%') },
    });
    expect(reminders.map((m) => m.dataRef.invitationId).sort()).toEqual(
      pending.map((i) => i.id).sort(),
    );
    expect(await remind()).toEqual({ status: 200, body: { reminded: 0 } });

    const after = await list();
    for (const invitation of after.invitations) {
      const wasPending = pending.some((p) => p.id === invitation.id);
      expect(invitation.remindersSent).toBe(wasPending ? 1 : 0);
      expect(invitation.lastRemindedAt !== null).toBe(wasPending);
    }

    // A day later, for one of them.
    const hostile = await invitationOf('hostile@city.example');
    const [reminder] = reminders.filter((m) => m.dataRef.invitationId === hostile.id);
    const yesterday = new Date(Date.now() - 25 * 3_600_000);
    await repo(InvitationEntity).update(hostile.id, { lastRemindedAt: yesterday });
    await repo(OutgoingMailEntity).update(reminder.id, {
      dedupeKey: `invitation:${hostile.id}:reminder:${yesterday.toISOString().slice(0, 10)}`,
    });
    expect((await remind()).body).toEqual({ reminded: 1 });
    expect(await invitationOf('hostile@city.example')).toMatchObject({ remindersSent: 2 });

    // The reminder is a real mail whose link works beside the invitation's.
    const first = await deliver(hostile.id);
    const second = await deliver(hostile.id, 'summit-invitation-reminder');
    expect(second.mail.subject).toMatch(/^Reminder: invitation to /);
    expect(second.mail.text).toContain('You have not answered your invitation');
    expect(second.token).not.toBe(first.token);
    expect((await lookup(first.token)).body.status).toBe('pending');
    expect((await respond(second.token, 'decline')).body.status).toBe('declined');
    expect(await remind()).toEqual({ status: 200, body: { reminded: 0 } });

    const audit = await repo(AuditEntryEntity).findBy({
      eventId: summit.id,
      action: 'invitations.reminded',
    });
    expect(audit.reduce((sum, entry) => sum + Number(entry.details.reminded), 0)).toBe(
      pending.length + 1,
    );
  });

  it('answers 404 for an unknown, malformed or missing token, naming nobody', async () => {
    for (const token of ['A'.repeat(43), 'short', '"><script>', hashSecret('x')]) {
      for (const reply of [await lookup(token), await respond(token, 'accept')]) {
        expect(reply.status).toBe(404);
        expect(reply.body.message).toMatch(/invitation link is not valid/);
      }
    }
    // The stored hash is not a token.
    const [link] = await repo(InvitationLinkEntity).find({ take: 1 });
    expect((await lookup(link.tokenHash)).status).toBe(404);
    expect((await call('POST', '/api/invitations/lookup', { body: {} })).status).toBe(400);
    expect((await respond('A'.repeat(43), 'maybe')).status).toBe(400);
  });

  it('stops taking answers, invitations and reminders once the event is over', async () => {
    const events = repo(EventEntity);
    const closing = await events.save(
      events.create({
        slug: 'summit-closing',
        kind: 'mayors-summit',
        title: 'A Summit about to end',
        timeZone: 'Europe/Brussels',
        startDate: '2031-01-01',
        endDate: '2031-01-01',
      }),
    );
    await invite(
      'summit-closing',
      [{ name: 'Late Mayor', email: 'late@city.example', role: 'mayor' }],
      programmeOrganiser,
    );
    const { token } = await deliver((await invitationOf('late@city.example', closing.id)).id);
    await events.update(closing.id, { startDate: '2020-01-01', endDate: '2020-01-01' });

    const late = await respond(token, 'accept');
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/over/);
    expect((await lookup(token)).body.status).toBe('pending');
    expect(
      (
        await invite(
          'summit-closing',
          [{ name: 'B', email: 'b@city.example', role: 'guest' }],
          programmeOrganiser,
        )
      ).status,
    ).toBe(409);
    expect((await remind('summit-closing', programmeOrganiser)).status).toBe(409);
  });

  it('limits answer-link requests per address', async () => {
    const client = new Redis(redis.url);
    try {
      await client.del('icc:rl:invitation:ip:127.0.0.1');
      const ana = await invitationOf('ana.moreau@leuven.example');
      const { token } = await deliver(ana.id);
      const statuses: number[] = [];
      for (let i = 0; i < ANSWERS_PER_IP.limit - 1; i++) {
        statuses.push((await lookup('B'.repeat(43))).status);
      }
      expect(new Set(statuses)).toEqual(new Set([404]));
      expect((await lookup(token)).status).toBe(200);
      expect((await lookup(token)).status).toBe(429);
      expect((await respond(token, 'decline')).status).toBe(429);
      expect((await invitationOf('ana.moreau@leuven.example')).status).toBe('accepted');
    } finally {
      await client.del('icc:rl:invitation:ip:127.0.0.1');
      client.disconnect();
    }
  });
});
