import { APP_CONFIG, type AppConfig } from '@app/config';
import type { Locale, RegistrationStatus, ReleasedSession } from '@app/contracts';
import { MailerInputError, renderMail } from '@app/mailer';
import {
  type OutgoingMailEntity,
  RegistrationEntity,
  ScheduleReleaseEntity,
} from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type ComposedMail, UncomposableMailError } from './composed-mail.js';
import { ReleasedSessions } from './released-sessions.js';

/**
 * Why a reminder must not go out any more, or null when it still holds. Its cause is taken back
 * with the reminder in the api (cancellation, a release that moves the session), so this only
 * catches what slipped past that: a row a worker had already claimed, or a seat confirmed while
 * a release that moved its session was being published.
 */
export function obsoleteReminder(input: {
  registration: RegistrationStatus | null;
  released: Pick<ReleasedSession, 'status' | 'startsAt'> | null;
  reminderFor: string;
  now: Date;
}): string | null {
  if (!input.registration) return 'reminder obsolete: registration no longer exists';
  if (input.registration !== 'confirmed') {
    return `reminder obsolete: registration ${input.registration}`;
  }
  if (!input.released) return 'reminder obsolete: session no longer published';
  if (input.released.status === 'cancelled') return 'reminder obsolete: session cancelled';
  const startsAt = Date.parse(input.released.startsAt);
  if (startsAt !== Date.parse(input.reminderFor)) return 'reminder obsolete: session moved';
  if (startsAt <= input.now.getTime()) return 'reminder too late: the session has started';
  return null;
}

/**
 * Session reminders: checked against the registration and the latest release when written, and
 * rendered from that release (a new link or room published since the seat was taken is the one
 * shown). No calendar file: the confirmation carried it.
 */
@Injectable()
export class ReminderComposer {
  private readonly released: ReleasedSessions;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(RegistrationEntity)
    private readonly registrations: Repository<RegistrationEntity>,
    @InjectRepository(ScheduleReleaseEntity) releases: Repository<ScheduleReleaseEntity>,
  ) {
    this.released = new ReleasedSessions(releases);
  }

  async compose(row: OutgoingMailEntity, locale: Locale, now = new Date()): Promise<ComposedMail> {
    const { registrationId, sessionId, reminderFor } = row.dataRef;
    if (!registrationId || !sessionId || !reminderFor) {
      throw new UncomposableMailError('reminder names no registration, session or start');
    }
    // One joined SELECT: `findOne` with nested relations issues several statements.
    const registration = await this.registrations
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.session', 'session')
      .innerJoinAndSelect('session.event', 'event')
      .where('r.id = :registrationId AND r.sessionId = :sessionId', {
        registrationId,
        sessionId,
      })
      .getOne();
    const event = registration?.session?.event;
    const released = event ? await this.released.latest(event.id, sessionId) : null;
    const reason = obsoleteReminder({
      registration: registration?.status ?? null,
      released,
      reminderFor,
      now,
    });
    if (reason || !event || !released) {
      throw new UncomposableMailError(reason ?? 'reminder obsolete: session no longer published');
    }
    try {
      return renderMail(
        'session-reminder',
        locale,
        {
          recipientName: row.recipientName,
          sessionTitle: released.title,
          eventTitle: event.title,
          startsAt: new Date(released.startsAt),
          endsAt: new Date(released.endsAt),
          eventTimeZone: event.timeZone,
          recipientTimeZone: row.timeZone,
          location: released.stream?.name ?? null,
          joinUrl: released.stream?.virtualUrl ?? null,
          sessionPath: `/sessions/${sessionId}`,
          writtenAt: now,
        },
        { publicBaseUrl: this.config.publicBaseUrl },
      );
    } catch (error) {
      // Bad data does not get better by waiting.
      if (error instanceof MailerInputError) throw new UncomposableMailError(error.message);
      throw error;
    }
  }
}
