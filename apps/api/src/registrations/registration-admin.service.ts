import type {
  CityRegistrationCount,
  EventRegistrationCounts,
  SessionCapacityResult,
  SessionRegistrationCounts,
} from '@app/contracts';
import {
  AccountEntity,
  AuditEntryEntity,
  CityEntity,
  EventEntity,
  RegistrationEntity,
  SessionEntity,
  TransactionRunner,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { PublishedScheduleService } from '../sessions/published-schedule.service.js';
import type {
  UpdateRegistrationSettingsDto,
  UpdateSessionCapacityDto,
} from './dto/registration-settings.dto.js';
import { promotesNow, RegistrationsService } from './registrations.service.js';

interface CountRow {
  sessionId: string;
  status: string;
  cityId: string | null;
  n: string | number;
}

/** What organisers see and set: numbers per session and city, capacity, quotas, windows. */
@Injectable()
export class RegistrationAdminService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly registrations: RegistrationsService,
    private readonly published: PublishedScheduleService,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(CityEntity) private readonly cities: Repository<CityEntity>,
  ) {}

  async counts(slug: string): Promise<EventRegistrationCounts> {
    const event = await this.event(slug);
    const sessions = await this.sessions.find({
      where: { eventId: event.id },
      order: { startsAt: 'ASC', title: 'ASC' },
    });
    return {
      eventSlug: event.slug,
      delegationQuota: event.delegationQuota,
      sessions: await this.countsOf(this.sessions.manager, event, sessions),
    };
  }

  /**
   * Sets a session's capacity and registration settings, then gives any seats this frees to the
   * waiting list. A capacity below the seats already confirmed is refused: confirmed people keep
   * their seats, and the organiser cancels registrations first if the room really shrank.
   */
  async updateSession(
    actorId: string,
    slug: string,
    sessionId: string,
    dto: UpdateSessionCapacityDto,
  ): Promise<SessionCapacityResult> {
    const event = await this.event(slug);
    return this.transactions.run((manager) =>
      this.applySessionSettings(manager, actorId, event, sessionId, dto),
    );
  }

  /**
   * The rule behind `updateSession`, inside the caller's transaction: the draft editor changes
   * capacity through here too, since seats are live, not part of a schedule release.
   */
  async applySessionSettings(
    manager: EntityManager,
    actorId: string,
    event: EventEntity,
    sessionId: string,
    dto: UpdateSessionCapacityDto,
  ): Promise<SessionCapacityResult> {
    const before = await manager
      .getRepository(SessionEntity)
      .findOneBy({ id: sessionId, eventId: event.id });
    if (!before) throw DomainError.notFound('Session');
    const opensAt = this.instant(dto.registrationOpensAt, before.registrationOpensAt);
    const closesAt = this.instant(dto.registrationClosesAt, before.registrationClosesAt);
    if (opensAt && closesAt && opensAt >= closesAt) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        'registrationOpensAt must be before registrationClosesAt',
      );
    }
    const released = (await this.published.latest(event.id)) ?? null;
    // The condition decides, not the read above: seats confirmed meanwhile count too.
    const update = manager
      .createQueryBuilder()
      .update(SessionEntity)
      .set({
        capacity: dto.capacity,
        registrationOpensAt: opensAt,
        registrationClosesAt: closesAt,
        ...(dto.delegationQuota === undefined ? {} : { delegationQuota: dto.delegationQuota }),
      })
      .where('id = :sessionId AND "eventId" = :eventId', { sessionId, eventId: event.id });
    if (dto.capacity !== null) {
      update.andWhere('"confirmedCount" <= :capacity', { capacity: dto.capacity });
    }
    const { affected } = await update.execute();
    const session = await manager.getRepository(SessionEntity).findOneBy({ id: sessionId });
    if (!session) throw DomainError.notFound('Session');
    if (!affected) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        `Capacity ${dto.capacity ?? 'unlimited'} is below the ${session.confirmedCount} ` +
          `confirmed registrations: choose at least ${session.confirmedCount}; a capacity ` +
          'change never cancels anyone',
      );
    }
    const releasedSession = released?.byId.get(sessionId);
    let promoted = 0;
    if (released && releasedSession) {
      const registrable = {
        row: session,
        event,
        released: releasedSession,
        releaseId: released.releaseId,
      };
      if (promotesNow(registrable, new Date())) {
        promoted = await this.registrations.promoteAndMail(manager, registrable);
      }
    }
    await manager.getRepository(AuditEntryEntity).insert({
      actorId,
      action: 'session.registration-settings',
      targetAccountId: null,
      eventId: event.id,
      details: {
        sessionId,
        capacity: dto.capacity,
        delegationQuota: session.delegationQuota,
        registrationOpensAt: opensAt?.toISOString() ?? null,
        registrationClosesAt: closesAt?.toISOString() ?? null,
        promoted,
      },
      createdAt: new Date(),
    });
    const fresh = await manager.getRepository(SessionEntity).findOneByOrFail({ id: sessionId });
    const [counts] = await this.countsOf(manager, event, [fresh]);
    return { ...counts, promoted };
  }

  /**
   * The event's quota per city and city session. A higher quota can let city representatives
   * who were passed over on a waiting list in; they are promoted at once.
   */
  async updateEvent(
    actorId: string,
    slug: string,
    dto: UpdateRegistrationSettingsDto,
  ): Promise<EventRegistrationCounts> {
    const event = await this.event(slug);
    const released = await this.published.latest(event.id);
    await this.transactions.run(async (manager) => {
      await manager
        .getRepository(EventEntity)
        .update({ id: event.id }, { delegationQuota: dto.delegationQuota });
      const changed = { ...event, delegationQuota: dto.delegationQuota };
      let promoted = 0;
      const waiting = await manager
        .getRepository(RegistrationEntity)
        .createQueryBuilder('r')
        .innerJoin(SessionEntity, 's', 's.id = r.sessionId')
        .select('r.sessionId', 'sessionId')
        .distinct(true)
        .where('s.eventId = :eventId', { eventId: event.id })
        .andWhere("r.status = 'waitlisted' AND r.cityId IS NOT NULL")
        .andWhere('s.delegationQuota IS NULL')
        .getRawMany<{ sessionId: string }>();
      for (const { sessionId } of waiting) {
        const releasedSession = released?.byId.get(sessionId);
        if (!released || !releasedSession) continue;
        const row = await manager.getRepository(SessionEntity).findOneByOrFail({ id: sessionId });
        const registrable = {
          row,
          event: changed,
          released: releasedSession,
          releaseId: released.releaseId,
        };
        if (promotesNow(registrable, new Date())) {
          promoted += await this.registrations.promoteAndMail(manager, registrable);
        }
      }
      await manager.getRepository(AuditEntryEntity).insert({
        actorId,
        action: 'event.registration-settings',
        targetAccountId: null,
        eventId: event.id,
        details: { delegationQuota: dto.delegationQuota, promoted },
        createdAt: new Date(),
      });
    });
    return this.counts(slug);
  }

  private async countsOf(
    manager: EntityManager,
    event: EventEntity,
    sessions: SessionEntity[],
  ): Promise<SessionRegistrationCounts[]> {
    if (!sessions.length) return [];
    // A city representative counts for their city in any session, quota or not.
    const rows = await manager
      .getRepository(RegistrationEntity)
      .createQueryBuilder('r')
      .leftJoin(AccountEntity, 'a', 'a.id = r.accountId')
      .select('r.sessionId', 'sessionId')
      .addSelect('r.status', 'status')
      .addSelect('COALESCE(r."cityId", a."cityId")', 'cityId')
      .addSelect('COUNT(*)', 'n')
      .where('r.sessionId IN (:...ids)', { ids: sessions.map((s) => s.id) })
      .andWhere("r.status IN ('confirmed', 'waitlisted')")
      .groupBy('r.sessionId')
      .addGroupBy('r.status')
      .addGroupBy('COALESCE(r."cityId", a."cityId")')
      .getRawMany<CountRow>();
    const cityIds = [...new Set(rows.map((r) => r.cityId).filter((id) => id !== null))];
    const names = new Map(
      (cityIds.length ? await this.cities.findBy({ id: In(cityIds) }) : []).map((c) => [
        c.id,
        c.name,
      ]),
    );
    return sessions.map((session) => {
      const mine = rows.filter((r) => r.sessionId === session.id);
      const total = (status: string) =>
        mine.filter((r) => r.status === status).reduce((sum, r) => sum + Number(r.n), 0);
      const byCity = new Map<string, CityRegistrationCount>();
      for (const row of mine) {
        if (!row.cityId) continue;
        const city = byCity.get(row.cityId) ?? {
          cityId: row.cityId,
          cityName: names.get(row.cityId) ?? '',
          confirmed: 0,
          waitlisted: 0,
        };
        if (row.status === 'confirmed') city.confirmed += Number(row.n);
        else city.waitlisted += Number(row.n);
        byCity.set(row.cityId, city);
      }
      return {
        sessionId: session.id,
        title: session.title,
        startsAt: session.startsAt.toISOString(),
        capacity: session.capacity,
        confirmed: total('confirmed'),
        waitlisted: total('waitlisted'),
        seatsLeft:
          session.capacity === null ? null : Math.max(0, session.capacity - session.confirmedCount),
        delegationQuota: session.delegationQuota,
        effectiveDelegationQuota: session.delegationQuota ?? event.delegationQuota,
        registrationOpensAt: session.registrationOpensAt?.toISOString() ?? null,
        registrationClosesAt: session.registrationClosesAt?.toISOString() ?? null,
        byCity: [...byCity.values()].sort((a, b) => a.cityName.localeCompare(b.cityName)),
      };
    });
  }

  /** A given ISO instant, null to clear it, or the stored value when the field is left out. */
  private instant(given: string | null | undefined, stored: Date | null): Date | null {
    if (given === undefined) return stored;
    return given === null ? null : new Date(given);
  }

  private async event(slug: string): Promise<EventEntity> {
    const event = await this.events.findOneBy({ slug });
    if (!event) throw DomainError.notFound(`Event "${slug}"`);
    return event;
  }
}
