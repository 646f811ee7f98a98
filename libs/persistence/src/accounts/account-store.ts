import type { EventRole } from '@app/contracts';
import { type EntityManager, IsNull } from 'typeorm';
import { AccountEntity } from '../entities/account.entity.js';
import { AuditEntryEntity } from '../entities/audit-entry.entity.js';
import { EventRoleEntity } from '../entities/event-role.entity.js';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The account of an address, made on first use; safe when two callers race for it. */
export async function findOrCreateAccount(
  manager: EntityManager,
  email: string,
  defaults: { locale?: string; name?: string } = {},
): Promise<AccountEntity> {
  const address = normaliseEmail(email);
  const repo = manager.getRepository(AccountEntity);
  const existing = await repo.findOneBy({ email: address });
  if (existing) return existing;
  await repo
    .createQueryBuilder()
    .insert()
    .values({ email: address, locale: defaults.locale ?? 'en', name: defaults.name ?? '' })
    .orIgnore()
    .execute();
  return repo.findOneByOrFail({ email: address });
}

/** Grants a role (idempotent) and writes the audit entry; `eventId` null = programme-wide. */
export async function grantRole(
  manager: EntityManager,
  grant: { actorId: string | null; accountId: string; eventId: string | null; role: EventRole },
): Promise<EventRoleEntity> {
  const repo = manager.getRepository(EventRoleEntity);
  const existing = await repo.findOneBy({
    accountId: grant.accountId,
    eventId: grant.eventId ?? IsNull(),
    role: grant.role,
  });
  if (existing) return existing;
  const saved = await repo.save(
    repo.create({
      accountId: grant.accountId,
      eventId: grant.eventId,
      role: grant.role,
      grantedBy: grant.actorId,
    }),
  );
  await manager.getRepository(AuditEntryEntity).insert({
    actorId: grant.actorId,
    action: 'role.granted',
    targetAccountId: grant.accountId,
    eventId: grant.eventId,
    details: { role: grant.role },
    // Milliseconds: SQLite's own default clock ticks in seconds, and the log is read in order.
    createdAt: new Date(),
  });
  return saved;
}
