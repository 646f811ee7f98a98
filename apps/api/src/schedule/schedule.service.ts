import { APP_CONFIG, type AppConfig } from '@app/config';
import type {
  PublishedReleaseView,
  ReleasePreview,
  ReleaseSummaryView,
  ReleaseView,
  ScheduleConflict,
} from '@app/contracts';
import {
  AuditEntryEntity,
  EventEntity,
  freezeRelease,
  MailOutbox,
  previewRelease,
  ScheduleReleaseEntity,
  TransactionRunner,
} from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, type Repository } from 'typeorm';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { RoomBroadcaster } from '../live-broadcast/room-broadcaster.js';
import { DraftConflictsService } from '../programme/draft-conflicts.service.js';
import { SessionReminders } from '../registrations/session-reminders.js';
import { ReleaseNoticePlanner } from './release-notices.js';

export interface PublishInput {
  name: string;
  notes?: string;
  overrideReason?: string;
}

/** Releases as listed: the snapshot (every session) is left in the database. */
const WITHOUT_SNAPSHOT = {
  id: true,
  number: true,
  name: true,
  notes: true,
  publishedAt: true,
  diff: true,
} as const;

function toSummary(release: ScheduleReleaseEntity): ReleaseSummaryView {
  return {
    number: release.number,
    name: release.name,
    notes: release.notes,
    publishedAt: release.publishedAt.toISOString(),
    counts: release.diff.counts,
  };
}

function describeHard(conflicts: ScheduleConflict[]): string[] {
  return conflicts.filter((c) => c.severity === 'hard').map((c) => `${c.kind}: ${c.message}`);
}

/**
 * Schedule releases (pretalx's model): the draft is frozen into numbered releases, each with its
 * diff; publishing queues the notices in the same transaction, so a release and its mails exist
 * together or not at all.
 */
@Injectable()
export class ScheduleService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(ScheduleReleaseEntity)
    private readonly releases: Repository<ScheduleReleaseEntity>,
    private readonly transactions: TransactionRunner,
    private readonly outbox: MailOutbox,
    private readonly conflicts: DraftConflictsService,
    private readonly reminders: SessionReminders,
    private readonly live: RoomBroadcaster,
  ) {}

  private async event(slug: string): Promise<EventEntity> {
    const event = await this.events.findOneBy({ slug });
    if (!event) throw DomainError.notFound(`Event "${slug}"`);
    return event;
  }

  async preview(slug: string): Promise<ReleasePreview> {
    const event = await this.event(slug);
    const [{ previous, sessions, diff }, conflicts] = await Promise.all([
      previewRelease(this.events.manager, event),
      this.conflicts.forEvent(event.id),
    ]);
    const planner = new ReleaseNoticePlanner(this.events.manager, event.timeZone);
    const plan = await planner.plan(
      'preview',
      diff,
      new Map((previous?.snapshot.sessions ?? []).map((s) => [s.id, s])),
      new Map(sessions.map((s) => [s.id, s])),
    );
    return { basedOn: previous?.number ?? null, diff, conflicts, notices: plan.counts };
  }

  async publish(slug: string, actorId: string, input: PublishInput): Promise<PublishedReleaseView> {
    const event = await this.event(slug);
    const overrideReason = input.overrideReason?.trim() || null;
    try {
      const { published, closedToPublic } = await this.transactions.run(async (manager) => {
        const hard = describeHard(await this.conflicts.forEvent(event.id, manager));
        if (hard.length > 0 && !overrideReason) {
          throw new DomainError(
            DomainErrorCode.Conflict,
            `The draft has ${hard.length} hard conflict(s); resolve them or publish with an override reason`,
            hard,
          );
        }
        const frozen = await freezeRelease(manager, {
          event,
          name: input.name.trim(),
          notes: input.notes?.trim(),
          overrideReason: hard.length > 0 ? overrideReason : null,
          publishedBy: actorId,
          now: new Date(),
        });
        if (!frozen) {
          throw new DomainError(
            DomainErrorCode.Conflict,
            'Nothing changed since the latest release: there is nothing to publish',
          );
        }
        const { release, previous, diff } = frozen;
        const next = new Map(release.snapshot.sessions.map((s) => [s.id, s]));
        const before = new Map((previous?.snapshot.sessions ?? []).map((s) => [s.id, s]));
        const planner = new ReleaseNoticePlanner(manager, event.timeZone);
        const plan = await planner.plan(release.id, diff, before, next);
        await this.outbox.queueMany(manager, plan.mails);
        await this.reminders.afterRelease(manager, diff, next);
        await manager.getRepository(AuditEntryEntity).insert({
          actorId,
          action: 'schedule.published',
          targetAccountId: null,
          eventId: event.id,
          details: {
            release: release.number,
            name: release.name,
            changes: diff.changes.length,
            mails: plan.mails.length,
            hardConflicts: hard.length,
            overrideReason: hard.length > 0 ? overrideReason : null,
          },
          createdAt: new Date(),
        });
        return {
          published: { ...toSummary(release), diff, overrideReason: release.overrideReason },
          closedToPublic: diff.changes
            .filter(
              (c) =>
                c.fields.includes('audience') &&
                before.get(c.sessionId)?.audience === 'public' &&
                next.get(c.sessionId)?.audience !== 'public',
            )
            .map((c) => c.sessionId),
        };
      });
      // Who is in those rooms now may not be let in any more: they join again to find out.
      this.live.roomsClosedToPublic(event.id, closedToPublic);
      return published;
    } catch (error) {
      // Two organisers publishing the same draft at once: the second one's number is taken.
      if (error instanceof QueryFailedError && /unique|duplicate/i.test(error.message)) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          'Another release was published at the same moment; review the preview and publish again',
        );
      }
      throw error;
    }
  }

  async list(slug: string): Promise<ReleaseSummaryView[]> {
    const event = await this.event(slug);
    const releases = await this.releases.find({
      select: WITHOUT_SNAPSHOT,
      where: { eventId: event.id },
      order: { number: 'DESC' },
    });
    return releases.map(toSummary);
  }

  /** Every release with its diff, newest first: the changelog and its feed. */
  async changelog(
    slug: string,
    limit: number,
  ): Promise<{ event: EventEntity; releases: ReleaseView[] }> {
    const event = await this.event(slug);
    const releases = await this.releases.find({
      select: WITHOUT_SNAPSHOT,
      where: { eventId: event.id },
      order: { number: 'DESC' },
      take: limit,
    });
    return { event, releases: releases.map((r) => ({ ...toSummary(r), diff: r.diff })) };
  }

  async one(slug: string, number: number): Promise<ReleaseView> {
    const event = await this.event(slug);
    const release = await this.releases.findOne({
      select: WITHOUT_SNAPSHOT,
      where: { eventId: event.id, number },
    });
    if (!release) throw DomainError.notFound(`Release ${number}`);
    return { ...toSummary(release), diff: release.diff };
  }

  get publicBaseUrl(): string {
    return this.config.publicBaseUrl;
  }
}
