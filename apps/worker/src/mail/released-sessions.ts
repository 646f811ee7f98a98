import type { ReleasedSession } from '@app/contracts';
import type { ScheduleReleaseEntity } from '@app/persistence';
import type { Repository } from 'typeorm';

/** Releases kept parsed: the mails due at one time concern one or two events. */
const CACHED_RELEASES = 4;

/**
 * Sessions as their event's latest release has them, for mails that must say what attendees
 * were told (never the draft): the head is asked every time, a release is parsed once.
 */
export class ReleasedSessions {
  private readonly cache = new Map<string, ReadonlyMap<string, ReleasedSession>>();

  constructor(private readonly releases: Repository<ScheduleReleaseEntity>) {}

  async latest(eventId: string, sessionId: string): Promise<ReleasedSession | null> {
    const head = await this.releases.findOne({
      select: { id: true },
      where: { eventId },
      order: { number: 'DESC' },
    });
    if (!head) return null;
    let sessions = this.cache.get(head.id);
    if (!sessions) {
      const release = await this.releases.findOneByOrFail({ id: head.id });
      sessions = new Map(release.snapshot.sessions.map((s) => [s.id, s]));
      if (this.cache.size >= CACHED_RELEASES) this.cache.clear();
      this.cache.set(head.id, sessions);
    }
    return sessions.get(sessionId) ?? null;
  }
}
