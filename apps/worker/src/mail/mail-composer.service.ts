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
import { type OutgoingMailEntity, SessionEntity, SignInRequestEntity } from '@app/persistence';
import { hashSecret, newSecret } from '@app/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';

const SESSION_CACHE_MS = 1_000;

/** How long a sign-in link works after its mail is written. */
export const SIGN_IN_LINK_TTL_MINUTES = 15;

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
  private readonly sessionCache = new Map<string, { session: SessionEntity | null; at: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(SignInRequestEntity)
    private readonly signIns: Repository<SignInRequestEntity>,
  ) {
    this.organizer = parseFrom(config.mail.from);
  }

  async compose(row: OutgoingMailEntity): Promise<ComposedMail> {
    if (!isTemplate(row.template)) {
      throw new UncomposableMailError(`unknown template ${row.template}`);
    }
    if (row.template === 'sign-in-link') return this.composeSignIn(row);
    return this.composeSession(row, row.template);
  }

  /**
   * Mints the sign-in token now, so that it exists only in this mail: the row keeps its hash. A
   * retry mints a new one and the older link stops working.
   */
  private async composeSignIn(row: OutgoingMailEntity): Promise<ComposedMail> {
    const requestId = row.dataRef.signInRequestId;
    if (!requestId) throw new UncomposableMailError('sign-in mail names no request');
    const token = newSecret();
    const result = await this.signIns.update(
      { id: requestId, usedAt: IsNull() },
      {
        tokenHash: hashSecret(token),
        expiresAt: new Date(Date.now() + SIGN_IN_LINK_TTL_MINUTES * 60_000),
      },
    );
    if (!result.affected) throw new UncomposableMailError('sign-in request already used or gone');
    return renderMail(
      'sign-in-link',
      this.localeOf(row),
      { recipientName: row.recipientName, token, expiresInMinutes: SIGN_IN_LINK_TTL_MINUTES },
      { publicBaseUrl: this.config.publicBaseUrl },
    );
  }

  /**
   * A mailing to a session's 5,000 registrants would load the same session 5,000 times; a
   * second-long cache keeps one load per second. A change made meanwhile reaches people through
   * its own update mail, whose higher SEQUENCE supersedes the invitation in their calendar.
   */
  private async loadSession(id: string): Promise<SessionEntity | null> {
    const now = Date.now();
    const cached = this.sessionCache.get(id);
    if (cached && now - cached.at < SESSION_CACHE_MS) return cached.session;
    // One joined SELECT: `findOne` with relations issues two statements.
    const session = await this.sessions
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.event', 'event')
      .leftJoinAndSelect('s.stream', 'stream')
      .where('s.id = :id', { id })
      .getOne();
    if (this.sessionCache.size > 1_000) this.sessionCache.clear();
    this.sessionCache.set(id, { session, at: now });
    return session;
  }

  private localeOf(row: OutgoingMailEntity): Locale {
    return (LOCALES as readonly string[]).includes(row.locale) ? (row.locale as Locale) : 'en';
  }

  private async composeSession(
    row: OutgoingMailEntity,
    template: Exclude<MailTemplateName, 'sign-in-link'>,
  ): Promise<ComposedMail> {
    const sessionId = row.dataRef.sessionId;
    if (!sessionId) throw new UncomposableMailError('mail names no session');
    const session = await this.loadSession(sessionId);
    if (!session?.event) throw new UncomposableMailError('session no longer exists');
    const locale = this.localeOf(row);
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
        template === 'session-update'
          ? renderMail(
              'session-update',
              locale,
              { ...data, changes: row.dataRef.changes ?? [] },
              context,
            )
          : renderMail(template, locale, data, context);
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
