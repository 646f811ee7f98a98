import type { AttendanceView } from '@app/contracts';
import {
  AttendanceEntity,
  AuditEntryEntity,
  attendanceSummary,
  type AttendanceSummary,
  attendanceView,
  SessionEntity,
  TransactionRunner,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, type Repository } from 'typeorm';
import { csvFile } from '../common/csv-writer.js';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { RolesService } from '../roles/roles.service.js';

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
    return attendanceSummary(this.visits.manager, await this.session(sessionId));
  }

  private build(session: Pick<SessionEntity, 'id' | 'eventId'>): Promise<AttendanceView> {
    return attendanceView(this.visits.manager, session);
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
