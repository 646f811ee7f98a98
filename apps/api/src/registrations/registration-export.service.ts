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
import { DateTime } from 'luxon';
import { In, type Repository } from 'typeorm';
import { csvFile } from '../common/csv-writer.js';
import { DomainError } from '../common/domain.error.js';
import { PublishedScheduleService } from '../sessions/published-schedule.service.js';

export interface AttendeeList {
  filename: string;
  body: string;
}

/** Accounts read per query: well under the bound-parameter limits of both databases. */
const ACCOUNTS_PER_QUERY = 500;

/**
 * The attendee list of an event for its organisers, as a spreadsheet: everyone confirmed or
 * waiting, session by session, seats first, then the waiting list in its order. Each export is
 * audited (who, when, which event and session, how many rows; never the rows themselves).
 */
@Injectable()
export class RegistrationExportService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly published: PublishedScheduleService,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(RegistrationEntity)
    private readonly registrations: Repository<RegistrationEntity>,
    @InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>,
    @InjectRepository(CityEntity) private readonly cities: Repository<CityEntity>,
  ) {}

  async csv(actorId: string, slug: string, sessionId?: string): Promise<AttendeeList> {
    const event = await this.events.findOneBy({ slug });
    if (!event) throw DomainError.notFound(`Event "${slug}"`);
    const sessions = await this.sessions.find({
      where: { eventId: event.id, ...(sessionId ? { id: sessionId } : {}) },
      order: { startsAt: 'ASC', title: 'ASC' },
    });
    if (sessionId && !sessions.length) throw DomainError.notFound('Session');
    const released = (await this.published.latest(event.id))?.byId;
    const registrations = sessions.length
      ? await this.registrations.find({
          where: {
            sessionId: In(sessions.map((s) => s.id)),
            status: In(['confirmed', 'waitlisted']),
          },
        })
      : [];
    const accounts = await this.accountsById([...new Set(registrations.map((r) => r.accountId))]);
    const cityNames = new Map((await this.cities.find()).map((c) => [c.id, c.name]));
    const zone = event.timeZone;
    const local = (date: Date | null) =>
      date ? DateTime.fromJSDate(date, { zone }).toFormat('yyyy-MM-dd HH:mm') : null;

    const rows: Array<Array<string | number | null>> = [];
    for (const session of sessions) {
      // As attendees saw it: the release, not unpublished draft edits.
      const shown = released?.get(session.id);
      const title = shown?.title ?? session.title;
      const startsAt = shown ? new Date(shown.startsAt) : session.startsAt;
      const mine = registrations.filter((r) => r.sessionId === session.id);
      // The order `SeatLedger.promote` and `position` follow: (waitlistedAt, id).
      const waiting = mine
        .filter((r) => r.status === 'waitlisted')
        .sort((a, b) => order(a.waitlistedAt, b.waitlistedAt) || (a.id < b.id ? -1 : 1));
      const seated = mine
        .filter((r) => r.status === 'confirmed')
        .sort((a, b) => order(a.confirmedAt, b.confirmedAt) || (a.id < b.id ? -1 : 1));
      const positions = new Map(waiting.map((r, i) => [r.id, i + 1]));
      for (const registration of [...seated, ...waiting]) {
        const account = accounts.get(registration.accountId);
        const cityId = registration.cityId ?? account?.cityId ?? null;
        rows.push([
          title,
          local(startsAt),
          account?.name ?? '',
          account?.email ?? '',
          account?.organisation ?? '',
          cityId ? (cityNames.get(cityId) ?? '') : '',
          registration.status,
          positions.get(registration.id) ?? null,
          // Joined the waiting list, or took a seat straight away.
          local(registration.waitlistedAt ?? registration.confirmedAt),
        ]);
      }
    }

    await this.transactions.run((manager) =>
      manager.getRepository(AuditEntryEntity).insert({
        actorId,
        action: 'registrations.exported',
        targetAccountId: null,
        eventId: event.id,
        details: { sessionId: sessionId ?? null, rows: rows.length },
        createdAt: new Date(),
      }),
    );
    const header = [
      'Session',
      `Session starts (${zone})`,
      'Name',
      'Email',
      'Organisation',
      'City',
      'Status',
      'Position',
      `Registered at (${zone})`,
    ];
    const suffix = sessionId ? `-session-${sessionId.slice(0, 8)}` : '';
    return { filename: `${event.slug}${suffix}-registrations.csv`, body: csvFile(header, rows) };
  }

  private async accountsById(ids: string[]): Promise<Map<string, AccountEntity>> {
    const found = new Map<string, AccountEntity>();
    for (let i = 0; i < ids.length; i += ACCOUNTS_PER_QUERY) {
      const chunk = await this.accounts.findBy({ id: In(ids.slice(i, i + ACCOUNTS_PER_QUERY)) });
      for (const account of chunk) found.set(account.id, account);
    }
    return found;
  }
}

function order(a: Date | null, b: Date | null): number {
  return (a?.getTime() ?? 0) - (b?.getTime() ?? 0);
}
