import type { EventRole } from '@app/contracts';
import {
  AccountEntity,
  EventEntity,
  findOrCreateAccount,
  freezeRelease,
  grantRole,
  RegistrationEntity,
  SessionEntity,
  StreamEntity,
  TransactionRunner,
} from '@app/persistence';
import { randomUUID } from 'node:crypto';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import type { TestApp } from './test-app.js';

const DAY = 24 * 3_600_000;

/** The HTTP methods the e2e specs send. */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** Someone a spec acts as: an account, its name and e-mail, and bearer headers for the api. */
export interface Person {
  id: string;
  name: string;
  email: string;
  headers: Record<string, string>;
}

/** Nobody signed in: no account and no headers. */
export const ANONYMOUS: Person = { id: '', name: '', email: '', headers: {} };

/** A reply: the status, the parsed body of a JSON reply (else undefined), the raw text, the headers. */
export interface Reply<T> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** The lines of a CSV reply's text, without its byte-order mark and final line break. */
export const csvLines = (text: string): string[] =>
  text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

/** An event with one session published in release 1, and an organiser and a moderator of it. */
export interface LiveFixture {
  event: EventEntity;
  sessionId: string;
  organiser: Person;
  moderator: Person;
}

/** The helpers of {@link httpPeople}, bound to one spec's app. */
export interface HttpPeople {
  /** Sends `body` (when given) as JSON to the app with `who`'s headers. */
  call<T>(method: Method, path: string, who: Person, body?: unknown): Promise<Reply<T>>;
  /** A new account named `name` (default: the label and a random tag), in `cityId` when given, signed in. */
  person(label: string, cityId?: string | null, name?: string): Promise<Person>;
  /** Gives `accountId` the role for the event, or for every event when `eventId` is null. */
  grant(accountId: string, eventId: string | null, role: EventRole): Promise<void>;
  /** A new event slugged `${slug}-<tag>` and titled `${title} <tag>` with one plenary stream, unpublished. */
  eventWithStream(
    slug: string,
    title: string,
    extra?: Partial<EventEntity>,
  ): Promise<{ event: EventEntity; stream: StreamEntity; tag: string }>;
  /** Freezes the event's programme as its next release. */
  publish(event: EventEntity): Promise<void>;
  /** {@link LiveFixture}: a plenary session 30 days ahead in a new event slugged and titled as given. */
  liveFixture(slug: string, title: string, audience?: 'public' | 'cities'): Promise<LiveFixture>;
  /** A confirmed registration of `who` for the session, written directly (no quota, no mail). */
  register(sessionId: string, who: Person): Promise<void>;
}

/** HTTP calls, people and event fixtures for a spec whose app `hub()` returns (once `beforeAll` made it). */
export function httpPeople(hub: () => TestApp): HttpPeople {
  /** The app's own queue: on SQLite the test's transactions must not overlap the app's. */
  const transactions = () => hub().app.get(TransactionRunner);

  async function call<T>(
    method: Method,
    path: string,
    who: Person,
    body?: unknown,
  ): Promise<Reply<T>> {
    const response = await fetch(`${hub().baseUrl}${path}`, {
      method,
      headers:
        body === undefined ? who.headers : { ...who.headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.startsWith('application/json');
    return {
      status: response.status,
      body: (json && text ? JSON.parse(text) : undefined) as T,
      text,
      headers: response.headers,
    };
  }

  async function person(
    label: string,
    cityId: string | null = null,
    name = `${label} ${randomUUID().slice(0, 8)}`,
  ): Promise<Person> {
    const email = `${label}-${randomUUID().slice(0, 8)}@city.example`;
    const account = await transactions().run(async (m) => {
      const made = await findOrCreateAccount(m, email, { name });
      if (cityId) await m.getRepository(AccountEntity).update({ id: made.id }, { cityId });
      return made;
    });
    const { secret } = await hub().app.get(AuthService).issue(account.id, 'api', 'test');
    return { id: account.id, name, email, headers: { authorization: `Bearer ${secret}` } };
  }

  async function grant(accountId: string, eventId: string | null, role: EventRole) {
    await transactions().run((m) => grantRole(m, { actorId: null, accountId, eventId, role }));
  }

  async function eventWithStream(slug: string, title: string, extra: Partial<EventEntity> = {}) {
    const tag = randomUUID().slice(0, 8);
    const { dataSource } = hub();
    const event = await dataSource.getRepository(EventEntity).save({
      slug: `${slug}-${tag}`,
      kind: 'city-lab',
      title: `${title} ${tag}`,
      summary: '',
      timeZone: 'Europe/Brussels',
      startDate: '2031-05-01',
      endDate: '2031-05-02',
      venue: null,
      isDemo: false,
      ...extra,
    } as EventEntity);
    const stream = await dataSource.getRepository(StreamEntity).save({
      eventId: event.id,
      name: 'Plenary',
      virtualUrl: 'https://meet.example/plenary',
      position: 0,
    } as StreamEntity);
    return { event, stream, tag };
  }

  async function publish(event: EventEntity): Promise<void> {
    await transactions().run((manager) =>
      freezeRelease(manager, { event, name: 'release', publishedBy: null, now: new Date() }),
    );
  }

  async function liveFixture(
    slug: string,
    title: string,
    audience: 'public' | 'cities' = 'public',
  ): Promise<LiveFixture> {
    const { event, stream, tag } = await eventWithStream(slug, title);
    const start = Date.now() + 30 * DAY;
    const session = await hub()
      .dataSource.getRepository(SessionEntity)
      .save({
        eventId: event.id,
        streamId: stream.id,
        title: `Session ${tag}`,
        abstract: '',
        format: 'plenary',
        audience,
        language: 'en',
        status: 'scheduled',
        capacity: null,
        startsAt: new Date(start),
        endsAt: new Date(start + 3_600_000),
      } as SessionEntity);
    await publish(event);
    const [organiser, moderator] = await Promise.all([person('organiser'), person('moderator')]);
    await transactions().run(async (m) => {
      await grantRole(m, {
        actorId: null,
        accountId: organiser.id,
        eventId: event.id,
        role: 'organiser',
      });
      await grantRole(m, {
        actorId: null,
        accountId: moderator.id,
        eventId: event.id,
        role: 'moderator',
      });
    });
    return { event, sessionId: session.id, organiser, moderator };
  }

  async function register(sessionId: string, who: Person): Promise<void> {
    await transactions().run((m) =>
      m.getRepository(RegistrationEntity).insert({
        sessionId,
        accountId: who.id,
        cityId: null,
        status: 'confirmed',
        confirmedAt: new Date(),
        waitlistedAt: null,
        cancelledAt: null,
      }),
    );
  }

  return { call, person, grant, eventWithStream, publish, liveFixture, register };
}
