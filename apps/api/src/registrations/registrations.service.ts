import type {
  MyRegistrationView,
  RegistrationRefusal,
  RegistrationResult,
  RegistrationView,
  ReleasedSession,
} from '@app/contracts';
import {
  EventEntity,
  InvitationEntity,
  RegistrationEntity,
  SessionEntity,
  TransactionRunner,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, type Repository } from 'typeorm';
import type { PrincipalAccount } from '../auth/principal.js';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { RoomBroadcaster } from '../live-broadcast/room-broadcaster.js';
import { PublishedScheduleService } from '../sessions/published-schedule.service.js';
import { RegistrationMails } from './registration-mails.js';
import { SeatLedger } from './seat-ledger.js';

/** A session as registration sees it: the stored row with its event, and what was published. */
export interface RegistrableSession {
  row: SessionEntity;
  event: EventEntity;
  released: ReleasedSession;
  releaseId: string;
}

export function refusal(
  code: DomainErrorCode,
  reason: RegistrationRefusal,
  message: string,
): DomainError {
  return new DomainError(code, message, [reason]);
}

/**
 * What `register` needs of a session: less than `RegistrableSession`, which it accepts too. On
 * PostgreSQL it is read with one written-out query (see `registrationTarget`).
 */
export interface RegistrationTarget {
  row: Pick<
    SessionEntity,
    | 'capacity'
    | 'confirmedCount'
    | 'registrationOpensAt'
    | 'registrationClosesAt'
    | 'delegationQuota'
  >;
  event: Pick<EventEntity, 'id' | 'delegationQuota'>;
  released: ReleasedSession;
  releaseId: string;
}

/** The quota a city session counts against: the session's own, else the event's. */
export function cityQuota(
  session: Pick<SessionEntity, 'delegationQuota'>,
  event: Pick<EventEntity, 'delegationQuota'>,
): number | null {
  return session.delegationQuota ?? event.delegationQuota;
}

/** Whether freed seats should go to the waiting list: not once the session is off or over. */
export function promotesNow(session: RegistrableSession, now: Date): boolean {
  return (
    session.released.status !== 'cancelled' && Date.parse(session.released.endsAt) > now.getTime()
  );
}

/** What an attendee can do with their own registrations; never anyone else's. */
@Injectable()
export class RegistrationsService {
  private readonly postgres: boolean;

  constructor(
    dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly ledger: SeatLedger,
    private readonly mails: RegistrationMails,
    private readonly published: PublishedScheduleService,
    private readonly live: RoomBroadcaster,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(RegistrationEntity)
    private readonly registrations: Repository<RegistrationEntity>,
    @InjectRepository(InvitationEntity)
    private readonly invitations: Repository<InvitationEntity>,
  ) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  /** A session of the latest release; one only in the draft does not exist for attendees. */
  async registrable(sessionId: string): Promise<RegistrableSession> {
    // One query: `findOne` with a relation first selects the distinct id, then the row.
    const row = await this.sessions
      .createQueryBuilder('session')
      .innerJoinAndSelect('session.event', 'event')
      .where('session.id = :sessionId', { sessionId })
      .getOne();
    const schedule = row ? await this.published.latest(row.eventId) : null;
    const released = schedule?.byId.get(sessionId);
    if (!row?.event || !schedule || !released) throw DomainError.notFound('Session');
    return { row, event: row.event, released, releaseId: schedule.releaseId };
  }

  /**
   * `registrable` for registration: on PostgreSQL the columns it needs in one written-out query
   * (building and hydrating the joined entities cost more CPU than running the query).
   */
  private async registrationTarget(sessionId: string): Promise<RegistrationTarget> {
    if (!this.postgres) return this.registrable(sessionId);
    const rows = await this.sessions.manager.query<
      Array<{
        eventId: string;
        capacity: number | null;
        confirmedCount: number;
        registrationOpensAt: Date | null;
        registrationClosesAt: Date | null;
        delegationQuota: number | null;
        eventDelegationQuota: number | null;
      }>
    >(
      'SELECT s."eventId", s."capacity", s."confirmedCount", s."registrationOpensAt", ' +
        's."registrationClosesAt", s."delegationQuota", e."delegationQuota" AS ' +
        '"eventDelegationQuota" FROM "sessions" s INNER JOIN "events" e ON e."id" = s."eventId" ' +
        'WHERE s."id" = $1',
      [sessionId],
    );
    const row = rows[0];
    const schedule = row ? await this.published.latest(row.eventId) : null;
    const released = schedule?.byId.get(sessionId);
    if (!row || !schedule || !released) throw DomainError.notFound('Session');
    return {
      row,
      event: { id: row.eventId, delegationQuota: row.eventDelegationQuota },
      released,
      releaseId: schedule.releaseId,
    };
  }

