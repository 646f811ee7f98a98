import {
  type CalendarEvent,
  CalendarInputError,
  type CalendarParty,
  invitationIcs,
} from '@app/calendar';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { Locale } from '@app/contracts';
import { buildHubUrl, MailerInputError, renderMail } from '@app/mailer';
import {
  type EventEntity,
  InvitationEntity,
  InvitationLinkEntity,
  latestRelease,
  type OutgoingMailEntity,
  TransactionRunner,
} from '@app/persistence';
import { hashSecret, newSecret } from '@app/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import type { Repository } from 'typeorm';
import { type ComposedMail, UncomposableMailError } from './composed-mail.js';

export const INVITATION_TEMPLATES = ['summit-invitation', 'summit-invitation-reminder'] as const;
export type InvitationTemplate = (typeof INVITATION_TEMPLATES)[number];

export function isInvitationTemplate(name: string): name is InvitationTemplate {
  return (INVITATION_TEMPLATES as readonly string[]).includes(name);
}

/** A mailing to a Summit's invitees would read the same release hundreds of times a second. */
const SPAN_CACHE_MS = 1_000;

/** The one calendar entry an invitation places: the whole programme of the event. */
interface ProgrammeSpan {
  startsAt: Date;
  endsAt: Date;
  /** The latest release's number: it goes up whenever a new programme could move the span. */
  sequence: number;
  updatedAt: Date;
}

/**
 * Summit invitations and their reminders. Each mail mints its own answer token and stores only
 * its hash as a new link, so every link a person was sent keeps working and the database never
 * holds a usable one. A retry mints another; the unsent one is harmless, as nobody has it.
 */
@Injectable()
export class InvitationComposer {
  private readonly spanCache = new Map<string, { span: ProgrammeSpan; at: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    @InjectRepository(InvitationEntity)
    private readonly invitations: Repository<InvitationEntity>,
  ) {}

  async compose(
    row: OutgoingMailEntity,
    template: InvitationTemplate,
    options: { locale: Locale; organizer: CalendarParty },
  ): Promise<ComposedMail> {
    const invitationId = row.dataRef.invitationId;
    if (!invitationId) throw new UncomposableMailError('invitation mail names no invitation');
    const invitation = await this.invitations.findOne({
      where: { id: invitationId },
      relations: { event: true },
    });
    const event = invitation?.event;
    if (!invitation || !event) throw new UncomposableMailError('invitation no longer exists');
    const span = await this.programmeSpan(event);
    const token = newSecret();
    const eventPath = `/events/${event.slug}`;
    let composed: ComposedMail;
    try {
      const rendered = renderMail(
        template,
        options.locale,
        {
          recipientName: row.recipientName,
          eventTitle: event.title,
          startsAt: span.startsAt,
          endsAt: span.endsAt,
          eventTimeZone: event.timeZone,
          recipientTimeZone: row.timeZone,
          venue: event.venue,
          role: invitation.role,
          token,
          eventPath,
        },
        { publicBaseUrl: this.config.publicBaseUrl },
      );
      const calendar: CalendarEvent = {
        // One entry per event, apart from the entries of its sessions.
        sessionId: `invitation-${event.id}`,
        sequence: span.sequence,
        title: event.title,
        description: event.summary,
        startsAt: span.startsAt,
        endsAt: span.endsAt,
        timeZone: event.timeZone,
        location: event.venue,
        url: buildHubUrl(this.config.publicBaseUrl, eventPath),
        joinUrl: null,
        cancelled: false,
        updatedAt: span.updatedAt,
      };
      composed = {
        ...rendered,
        icalEvent: {
          method: 'REQUEST',
          // The answer link stays out of the file: calendars are shared and synced far more
          // widely than a mailbox.
          content: invitationIcs({
            event: calendar,
            organizer: options.organizer,
            attendee: { name: row.recipientName, email: row.recipientEmail },
            method: 'REQUEST',
            awaitingAnswer: true,
          }),
          filename: 'invite.ics',
        },
      };
    } catch (error) {
      // Bad data does not get better by waiting.
      if (error instanceof MailerInputError || error instanceof CalendarInputError) {
        throw new UncomposableMailError(error.message);
      }
      throw error;
    }
    await this.transactions.alone((manager) =>
      manager
        .getRepository(InvitationLinkEntity)
        .insert({ invitationId: invitation.id, tokenHash: hashSecret(token) }),
    );
    return composed;
  }

  /**
   * First to last session of the latest release, or the event's days in its own zone while no
   * programme is published.
   */
  private async programmeSpan(event: EventEntity): Promise<ProgrammeSpan> {
    const now = Date.now();
    const cached = this.spanCache.get(event.id);
    if (cached && now - cached.at < SPAN_CACHE_MS) return cached.span;
    const release = await latestRelease(this.invitations.manager, event.id);
    const sessions = (release?.snapshot.sessions ?? []).filter((s) => s.status !== 'cancelled');
    let span: ProgrammeSpan;
    if (release && sessions.length > 0) {
      span = {
        startsAt: new Date(Math.min(...sessions.map((s) => Date.parse(s.startsAt)))),
        endsAt: new Date(Math.max(...sessions.map((s) => Date.parse(s.endsAt)))),
        sequence: release.number,
        updatedAt: release.publishedAt,
      };
    } else {
      const zone = { zone: event.timeZone };
      span = {
        startsAt: DateTime.fromISO(event.startDate, zone).toJSDate(),
        endsAt: DateTime.fromISO(event.endDate, zone).plus({ days: 1 }).toJSDate(),
        sequence: release?.number ?? 0,
        updatedAt: release?.publishedAt ?? event.updatedAt,
      };
    }
    if (this.spanCache.size > 100) this.spanCache.clear();
    this.spanCache.set(event.id, { span, at: now });
    return span;
  }
}
