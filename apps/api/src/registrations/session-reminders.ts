import { APP_CONFIG, type AppConfig } from '@app/config';
import type { ReleaseDiff, ReleasedSession } from '@app/contracts';
import type { MailTemplateName } from '@app/mailer';
import {
  AccountEntity,
  MailOutbox,
  type NewMail,
  OutgoingMailEntity,
  RegistrationEntity,
} from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

const REMINDER_TEMPLATE = 'session-reminder' satisfies MailTemplateName;

/** Rows a worker holds or has sent are left alone: only these can still be taken back. */
const UNSENT = ['queued', 'retrying'];

/** A confirmed seat to remind of, at the start a release gives its session. */
export interface ReminderSeat {
  registrationId: string;
  sessionId: string;
  startsAt: Date;
  to: NewMail['to'];
}

/**
 * `reminder:<session>:<registration>:<minutes>m:<start>`. The session comes first so that one
 * prefix finds a session's reminders, the registration next for one seat's; the start makes a
 * moved session's reminders new mails, while the same start is reminded of once, however often
 * the seat is confirmed again.
 */
function reminderKey(seat: ReminderSeat, minutes: number): string {
  return `${keyPrefix(seat.sessionId, seat.registrationId)}${minutes}m:${seat.startsAt.toISOString()}`;
}

function keyPrefix(sessionId: string, registrationId?: string): string {
  return registrationId ? `reminder:${sessionId}:${registrationId}:` : `reminder:${sessionId}:`;
}

/**
 * Reminder mails before a session (REMINDER_OFFSETS), as outbox rows that wait for their time:
 * the relay sends nothing before `availableAt`, so no scheduler is needed. They are written and
 * taken back in the transaction of their cause (a seat confirmed or given up, a release that
 * moves or cancels the session), so the failed-mail view does not fill with obsolete reminders;
 * the worker checks each one again when it writes it.
 */
@Injectable()
export class SessionReminders {
  private readonly offsetsMinutes: readonly number[];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly outbox: MailOutbox,
  ) {
    this.offsetsMinutes = config.reminderOffsetsMinutes;
  }

  /**
   * Takes back the reminders not yet sent of a session, or of one seat in it. `keepStart` spares
   * the ones for that start (a release that changed only the end).
   */
  async forget(
    manager: EntityManager,
    target: { sessionId: string; registrationId?: string; keepStart?: Date },
  ): Promise<void> {
    const query = manager
      .createQueryBuilder()
      .delete()
      .from(OutgoingMailEntity)
      .where('template = :template', { template: REMINDER_TEMPLATE })
      .andWhere('state IN (:...unsent)', { unsent: UNSENT })
      .andWhere('"dedupeKey" LIKE :prefix', {
        prefix: `${keyPrefix(target.sessionId, target.registrationId)}%`,
      });
    if (target.keepStart) {
      query.andWhere('"dedupeKey" NOT LIKE :kept', { kept: `%:${target.keepStart.toISOString()}` });
    }
    await query.execute();
  }

  /**
   * After a release: a cancelled session's reminders go; a session whose time changed gets its
   * confirmed registrants' reminders for the new start instead of the old; a session brought
   * back from cancellation gets them again. Publishing again changes nothing: the keys exist.
   */
  async afterRelease(
    manager: EntityManager,
    diff: ReleaseDiff,
    sessions: ReadonlyMap<string, ReleasedSession>,
    now = new Date(),
  ): Promise<void> {
    const remind = new Map<string, Date>();
    for (const change of diff.changes) {
      if (change.kind === 'cancelled') {
        await this.forget(manager, { sessionId: change.sessionId });
        continue;
      }
      const session = sessions.get(change.sessionId);
      if (!session) continue;
      const startsAt = new Date(session.startsAt);
      if (change.fields.includes('time')) {
        await this.forget(manager, { sessionId: session.id, keepStart: startsAt });
        remind.set(session.id, startsAt);
      } else if (change.kind === 'new' && change.before !== null) {
        remind.set(session.id, startsAt);
      }
    }
    if (remind.size === 0 || this.offsetsMinutes.length === 0) return;
    const seats = await manager
      .getRepository(RegistrationEntity)
      .createQueryBuilder('r')
      .innerJoin(AccountEntity, 'a', 'a.id = r.accountId')
      .select([
        'r.id AS "registrationId"',
        'r.sessionId AS "sessionId"',
        'a.id AS "accountId"',
        'a.email AS "email"',
        'a.name AS "name"',
        'a.locale AS "locale"',
        'a.timeZone AS "timeZone"',
      ])
      .where('r.sessionId IN (:...sessionIds)', { sessionIds: [...remind.keys()] })
      .andWhere("r.status = 'confirmed'")
      .andWhere('a.email IS NOT NULL AND a.erasedAt IS NULL')
      .getRawMany<{
        registrationId: string;
        sessionId: string;
        accountId: string;
        email: string;
        name: string;
        locale: string;
        timeZone: string;
      }>();
    const mails = seats.flatMap((seat) => {
      const startsAt = remind.get(seat.sessionId);
      if (!startsAt) return [];
      const to = {
        email: seat.email,
        name: seat.name,
        locale: seat.locale,
        timeZone: seat.timeZone,
        accountId: seat.accountId,
      };
      const { registrationId, sessionId } = seat;
      return this.mailsFor({ registrationId, sessionId, startsAt, to }, now);
    });
    await this.outbox.queueMany(manager, mails);
  }

  /**
   * A confirmed seat's reminders: one row per offset still ahead of `startsAt`, none when the
   * session is too close for any. For a seat just taken, the start is the one of the release the
   * person registered from, and the caller queues these with its own mail in one INSERT. A release
   * that moves the session and commits while that transaction runs does not see the seat (its
   * rescheduling reads committed seats only); the worker then drops these reminders as obsolete.
   */
  mailsFor(seat: ReminderSeat, now = new Date()): NewMail[] {
    return this.offsetsMinutes
      .map((minutes) => ({ minutes, at: new Date(seat.startsAt.getTime() - minutes * 60_000) }))
      .filter(({ at }) => at > now)
      .map(({ minutes, at }) => ({
        to: seat.to,
        template: REMINDER_TEMPLATE,
        // No release: the worker renders the latest one, whatever was published meanwhile.
        dataRef: {
          sessionId: seat.sessionId,
          registrationId: seat.registrationId,
          reminderFor: seat.startsAt.toISOString(),
        },
        dedupeKey: reminderKey(seat, minutes),
        availableAt: at,
      }));
  }
}