  async register(
    account: PrincipalAccount,
    sessionId: string,
  ): Promise<{ result: RegistrationResult; created: boolean }> {
    const accountId = account.id;
    const session = await this.registrationTarget(sessionId);
    const now = new Date();
    try {
      this.checkOpen(session, now);
      await this.checkAudience(account, session);
    } catch (error) {
      // Registered already: the answer is what they have, whatever the session's state now.
      const existing = await this.registrations.findOneBy({ sessionId, accountId });
      if (existing && existing.status !== 'cancelled') {
        return {
          result: await this.resultOf(this.registrations.manager, existing),
          created: false,
        };
      }
      throw error;
    }
    const cityId = session.released.audience === 'cities' ? account.cityId : null;
    const quota = cityQuota(session.row, session.event);

    if (this.postgres) {
      return this.transactions.run((manager) =>
        this.registerOnPostgres(manager, { account, sessionId, session, cityId, quota }),
      );
    }
    return this.transactions.run(async (manager) => {
      const repo = manager.getRepository(RegistrationEntity);
      // The row first (TransactionRunner holds SQLite's write lock already): a second request of
      // the same person finds it. The row leaves this transaction confirmed or waitlisted, or
      // not at all.
      const inserted = await repo
        .createQueryBuilder()
        .insert()
        .values({ sessionId, accountId, status: 'cancelled', cityId })
        .orIgnore()
        .execute();
      // PostgreSQL returns the new row's id only when it inserted one, and that row is ours until
      // commit. Otherwise (the person has a row already; SQLite does not tell) read it, locked.
      let registrationId = this.postgres
        ? (inserted.raw as Array<{ id?: string }>)[0]?.id
        : undefined;
      if (!registrationId) {
        const mine = repo
          .createQueryBuilder('r')
          .where('r.sessionId = :sessionId AND r.accountId = :accountId', {
            sessionId,
            accountId,
          });
        if (this.postgres) mine.setLock('pessimistic_write');
        const registration = await mine.getOneOrFail();
        if (registration.status !== 'cancelled') {
          return { result: await this.resultOf(manager, registration), created: false };
        }
        registrationId = registration.id;
      }

      const seat = await this.ledger.claimSeat(manager, sessionId);
      const seated = seat.taken;
      if (
        cityId &&
        seated &&
        !(await this.ledger.takeCitySeat(manager, sessionId, cityId, quota))
      ) {
        throw this.quotaReached(quota);
      }
      if (
        cityId &&
        !seated &&
        quota !== null &&
        (await this.ledger.citySeats(manager, sessionId, cityId)) >= quota
      ) {
        throw this.quotaReached(quota);
      }
      const at = new Date();
      const status = seated ? 'confirmed' : 'waitlisted';
      await repo.update(
        { id: registrationId },
        {
          status,
          cityId,
          confirmedAt: seated ? at : null,
          waitlistedAt: seated ? null : at,
          cancelledAt: null,
        },
      );
      return this.newRegistration(manager, {
        account,
        session,
        registrationId,
        seated,
        seatsLeft: seat.seatsLeft,
        at,
      });
    });
  }

