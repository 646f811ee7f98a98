import { type RenderedDocument, type RenderInfo, safeFileName } from '@app/documents';
import {
  EventEntity,
  KeyLearningDocumentEntity,
  KeyLearningFileEntity,
  KeyLearningVersionEntity,
} from '@app/persistence';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Markdown in, one file per format out. */
export type RenderFunction = (markdown: string, info: RenderInfo) => Promise<RenderedDocument[]>;

/**
 * What producing a version's files came to: `stored` (its files are in the database, whoever
 * wrote them first; `sessionId` is its document's session, null for a day's document),
 * `already` (the version is ready: nothing was done) or `gone` (no such version). `ms` is the
 * generation: reading the version, rendering and storing its files.
 */
export type ProducedFiles =
  { state: 'stored'; ms: number; sessionId: string | null } | { state: 'already' | 'gone'; ms: 0 };

/**
 * Reads a published version, renders its one Markdown source to every format and stores the
 * files: everything a document costs, in whichever process calls it (the worker's low-priority
 * render process in production, so that neither the worker's event loop nor its garbage
 * collector carries the megabytes of a large document). The insert ignores files a version
 * already has (unique per version and format), so a job that runs again, or two workers on one
 * version, leave one set of files: the first. Marking the version ready is the caller's, in the
 * transaction that queues its mails.
 */
export async function produceVersionFiles(
  dataSource: DataSource,
  versionId: string,
  render: RenderFunction,
): Promise<ProducedFiles> {
  const started = performance.now();
  const manager = dataSource.manager;
  const version = await manager
    .getRepository(KeyLearningVersionEntity)
    .findOneBy({ id: versionId });
  if (!version) return { state: 'gone', ms: 0 };
  if (version.renderState === 'ready') return { state: 'already', ms: 0 };
  const document = await manager.getRepository(KeyLearningDocumentEntity).findOneOrFail({
    select: { id: true, eventId: true, sessionId: true },
    where: { id: version.documentId },
  });
  const event = await manager
    .getRepository(EventEntity)
    .findOneOrFail({ select: { id: true, title: true }, where: { id: document.eventId } });
  const files = await render(version.markdown, {
    title: version.title,
    author: version.publishedBy,
    subject: event.title,
    lang: version.language,
    createdAt: version.publishedAt,
  });
  const base = `${safeFileName(version.title, 'md').replace(/\.md$/, '')}-v${version.number}`;
  const now = new Date();
  await manager
    .createQueryBuilder()
    .insert()
    .into(KeyLearningFileEntity)
    .values(
      files.map((file) => ({
        versionId: version.id,
        format: file.format,
        contentType: file.contentType,
        fileName: safeFileName(base, file.format),
        bytes: file.body.length,
        sha256: createHash('sha256').update(file.body).digest('hex'),
        body: file.body,
        createdAt: now,
      })),
    )
    .orIgnore()
    .execute();
  return {
    state: 'stored',
    ms: Math.round(performance.now() - started),
    sessionId: document.sessionId,
  };
}
