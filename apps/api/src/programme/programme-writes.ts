import { AuditEntryEntity, EventEntity } from '@app/persistence';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';

/** The event named by a route, read inside the write's transaction. */
export async function eventForWrite(manager: EntityManager, slug: string): Promise<EventEntity> {
  const event = await manager.getRepository(EventEntity).findOneBy({ slug });
  if (!event) throw DomainError.notFound(`Event "${slug}"`);
  return event;
}

/** The fields a request actually sets: PATCH leaves out what it does not change. */
export function givenFields<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(dto).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** An audit line for a programme change: who, what, which fields (never their private values). */
export async function audit(
  manager: EntityManager,
  entry: {
    actorId: string;
    action: string;
    eventId: string | null;
    details: Record<string, string | number | boolean | null>;
  },
): Promise<void> {
  await manager.getRepository(AuditEntryEntity).insert({
    ...entry,
    targetAccountId: null,
    // Milliseconds: SQLite's own default clock ticks in seconds, and the log is read in order.
    createdAt: new Date(),
  });
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Runs a write whose only possible duplicate is the one `message` names, and answers 409 for it.
 * The database's unique index decides, so two concurrent requests cannot both get in.
 */
export async function conflictOnDuplicate<T>(message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError(DomainErrorCode.Conflict, message);
    throw error;
  }
}

export function invalid(message: string, details: string[]): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, message, details);
}