  /**
   * The registration transaction on PostgreSQL, written out, in three statements (four when the
   * guess below was wrong, five with a waiting place's position):
   *
   * 1. The registration row, in its final status as far as the session row read before the
   *    transaction tells (a free seat: confirmed; none: waitlisted). Written first, as on SQLite:
   *    a second request of the same person waits here for the first and then sees its row; and
   *    like `cancel`, this locks the registration before the session row (no deadlock between
   *    the two). A cancelled row is taken over; a live one is left alone and locked, and is the
   *    answer.
   * 2. The seat: the conditional UPDATE of `SeatLedger.claimSeat` decides, whatever was guessed.
   *    Guessed wrong (the last seat went meanwhile, or one was freed), one UPDATE sets the status
   *    the seat gives.
   * 3. The mails: confirmation or waiting-list notice, and a seat's reminders, in one INSERT.
   */
  private async registerOnPostgres(
    manager: EntityManager,
    input: {
      account: PrincipalAccount;
      sessionId: string;
      session: RegistrationTarget;
      cityId: string | null;
      quota: number | null;
    },
  ): Promise<{ result: RegistrationResult; created: boolean }> {
    const { account, sessionId, session, cityId, quota } = input;
    const accountId = account.id;
    const { capacity, confirmedCount } = session.row;
    const guess = capacity === null || confirmedCount < capacity ? 'confirmed' : 'waitlisted';
    const at = new Date();
    const inserted = await manager.query<Array<{ id: string }>>(
      'INSERT INTO "registrations" ("sessionId", "accountId", "cityId", "status", ' +
        '"waitlistedAt", "confirmedAt") VALUES ($1, $2, $3, $4, $5, $6) ' +
        'ON CONFLICT ("sessionId", "accountId") DO UPDATE SET "status" = EXCLUDED."status", ' +
        '"cityId" = EXCLUDED."cityId", "waitlistedAt" = EXCLUDED."waitlistedAt", ' +
        '"confirmedAt" = EXCLUDED."confirmedAt", "cancelledAt" = NULL, "updatedAt" = now() ' +
        `WHERE "registrations"."status" = 'cancelled' RETURNING "id"`,
      [
        sessionId,
        accountId,
        cityId,
        guess,
        guess === 'waitlisted' ? at : null,
        guess === 'confirmed' ? at : null,
      ],
    );
    const registrationId = inserted[0]?.id;
    if (!registrationId) {
      // Registered already (ON CONFLICT locked the row even though it changed nothing).
      const registration = await manager
        .getRepository(RegistrationEntity)
        .findOneByOrFail({ sessionId, accountId });
      return { result: await this.resultOf(manager, registration), created: false };
    }

    const seat = await this.ledger.claimSeat(manager, sessionId);
    const seated = seat.taken;
    if (cityId && seated && !(await this.ledger.takeCitySeat(manager, sessionId, cityId, quota))) {
      throw this.quotaReached(quota);
    }
    if (
      cityId &&
      !seated &&
      quota !== null &&
      (await this.ledger.citySeats(manager, sessionId, cityId)) >= quota
    ) {
      throw this.quotaReached(quota);
    }
    const status = seated ? 'confirmed' : 'waitlisted';
    if (status !== guess) {
      await manager.query(
        'UPDATE "registrations" SET "status" = $2, "confirmedAt" = $3, "waitlistedAt" = $4, ' +
          '"updatedAt" = now() WHERE "id" = $1',
        [registrationId, status, seated ? at : null, seated ? null : at],
      );
    }
    return this.newRegistration(manager, {
      account,
      session,
      registrationId,
      seated,
      seatsLeft: seat.seatsLeft,
      at,
    });
  }

  /**
   * A registration this transaction made: its mail is queued, and its answer comes from what
   * the transaction wrote (no need to read the row or the counters back).
   */
  private async newRegistration(
    manager: EntityManager,
    made: {
      account: PrincipalAccount;
      session: RegistrationTarget;
      registrationId: string;
      seated: boolean;
      seatsLeft: number | null;
      at: Date;
    },
  ): Promise<{ result: RegistrationResult; created: boolean }> {
    const { account, session, registrationId, seated, at } = made;
    const status = seated ? 'confirmed' : 'waitlisted';
    const sessionId = session.released.id;
    await this.mails.queue(manager, {
      kind: status,
      registrationId,
      accountId: account.id,
      recipient: account,
      sessionId,
      releaseId: session.releaseId,
      startsAt: new Date(session.released.startsAt),
      at,
    });
    return {
      result: {
        status,
        position: seated ? null : await this.ledger.position(manager, registrationId),
        sessionId,
        seatsLeft: made.seatsLeft,
      },
      created: true,
    };
  }

