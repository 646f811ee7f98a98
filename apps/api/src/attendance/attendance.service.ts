import type { AttendanceView } from '@app/contracts';
import {
  AccountEntity,
  AttendanceEntity,
  AuditEntryEntity,
  EventRoleEntity,
  SessionEntity,
  TransactionRunner,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, type Repository } from 'typeorm';
import { csvFile } from '../common/csv-writer.js';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { RolesService } from '../roles/roles.service.js';
import {
  aggregates,
  ATTENDEE,
  type AttendancePerson,
  attendedSeconds,
  type Visit,
} from './attendance-report.js';

/** What the key learnings may use: numbers only, no person named. */
export interface AttendanceSummary {
  sessionId: string;
  /** Signed-in people who joined the room. */
  people: number;
  anonymousVisits: number;
  /** Seconds followed, summed over the signed-in people. */
  totalSeconds: number;
  byCity: AttendanceView['byCity'];
  byRole: AttendanceView['byRole'];
}

/** A visit as the live process opens it (its id chosen there, so it can close it later). */
export interface OpenedVisit {
  id: string;
  sessionId: string;
  /** Null for a viewer who is not signed in. */
  accountId: string | null;
  joinedAt: Date;
}

/** Where the live process writes visits: a few statements per flush, whatever the join rate. */
export interface VisitStore {
  open(visits: OpenedVisit[]): Promise<void>;
  close(closed: Array<{ id: string; at: Date }>): Promise<void>;
  touch(ids: string[], at: Date): Promise<void>;
}

/** Rows per statement: well under SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export interface AttendanceFile {
  filename: string;
  contentType: string;
  body: string;
}

/**
 * Who followed a session's live room: the live process opens a visit when someone joins, closes
 * it when they leave and touches open visits every minute (in bulk, see AttendanceRecorder);
 * organisers and moderators read the report.
 */
