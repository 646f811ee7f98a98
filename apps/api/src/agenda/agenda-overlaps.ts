import type { AgendaOverlap, MyRegistrationView } from '@app/contracts';

type Timed = Pick<MyRegistrationView, 'sessionId' | 'startsAt' | 'endsAt' | 'status'> & {
  sessionStatus: MyRegistrationView['sessionStatus'];
};

/**
 * Every pair of sessions that share some time, in the order of the first one's start. A session
 * that ends as the next begins does not clash, and a session the organisers cancelled takes no
 * time. Sorted by start, each session only needs comparing with those that start before it ends.
 */
export function overlapsOf(items: readonly Timed[]): AgendaOverlap[] {
  const timed = items
    .filter((item) => item.sessionStatus !== 'cancelled')
    .map((item) => ({ ...item, from: Date.parse(item.startsAt), to: Date.parse(item.endsAt) }))
    .sort((a, b) => a.from - b.from || a.to - b.to || a.sessionId.localeCompare(b.sessionId));
  const overlaps: AgendaOverlap[] = [];
  timed.forEach((first, i) => {
    for (const second of timed.slice(i + 1)) {
      if (second.from >= first.to) break;
      if (second.to <= first.from) continue;
      overlaps.push({
        sessionIds: [first.sessionId, second.sessionId],
        startsAt: new Date(second.from).toISOString(),
        endsAt: new Date(Math.min(first.to, second.to)).toISOString(),
        waitlisted: first.status === 'waitlisted' || second.status === 'waitlisted',
      });
    }
  });
  return overlaps;
}