  /**
   * Gives up a seat or a waiting place. A freed seat goes to the first person waiting, in the
   * same transaction, so a seat is never free while someone waits for it. Cancelling what is
   * cancelled already changes nothing.
   */
  async cancel(accountId: string, sessionId: string): Promise<void> {
    const existing = await this.registrations.findOneBy({ sessionId, accountId });
    if (!existing) throw DomainError.notFound('Registration');
    if (existing.status === 'cancelled') return;
    const session = await this.registrable(sessionId);
    const now = new Date();
    if (Date.parse(session.released.endsAt) <= now.getTime()) {
      throw refusal(
        DomainErrorCode.Conflict,
        'session-over',
        'This session is over; its registrations stay as they were',
      );
    }
    const gaveUpSeat = await this.transactions.run(async (manager) => {
      const repo = manager.getRepository(RegistrationEntity);
      let previous = existing.status;
      // The condition on the status the row had decides, as the first statement (a write; see
      // `register`). If a promotion changed it meanwhile, go again with the status it has now.
      for (;;) {
        const at = new Date();
        const { affected } = await repo.update(
          { id: existing.id, status: previous },
          { status: 'cancelled', cancelledAt: at },
        );
        if (affected) break;
        const current = await repo.findOneByOrFail({ id: existing.id });
        if (current.status === 'cancelled') return false;
        previous = current.status;
      }
      if (previous !== 'confirmed') return false;
      const cancelled = await repo.findOneByOrFail({ id: existing.id });
      await this.ledger.releaseSeat(manager, sessionId);
      if (cancelled.cityId) await this.ledger.releaseCitySeat(manager, sessionId, cancelled.cityId);
      if (session.released.status === 'cancelled') return true;
      await this.mails.queue(manager, {
        kind: 'cancelled',
        registrationId: cancelled.id,
        accountId,
        sessionId,
        releaseId: session.releaseId,
        startsAt: new Date(session.released.startsAt),
        at: cancelled.cancelledAt ?? now,
      });
      if (promotesNow(session, now)) await this.promoteAndMail(manager, session);
      return true;
    });
    // A closed session's room admitted them as a registrant: their live connections end, and
    // their clients join again with what they may now do (the event's team is let back in).
    if (gaveUpSeat && session.released.audience !== 'public') {
      this.live.accountRightsShrank(accountId);
    }
  }

  /** Seats the waiting list can have now, each promoted person mailed; returns how many. */
  async promoteAndMail(manager: EntityManager, session: RegistrableSession): Promise<number> {
    const promoted = await this.ledger.promote(
      manager,
      session.row.id,
      cityQuota(session.row, session.event),
    );
    for (const p of promoted) {
      await this.mails.queue(manager, {
        kind: 'promoted',
        registrationId: p.registrationId,
        accountId: p.accountId,
        sessionId: session.row.id,
        releaseId: session.releaseId,
        startsAt: new Date(session.released.startsAt),
        at: p.confirmedAt,
      });
    }
    return promoted.length;
  }

  async mine(accountId: string, sessionId: string): Promise<RegistrationView> {
    const registration = await this.registrations.findOneBy({ sessionId, accountId });
    if (!registration) throw DomainError.notFound('Registration');
    const manager = this.registrations.manager;
    return {
      sessionId,
      status: registration.status,
      position:
        registration.status === 'waitlisted'
          ? await this.ledger.position(manager, registration.id)
          : null,
      seatsLeft: await this.ledger.seatsLeft(manager, sessionId),
      confirmedAt: registration.confirmedAt?.toISOString() ?? null,
      waitlistedAt: registration.waitlistedAt?.toISOString() ?? null,
      cancelledAt: registration.cancelledAt?.toISOString() ?? null,
    };
  }

