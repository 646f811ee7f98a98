import type {
  EventRole,
  InvitationImportResult,
  InvitationListView,
  InvitationPublicView,
  InvitationRole,
  InvitationStatus,
  InvitationView,
} from '@app/contracts';
import {
  AccountEntity,
  AuditEntryEntity,
  CityEntity,
  EventEntity,
  EventRoleEntity,
  findOrCreateAccount,
  grantRole,
  InvitationEntity,
  InvitationLinkEntity,
  MailOutbox,
  type NewMail,
  OutgoingMailEntity,
  TransactionRunner,
} from '@app/persistence';
import { hashSecret } from '@app/runtime';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { type EntityManager, In, IsNull, LessThanOrEqual, type Repository } from 'typeorm';
import { RateLimiter } from '../auth/rate-limiter.service.js';
import { RolesService } from '../roles/roles.service.js';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import type { InvitationAnswer } from './dto/invitation-token.dto.js';
import type { InviteeDto } from './dto/invite.dto.js';
import {
  checkInvitee,
  type CheckedInvitee,
  csvInvitees,
  type InviteeInput,
} from './invitee-rows.js';

export const INVITATION_TEMPLATE = 'summit-invitation';
export const REMINDER_TEMPLATE = 'summit-invitation-reminder';

/**
 * Answer links are 256-bit secrets, so the limit is not what keeps them safe; it keeps one
 * machine from hammering the lookup. A city hall behind one address still has room for its
 * delegation to open and answer their links.
 */
export const ANSWERS_PER_IP = { limit: 60, windowSeconds: 10 * 60 };
const REMINDER_INTERVAL_MS = 24 * 3_600_000;
/** Ids per `IN (…)` and rows per INSERT: far below the parameter limits of both databases. */
const CHUNK = 500;

/** What accepting an invitation makes the person in the event. */
const EVENT_ROLE_OF: Readonly<Record<InvitationRole, EventRole>> = {
  mayor: 'attendee',
  speaker: 'speaker',
  delegate: 'attendee',
  guest: 'attendee',
};

const NOT_FOUND_MESSAGE =
  'This invitation link is not valid. Open the complete link from your invitation mail, or ask ' +
  'the organisers for a new one.';

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) {
    out.push(items.slice(start, start + CHUNK));
  }
  return out;
}

/** The invitation mail's dedupe key; reminders read the language chosen for it back from it. */
function invitationMailKey(invitationId: string): string {
  return `invitation:${invitationId}`;
}

function reminderMailKey(invitationId: string, now: Date): string {
  return `invitation:${invitationId}:reminder:${now.toISOString().slice(0, 10)}`;
}

function toView(invitation: InvitationEntity): InvitationView {
  return {
    id: invitation.id,
    name: invitation.name,
    email: invitation.email,
    city: invitation.cityName,
    role: invitation.role,
    status: invitation.status,
    invitedAt: invitation.createdAt.toISOString(),
    respondedAt: invitation.respondedAt?.toISOString() ?? null,
    remindersSent: invitation.remindersSent,
    lastRemindedAt: invitation.lastRemindedAt?.toISOString() ?? null,
  };
}

function toPublicView(invitation: InvitationEntity, event: EventEntity): InvitationPublicView {
  return {
    eventSlug: event.slug,
    eventTitle: event.title,
    eventStartDate: event.startDate,
    eventEndDate: event.endDate,
    timeZone: event.timeZone,
    venue: event.venue,
    name: invitation.name,
    role: invitation.role,
    status: invitation.status,
  };
}

/** Over once its last day is over where it takes place. */
function hasEnded(event: EventEntity, now: Date): boolean {
  const end = DateTime.fromISO(event.endDate, { zone: event.timeZone }).plus({ days: 1 });
  return end.toMillis() <= now.getTime();
}

interface ImportRow {
  line: number;
  input: InviteeInput;
  account?: AccountEntity;
}

interface Candidate extends CheckedInvitee {
  cityId: string | null;
  account: AccountEntity | null;
}

