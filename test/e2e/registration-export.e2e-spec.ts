import {
  AccountEntity,
  AuditEntryEntity,
  CityEntity,
  EventEntity,
  findOrCreateAccount,
  freezeRelease,
  grantRole,
  SessionEntity,
  TransactionRunner,
} from '@app/persistence';
import { randomUUID } from 'node:crypto';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { parseCsv } from '../../apps/api/src/invitations/csv.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const HOUR = 3_600_000;

interface Person {
  id: string;
  email: string;
  headers: Record<string, string>;
}

describe('attendee list export for organisers', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await createTestApp();
  });
  afterAll(() => hub.close());

  const transactions = () => hub.app.get(TransactionRunner);

  async function person(
    label: string,
    profile: Partial<Pick<AccountEntity, 'name' | 'organisation' | 'cityId'>> = {},
  ): Promise<Person> {
    const email = `${label}-${randomUUID().slice(0, 8)}@city.example`;
    const account = await transactions().run((m) => findOrCreateAccount(m, email, { name: label }));
    if (Object.keys(profile).length) {
      await hub.dataSource.getRepository(AccountEntity).update(account.id, profile);
    }
    const { secret } = await hub.app.get(AuthService).issue(account.id, 'api', 'test');
    return { id: account.id, email, headers: { authorization: `Bearer ${secret}` } };
  }

  async function event(capacities: Array<number | null>) {
    const tag = randomUUID().slice(0, 8);
    const saved = await hub.dataSource.getRepository(EventEntity).save({
      slug: `export-${tag}`,
      kind: 'city-lab',
      title: `Export lab ${tag}`,
      summary: '',
      timeZone: 'Europe/Brussels',
      startDate: '2031-05-01',
      endDate: '2031-05-02',
      venue: null,
      isDemo: false,
      delegationQuota: null,
    } as EventEntity);
    // 1 May 2031, 10:00 and 12:00 in Brussels (summer time, UTC+2).
    const sessions = await hub.dataSource.getRepository(SessionEntity).save(
      capacities.map((capacity, i) => ({
        eventId: saved.id,
        title: i === 0 ? `=Cities, "data" & you ${tag}` : `Session ${i + 1} ${tag}`,
        abstract: '',
        format: 'workshop',
        audience: 'public',
        language: 'en',
        status: 'scheduled',
        capacity,
        startsAt: new Date(Date.parse('2031-05-01T08:00:00Z') + i * 2 * HOUR),
        endsAt: new Date(Date.parse('2031-05-01T09:00:00Z') + i * 2 * HOUR),
      })) as SessionEntity[],
    );
    await transactions().run((manager) =>
      freezeRelease(manager, { event: saved, name: 'release', publishedBy: null, now: new Date() }),
    );
    return { event: saved, ids: sessions.map((s) => s.id) };
  }

  async function organiserOf(eventId: string | null): Promise<Person> {
    const who = await person('organiser');
    await transactions().run((m) =>
      grantRole(m, { actorId: null, accountId: who.id, eventId, role: 'organiser' }),
    );
    return who;
  }

  /** The body as sent: `Response.text()` would drop the byte-order mark. */
  async function call(path: string, who?: Person) {
    const response = await fetch(`${hub.baseUrl}${path}`, { headers: who?.headers });
    const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
    return { status: response.status, headers: response.headers, text };
  }

  const register = async (who: Person, sessionId: string) =>
    expect(
      (
        await fetch(`${hub.baseUrl}/api/sessions/${sessionId}/registration`, {
          method: 'POST',
          headers: who.headers,
        })
      ).status,
    ).toBe(201);

  it('lists seats then the waiting list per session, guarded for spreadsheets, and audits it', async () => {
    const { event: lab, ids } = await event([1, null]);
    const city = await hub.dataSource.getRepository(CityEntity).save({
      name: `Łódź ${randomUUID().slice(0, 4)}`,
      country: 'PL',
      role: 'core',
    } as CityEntity);
    const ana = await person('ana', {
      name: 'Ana "Ana" Sousa, PhD',
      organisation: '=HYPERLINK("http://evil.example","click")',
      cityId: city.id,
    });
    const bo = await person('bo', { name: '@bo', organisation: '+32 City\nHall' });
    const cy = await person('cy', { name: '-cy', organisation: '' });
    const gone = await person('gone');
    await register(ana, ids[0]);
    await register(bo, ids[0]);
    await register(cy, ids[0]);
    await register(ana, ids[1]);
    await register(gone, ids[1]);
    const cancelled = await fetch(`${hub.baseUrl}/api/sessions/${ids[1]}/registration`, {
      method: 'DELETE',
      headers: gone.headers,
    });
    expect(cancelled.status).toBe(204);

    const organiser = await organiserOf(lab.id);
    const response = await call(`/api/events/${lab.slug}/registrations.csv`, organiser);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${lab.slug}-registrations.csv"`,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.text.startsWith('\uFEFF"Session",')).toBe(true);
    expect(response.text.split('\r\n').at(-1)).toBe('');

    const parsed = parseCsv(response.text);
    expect(parsed.problems).toEqual([]);
    const [header, ...rows] = parsed.records.map((r) => r.fields);
    expect(header).toEqual([
      'Session',
      'Session starts (Europe/Brussels)',
      'Name',
      'Email',
      'Organisation',
      'City',
      'Status',
      'Position',
      'Registered at (Europe/Brussels)',
    ]);
    const first = `'=Cities, "data" & you ${lab.slug.slice('export-'.length)}`;
    const second = `Session 2 ${lab.slug.slice('export-'.length)}`;
    expect(rows.map((r) => r.slice(0, 8))).toEqual([
      [
        first,
        '2031-05-01 10:00',
        'Ana "Ana" Sousa, PhD',
        ana.email,
        `'=HYPERLINK("http://evil.example","click")`,
        city.name,
        'confirmed',
        '',
      ],
      [first, '2031-05-01 10:00', "'@bo", bo.email, "'+32 City\nHall", '', 'waitlisted', '1'],
      [first, '2031-05-01 10:00', "'-cy", cy.email, '', '', 'waitlisted', '2'],
      [
        second,
        '2031-05-01 12:00',
        'Ana "Ana" Sousa, PhD',
        ana.email,
        `'=HYPERLINK("http://evil.example","click")`,
        city.name,
        'confirmed',
        '',
      ],
    ]);
    for (const row of rows) expect(row[8]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);

    const one = await call(
      `/api/events/${lab.slug}/registrations.csv?sessionId=${ids[1]}`,
      organiser,
    );
    expect(one.status).toBe(200);
    expect(one.headers.get('content-disposition')).toBe(
      `attachment; filename="${lab.slug}-session-${ids[1].slice(0, 8)}-registrations.csv"`,
    );
    expect(parseCsv(one.text).records.map((r) => r.fields[3])).toEqual(['Email', ana.email]);

    const audit = await hub.dataSource.getRepository(AuditEntryEntity).find({
      where: { eventId: lab.id, action: 'registrations.exported' },
      order: { createdAt: 'ASC' },
    });
    expect(audit.map((a) => [a.actorId, a.details])).toEqual([
      [organiser.id, { sessionId: null, rows: 4 }],
      [organiser.id, { sessionId: ids[1], rows: 1 }],
    ]);
    expect(JSON.stringify(audit)).not.toContain(ana.email);
  });

  it('is for the organisers of the event (and programme organisers) only', async () => {
    const { event: lab, ids } = await event([null]);
    const { event: elsewhere, ids: otherIds } = await event([null]);
    const path = `/api/events/${lab.slug}/registrations.csv`;
    const attendee = await person('attendee');
    await register(attendee, ids[0]);

    expect((await call(path)).status).toBe(401);
    expect((await call(path, attendee)).status).toBe(403);
    expect((await call(path, await organiserOf(elsewhere.id))).status).toBe(403);
    const programme = await organiserOf(null);
    expect((await call(path, programme)).status).toBe(200);

    const organiser = await organiserOf(lab.id);
    expect((await call(`${path}?sessionId=${otherIds[0]}`, organiser)).status).toBe(404);
    expect((await call(`${path}?sessionId=nope`, organiser)).status).toBe(400);
    expect((await call(`${path}?other=1`, organiser)).status).toBe(400);
    expect((await call('/api/events/no-such-event/registrations.csv', programme)).status).toBe(404);
  });
});