  /** My confirmed and waiting registrations in every event, in time order. */
  async allMine(accountId: string): Promise<MyRegistrationView[]> {
    const rows = await this.registrations.find({
      where: { accountId, status: In(['confirmed', 'waitlisted']) },
      relations: { session: { event: true } },
    });
    const views: MyRegistrationView[] = [];
    for (const registration of rows) {
      const row = registration.session;
      const event = row?.event;
      if (!row || !event) continue;
      const released = (await this.published.latest(event.id))?.byId.get(row.id);
      views.push({
        sessionId: row.id,
        eventSlug: event.slug,
        eventTitle: event.title,
        sessionTitle: released?.title ?? row.title,
        startsAt: released?.startsAt ?? row.startsAt.toISOString(),
        endsAt: released?.endsAt ?? row.endsAt.toISOString(),
        timeZone: event.timeZone,
        sessionStatus: released?.status ?? row.status,
        status: registration.status === 'confirmed' ? 'confirmed' : 'waitlisted',
        position:
          registration.status === 'waitlisted'
            ? await this.ledger.position(this.registrations.manager, registration.id)
            : null,
      });
    }
    return views.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  private async resultOf(
    manager: EntityManager,
    registration: RegistrationEntity,
  ): Promise<RegistrationResult> {
    const seatsLeft = await this.ledger.seatsLeft(manager, registration.sessionId);
    const confirmed = registration.status === 'confirmed';
    return {
      status: confirmed ? 'confirmed' : 'waitlisted',
      position: confirmed ? null : await this.ledger.position(manager, registration.id),
      sessionId: registration.sessionId,
      seatsLeft,
    };
  }

  private checkOpen(session: RegistrationTarget, now: Date): void {
    if (session.released.status === 'cancelled') {
      throw refusal(
        DomainErrorCode.Conflict,
        'session-cancelled',
        'This session has been cancelled',
      );
    }
    const opensAt = session.row.registrationOpensAt;
    if (opensAt && now < opensAt) {
      throw refusal(
        DomainErrorCode.Conflict,
        'not-open-yet',
        `Registration for this session opens at ${opensAt.toISOString()}`,
      );
    }
    const closesAt = session.row.registrationClosesAt ?? new Date(session.released.endsAt);
    if (now >= closesAt) {
      throw refusal(
        DomainErrorCode.Conflict,
        'closed',
        `Registration for this session closed at ${closesAt.toISOString()}`,
      );
    }
  }

  /** Whether the session's audience includes the account. */
  private async checkAudience(
    account: PrincipalAccount,
    session: RegistrationTarget,
  ): Promise<void> {
    switch (session.released.audience) {
      case 'public':
        return;
      case 'cities':
        if (account.cityId) return;
        throw refusal(
          DomainErrorCode.Forbidden,
          'cities-only',
          'This session is for city representatives; ask the organisers to link your account ' +
            'to your city',
        );
      case 'mayors':
      case 'invite-only': {
        const accepted = await this.invitations.existsBy([
          { eventId: session.event.id, accountId: account.id, status: 'accepted' },
          ...(account.email
            ? [{ eventId: session.event.id, email: account.email, status: 'accepted' as const }]
            : []),
        ]);
        if (accepted) return;
        throw refusal(
          DomainErrorCode.Forbidden,
          'invitation-required',
          'This session is by invitation: accept your invitation to the event first',
        );
      }
    }
  }

  private quotaReached(quota: number | null): DomainError {
    return refusal(
      DomainErrorCode.Conflict,
      'quota-reached',
      `Your city's delegation for this session is complete (${quota ?? 0} seats per city)`,
    );
  }

  /**
   * Erasure: gives up every seat and waiting place of the account in sessions not yet over,
   * inside the caller's transaction, by the rule of `cancel`: a freed seat goes to the first
   * person waiting, who is mailed. The account itself is not mailed; it is being erased. Over
   * sessions keep their registrations, for the retention job to unlink. Returns how many.
   */
  async cancelAllFor(manager: EntityManager, accountId: string): Promise<number> {
    const repo = manager.getRepository(RegistrationEntity);
    const live = repo
      .createQueryBuilder('r')
      .where("r.accountId = :accountId AND r.status IN ('confirmed', 'waitlisted')", { accountId });
    // Locked, a row cannot be promoted meanwhile (`promote` skips locked rows): its status holds.
    if (this.postgres) live.setLock('pessimistic_write');
    const now = new Date();
    let cancelled = 0;
    for (const registration of await live.getMany()) {
      // A session missing from the release frees its seat all the same, with nobody to promote.
      const session = await this.registrable(registration.sessionId).catch((error: unknown) => {
        if (error instanceof DomainError) return null;
        throw error;
      });
      if (session && Date.parse(session.released.endsAt) <= now.getTime()) continue;
      const { affected } = await repo.update(
        { id: registration.id, status: registration.status },
        { status: 'cancelled', cancelledAt: now },
      );
      if (!affected) continue;
      cancelled++;
      if (registration.status !== 'confirmed') continue;
      await this.ledger.releaseSeat(manager, registration.sessionId);
      if (registration.cityId) {
        await this.ledger.releaseCitySeat(manager, registration.sessionId, registration.cityId);
      }
      if (session && promotesNow(session, now)) await this.promoteAndMail(manager, session);
    }
    return cancelled;
  }
}
