import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CityEntity,
  EventDayEntity,
  EventEntity,
  SessionEntity,
  SessionPersonEntity,
  SpeakerEntity,
  StreamEntity,
  TrackEntity,
} from '../entities/index.js';
import { findOrCreateAccount, grantRole } from '../accounts/account-store.js';
import { freezeRelease } from '../releases/freeze-release.js';
import { DEMO_EVENT_SLUG, demoEvent } from './demo-event.js';

/** The demo programme's organiser: sign in with this address and read the link in the captured mail. */
export const DEMO_ORGANISER_EMAIL = 'organiser@icc-hub.localhost';
import {
  ICC_CITIES,
  ICC_CITY_LAB_2020,
  ICC_MAYORS_SUMMIT_2020,
  ICC_PEOPLE,
  ICC_TRACKS,
  type SeedEvent,
  type SeedSession,
} from './icc-programme.js';

export interface SeedReport {
  created: string[];
  kept: string[];
  refreshed: string[];
}

export function localToUtc(date: string, time: string, zone: string): Date {
  const value = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!value.isValid) throw new Error(`invalid local time ${date} ${time} in ${zone}`);
  return value.toJSDate();
}

/** When a seeded session starts and ends, in UTC. */
export function sessionInstants(
  session: SeedSession,
  zone: string,
): { startsAt: Date; endsAt: Date } {
  return (
    session.instants ?? {
      startsAt: localToUtc(session.date, session.start, zone),
      endsAt: localToUtc(session.date, session.end, zone),
    }
  );
}

async function ensureCities(manager: EntityManager): Promise<void> {
  const repo = manager.getRepository(CityEntity);
  for (const city of ICC_CITIES) {
    const found = await repo.findOneBy({ name: city.name, country: city.country });
    if (!found) await repo.insert(city);
  }
}

async function ensurePeople(manager: EntityManager): Promise<Map<string, string>> {
  const repo = manager.getRepository(SpeakerEntity);
  const ids = new Map<string, string>();
  for (const person of ICC_PEOPLE) {
    const found = await repo.findOneBy({
      name: person.name,
      organisation: person.organisation ?? '',
    });
    if (found) {
      ids.set(person.key, found.id);
      continue;
    }
    const saved = await repo.save(
      repo.create({
        name: person.name,
        title: person.title,
        organisation: person.organisation,
        bio: person.bio,
      }),
    );
    ids.set(person.key, saved.id);
  }
  return ids;
}

async function createEvent(
  manager: EntityManager,
  seed: SeedEvent,
  people: Map<string, string>,
  isDemo: boolean,
  now: Date,
): Promise<void> {
  const dates = seed.days.map((d) => d.date).sort();
  const event = await manager.getRepository(EventEntity).save(
    manager.getRepository(EventEntity).create({
      slug: seed.slug,
      kind: seed.kind,
      title: seed.title,
      summary: seed.summary,
      timeZone: seed.timeZone,
      startDate: dates[0],
      endDate: dates[dates.length - 1],
      venue: seed.venue,
      isDemo,
    }),
  );
  const dayIds = new Map<string, string>();
  for (const [i, day] of seed.days.entries()) {
    const saved = await manager
      .getRepository(EventDayEntity)
      .save({ eventId: event.id, dayNumber: i + 1, ...day });
    dayIds.set(day.date, saved.id);
  }
  const trackIds = new Map<string, string>();
  for (const [position, track] of ICC_TRACKS.entries()) {
    const saved = await manager
      .getRepository(TrackEntity)
      .save({ eventId: event.id, position, ...track });
    trackIds.set(track.slug, saved.id);
  }
  const streamIds = new Map<string, string>();
  for (const [position, stream] of seed.streams.entries()) {
    const saved = await manager
      .getRepository(StreamEntity)
      .save({ eventId: event.id, position, ...stream });
    streamIds.set(stream.name, saved.id);
  }
  for (const s of seed.sessions) {
    const session = await manager.getRepository(SessionEntity).save(
      manager.getRepository(SessionEntity).create({
        eventId: event.id,
        dayId: dayIds.get(s.date) ?? null,
        trackId: s.track ? (trackIds.get(s.track) ?? null) : null,
        streamId: streamIds.get(s.stream) ?? null,
        title: s.title,
        abstract: s.abstract,
        format: s.format,
        audience: s.audience,
        language: 'en',
        status: 'scheduled',
        capacity: s.capacity,
        ...sessionInstants(s, seed.timeZone),
        isDemo: s.demo,
      }),
    );
    const roles = [
      ['speaker', s.speakers ?? []],
      ['moderator', s.moderators ?? []],
      ['rapporteur', s.rapporteurs ?? []],
    ] as const;
    for (const [role, keys] of roles) {
      for (const [position, key] of keys.entries()) {
        const speakerId = people.get(key);
        if (!speakerId) throw new Error(`seed: unknown person ${key}`);
        await manager
          .getRepository(SessionPersonEntity)
          .insert({ sessionId: session.id, speakerId, role, position });
      }
    }
  }
  // The public agenda shows releases only: a seeded programme is published as release 1.
  await freezeRelease(manager, {
    event,
    name: 'Programme',
    notes: 'The programme as first published.',
    publishedBy: null,
    now,
  });
}

async function demoIsLive(manager: EntityManager, eventId: string, now: Date): Promise<boolean> {
  const live = await manager
    .getRepository(SessionEntity)
    .createQueryBuilder('s')
    .where('s.eventId = :eventId', { eventId })
    .andWhere('s.startsAt <= :now AND s.endsAt > :now', { now })
    .getCount();
  return live > 0;
}

/**
 * Loads the ICC programme where it is missing and keeps the demo event current. Safe to run on
 * every start and from several processes: it runs in one transaction, and on PostgreSQL under an
 * advisory lock.
 */
export async function seedProgramme(dataSource: DataSource, now: Date): Promise<SeedReport> {
  const report: SeedReport = { created: [], kept: [], refreshed: [] };
  await dataSource.transaction(async (manager) => {
    if (dataSource.options.type === 'postgres') {
      await manager.query('SELECT pg_advisory_xact_lock(4224001)');
    }
    await ensureCities(manager);
    const people = await ensurePeople(manager);
    const events = manager.getRepository(EventEntity);
    for (const seed of [ICC_CITY_LAB_2020, ICC_MAYORS_SUMMIT_2020]) {
      if (await events.existsBy({ slug: seed.slug })) {
        report.kept.push(seed.slug);
      } else {
        await createEvent(manager, seed, people, false, now);
        report.created.push(seed.slug);
      }
    }
    const organiser = await findOrCreateAccount(manager, DEMO_ORGANISER_EMAIL, {
      name: 'Demo organiser',
    });
    await grantRole(manager, {
      actorId: null,
      accountId: organiser.id,
      eventId: null,
      role: 'organiser',
    });
    const demo = await events.findOneBy({ slug: DEMO_EVENT_SLUG });
    if (demo && (await demoIsLive(manager, demo.id, now))) {
      report.kept.push(DEMO_EVENT_SLUG);
    } else {
      if (demo) await events.delete({ id: demo.id });
      await createEvent(manager, demoEvent(now), people, true, now);
      (demo ? report.refreshed : report.created).push(DEMO_EVENT_SLUG);
    }
  });
  return report;
}
