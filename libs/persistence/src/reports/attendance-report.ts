import type { AttendanceView } from '@app/contracts';
import { type EntityManager, In, IsNull } from 'typeorm';
import { AccountEntity } from '../entities/account.entity.js';
import { AttendanceEntity } from '../entities/attendance.entity.js';
import { EventRoleEntity } from '../entities/event-role.entity.js';
import type { SessionEntity } from '../entities/session.entity.js';

export interface Visit {
  joinedAt: Date;
  lastSeenAt: Date;
  leftAt: Date | null;
}

export type AttendancePerson = AttendanceView['people'][number];

/** The role of a person without a role in the event. */
export const ATTENDEE = 'attendee';

/**
 * Seconds a person followed the session: the length of the union of their visits, each from
 * joining to leaving (or, for a visit whose process ended without a leave, to its last touch).
 * Two tabs open at once count once.
 */
export function attendedSeconds(visits: readonly Visit[]): number {
  const spans = visits
    .map((v) => [v.joinedAt.getTime(), (v.leftAt ?? v.lastSeenAt).getTime()] as const)
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let open: [number, number] | null = null;
  for (const [from, to] of spans) {
    if (open && from <= open[1]) {
      open[1] = Math.max(open[1], to);
      continue;
    }
    if (open) total += open[1] - open[0];
    open = [from, to];
  }
  if (open) total += open[1] - open[0];
  return Math.round(total / 1000);
}

/** People per city and per role (a person with two roles counts in both), largest first. */
export function aggregates(
  people: ReadonlyArray<Pick<AttendancePerson, 'city' | 'roles'>>,
): Pick<AttendanceView, 'byCity' | 'byRole'> {
  const cities = new Map<string | null, number>();
  const roles = new Map<string, number>();
  for (const person of people) {
    cities.set(person.city, (cities.get(person.city) ?? 0) + 1);
    for (const role of person.roles) roles.set(role, (roles.get(role) ?? 0) + 1);
  }
  const order = (a: string | null, b: string | null) =>
    a === null ? 1 : b === null ? -1 : a.localeCompare(b);
  return {
    byCity: [...cities]
      .map(([city, count]) => ({ city, people: count }))
      .sort((a, b) => b.people - a.people || order(a.city, b.city)),
    byRole: [...roles]
      .map(([role, count]) => ({ role, people: count }))
      .sort((a, b) => b.people - a.people || a.role.localeCompare(b.role)),
  };
}

/** What the key learnings may use: numbers only, no person named. */
export interface AttendanceSummary {
  sessionId: string;
  /** Signed-in people who joined the room. */
  people: number;
  anonymousVisits: number;
  /** Seconds followed, summed over the signed-in people. */
  totalSeconds: number;
  byCity: AttendanceView['byCity'];
  byRole: AttendanceView['byRole'];
}

/**
 * Who followed a session's live room, read from its visits: each signed-in person once (their
 * visits joined), their city and roles in the event, and the aggregates.
 */
export async function attendanceView(
  manager: EntityManager,
  session: Pick<SessionEntity, 'id' | 'eventId'>,
): Promise<AttendanceView> {
  const rows = await manager.getRepository(AttendanceEntity).find({
    where: { sessionId: session.id },
    order: { joinedAt: 'ASC' },
  });
  const visitsOf = new Map<string, AttendanceEntity[]>();
  let anonymousVisits = 0;
  for (const row of rows) {
    if (!row.accountId) anonymousVisits += 1;
    else visitsOf.set(row.accountId, [...(visitsOf.get(row.accountId) ?? []), row]);
  }
  const accountIds = [...visitsOf.keys()];
  const [accounts, roles] = await Promise.all([
    accountIds.length === 0
      ? Promise.resolve([])
      : manager
          .getRepository(AccountEntity)
          .createQueryBuilder('a')
          .leftJoinAndSelect('a.city', 'c')
          .where('a.id IN (:...accountIds)', { accountIds })
          .getMany(),
    accountIds.length === 0
      ? Promise.resolve([])
      : manager.getRepository(EventRoleEntity).find({
          where: [
            { accountId: In(accountIds), eventId: session.eventId },
            { accountId: In(accountIds), eventId: IsNull() },
          ],
        }),
  ]);
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const rolesOf = new Map<string, Set<string>>();
  for (const role of roles) {
    rolesOf.set(role.accountId, (rolesOf.get(role.accountId) ?? new Set()).add(role.role));
  }
  const people: AttendancePerson[] = accountIds.map((accountId) => {
    const visits: Visit[] = visitsOf.get(accountId) ?? [];
    const account = byId.get(accountId);
    const held = [...(rolesOf.get(accountId) ?? [])].sort();
    return {
      accountId,
      name: account?.name ?? '',
      city: account?.city?.name ?? null,
      roles: held.length > 0 ? held : [ATTENDEE],
      firstJoinedAt: new Date(Math.min(...visits.map((v) => v.joinedAt.getTime()))).toISOString(),
      lastSeenAt: new Date(
        Math.max(...visits.map((v) => (v.leftAt ?? v.lastSeenAt).getTime())),
      ).toISOString(),
      seconds: attendedSeconds(visits),
    };
  });
  people.sort((a, b) => b.seconds - a.seconds || a.name.localeCompare(b.name));
  return { sessionId: session.id, people, anonymousVisits, ...aggregates(people) };
}

/** The numbers of the attendance without personal data. */
export async function attendanceSummary(
  manager: EntityManager,
  session: Pick<SessionEntity, 'id' | 'eventId'>,
): Promise<AttendanceSummary> {
  const view = await attendanceView(manager, session);
  return {
    sessionId: session.id,
    people: view.people.length,
    anonymousVisits: view.anonymousVisits,
    totalSeconds: view.people.reduce((sum, p) => sum + p.seconds, 0),
    byCity: view.byCity,
    byRole: view.byRole,
  };
}
