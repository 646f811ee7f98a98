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
import {
  type OutgoingMailEntity,
  ScheduleReleaseEntity,
  SessionEntity,
  SignInRequestEntity,
  TransactionRunner,
} from '@app/persistence';
import { hashSecret, newSecret } from '@app/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { type ComposedMail, UncomposableMailError } from './composed-mail.js';
import {
  InvitationComposer,
  type InvitationTemplate,
  isInvitationTemplate,
} from './invitation-composer.js';
import { KeyLearningsComposer } from './key-learnings-composer.js';
import { ReminderComposer } from './reminder-composer.js';

const SESSION_CACHE_MS = 1_000;

/** Releases kept parsed: a mailing concerns the latest one or two. */
const CACHED_RELEASES = 4;

/** What a session mail shows and its calendar file carries, from the draft or from a release. */
interface MailSession {
  id: string;
  title: string;
  abstract: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  sequence: number;
  eventTitle: string;
  timeZone: string;
  location: string | null;
  joinUrl: string | null;
  updatedAt: Date;
}

/** How long a sign-in link works after its mail is written. */
export const SIGN_IN_LINK_TTL_MINUTES = 15;

export { type ComposedMail, UncomposableMailError };

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
  private readonly sessionCache = new Map<string, { session: MailSession | null; at: number }>();
  private readonly releaseCache = new Map<string, Map<string, MailSession>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(ScheduleReleaseEntity)
    private readonly releases: Repository<ScheduleReleaseEntity>,
    private readonly invitations: InvitationComposer,
    private readonly reminders: ReminderComposer,
    private readonly keyLearnings: KeyLearningsComposer,
  ) {
    this.organizer = parseFrom(config.mail.from);
  }

  async compose(row: OutgoingMailEntity): Promise<ComposedMail> {
    if (!isTemplate(row.template)) {
      throw new UncomposableMailError(`unknown template ${row.template}`);
    }
    if (row.template === 'sign-in-link') return this.composeSignIn(row);
    if (isInvitationTemplate(row.template)) {
      return this.invitations.compose(row, row.template, {
        locale: this.localeOf(row),
        organizer: this.organizer,
      });
    }
    if (row.template === 'session-reminder') return this.reminders.compose(row, this.localeOf(row));
    if (row.template === 'key-learnings-published') {
      return this.keyLearnings.compose(row, this.localeOf(row));
    }
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
    const result = await this.transactions.alone((manager) =>
      manager.getRepository(SignInRequestEntity).update(
        { id: requestId, usedAt: IsNull() },
        {
          tokenHash: hashSecret(token),
          expiresAt: new Date(Date.now() + SIGN_IN_LINK_TTL_MINUTES * 60_000),
        },
      ),
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
  private async loadSession(id: string): Promise<MailSession | null> {
    const now = Date.now();
    const cached = this.sessionCache.get(id);
    if (cached && now - cached.at < SESSION_CACHE_MS) return cached.session;
    // One joined SELECT: `findOne` with relations issues two statements.
    const row = await this.sessions
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.event', 'event')
      .leftJoinAndSelect('s.stream', 'stream')
      .where('s.id = :id', { id })
      .getOne();
    const session: MailSession | null = row?.event
      ? {
          id: row.id,
          title: row.title,
          abstract: row.abstract,
          startsAt: row.startsAt,
          endsAt: row.endsAt,
          status: row.status,
          sequence: row.calendarSequence,
          eventTitle: row.event.title,
          timeZone: row.event.timeZone,
          location: row.stream?.name ?? null,
          joinUrl: row.stream?.virtualUrl ?? null,
          updatedAt: row.updatedAt,
        }
      : null;
    if (this.sessionCache.size > 1_000) this.sessionCache.clear();
    this.sessionCache.set(id, { session, at: now });
    return session;
  }

  /**
   * A release notice describes the session as that release froze it, not as the draft stands
   * when the worker gets to it: later draft edits stay private until they are published.
   */
  private async loadReleased(releaseId: string, sessionId: string): Promise<MailSession | null> {
    let sessions = this.releaseCache.get(releaseId);
    if (!sessions) {
      const release = await this.releases.findOne({
        where: { id: releaseId },
        relations: { event: true },
      });
      if (!release?.event) return null;
      const event = release.event;
      sessions = new Map(
        release.snapshot.sessions.map((s) => [
          s.id,
          {
            id: s.id,
            title: s.title,
            abstract: s.abstract,
            startsAt: new Date(s.startsAt),
            endsAt: new Date(s.endsAt),
            status: s.status,
            sequence: s.sequence,
            eventTitle: event.title,
            timeZone: event.timeZone,
            location: s.stream?.name ?? null,
            joinUrl: s.stream?.virtualUrl ?? null,
            updatedAt: release.publishedAt,
          },
        ]),
      );
      if (this.releaseCache.size >= CACHED_RELEASES) this.releaseCache.clear();
      this.releaseCache.set(releaseId, sessions);
    }
    return sessions.get(sessionId) ?? null;
  }

  private localeOf(row: OutgoingMailEntity): Locale {
    return (LOCALES as readonly string[]).includes(row.locale) ? (row.locale as Locale) : 'en';
  }

  private async composeSession(
    row: OutgoingMailEntity,
    template: Exclude<
      MailTemplateName,
      'sign-in-link' | 'session-reminder' | 'key-learnings-published' | InvitationTemplate
    >,
  ): Promise<ComposedMail> {
    const sessionId = row.dataRef.sessionId;
    if (!sessionId) throw new UncomposableMailError('mail names no session');
    const releaseId = row.dataRef.releaseId;
    const session = releaseId
      ? await this.loadReleased(releaseId, sessionId)
      : await this.loadSession(sessionId);
    if (!session) throw new UncomposableMailError('session no longer exists');
    const locale = this.localeOf(row);
    const data: SessionMailData = {
      recipientName: row.recipientName,
      sessionTitle: session.title,
      eventTitle: session.eventTitle,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      eventTimeZone: session.timeZone,
      recipientTimeZone: row.timeZone,
      location: session.location,
      joinUrl: session.joinUrl,
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
      sequence: session.sequence,
      title: session.title,
      description: session.abstract,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      timeZone: session.timeZone,
      location: session.location,
      url: buildHubUrl(this.config.publicBaseUrl, data.sessionPath),
      joinUrl: session.joinUrl,
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
