import type { EventRole } from '@app/contracts';
import {
  AccountEntity,
  AuditEntryEntity,
  EventEntity,
  EventRoleEntity,
  findOrCreateAccount,
  grantRole,
  QuestionEntity,
  SessionEntity,
  TransactionRunner,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, IsNull, type Repository } from 'typeorm';
import { DomainError } from '../common/domain.error.js';
import { RoomBroadcaster } from '../live-broadcast/room-broadcaster.js';

/** A path parameter that can name a row; anything else names nothing (and PostgreSQL would refuse it). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The shape of an event slug (SlugParamDto): anything else names no event and is not queried. */
const SLUG = /^[a-z0-9-]{1,80}$/;

export interface RoleGrantView {
  id: string;
  accountId: string;
  name: string;
  email: string | null;
  role: EventRole;
  createdAt: string;
}

@Injectable()
export class RolesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly live: RoomBroadcaster,
    @InjectRepository(EventRoleEntity) private readonly roles: Repository<EventRoleEntity>,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(AuditEntryEntity) private readonly audit: Repository<AuditEntryEntity>,
  ) {}

  async isProgrammeOrganiser(accountId: string): Promise<boolean> {
    return this.roles.existsBy({ accountId, eventId: IsNull(), role: 'organiser' });
  }

  /** Organiser of some event, or of the whole programme. */
  async isAnyOrganiser(accountId: string): Promise<boolean> {
    return this.roles.existsBy({ accountId, role: 'organiser' });
  }

  /** Organiser of this event, or of the whole programme. */
  async isEventOrganiser(accountId: string, eventSlug: string): Promise<boolean> {
    if (await this.isProgrammeOrganiser(accountId)) return true;
    // Guards run before the pipes: a slug with a NUL character failed the query on PostgreSQL.
    if (!SLUG.test(eventSlug)) return false;
    const event = await this.events.findOneBy({ slug: eventSlug });
    return event ? this.roles.existsBy({ accountId, eventId: event.id, role: 'organiser' }) : false;
  }

  /** Moderates the event's live Q&A: its organisers and moderators, and programme organisers. */
  async moderatesEvent(accountId: string, eventId: string): Promise<boolean> {
    return this.roles
      .createQueryBuilder('r')
      .where('r.accountId = :accountId', { accountId })
      .andWhere(
        new Brackets((q) =>
          q
            .where("r.eventId IS NULL AND r.role = 'organiser'")
            .orWhere("r.eventId = :eventId AND r.role IN ('organiser', 'moderator')", { eventId }),
        ),
      )
      .getExists();
  }

  /** Moderates the Q&A of the session (false when there is no such session). */
  async moderatesSession(accountId: string, sessionId: string): Promise<boolean> {
    // As for events: a programme organiser passes and then learns whether the session exists.
    if (await this.isProgrammeOrganiser(accountId)) return true;
    const eventId = await this.eventOfSession(sessionId);
    return eventId ? this.moderatesEvent(accountId, eventId) : false;
  }

  /**
   * Writes the key learnings of the session: rapporteurs and organisers of its event, and
   * programme organisers (false when there is no such session).
   */
  async writesKeyLearnings(accountId: string, sessionId: string): Promise<boolean> {
    if (await this.isProgrammeOrganiser(accountId)) return true;
    const eventId = await this.eventOfSession(sessionId);
    if (!eventId) return false;
    return this.roles.existsBy({ accountId, eventId, role: In(['organiser', 'rapporteur']) });
  }

  private async eventOfSession(sessionId: string): Promise<string | null> {
    if (!UUID.test(sessionId)) return null;
    const session = await this.roles.manager
      .getRepository(SessionEntity)
      .findOne({ select: { id: true, eventId: true }, where: { id: sessionId } });
    return session?.eventId ?? null;
  }

  /** Moderates the Q&A the question was asked in (false when there is no such question). */
  async moderatesQuestion(accountId: string, questionId: string): Promise<boolean> {
    if (await this.isProgrammeOrganiser(accountId)) return true;
    if (!UUID.test(questionId)) return false;
    const question = await this.roles.manager
      .getRepository(QuestionEntity)
      .findOne({ select: { id: true, sessionId: true }, where: { id: questionId } });
    return question ? this.moderatesSession(accountId, question.sessionId) : false;
  }

  async rolesOf(accountId: string): Promise<Array<{ eventSlug: string | null; role: EventRole }>> {
    const rows = await this.roles.find({ where: { accountId }, order: { createdAt: 'ASC' } });
    const slugs = new Map(
      (await this.events.find({ select: { id: true, slug: true } })).map((e) => [e.id, e.slug]),
    );
    return rows.map((r) => ({
      eventSlug: r.eventId ? (slugs.get(r.eventId) ?? null) : null,
      role: r.role,
    }));
  }

  async list(eventSlug: string): Promise<RoleGrantView[]> {
    const event = await this.event(eventSlug);
    const rows = await this.roles
      .createQueryBuilder('r')
      .innerJoinAndMapOne('r.account', AccountEntity, 'a', 'a.id = r.accountId')
      .where('r.eventId = :eventId', { eventId: event.id })
      .orderBy('r.createdAt', 'ASC')
      .getMany();
    return rows.map((r) => {
      const account = (r as EventRoleEntity & { account: AccountEntity }).account;
      return {
        id: r.id,
        accountId: r.accountId,
        name: account.name,
        email: account.email,
        role: r.role,
        createdAt: r.createdAt.toISOString(),
      };
    });
  }

  /** Grants a role in an event to an address (its account is made when needed); audited. */
  async grant(actorId: string | null, eventSlug: string | null, email: string, role: EventRole) {
    const event = eventSlug ? await this.event(eventSlug) : null;
    return this.transactions.run(async (manager) => {
      const account = await findOrCreateAccount(manager, email);
      return grantRole(manager, {
        actorId,
        accountId: account.id,
        eventId: event?.id ?? null,
        role,
      });
    });
  }

  async revoke(actorId: string, eventSlug: string, roleId: string): Promise<void> {
    const event = await this.event(eventSlug);
    const accountId = await this.transactions.run(async (manager) => {
      const repo = manager.getRepository(EventRoleEntity);
      const role = await repo.findOneBy({ id: roleId, eventId: event.id });
      if (!role) throw DomainError.notFound('Role');
      await repo.delete({ id: role.id });
      await manager.getRepository(AuditEntryEntity).insert({
        actorId,
        action: 'role.revoked',
        targetAccountId: role.accountId,
        eventId: event.id,
        details: { role: role.role },
        createdAt: new Date(),
      });
      return role.accountId;
    });
    this.afterRoleRemoved(accountId);
  }

  /**
   * After a role of the person for the event was taken away (committed). A role opens the
   * moderators' view of the event's rooms (pending questions, authors of anonymous ones) and the
   * rooms of its closed sessions: the person's live connections end, and their clients join
   * again with what the person may now do. Every action is checked on every call anyway.
   */
  afterRoleRemoved(accountId: string): void {
    this.live.accountRightsShrank(accountId);
  }

  async auditLog(eventSlug: string) {
    const event = await this.event(eventSlug);
    const entries = await this.audit.find({
      where: { eventId: event.id },
      order: { createdAt: 'DESC' },
      take: 500,
    });
    return entries.map((e) => ({
      id: e.id,
      actorId: e.actorId,
      action: e.action,
      targetAccountId: e.targetAccountId,
      details: e.details,
      createdAt: e.createdAt.toISOString(),
    }));
  }

  private async event(slug: string): Promise<EventEntity> {
    const event = await this.events.findOneBy({ slug });
    if (!event) throw DomainError.notFound(`Event "${slug}"`);
    return event;
  }
}
