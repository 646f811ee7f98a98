import type { ReleasedSession } from '@app/contracts';
import { SessionEntity } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { RateLimiter } from '../auth/rate-limiter.service.js';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { RolesService } from '../roles/roles.service.js';
import { SessionsService } from '../sessions/sessions.service.js';

/** A session's live room as its rules read it. */
export type SessionRoom = Pick<
  SessionEntity,
  'id' | 'eventId' | 'audience' | 'qaMode' | 'qaClosed' | 'chatEnabled'
>;

declare const admittedBrand: unique symbol;

/** Why a caller may not be in a room. */
export type RoomRefusal = 'not_found' | 'sign_in' | 'forbidden';

/** A caller found allowed in a session's room; only {@link RoomRules.admit} makes one. */
export interface Admitted {
  readonly ok: true;
  readonly session: ReleasedSession;
  readonly eventId: string;
  readonly viewerId: string | null;
  readonly [admittedBrand]: true;
}

export type Admission = Admitted | { readonly ok: false; readonly refusal: RoomRefusal };

/** A room read for an admitted caller: what the room's lists may be read with, unchecked. */
export type AdmittedRoom = SessionRoom & { readonly [admittedBrand]: true };

export const ROOM_FOR_REGISTRANTS =
  'This session is for its registered participants; register first';

export interface LimitRule {
  limit: number;
  windowSeconds: number;
}

/**
 * The rules the questions, chat and polls of a live room share: the room exists only for a
 * released session, a non-public room is read and written only by the people it is for,
 * moderation needs a moderator of the event, and every person has limits (keyed by a digest,
 * never the id itself).
 */
@Injectable()
export class RoomRules {
  readonly postgres: boolean;

  constructor(
    private readonly sessionsService: SessionsService,
    private readonly limiter: RateLimiter,
    private readonly roles: RolesService,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {
    this.postgres = sessions.manager.connection.options.type === 'postgres';
  }

  /** The session's room, when the session is in its event's latest release (else 404). */
  async releasedRoom(sessionId: string): Promise<SessionRoom> {
    await this.sessionsService.released(sessionId);
    return this.room(sessionId);
  }

  /**
   * Whether the caller may be in the session's room: anyone in a public session's room; in a
   * city, mayors' or invite-only session's room only the people who also see its link and may
   * join it live (confirmed registrants and the event's team). Checked once per request or join;
   * what the room shows is then read through {@link admittedRoom}. A cancelled session's room
   * stays readable as a record; `live` refuses it, as there is nothing to join.
   */
  async admit(
    sessionId: string,
    viewerId: string | null,
    { live = false }: { live?: boolean } = {},
  ): Promise<Admission> {
    const found = await this.sessionsService.findReleased(sessionId);
    if (!found || (live && found.session.status === 'cancelled')) {
      return { ok: false, refusal: 'not_found' };
    }
    const { session, eventId } = found;
    if (session.audience !== 'public') {
      if (!viewerId) return { ok: false, refusal: 'sign_in' };
      if (!(await this.sessionsService.seesJoinLink(session, eventId, viewerId))) {
        return { ok: false, refusal: 'forbidden' };
      }
    }
    return { ok: true, session, eventId, viewerId } as Admitted;
  }

  /** The room of an admission, read now (its settings may have changed since). */
  async admittedRoom(admitted: Admitted): Promise<AdmittedRoom> {
    return (await this.room(admitted.session.id)) as AdmittedRoom;
  }

  /** {@link admit} as the api answers it: 404, 401 for nobody signed in, 403 for others. */
  async admitted(sessionId: string, viewerId: string | null): Promise<Admitted> {
    const admission = await this.admit(sessionId, viewerId);
    if (admission.ok) return admission;
    switch (admission.refusal) {
      case 'not_found':
        throw DomainError.notFound('Session');
      case 'sign_in':
        throw new DomainError(DomainErrorCode.Unauthorized, 'Sign in first');
      case 'forbidden':
        throw new DomainError(DomainErrorCode.Forbidden, ROOM_FOR_REGISTRANTS);
    }
  }

  /** The room, for a caller who may be in it (see {@link admit}). */
  async roomFor(sessionId: string, viewerId: string | null): Promise<AdmittedRoom> {
    return this.admittedRoom(await this.admitted(sessionId, viewerId));
  }

  /**
   * {@link roomFor}, to write in: questions, votes, chat and poll votes are taken until the
   * session ends (and ahead of it). After that the room is a record, read by everyone it is for,
   * on which the key learnings are compiled; its moderators may still tidy it up.
   */
  async writableRoomFor(sessionId: string, accountId: string, now = new Date()) {
    const admitted = await this.admitted(sessionId, accountId);
    const room = await this.admittedRoom(admitted);
    if (
      Date.parse(admitted.session.endsAt) <= now.getTime() &&
      !(await this.moderates(accountId, room.eventId))
    ) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        'This session has ended: its room can be read but no longer written in',
      );
    }
    return room;
  }

  private room(sessionId: string): Promise<SessionRoom> {
    return this.sessions.findOneOrFail({
      select: {
        id: true,
        eventId: true,
        audience: true,
        qaMode: true,
        qaClosed: true,
        chatEnabled: true,
      },
      where: { id: sessionId },
    });
  }

  moderates(accountId: string, eventId: string): Promise<boolean> {
    return this.roles.moderatesEvent(accountId, eventId);
  }

  async requireModerator(accountId: string, eventId: string): Promise<void> {
    if (!(await this.moderates(accountId, eventId))) {
      throw new DomainError(DomainErrorCode.Forbidden, 'Moderators only');
    }
  }

  /** Counts one action of the person against `rule`; a 429 once it is used up. */
  async limit(action: string, accountId: string, rule: LimitRule, message: string): Promise<void> {
    if (!(await this.limiter.allowPerson(action, accountId, rule.limit, rule.windowSeconds))) {
      throw new DomainError(DomainErrorCode.RateLimited, message);
    }
  }

  /**
   * Whether the INSERT … ON CONFLICT DO NOTHING just run made a row. PostgreSQL returns the new
   * id only then; on SQLite the transaction queue makes `changes()` this statement's count.
   */
  async inserted(manager: EntityManager, raw: unknown): Promise<boolean> {
    if (this.postgres) return (raw as Array<{ id?: string }>).length > 0;
    const [row] = await manager.query<Array<{ n: number }>>('SELECT changes() AS n');
    return Number(row?.n ?? 0) > 0;
  }
}
