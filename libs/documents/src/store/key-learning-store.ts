import type { ReleasedSession } from '@app/contracts';
import {
  EventEntity,
  KeyLearningDocumentEntity,
  KeyLearningRevisionEntity,
  KeyLearningVersionEntity,
  latestRelease,
} from '@app/persistence';
import type { EntityManager } from 'typeorm';
import { digestMarkdown } from '../digest/digest-markdown.js';
import { collectDigest } from '../digest/digest-source.js';

/** Who saved a revision; the hub's own digest has no account. */
export interface RevisionAuthor {
  accountId: string | null;
  name: string;
}

export const HUB_AUTHOR: RevisionAuthor = { accountId: null, name: 'ICC Hub (digest)' };

type DocumentKey =
  | { scope: 'session'; eventId: string; sessionId: string }
  | { scope: 'day'; eventId: string; date: string };

/** The document of a session or a day, made on first use (two callers at once get one row). */
export async function ensureDocument(
  manager: EntityManager,
  key: DocumentKey,
): Promise<KeyLearningDocumentEntity> {
  const repo = manager.getRepository(KeyLearningDocumentEntity);
  const where =
    key.scope === 'session'
      ? { sessionId: key.sessionId }
      : { eventId: key.eventId, date: key.date };
  const found = await repo.findOneBy(where);
  if (found) return found;
  await repo
    .createQueryBuilder()
    .insert()
    .values({
      scope: key.scope,
      eventId: key.eventId,
      sessionId: key.scope === 'session' ? key.sessionId : null,
      date: key.scope === 'day' ? key.date : null,
      notes: '',
      digest: '',
      revision: 0,
    })
    .orIgnore()
    .execute();
  return repo.findOneByOrFail(where);
}

/**
 * Saves a new revision of the text when the document is still at `expected` (the revision the
 * editor loaded); null when someone saved meanwhile, so nobody's text is overwritten unseen.
 * Call it in a transaction: the conditional UPDATE and the history row land together.
 */
export async function saveRevision(
  manager: EntityManager,
  document: Pick<KeyLearningDocumentEntity, 'id'>,
  expected: number,
  text: { notes: string; digest: string; digestCompiledAt?: Date },
  author: RevisionAuthor,
  now = new Date(),
): Promise<number | null> {
  const next = expected + 1;
  const set: Partial<KeyLearningDocumentEntity> = {
    notes: text.notes,
    digest: text.digest,
    revision: next,
    updatedAt: now,
    updatedBy: author.name,
  };
  if (text.digestCompiledAt) set.digestCompiledAt = text.digestCompiledAt;
  const result = await manager
    .createQueryBuilder()
    .update(KeyLearningDocumentEntity)
    .set(set)
    .where('id = :id AND revision = :expected', { id: document.id, expected })
    .execute();
  if (!result.affected) return null;
  await manager.getRepository(KeyLearningRevisionEntity).insert({
    documentId: document.id,
    number: next,
    notes: text.notes,
    digest: text.digest,
    authorAccountId: author.accountId,
    author: author.name,
    createdAt: now,
  });
  return next;
}

/** A session as its event's latest release shows it, or null when no release carries it. */
export async function releasedSession(
  manager: EntityManager,
  eventId: string,
  sessionId: string,
): Promise<ReleasedSession | null> {
  const release = await latestRelease(manager, eventId);
  return release?.snapshot.sessions.find((s) => s.id === sessionId) ?? null;
}

/**
 * Compiles the digest of a session from its live room and saves it as a revision of the
 * session's document. `onlyFirst` (the worker, when the session ends) leaves a document alone
 * whose digest was compiled before, so a rapporteur's edits are never replaced behind their
 * back; a rapporteur asking for it recompiles whatever is there. Returns the new revision, or
 * null when nothing was saved.
 */
export async function compileSessionDigest(
  manager: EntityManager,
  input: {
    session: ReleasedSession;
    eventId: string;
    onlyFirst: boolean;
    author: RevisionAuthor;
    now?: Date;
  },
): Promise<number | null> {
  const now = input.now ?? new Date();
  const document = await ensureDocument(manager, {
    scope: 'session',
    eventId: input.eventId,
    sessionId: input.session.id,
  });
  if (input.onlyFirst && document.digestCompiledAt) return null;
  const event = await manager
    .getRepository(EventEntity)
    .findOneOrFail({ select: { id: true, title: true }, where: { id: input.eventId } });
  const data = await collectDigest(manager, {
    session: input.session,
    eventId: input.eventId,
    eventTitle: event.title,
    now,
  });
  return saveRevision(
    manager,
    document,
    document.revision,
    { notes: document.notes, digest: digestMarkdown(data), digestCompiledAt: now },
    input.author,
    now,
  );
}

/**
 * Inserts the next version of a document (number = last + 1), pending until the worker renders
 * it. The unique (document, number) makes a concurrent second publish fail instead of twinning.
 */
export async function insertVersion(
  manager: EntityManager,
  document: Pick<KeyLearningDocumentEntity, 'id'>,
  input: {
    revision: number;
    title: string;
    language: string;
    markdown: (number: number) => string;
    publishedBy: RevisionAuthor;
    at: Date;
  },
): Promise<KeyLearningVersionEntity> {
  const repo = manager.getRepository(KeyLearningVersionEntity);
  const last = await repo.findOne({
    select: { id: true, number: true },
    where: { documentId: document.id },
    order: { number: 'DESC' },
  });
  const number = (last?.number ?? 0) + 1;
  const row = repo.create({
    documentId: document.id,
    number,
    revision: input.revision,
    title: input.title,
    language: input.language,
    markdown: input.markdown(number),
    publishedByAccountId: input.publishedBy.accountId,
    publishedBy: input.publishedBy.name,
    publishedAt: input.at,
    renderState: 'pending',
  });
  await repo.insert(row);
  return row;
}