@Injectable()
export class AttendanceService implements VisitStore {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly roles: RolesService,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(AttendanceEntity) private readonly visits: Repository<AttendanceEntity>,
  ) {}

  /** Opens visits, in bulk (a session starting means thousands of joins within seconds). */
  async open(visits: OpenedVisit[]): Promise<void> {
    await this.transactions.run(async (manager) => {
      const repo = manager.getRepository(AttendanceEntity);
      for (const part of chunks(visits)) {
        await repo.insert(part.map((v) => ({ ...v, lastSeenAt: v.joinedAt, leftAt: null })));
      }
    });
  }

  /** Closes visits at their own times; closing one again changes nothing. */
  async close(closed: Array<{ id: string; at: Date }>): Promise<void> {
    const byTime = new Map<number, string[]>();
    for (const { id, at } of closed) {
      const ids = byTime.get(at.getTime());
      if (ids) ids.push(id);
      else byTime.set(at.getTime(), [id]);
    }
    await this.transactions.run(async (manager) => {
      const repo = manager.getRepository(AttendanceEntity);
      for (const [time, ids] of byTime) {
        const at = new Date(time);
        for (const part of chunks(ids)) {
          await repo.update({ id: In(part), leftAt: IsNull() }, { leftAt: at, lastSeenAt: at });
        }
      }
    });
  }

  /** Marks open visits as still going, so a process that dies counts them up to here. */
  async touch(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.transactions.run(async (manager) => {
      const repo = manager.getRepository(AttendanceEntity);
      for (const part of chunks(ids)) {
        await repo.update({ id: In(part), leftAt: IsNull() }, { lastSeenAt: at });
      }
    });
  }

  /** Everyone who followed the session, with aggregates (organisers and moderators). */
  async report(actorId: string, sessionId: string): Promise<AttendanceView> {
    const session = await this.session(sessionId);
    await this.requireModerator(actorId, session.eventId);
    return this.build(session);
  }

  /** The report as CSV; audited, as it names people. */
  async csv(actorId: string, sessionId: string): Promise<AttendanceFile> {
    const session = await this.session(sessionId);
    await this.requireModerator(actorId, session.eventId);
    const view = await this.build(session);
    await this.transactions.run((manager) =>
      manager.getRepository(AuditEntryEntity).insert({
        actorId,
        action: 'attendance.exported',
        targetAccountId: null,
        eventId: session.eventId,
        details: { sessionId, rows: view.people.length },
        createdAt: new Date(),
      }),
    );
    const body = csvFile(
      ['accountId', 'name', 'city', 'roles', 'firstJoinedAt', 'lastSeenAt', 'seconds'],
      view.people.map((p) => [
        p.accountId,
        p.name,
        p.city,
        p.roles.join(' '),
        p.firstJoinedAt,
        p.lastSeenAt,
        p.seconds,
      ]),
    );
    return {
      filename: `attendance-${sessionId}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body,
    };
  }

  /** The numbers of the report without personal data, for the key learnings. */
  async summary(sessionId: string): Promise<AttendanceSummary> {
    const view = await this.build(await this.session(sessionId));
    return {
      sessionId,
      people: view.people.length,
      anonymousVisits: view.anonymousVisits,
      totalSeconds: view.people.reduce((sum, p) => sum + p.seconds, 0),
      byCity: view.byCity,
      byRole: view.byRole,
    };
  }

  private async build(session: Pick<SessionEntity, 'id' | 'eventId'>): Promise<AttendanceView> {
    const rows = await this.visits.find({
      where: { sessionId: session.id },
      order: { joinedAt: 'ASC' },
    });
    const visitsOf = new Map<string, AttendanceEntity[]>();
    let anonymousVisits = 0;
    for (const row of rows) {
      if (!row.accountId) anonymousVisits += 1;
      else visitsOf.set(row.accountId, [...(visitsOf.get(row.accountId) ?? []), row]);
    }
    const accountIds = [...visitsOf.keys()];
    const manager = this.visits.manager;
    const [accounts, roles] = await Promise.all([
      accountIds.length === 0
        ? Promise.resolve([])
        : manager
            .getRepository(AccountEntity)
            .createQueryBuilder('a')
            .leftJoinAndSelect('a.city', 'c')
            .where('a.id IN (:...accountIds)', { accountIds })
            .getMany(),
      accountIds.length === 0
        ? Promise.resolve([])
        : manager.getRepository(EventRoleEntity).find({
            where: [
              { accountId: In(accountIds), eventId: session.eventId },
              { accountId: In(accountIds), eventId: IsNull() },
            ],
          }),
    ]);
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const rolesOf = new Map<string, Set<string>>();
    for (const role of roles) {
      rolesOf.set(role.accountId, (rolesOf.get(role.accountId) ?? new Set()).add(role.role));
    }
    const people: AttendancePerson[] = accountIds.map((accountId) => {
      const visits: Visit[] = visitsOf.get(accountId) ?? [];
      const account = byId.get(accountId);
      const held = [...(rolesOf.get(accountId) ?? [])].sort();
      return {
        accountId,
        name: account?.name ?? '',
        city: account?.city?.name ?? null,
        roles: held.length > 0 ? held : [ATTENDEE],
        firstJoinedAt: new Date(Math.min(...visits.map((v) => v.joinedAt.getTime()))).toISOString(),
        lastSeenAt: new Date(
          Math.max(...visits.map((v) => (v.leftAt ?? v.lastSeenAt).getTime())),
        ).toISOString(),
        seconds: attendedSeconds(visits),
      };
    });
    people.sort((a, b) => b.seconds - a.seconds || a.name.localeCompare(b.name));
    return { sessionId: session.id, people, anonymousVisits, ...aggregates(people) };
  }

  private async session(sessionId: string): Promise<Pick<SessionEntity, 'id' | 'eventId'>> {
    const session = await this.sessions.findOne({
      select: { id: true, eventId: true },
      where: { id: sessionId },
    });
    if (!session) throw DomainError.notFound('Session');
    return session;
  }

  private async requireModerator(accountId: string, eventId: string): Promise<void> {
    if (!(await this.roles.moderatesEvent(accountId, eventId))) {
      throw new DomainError(DomainErrorCode.Forbidden, 'Organisers and moderators only');
    }
  }
}
