import { type ConsentPurpose, type ConsentView, CURRENT_CONSENT_WORDING } from '@app/contracts';
import {
  AccountEntity,
  AttendanceEntity,
  AuditEntryEntity,
  AuthSessionEntity,
  CalendarFeedEntity,
  ChatMessageEntity,
  ConsentEntity,
  EventRoleEntity,
  KeyLearningDocumentEntity,
  KeyLearningRevisionEntity,
  KeyLearningVersionEntity,
  OutgoingMailEntity,
  PollEntity,
  PollOptionEntity,
  PollVoteEntity,
  QuestionEntity,
  QuestionVoteEntity,
  RegistrationEntity,
  SignInRequestEntity,
  TransactionRunner,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, IsNull, type Repository } from 'typeorm';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { RoomBroadcaster } from '../live-broadcast/room-broadcaster.js';
import { RegistrationsService } from '../registrations/registrations.service.js';
import {
  type PublishedSchedule,
  PublishedScheduleService,
} from '../sessions/published-schedule.service.js';
import { accountProfile } from './account.mapper.js';

/** The name an erased author of key learnings is shown under. */
export const FORMER_AUTHOR = 'Former contributor';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/** The GDPR side of an account: consent records, a full export, and erasure. */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly registrations: RegistrationsService,
    private readonly published: PublishedScheduleService,
    private readonly live: RoomBroadcaster,
    @InjectRepository(ConsentEntity) private readonly consents: Repository<ConsentEntity>,
  ) {}

  async listConsents(accountId: string): Promise<ConsentView[]> {
    const rows = await this.consents.find({ where: { accountId }, order: { grantedAt: 'DESC' } });
    return rows.map((c) => ({
      purpose: c.purpose,
      wordingVersion: c.wordingVersion,
      grantedAt: c.grantedAt.toISOString(),
      withdrawnAt: iso(c.withdrawnAt),
    }));
  }

  /** Records consent to the wording shown now; a newer wording needs a new consent. */
  async grant(
    accountId: string,
    purpose: ConsentPurpose,
    wordingVersion: string,
  ): Promise<ConsentView[]> {
    if (wordingVersion !== CURRENT_CONSENT_WORDING[purpose]) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        `The wording of "${purpose}" is now version ${CURRENT_CONSENT_WORDING[purpose]}; reload and read it first`,
      );
    }
    await this.transactions.run(async (manager) => {
      const repo = manager.getRepository(ConsentEntity);
      const open = await repo.findOneBy({
        accountId,
        purpose,
        wordingVersion,
        withdrawnAt: IsNull(),
      });
      if (!open) await repo.insert({ accountId, purpose, wordingVersion, grantedAt: new Date() });
    });
    return this.listConsents(accountId);
  }

  async withdraw(accountId: string, purpose: ConsentPurpose): Promise<ConsentView[]> {
    await this.transactions.run((manager) =>
      manager
        .getRepository(ConsentEntity)
        .update({ accountId, purpose, withdrawnAt: IsNull() }, { withdrawnAt: new Date() }),
    );
    return this.listConsents(accountId);
  }

  /** Everything the hub holds about the person, as one JSON document. */
  async export(accountId: string): Promise<Record<string, unknown>> {
    return this.transactions.run(async (manager) => {
      const account = await manager.getRepository(AccountEntity).findOneBy({ id: accountId });
      if (!account) throw DomainError.notFound('Account');
      const email = account.email ?? '';
      const [roles, sessions, consents, mails, signIns, audit, feed] = await Promise.all([
        manager.getRepository(EventRoleEntity).findBy({ accountId }),
        manager.getRepository(AuthSessionEntity).findBy({ accountId }),
        manager.getRepository(ConsentEntity).findBy({ accountId }),
        manager.getRepository(OutgoingMailEntity).find({
          where: [{ accountId }, { recipientEmail: email }],
          order: { createdAt: 'ASC' },
        }),
        manager.getRepository(SignInRequestEntity).findBy({ email }),
        manager.getRepository(AuditEntryEntity).find({
          where: [{ targetAccountId: accountId }, { actorId: accountId }],
        }),
        manager.getRepository(CalendarFeedEntity).findOneBy({ accountId }),
      ]);
      return {
        exportedAt: new Date().toISOString(),
        account: { ...accountProfile(account), createdAt: account.createdAt.toISOString() },
        roles: roles.map((r) => ({
          eventId: r.eventId,
          role: r.role,
          since: r.createdAt.toISOString(),
        })),
        sessionsAndTokens: sessions.map((s) => ({
          kind: s.kind,
          label: s.label,
          createdAt: s.createdAt.toISOString(),
          lastUsedAt: iso(s.lastUsedAt),
          expiresAt: s.expiresAt.toISOString(),
          revokedAt: iso(s.revokedAt),
        })),
        consents: consents.map((c) => ({
          purpose: c.purpose,
          wordingVersion: c.wordingVersion,
          grantedAt: c.grantedAt.toISOString(),
          withdrawnAt: iso(c.withdrawnAt),
        })),
        mails: mails.map((m) => ({
          template: m.template,
          state: m.state,
          createdAt: m.createdAt.toISOString(),
          sentAt: iso(m.sentAt),
          messageId: m.messageId,
        })),
        signInRequests: signIns.map((s) => ({
          createdAt: s.createdAt.toISOString(),
          usedAt: iso(s.usedAt),
        })),
        auditEntries: audit.map((a) => ({
          action: a.action,
          details: a.details,
          at: a.createdAt.toISOString(),
        })),
        registrations: await this.registrationsOf(manager, accountId),
        // Its address is a key to the feed, not data about the person: it stays out of the file.
        calendarFeed: feed ? { createdAt: feed.createdAt.toISOString() } : null,
        ...(await this.liveRoomsOf(manager, accountId)),
      };
    });
  }

  /** What the person did in live rooms: questions, votes, chat, poll votes and visits. */
  private async liveRoomsOf(manager: EntityManager, accountId: string) {
    const [questions, questionVotes, chat, pollVotes, visits] = await Promise.all([
      manager
        .getRepository(QuestionEntity)
        .find({ where: { authorAccountId: accountId }, order: { createdAt: 'ASC' } }),
      manager
        .getRepository(QuestionVoteEntity)
        .find({ where: { accountId }, order: { createdAt: 'ASC' } }),
      manager
        .getRepository(ChatMessageEntity)
        .find({ where: { authorAccountId: accountId }, order: { createdAt: 'ASC' } }),
      manager
        .getRepository(PollVoteEntity)
        .find({ where: { accountId }, order: { createdAt: 'ASC' } }),
      manager
        .getRepository(AttendanceEntity)
        .find({ where: { accountId }, order: { joinedAt: 'ASC' } }),
    ]);
    const pollIds = [...new Set(pollVotes.map((v) => v.pollId))];
    const [polls, options] = await Promise.all([
      pollIds.length ? manager.getRepository(PollEntity).findBy({ id: In(pollIds) }) : [],
      pollIds.length ? manager.getRepository(PollOptionEntity).findBy({ pollId: In(pollIds) }) : [],
    ]);
    const pollOf = new Map(polls.map((p) => [p.id, p]));
    const labelOf = new Map(options.map((o) => [o.id, o.label]));
    return {
      questions: questions.map((q) => ({
        id: q.id,
        sessionId: q.sessionId,
        body: q.body,
        anonymous: q.anonymous,
        status: q.status,
        askedAt: q.createdAt.toISOString(),
        answeredAt: iso(q.answeredAt),
      })),
      questionVotes: questionVotes.map((v) => ({
        questionId: v.questionId,
        votedAt: v.createdAt.toISOString(),
      })),
      chatMessages: chat.map((m) => ({
        id: m.id,
        sessionId: m.sessionId,
        body: m.body,
        sentAt: m.createdAt.toISOString(),
        removedAt: iso(m.removedAt),
      })),
      pollVotes: pollVotes.map((v) => ({
        pollId: v.pollId,
        sessionId: pollOf.get(v.pollId)?.sessionId ?? null,
        poll: pollOf.get(v.pollId)?.question ?? null,
        option: labelOf.get(v.optionId) ?? null,
        votedAt: v.createdAt.toISOString(),
      })),
      attendance: visits.map((a) => ({
        sessionId: a.sessionId,
        joinedAt: a.joinedAt.toISOString(),
        lastSeenAt: a.lastSeenAt.toISOString(),
        leftAt: iso(a.leftAt),
      })),
    };
  }

  /** Every registration the account ever made, cancelled ones too, with the session as released. */
  private async registrationsOf(manager: EntityManager, accountId: string) {
    const rows = await manager.getRepository(RegistrationEntity).find({
      where: { accountId },
      relations: { session: { event: true } },
      order: { createdAt: 'ASC' },
    });
    const schedules = new Map<string, PublishedSchedule | null>();
    const exported = [];
    for (const r of rows) {
      const event = r.session?.event;
      if (event && !schedules.has(event.id)) {
        schedules.set(event.id, await this.published.latest(event.id));
      }
      const released = event ? schedules.get(event.id)?.byId.get(r.sessionId) : null;
      exported.push({
        sessionId: r.sessionId,
        event: event?.slug ?? null,
        session: released?.title ?? r.session?.title ?? null,
        startsAt: released?.startsAt ?? r.session?.startsAt.toISOString() ?? null,
        status: r.status,
        cityId: r.cityId,
        registeredAt: r.createdAt.toISOString(),
        waitlistedAt: iso(r.waitlistedAt),
        confirmedAt: iso(r.confirmedAt),
        cancelledAt: iso(r.cancelledAt),
      });
    }
    return exported;
  }

  /**
   * Erasure: the account keeps its id (so that what others see stays consistent) but loses every
   * personal field; sessions, roles, consents, sign-in requests, the calendar feed and the
   * person's outbox rows are deleted. Live registrations are cancelled by the registration rule,
   * so their seats go to the people waiting (who are mailed); the person is not. Their questions
   * and chat messages stay in the rooms without a name (questions become anonymous, messages show
   * a former participant), and their visits of rooms count on only in the aggregates.
   */
  /**
   * Key learnings a person wrote or published stay (they are the event's record), but their name
   * leaves the history: revisions, versions and the "last saved by" of documents they saved last.
   */
  private async eraseAuthorship(manager: EntityManager, accountId: string): Promise<void> {
    await manager
      .getRepository(KeyLearningRevisionEntity)
      .update({ authorAccountId: accountId }, { authorAccountId: null, author: FORMER_AUTHOR });
    await manager
      .getRepository(KeyLearningVersionEntity)
      .update(
        { publishedByAccountId: accountId },
        { publishedByAccountId: null, publishedBy: FORMER_AUTHOR },
      );
    await manager
      .createQueryBuilder()
      .update(KeyLearningDocumentEntity)
      .set({ updatedBy: FORMER_AUTHOR })
      .where(
        'id IN (SELECT r."documentId" FROM key_learning_revisions r WHERE r.author = :former AND r.number = key_learning_documents.revision)',
        { former: FORMER_AUTHOR },
      )
      .execute();
  }

  async erase(accountId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const accounts = manager.getRepository(AccountEntity);
      const erasedAt = new Date();
      const { affected } = await accounts.update({ id: accountId }, { erasedAt });
      if (!affected) throw DomainError.notFound('Account');
      const { email } = await accounts.findOneByOrFail({ id: accountId });
      const cancelled = await this.registrations.cancelAllFor(manager, accountId);
      await manager.getRepository(CalendarFeedEntity).delete({ accountId });
      await manager.getRepository(AuthSessionEntity).delete({ accountId });
      await manager.getRepository(EventRoleEntity).delete({ accountId });
      await manager.getRepository(ConsentEntity).delete({ accountId });
      await manager.getRepository(OutgoingMailEntity).delete({ accountId });
      if (email) {
        await manager.getRepository(OutgoingMailEntity).delete({ recipientEmail: email });
        await manager.getRepository(SignInRequestEntity).delete({ email });
      }
      await manager
        .getRepository(QuestionEntity)
        .update({ authorAccountId: accountId }, { anonymous: true });
      await manager.getRepository(AttendanceEntity).update({ accountId }, { accountId: null });
      await this.eraseAuthorship(manager, accountId);
      await accounts.update(
        { id: accountId },
        { email: null, name: '', organisation: '', cityId: null },
      );
      await manager.getRepository(AuditEntryEntity).insert({
        actorId: accountId,
        action: 'account.erased',
        targetAccountId: accountId,
        eventId: null,
        details: { registrationsCancelled: cancelled },
        createdAt: erasedAt,
      });
    });
    // Its sign-ins are gone: so are its live connections, on every live process.
    this.live.accountRightsShrank(accountId);
  }
}
