import type { ReleasedSession } from '@app/contracts';
import { ScheduleReleaseEntity } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';

export interface PublishedSchedule {
  releaseId: string;
  number: number;
  publishedAt: Date;
  sessions: readonly ReleasedSession[];
  byId: ReadonlyMap<string, ReleasedSession>;
}

/** Events whose parsed latest release stays in memory; a City Lab's is a few hundred kB. */
const CACHED_EVENTS = 50;

/**
 * The public face of an event's programme: its latest release, never the draft. Releases are
 * immutable, so each process keeps the parsed latest one and only asks the database, per call,
 * which release is the latest (an indexed one-row read); a release published by any process is
 * seen by every other on its next request.
 */
@Injectable()
export class PublishedScheduleService {
  private readonly cache = new Map<string, PublishedSchedule>();

  constructor(
    @InjectRepository(ScheduleReleaseEntity)
    private readonly releases: Repository<ScheduleReleaseEntity>,
  ) {}

  async latest(eventId: string): Promise<PublishedSchedule | null> {
    const head = await this.releases.findOne({
      select: { id: true, number: true },
      where: { eventId },
      order: { number: 'DESC' },
    });
    if (!head) return null;
    const cached = this.cache.get(eventId);
    if (cached?.releaseId === head.id) return cached;
    const release = await this.releases.findOneByOrFail({ id: head.id });
    const schedule: PublishedSchedule = {
      releaseId: release.id,
      number: release.number,
      publishedAt: release.publishedAt,
      sessions: release.snapshot.sessions,
      byId: new Map(release.snapshot.sessions.map((s) => [s.id, s])),
    };
    if (this.cache.size >= CACHED_EVENTS) this.cache.clear();
    this.cache.set(eventId, schedule);
    return schedule;
  }
}