@Injectable()
export class InvitationsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: MailOutbox,
    private readonly limiter: RateLimiter,
    private readonly roles: RolesService,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(InvitationEntity)
    private readonly invitations: Repository<InvitationEntity>,
    @InjectRepository(InvitationLinkEntity)
    private readonly links: Repository<InvitationLinkEntity>,
    @InjectRepository(CityEntity) private readonly cities: Repository<CityEntity>,
    @InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>,
  ) {}

  /** Invites a list typed or picked by the organiser; items are named by 1-based position. */
  async inviteList(
    actorId: string,
    slug: string,
    invitees: readonly InviteeDto[],
    requestId: string,
  ): Promise<InvitationImportResult> {
    const event = await this.openEvent(slug);
    const accountIds = [...new Set(invitees.flatMap((item) => item.accountId ?? []))];
    const accounts = new Map<string, AccountEntity>();
    for (const ids of chunks(accountIds)) {
      for (const account of await this.accounts.findBy({ id: In(ids) })) {
        accounts.set(account.id, account);
      }
    }
    const rows: ImportRow[] = [];
    const rejected: InvitationImportResult['rejected'] = [];
    invitees.forEach((item, index) => {
      const line = index + 1;
      if (item.accountId === undefined) {
        rows.push({ line, input: item });
        return;
      }
      const account = accounts.get(item.accountId);
      if (item.email !== undefined) {
        rejected.push({ line, reason: 'give an accountId or an email, not both' });
      } else if (!account?.email) {
        rejected.push({ line, reason: 'no account with this id' });
      } else if (!(item.name ?? account.name)) {
        rejected.push({ line, reason: 'the account has no name: give one with name' });
      } else {
        rows.push({
          line,
          account,
          input: { ...item, name: item.name ?? account.name, email: account.email },
        });
      }
    });
    return this.importRows(actorId, event, rows, rejected, 'list', requestId);
  }

  /** Invites the people of an uploaded file; bad lines are reported and the good ones invited. */
  async inviteCsv(
    actorId: string,
    slug: string,
    csv: string,
    requestId: string,
  ): Promise<InvitationImportResult> {
    const event = await this.openEvent(slug);
    const { rows, problems } = csvInvitees(csv);
    return this.importRows(actorId, event, rows, [...problems], 'csv', requestId);
  }

  async list(slug: string): Promise<InvitationListView> {
    const event = await this.event(slug);
    const rows = await this.invitations.find({
      where: { eventId: event.id },
      order: { createdAt: 'ASC', name: 'ASC', id: 'ASC' },
    });
    const counts: Record<InvitationStatus, number> = { pending: 0, accepted: 0, declined: 0 };
    for (const row of rows) counts[row.status]++;
    return { counts, invitations: rows.map(toView) };
  }

  /**
   * A reminder to every invitation still pending, each at most once in 24 hours. On PostgreSQL
   * the due rows are locked, so two organisers pressing the button at once remind each person
   * once (the second finds them reminded); on SQLite transactions run one after another anyway.
   * The dedupe key per invitation and day keeps a mail from being queued twice whatever happens.
   */
  async remind(actorId: string, slug: string, requestId: string): Promise<{ reminded: number }> {
    const event = await this.openEvent(slug);
    const now = new Date();
    return this.transactions.run(async (manager) => {
      const repo = manager.getRepository(InvitationEntity);
      const pending = { eventId: event.id, status: 'pending' as const };
      const due = await repo.find({
        where: [
          { ...pending, lastRemindedAt: IsNull() },
          {
            ...pending,
            lastRemindedAt: LessThanOrEqual(new Date(now.getTime() - REMINDER_INTERVAL_MS)),
          },
        ],
        ...(this.isPostgres(manager) ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      });
      if (due.length === 0) return { reminded: 0 };
      for (const part of chunks(due)) {
        await repo
          .createQueryBuilder()
          .update()
          .set({ remindersSent: () => '"remindersSent" + 1', lastRemindedAt: now })
          .whereInIds(part.map((invitation) => invitation.id))
          .execute();
      }
      const recipientOf = await this.recipients(manager, event, due);
      await this.outbox.queueMany(
        manager,
        due.map((invitation) => ({
          to: recipientOf(invitation),
          template: REMINDER_TEMPLATE,
          dataRef: { invitationId: invitation.id, calendar: 'REQUEST' },
          dedupeKey: reminderMailKey(invitation.id, now),
          correlationId: requestId,
        })),
      );
      await this.audit(manager, {
        actorId,
        action: 'invitations.reminded',
        targetAccountId: null,
        eventId: event.id,
        details: { reminded: due.length },
      });
      return { reminded: due.length };
    });
  }

  /** What the invitee's page shows; the token is the only credential. */
  async lookup(token: string, ip: string): Promise<InvitationPublicView> {
    await this.limit(ip);
    const { invitation, event } = await this.byToken(token);
    return toPublicView(invitation, event);
  }

  /**
   * Accepts or declines; the answer can change until the event is over. Accepting gives the
   * person an account (made for the invited address when there is none) and the event role of
   * the invitation; declining after accepting takes back the role the acceptance gave.
   */
  async respond(
    token: string,
    answer: InvitationAnswer,
    ip: string,
  ): Promise<InvitationPublicView> {
    await this.limit(ip);
    const { invitation: found, event } = await this.byToken(token);
    const now = new Date();
    if (hasEnded(event, now)) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        'This event is over: the invitation can no longer be answered',
      );
    }
    const status: InvitationStatus = answer === 'accept' ? 'accepted' : 'declined';
    let withdrawnFrom: string | null = null;
    const view = await this.transactions.run(async (manager) => {
      const repo = manager.getRepository(InvitationEntity);
      const invitation = await repo.findOne({
        where: { id: found.id },
        ...(this.isPostgres(manager) ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      });
      if (!invitation) throw new DomainError(DomainErrorCode.NotFound, NOT_FOUND_MESSAGE);
      if (invitation.status === status) return toPublicView(invitation, event);
      const previous = invitation.status;
      const role = EVENT_ROLE_OF[invitation.role];
      let accountId = invitation.accountId;
      if (status === 'accepted') {
        const account = await this.accountFor(manager, invitation);
        accountId = account.id;
        // The invitee grants it by answering; a decline later recognises it by that.
        await grantRole(manager, { actorId: account.id, accountId, eventId: event.id, role });
      } else if (accountId && previous === 'accepted') {
        if (await this.withdrawRole(manager, accountId, event.id, role)) withdrawnFrom = accountId;
      }
      await repo.update({ id: invitation.id }, { status, respondedAt: now, accountId });
      await this.audit(manager, {
        actorId: accountId,
        action: `invitation.${status}`,
        targetAccountId: accountId,
        eventId: event.id,
        details: { invitationId: invitation.id, previous },
      });
      return toPublicView({ ...invitation, status }, event);
    });
    if (withdrawnFrom) this.roles.afterRoleRemoved(withdrawnFrom);
    return view;
  }

  private async importRows(
    actorId: string,
    event: EventEntity,
    rows: readonly ImportRow[],
    rejected: InvitationImportResult['rejected'],
    source: 'list' | 'csv',
    requestId: string,
  ): Promise<InvitationImportResult> {
    const cities = await this.cityIndex();
    const firstLine = new Map<string, number>();
    const candidates: Candidate[] = [];
    for (const row of rows) {
      const checked = checkInvitee(row.input);
      if ('reason' in checked) {
        rejected.push({ line: row.line, reason: checked.reason });
        continue;
      }
      const first = firstLine.get(checked.email);
      if (first !== undefined) {
        rejected.push({ line: row.line, reason: `same email as line ${first}` });
        continue;
      }
      firstLine.set(checked.email, row.line);
      const city = checked.cityName
        ? cities.byName.get(checked.cityName.toLowerCase())
        : row.account?.cityId
          ? cities.byId.get(row.account.cityId)
          : undefined;
      candidates.push({
        ...checked,
        cityName: city?.name ?? checked.cityName,
        cityId: city?.id ?? null,
        account: row.account ?? null,
      });
    }
    rejected.sort((a, b) => a.line - b.line);
    const invited = await this.transactions.run((manager) =>
      this.insertInvitations(manager, actorId, event, candidates, source, requestId),
    );
    return { invited, alreadyInvited: candidates.length - invited, rejected };
  }

  /**
   * Inserts the invitations that do not exist yet and queues their mails. Rows are inserted with
   * ids made here and ON CONFLICT DO NOTHING, so an address invited meanwhile by a concurrent
   * upload is skipped by the unique (event, email) index, and only rows this call made get mail.
   */
  private async insertInvitations(
    manager: EntityManager,
    actorId: string,
    event: EventEntity,
    candidates: readonly Candidate[],
    source: 'list' | 'csv',
    requestId: string,
  ): Promise<number> {
    const repo = manager.getRepository(InvitationEntity);
    const existing = new Set<string>();
    for (const emails of chunks(candidates.map((c) => c.email))) {
      const rows = await repo.find({
        select: { email: true },
        where: { eventId: event.id, email: In(emails) },
      });
      for (const row of rows) existing.add(row.email);
    }
    const fresh = candidates.filter((c) => !existing.has(c.email));
    if (fresh.length === 0) return 0;
    const known = new Map<string, AccountEntity>();
    for (const emails of chunks(fresh.filter((c) => !c.account).map((c) => c.email))) {
      for (const account of await manager
        .getRepository(AccountEntity)
        .findBy({ email: In(emails) })) {
        if (account.email) known.set(account.email, account);
      }
    }
    const now = new Date();
    const planned = fresh.map((candidate) => {
      const account = candidate.account ?? known.get(candidate.email) ?? null;
      const row = {
        id: randomUUID(),
        eventId: event.id,
        email: candidate.email,
        name: candidate.name,
        cityName: candidate.cityName,
        cityId: candidate.cityId,
        role: candidate.role,
        status: 'pending' as const,
        accountId: account?.id ?? null,
        invitedBy: actorId,
        remindersSent: 0,
        createdAt: now,
      };
      const mail: NewMail = {
        to: {
          email: candidate.email,
          name: candidate.name,
          // The organiser's choice first: they know in which language they invite a mayor.
          locale: candidate.locale ?? account?.locale ?? 'en',
          timeZone: account?.timeZone ?? event.timeZone,
          accountId: account?.id ?? null,
        },
        template: INVITATION_TEMPLATE,
        dataRef: { invitationId: row.id, calendar: 'REQUEST' },
        dedupeKey: invitationMailKey(row.id),
        correlationId: requestId,
      };
      return { row, mail };
    });
    for (const part of chunks(planned)) {
      await repo
        .createQueryBuilder()
        .insert()
        .values(part.map((p) => p.row))
        .orIgnore()
        .execute();
    }
    const inserted = new Set<string>();
    for (const ids of chunks(planned.map((p) => p.row.id))) {
      const rows = await repo.find({ select: { id: true }, where: { id: In(ids) } });
      for (const row of rows) inserted.add(row.id);
    }
    if (inserted.size === 0) return 0;
    await this.outbox.queueMany(
      manager,
      planned.filter((p) => inserted.has(p.row.id)).map((p) => p.mail),
    );
    await this.audit(manager, {
      actorId,
      action: 'invitations.created',
      targetAccountId: null,
      eventId: event.id,
      details: { source, invited: inserted.size },
    });
    return inserted.size;
  }

  /**
   * Where and how to write each reminder: to the invited address, in the language the invitation
   * was sent in (the organiser may have chosen it), in the time zone of the person's account.
   */
  private async recipients(
    manager: EntityManager,
    event: EventEntity,
    invitations: readonly InvitationEntity[],
  ): Promise<(invitation: InvitationEntity) => NewMail['to']> {
    const firstMails = new Map<string, OutgoingMailEntity>();
    for (const keys of chunks(invitations.map((i) => invitationMailKey(i.id)))) {
      const rows = await manager.getRepository(OutgoingMailEntity).find({
        select: { dedupeKey: true, locale: true, timeZone: true },
        where: { dedupeKey: In(keys) },
      });
      for (const row of rows) if (row.dedupeKey) firstMails.set(row.dedupeKey, row);
    }
    const accounts = new Map<string, AccountEntity>();
    const accountIds = invitations.flatMap((i) => i.accountId ?? []);
    for (const ids of chunks(accountIds)) {
      const rows = await manager.getRepository(AccountEntity).findBy({ id: In(ids) });
      for (const account of rows) accounts.set(account.id, account);
    }
    return (invitation) => {
      const first = firstMails.get(invitationMailKey(invitation.id));
      const account = invitation.accountId ? accounts.get(invitation.accountId) : undefined;
      const live = account?.email ? account : undefined;
      return {
        email: invitation.email,
        name: invitation.name,
        locale: first?.locale ?? live?.locale ?? 'en',
        timeZone: live?.timeZone ?? first?.timeZone ?? event.timeZone,
        accountId: live?.id ?? null,
      };
    };
  }

  /** The invitation's account, or one made for the invited address (erased ones are not reused). */
  private async accountFor(
    manager: EntityManager,
    invitation: InvitationEntity,
  ): Promise<AccountEntity> {
    if (invitation.accountId) {
      const linked = await manager
        .getRepository(AccountEntity)
        .findOneBy({ id: invitation.accountId });
      if (linked?.email) return linked;
    }
    const firstMail = await manager
      .getRepository(OutgoingMailEntity)
      .findOneBy({ dedupeKey: invitationMailKey(invitation.id) });
    return findOrCreateAccount(manager, invitation.email, {
      name: invitation.name,
      locale: firstMail?.locale ?? 'en',
    });
  }

  /**
   * Takes back a role that an acceptance granted: one the person granted themselves by answering.
   * A role an organiser gave them stays.
   */
  private async withdrawRole(
    manager: EntityManager,
    accountId: string,
    eventId: string,
    role: EventRole,
  ): Promise<boolean> {
    const result = await manager
      .getRepository(EventRoleEntity)
      .delete({ accountId, eventId, role, grantedBy: accountId });
    if (!result.affected) return false;
    await this.audit(manager, {
      actorId: accountId,
      action: 'role.revoked',
      targetAccountId: accountId,
      eventId,
      details: { role },
    });
    return true;
  }

  private async byToken(
    token: string,
  ): Promise<{ invitation: InvitationEntity; event: EventEntity }> {
    const link = await this.links.findOne({
      where: { tokenHash: hashSecret(token) },
      relations: { invitation: { event: true } },
    });
    const invitation = link?.invitation;
    if (!invitation?.event) throw new DomainError(DomainErrorCode.NotFound, NOT_FOUND_MESSAGE);
    return { invitation, event: invitation.event };
  }

  private async limit(ip: string): Promise<void> {
    const allowed = await this.limiter.allow(
      `invitation:ip:${ip}`,
      ANSWERS_PER_IP.limit,
      ANSWERS_PER_IP.windowSeconds,
    );
    if (!allowed) {
      throw new DomainError(
        DomainErrorCode.RateLimited,
        'Too many invitation requests from this address; try again in a few minutes',
      );
    }
  }

  private async cityIndex(): Promise<{
    byName: Map<string, CityEntity>;
    byId: Map<string, CityEntity>;
  }> {
    const all = await this.cities.find();
    const byName = new Map<string, CityEntity>();
    const ambiguous = new Set<string>();
    for (const city of all) {
      const key = city.name.toLowerCase();
      if (byName.has(key)) ambiguous.add(key);
      byName.set(key, city);
    }
    // Two cities of one name in different countries: the name alone cannot say which.
    for (const key of ambiguous) byName.delete(key);
    return { byName, byId: new Map(all.map((city) => [city.id, city])) };
  }

  private async audit(
    manager: EntityManager,
    entry: Pick<AuditEntryEntity, 'actorId' | 'action' | 'targetAccountId' | 'eventId' | 'details'>,
  ): Promise<void> {
    // Milliseconds: SQLite's own default clock ticks in seconds, and the log is read in order.
    await manager.getRepository(AuditEntryEntity).insert({ ...entry, createdAt: new Date() });
  }

  private isPostgres(manager: EntityManager): boolean {
    return manager.connection.options.type === 'postgres';
  }

  private async event(slug: string): Promise<EventEntity> {
    const event = await this.events.findOneBy({ slug });
    if (!event) throw DomainError.notFound(`Event "${slug}"`);
    return event;
  }

  /** An event that can still take invitations and reminders. */
  private async openEvent(slug: string): Promise<EventEntity> {
    const event = await this.event(slug);
    if (hasEnded(event, new Date())) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        'This event is over: invitations and reminders can no longer be sent',
      );
    }
    return event;
  }
}
