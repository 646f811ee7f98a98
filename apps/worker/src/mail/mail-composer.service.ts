import { type CalendarEvent, invitationIcs } from '@app/calendar';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { LOCALES, type Locale } from '@app/contracts';
import {
  buildHubUrl,
  MAIL_TEMPLATE_NAMES,
  MailerInputError,
  type MailTemplateName,
  renderMail,
  type SessionMailData,
} from '@app/mailer';
import { type OutgoingMailEntity, SessionEntity } from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
}

/** A mail that can never be sent as asked (its session is gone, its template unknown). */
export class UncomposableMailError extends Error {}

function isTemplate(name: string): name is MailTemplateName {
  return (MAIL_TEMPLATE_NAMES as readonly string[]).includes(name);
}

function parseFrom(from: string): { name: string; email: string } {
  const match = /^(.*)<([^>]+)>$/.exec(from);
  return match
    ? { name: match[1].trim().replace(/^"|"$/g, ''), email: match[2] }
    : { name: 'ICC Hub', email: from };
}

/** Turns an outbox row into the message: loads what the ids point at, renders, attaches .ics. */
@Injectable()
export class MailComposer {
  private readonly organizer: { name: string; email: string };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {
    this.organizer = parseFrom(config.mail.from);
  }

  async compose(row: OutgoingMailEntity): Promise<ComposedMail> {
    if (!isTemplate(row.template))
      throw new UncomposableMailError(`unknown template ${row.template}`);
    const sessionId = row.dataRef.sessionId;
    if (!sessionId) throw new UncomposableMailError('mail names no session');
    const session = await this.sessions.findOne({
      where: { id: sessionId },
      relations: { event: true, stream: true },
    });
    if (!session?.event) throw new UncomposableMailError('session no longer exists');
    const locale: Locale = (LOCALES as readonly string[]).includes(row.locale)
      ? (row.locale as Locale)
      : 'en';
    const data: SessionMailData = {
      recipientName: row.recipientName,
      sessionTitle: session.title,
      eventTitle: session.event.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      eventTimeZone: session.event.timeZone,
      recipientTimeZone: row.timeZone,
      location: session.stream?.name ?? null,
      joinUrl: session.stream?.virtualUrl ?? null,
      sessionPath: `/sessions/${session.id}`,
    };
    const context = { publicBaseUrl: this.config.publicBaseUrl };
    let rendered;
    try {
      rendered =
        row.template === 'session-update'
          ? renderMail(
              'session-update',
              locale,
              { ...data, changes: row.dataRef.changes ?? [] },
              context,
            )
          : renderMail(row.template, locale, data, context);
    } catch (error) {
      // Bad data does not get better by waiting.
      if (error instanceof MailerInputError) throw new UncomposableMailError(error.message);
      throw error;
    }
    const method = row.dataRef.calendar;
    if (!method) return rendered;
    const event: CalendarEvent = {
      sessionId: session.id,
      sequence: session.calendarSequence,
      title: session.title,
      description: session.abstract,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      timeZone: session.event.timeZone,
      location: session.stream?.name ?? null,
      url: buildHubUrl(this.config.publicBaseUrl, data.sessionPath),
      joinUrl: session.stream?.virtualUrl ?? null,
      cancelled: method === 'CANCEL' || session.status === 'cancelled',
      updatedAt: session.updatedAt,
    };
    const content = invitationIcs({
      event,
      organizer: this.organizer,
      attendee: { name: row.recipientName, email: row.recipientEmail },
      method,
    });
    return {
      ...rendered,
      icalEvent: {
        method,
        content,
        filename: method === 'CANCEL' ? 'cancellation.ics' : 'invite.ics',
      },
    };
  }
}
