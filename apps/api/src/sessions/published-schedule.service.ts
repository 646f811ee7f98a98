import type { ReleasedSession } from '@app/contracts';
import { ScheduleReleaseEntity } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type {
  DataSource,
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  Repository,
  TransactionCommitEvent,
} from 'typeorm';

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
 * How long a process trusts the latest release it found before asking again. A release published
 * by another process shows here within this second; nothing that decides depends on it being
 * newer: registration's seat and window checks read the session row in the database, and a seat
 * taken from the release before is mailed about the release after like every other seat.
 */
const HEAD_TTL_MS = 1_000;

/**
 * The public face of an event's programme: its latest release, never the draft. Releases are
 * immutable, so each process keeps the parsed latest one and asks the database which release is
 * the latest (an indexed one-row read) at most once per HEAD_TTL_MS per event. A release this
 * process inserts is seen as soon as its transaction commits.
 */
@Injectable()
export class PublishedScheduleService implements EntitySubscriberInterface<ScheduleReleaseEntity> {
  private readonly cache = new Map<string, { schedule: PublishedSchedule; checkedAt: number }>();
  /** Events with a release inserted in a transaction not committed yet. */
  private readonly inserted = new WeakMap<QueryRunner, Set<string>>();

  constructor(
    @InjectRepository(ScheduleReleaseEntity)
    private readonly releases: Repository<ScheduleReleaseEntity>,
    @InjectDataSource() dataSource: DataSource,
  ) {
    dataSource.subscribers.push(this);
  }

  listenTo(): typeof ScheduleReleaseEntity {
    return ScheduleReleaseEntity;
  }

  afterInsert(event: InsertEvent<ScheduleReleaseEntity>): void {
    const eventId = event.entity.eventId;
    this.cache.delete(eventId);
    // Read again before the commit, the previous release would be cached for another second.
    if (!event.queryRunner.isTransactionActive) return;
    const events = this.inserted.get(event.queryRunner) ?? new Set<string>();
    events.add(eventId);
    this.inserted.set(event.queryRunner, events);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const events = this.inserted.get(event.queryRunner);
    if (!events) return;
    this.inserted.delete(event.queryRunner);
    for (const eventId of events) this.cache.delete(eventId);
  }

  /** Asks the database again on the next call: another process said a release was published. */
  forget(eventId: string): void {
    const cached = this.cache.get(eventId);
    if (cached) cached.checkedAt = 0;
  }

  async latest(eventId: string): Promise<PublishedSchedule | null> {
    const now = Date.now();
    const cached = this.cache.get(eventId);
    if (cached && now - cached.checkedAt < HEAD_TTL_MS) return cached.schedule;
    const head = await this.releases.findOne({
      select: { id: true, number: true },
      where: { eventId },
      order: { number: 'DESC' },
    });
    if (!head) return null;
    let schedule = cached?.schedule;
    if (schedule?.releaseId !== head.id) {
      const release = await this.releases.findOneByOrFail({ id: head.id });
      schedule = {
        releaseId: release.id,
        number: release.number,
        publishedAt: release.publishedAt,
        sessions: release.snapshot.sessions,
        byId: new Map(release.snapshot.sessions.map((s) => [s.id, s])),
      };
    }
    if (!cached && this.cache.size >= CACHED_EVENTS) this.cache.clear();
    this.cache.set(eventId, { schedule, checkedAt: now });
    return schedule;
  }
}
