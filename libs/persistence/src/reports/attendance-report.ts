import type { AttendanceView } from '@app/contracts';

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
