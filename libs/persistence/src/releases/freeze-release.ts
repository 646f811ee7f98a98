import type { ReleaseDiff, ReleasedSession } from '@app/contracts';
import { In, IsNull, type EntityManager } from 'typeorm';
import type { EventEntity } from '../entities/event.entity.js';
import { ScheduleReleaseEntity } from '../entities/schedule-release.entity.js';
import { SessionEntity } from '../entities/session.entity.js';
import { diffReleases, movesCalendars } from './release-diff.js';
import { toSessionDetail } from './views.js';

export interface FrozenRelease {
  release: ScheduleReleaseEntity;
  previous: ScheduleReleaseEntity | null;
  diff: ReleaseDiff;
}

export function latestRelease(
  manager: EntityManager,
  eventId: string,
): Promise<ScheduleReleaseEntity | null> {
  return manager
    .getRepository(ScheduleReleaseEntity)
    .findOne({ where: { eventId }, order: { number: 'DESC' } });
}

/**
 * The draft as a release would freeze it. A session cancelled before any release ever carried it
 * is left out: nobody outside the organisers has seen it.
 */
export async function draftSnapshot(
  manager: EntityManager,
  event: EventEntity,
): Promise<ReleasedSession[]> {
  const sessions = await manager
    .getRepository(SessionEntity)
    .createQueryBuilder('session')
    .leftJoinAndSelect('session.day', 'day')
    .leftJoinAndSelect('session.track', 'track')
    .leftJoinAndSelect('session.stream', 'stream')
    .leftJoinAndSelect('session.people', 'person')
    .leftJoinAndSelect('person.speaker', 'speaker')
    .leftJoinAndSelect('speaker.city', 'city')
    .where('session.eventId = :eventId', { eventId: event.id })
    .orderBy('session.startsAt', 'ASC')
    .addOrderBy('session.title', 'ASC')
    .getMany();
  return sessions
    .filter((s) => s.status !== 'cancelled' || s.firstReleasedAt !== null)
    .map((s) => ({ ...toSessionDetail(s, event), sequence: s.calendarSequence }));
}

/** What publishing now would change: the draft against the latest release. */
export async function previewRelease(
  manager: EntityManager,
  event: EventEntity,
): Promise<{
  previous: ScheduleReleaseEntity | null;
  sessions: ReleasedSession[];
  diff: ReleaseDiff;
}> {
  const [previous, sessions] = await Promise.all([
    latestRelease(manager, event.id),
    draftSnapshot(manager, event),
  ]);
  return { previous, sessions, diff: diffReleases(previous?.snapshot.sessions ?? null, sessions) };
}

/**
 * Freezes the draft as the next numbered release, with its diff, inside the caller's
 * transaction; null when nothing changed since the latest release. Sessions whose calendar entry
 * moves (time, place, link, people, cancellation, return) get SEQUENCE + 1, stored on the session
 * so the next release and every calendar file continue from it.
 */
export async function freezeRelease(
  manager: EntityManager,
  input: {
    event: EventEntity;
    name: string;
    notes?: string;
    overrideReason?: string | null;
    publishedBy: string | null;
    now: Date;
  },
): Promise<FrozenRelease | null> {
  const { previous, sessions, diff } = await previewRelease(manager, input.event);
  if (diff.changes.length === 0) return null;
  const before = new Map((previous?.snapshot.sessions ?? []).map((s) => [s.id, s]));
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const repo = manager.getRepository(SessionEntity);
  for (const change of diff.changes) {
    const old = before.get(change.sessionId);
    const session = byId.get(change.sessionId);
    if (!old || !session || !movesCalendars(change)) continue;
    session.sequence = Math.max(old.sequence + 1, session.sequence);
    await repo.update({ id: session.id }, { calendarSequence: session.sequence });
  }
  await repo.update(
    { id: In(sessions.map((s) => s.id)), firstReleasedAt: IsNull() },
    { firstReleasedAt: input.now },
  );
  const releases = manager.getRepository(ScheduleReleaseEntity);
  const release = releases.create({
    eventId: input.event.id,
    number: (previous?.number ?? 0) + 1,
    name: input.name,
    notes: input.notes ?? '',
    snapshot: { sessions },
    diff,
    overrideReason: input.overrideReason ?? null,
    publishedBy: input.publishedBy,
    publishedAt: input.now,
  });
  await releases.insert(release);
  return { release, previous, diff };
}
