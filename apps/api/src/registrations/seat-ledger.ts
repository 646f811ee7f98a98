import { RegistrationEntity, SessionCitySeatEntity, SessionEntity } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A waiting registration that has just been given a seat. */
export interface Promotion {
  registrationId: string;
  accountId: string;
  confirmedAt: Date;
}

/**
 * The seat counters and the waiting list. Every seat is taken by one conditional UPDATE whose
 * affected-row count decides, so no interleaving of requests, processes or workers can confirm
 * more people than there are seats; the CHECK constraints on both counters back it up. Call
 * these only inside a transaction that also writes the registration row.
 */
@Injectable()
export class SeatLedger {
  private readonly postgres: boolean;

  constructor(dataSource: DataSource) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  /** One seat of the session, if one is free. */
  async takeSeat(manager: EntityManager, sessionId: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(SessionEntity)
      // A registration is not an edit of the session: its "last changed" stays as it was.
      .set({ confirmedCount: () => '"confirmedCount" + 1', updatedAt: () => '"updatedAt"' })
      .where('id = :sessionId', { sessionId })
      .andWhere('("capacity" IS NULL OR "confirmedCount" < "capacity")')
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * `takeSeat` that also tells how many seats are left afterwards. On PostgreSQL the UPDATE
   * returns the counters (no second round trip); SQLite reads them back (an in-process call).
   * A refused UPDATE means the session is full: nothing left.
   */
  async claimSeat(
    manager: EntityManager,
    sessionId: string,
  ): Promise<{ taken: boolean; seatsLeft: number | null }> {
    if (!this.postgres) {
      const taken = await this.takeSeat(manager, sessionId);
      return { taken, seatsLeft: taken ? await this.seatsLeft(manager, sessionId) : 0 };
    }
    // Written out: the hottest statement of a registration cost more CPU to build with the query
    // builder than to run. Raw SQL leaves "updatedAt" alone: a registration is not an edit.
    // PostgreSQL answers an UPDATE with its RETURNING rows and the affected count.
    const [rows] = await manager.query<
      [Array<{ capacity: number | null; confirmedCount: number }>, number]
    >(
      'UPDATE "sessions" SET "confirmedCount" = "confirmedCount" + 1 WHERE "id" = $1 ' +
        'AND ("capacity" IS NULL OR "confirmedCount" < "capacity") ' +
        'RETURNING "capacity", "confirmedCount"',
      [sessionId],
    );
    const row = rows[0];
    if (!row) return { taken: false, seatsLeft: 0 };
    return {
      taken: true,
      seatsLeft: row.capacity === null ? null : Math.max(0, row.capacity - row.confirmedCount),
    };
  }

  async releaseSeat(manager: EntityManager, sessionId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ confirmedCount: () => '"confirmedCount" - 1', updatedAt: () => '"updatedAt"' })
      .where('id = :sessionId', { sessionId })
      .andWhere('"confirmedCount" > 0')
      .execute();
  }

  /** One seat of the city's delegation; `quota` null counts without a limit. */
  async takeCitySeat(
    manager: EntityManager,
    sessionId: string,
    cityId: string,
    quota: number | null,
  ): Promise<boolean> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(SessionCitySeatEntity)
      .values({ sessionId, cityId, confirmed: 0 })
      .orIgnore()
      .execute();
    const update = manager
      .createQueryBuilder()
      .update(SessionCitySeatEntity)
      .set({ confirmed: () => '"confirmed" + 1' })
      .where('"sessionId" = :sessionId AND "cityId" = :cityId', { sessionId, cityId });
    if (quota !== null) update.andWhere('"confirmed" < :quota', { quota });
    const result = await update.execute();
    return (result.affected ?? 0) > 0;
  }

  async releaseCitySeat(manager: EntityManager, sessionId: string, cityId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(SessionCitySeatEntity)
      .set({ confirmed: () => '"confirmed" - 1' })
      .where('"sessionId" = :sessionId AND "cityId" = :cityId', { sessionId, cityId })
      .andWhere('"confirmed" > 0')
      .execute();
  }

  async citySeats(manager: EntityManager, sessionId: string, cityId: string): Promise<number> {
    const row = await manager.getRepository(SessionCitySeatEntity).findOneBy({ sessionId, cityId });
    return row?.confirmed ?? 0;
  }

  /** Free seats now; null when the session has no limit. */
  async seatsLeft(manager: EntityManager, sessionId: string): Promise<number | null> {
    const session = await manager.getRepository(SessionEntity).findOneOrFail({
      select: { id: true, capacity: true, confirmedCount: true },
      where: { id: sessionId },
    });
    return session.capacity === null
      ? null
      : Math.max(0, session.capacity - session.confirmedCount);
  }

  /**
   * Gives free seats to the waiting list, first come first served, until the session is full or
   * nobody waits. A person whose city has used its quota keeps their place and is passed over.
   * On PostgreSQL each candidate is locked with SKIP LOCKED: another process promoting at the
   * same moment, or the person withdrawing, takes the next one instead of waiting or doubling.
   */
  async promote(
    manager: EntityManager,
    sessionId: string,
    cityQuota: number | null,
  ): Promise<Promotion[]> {
    const promoted: Promotion[] = [];
    const passedOver: string[] = [];
    const registrations = manager.getRepository(RegistrationEntity);
    for (;;) {
      const next = registrations
        .createQueryBuilder('r')
        .where('r.sessionId = :sessionId', { sessionId })
        .andWhere("r.status = 'waitlisted'")
        .orderBy('r.waitlistedAt', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .limit(1);
      if (passedOver.length) next.andWhere('r.id NOT IN (:...passedOver)', { passedOver });
      if (this.postgres) next.setLock('pessimistic_write').setOnLocked('skip_locked');
      const candidate = await next.getOne();
      if (!candidate) break;
      if (!(await this.takeSeat(manager, sessionId))) break;
      if (
        candidate.cityId &&
        !(await this.takeCitySeat(manager, sessionId, candidate.cityId, cityQuota))
      ) {
        await this.releaseSeat(manager, sessionId);
        passedOver.push(candidate.id);
        continue;
      }
      const confirmedAt = new Date();
      await registrations.update(
        { id: candidate.id, status: 'waitlisted' },
        { status: 'confirmed', confirmedAt },
      );
      promoted.push({ registrationId: candidate.id, accountId: candidate.accountId, confirmedAt });
    }
    return promoted;
  }

  /**
   * 1 = next in line: the waiting registrations of the session that came earlier, by
   * (waitlistedAt, id), the order `promote` follows.
   */
  async position(manager: EntityManager, registrationId: string): Promise<number> {
    if (this.postgres) {
      // The same query written out: a waiting place's answer needs it on every registration.
      const rows = await manager.query<Array<{ ahead: string }>>(
        'SELECT COUNT(*) AS "ahead" FROM "registrations" "other" INNER JOIN "registrations" ' +
          '"mine" ON "mine"."id" = $1 WHERE "other"."sessionId" = "mine"."sessionId" AND ' +
          `"other"."status" = 'waitlisted' AND ("other"."waitlistedAt" < "mine"."waitlistedAt" ` +
          'OR ("other"."waitlistedAt" = "mine"."waitlistedAt" AND "other"."id" < "mine"."id"))',
        [registrationId],
      );
      return 1 + Number(rows[0]?.ahead ?? 0);
    }
    const row = await manager
      .getRepository(RegistrationEntity)
      .createQueryBuilder('other')
      .innerJoin(RegistrationEntity, 'mine', 'mine.id = :registrationId', { registrationId })
      .where('other.sessionId = mine.sessionId')
      .andWhere("other.status = 'waitlisted'")
      .andWhere(
        '(other.waitlistedAt < mine.waitlistedAt OR ' +
          '(other.waitlistedAt = mine.waitlistedAt AND other.id < mine.id))',
      )
      .select('COUNT(*)', 'ahead')
      .getRawOne<{ ahead: string | number }>();
    return 1 + Number(row?.ahead ?? 0);
  }
}
