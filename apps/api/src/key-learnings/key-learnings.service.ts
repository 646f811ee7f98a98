import { APP_CONFIG, type AppConfig } from '@app/config';
import type {
  KeyLearningDraftView,
  KeyLearningFileView,
  KeyLearningPublicView,
  KeyLearningSubject,
  KeyLearningVersionView,
  ReleasedSession,
} from '@app/contracts';
import {
  compileSessionDigest,
  composeDocument,
  dayWhen,
  documentWords,
  demoteHeadings,
  ensureDocument,
  insertVersion,
  markdownToHtml,
  saveRevision,
  sessionWhen,
  versionMarkdown,
} from '@app/documents';
import {
  EventDayEntity,
  EventEntity,
  KeyLearningDocumentEntity,
  KeyLearningFileEntity,
  KeyLearningRevisionEntity,
  KeyLearningVersionEntity,
  latestRelease,
  TransactionRunner,
} from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { RateLimiter } from '../auth/rate-limiter.service.js';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { RolesService } from '../roles/roles.service.js';
import { SessionsService } from '../sessions/sessions.service.js';

/** Revisions listed in the editor, newest first. */
const HISTORY = 50;
/** Pages of versions kept rendered as HTML in memory (a version never changes). */
const CACHED_PAGES = 100;

/** A stored file as a download: its bytes and what the response says about them. */
export interface DownloadFile {
  id: string;
  format: KeyLearningFileEntity['format'];
  contentType: string;
  fileName: string;
  sha256: string;
  body: Buffer;
  /** Anyone may read it (a public session's, or a day's): shared caches may keep it. */
  public: boolean;
}

interface Scope {
  subject: KeyLearningSubject;
  eventId: string;
  /** The session of a session scope (as released). */
  session: ReleasedSession | null;
  day: EventDayEntity | null;
  event: EventEntity;
}

const PUBLIC = (session: Pick<ReleasedSession, 'audience'>) => session.audience === 'public';

/**
 * Key learnings of sessions and days: the rapporteur's working text with its revisions, the
 * digest of the live room, publishing a version (the worker renders its files and mails the
 * registrants), and reading it: public sessions' and days' for anyone, others' for the people
 * who may be in the session (registrants, the event's team).
 */
@Injectable()
export class KeyLearningsService {
  private readonly pages = new Map<string, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly sessions: SessionsService,
    private readonly roles: RolesService,
    private readonly limiter: RateLimiter,
  ) {}

  // ---- scopes --------------------------------------------------------------------------------

  private async sessionScope(sessionId: string): Promise<Scope> {
    const session = await this.sessions.released(sessionId);
    const event = await this.dataSource
      .getRepository(EventEntity)
      .findOneByOrFail({ slug: session.eventSlug });
    return {
      subject: {
        scope: 'session',
        eventSlug: event.slug,
        eventName: event.title,
        sessionId: session.id,
        date: DateTime.fromISO(session.startsAt, { zone: session.timeZone }).toISODate(),
        title: session.title,
        audience: PUBLIC(session) ? 'public' : 'restricted',
      },
      eventId: event.id,
      session,
      day: null,
      event,
    };
  }

  private async dayScope(slug: string, date: string): Promise<Scope> {
    const event = await this.dataSource.getRepository(EventEntity).findOneBy({ slug });
    if (!event) throw DomainError.notFound('Event');
    const day = await this.dataSource
      .getRepository(EventDayEntity)
      .findOneBy({ eventId: event.id, date });
    if (!day) throw DomainError.notFound('Day');
    return {
      subject: {
        scope: 'day',
        eventSlug: event.slug,
        eventName: event.title,
        sessionId: null,
        date: day.date,
        // Seeded and imported days often carry their number in the title already.
        title: /^day\s+\d+\b/i.test(day.title) ? day.title : `Day ${day.dayNumber}: ${day.title}`,
        audience: 'public',
      },
      eventId: event.id,
      session: null,
      day,
      event,
    };
  }

  private documentOf(manager: EntityManager, scope: Scope): Promise<KeyLearningDocumentEntity> {
    return ensureDocument(
      manager,
      scope.session
        ? { scope: 'session', eventId: scope.eventId, sessionId: scope.session.id }
        : { scope: 'day', eventId: scope.eventId, date: scope.subject.date ?? '' },
    );
  }

  /** Reading a restricted session's key learnings: its registrants and the event's team. */
  private async requireReader(scope: Scope, viewer: Principal | null): Promise<void> {
    if (!scope.session || PUBLIC(scope.session)) return;
    if (!viewer) throw new DomainError(DomainErrorCode.Unauthorized, 'Sign in first');
    if (!(await this.sessions.seesJoinLink(scope.session, scope.eventId, viewer.accountId))) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        'These key learnings are for the session’s registrants',
      );
    }
  }

  /** A day's public page exists once its event has a published programme. */
  private async requireReleased(scope: Scope): Promise<void> {
    if (scope.day && !(await latestRelease(this.dataSource.manager, scope.eventId))) {
      throw DomainError.notFound('Day');
    }
  }

  // ---- the editor ----------------------------------------------------------------------------

  sessionDraft(sessionId: string): Promise<KeyLearningDraftView> {
    return this.sessionScope(sessionId).then((scope) => this.draft(scope));
  }

  dayDraft(slug: string, date: string): Promise<KeyLearningDraftView> {
    return this.dayScope(slug, date).then((scope) => this.draft(scope));
  }

  async saveSession(
    actor: Principal,
    sessionId: string,
    text: { notes: string; digest: string; revision: number },
  ): Promise<KeyLearningDraftView> {
    return this.save(actor, await this.sessionScope(sessionId), text);
  }

  async saveDay(
    actor: Principal,
    slug: string,
    date: string,
    text: { notes: string; revision: number },
  ): Promise<KeyLearningDraftView> {
    return this.save(actor, await this.dayScope(slug, date), { ...text, digest: '' });
  }

  /** Compiles the digest from the live room now (the worker does it once when a session ends). */
  async recompile(actor: Principal, sessionId: string): Promise<KeyLearningDraftView> {
    const scope = await this.sessionScope(sessionId);
    await this.limit(actor, 'kl-digest', 10);
    const session = scope.session;
    if (!session) throw DomainError.notFound('Session');
    const saved = await this.transactions.run((manager) =>
      compileSessionDigest(manager, {
        session,
        eventId: scope.eventId,
        onlyFirst: false,
        author: { accountId: actor.accountId, name: actor.account.name || 'Rapporteur' },
      }),
    );
    if (saved === null) throw new DomainError(DomainErrorCode.Conflict, 'Saved meanwhile; retry');
    return this.draft(scope);
  }

  async publishSession(
    actor: Principal,
    sessionId: string,
    revision: number,
  ): Promise<KeyLearningVersionView> {
    return this.publish(actor, await this.sessionScope(sessionId), revision);
  }

  async publishDay(
    actor: Principal,
    slug: string,
    date: string,
    revision: number,
  ): Promise<KeyLearningVersionView> {
    const scope = await this.dayScope(slug, date);
    await this.requireReleased(scope);
    return this.publish(actor, scope, revision);
  }

  /** The editor's preview: the same safe HTML the page shows. */
  async preview(actor: Principal, markdown: string): Promise<{ html: string }> {
    await this.limit(actor, 'kl-preview', 120);
    return { html: markdownToHtml(markdown) };
  }

  private async save(
    actor: Principal,
    scope: Scope,
    text: { notes: string; digest: string; revision: number },
  ): Promise<KeyLearningDraftView> {
    await this.limit(actor, 'kl-save', 60);
    const saved = await this.transactions.run(async (manager) => {
      const document = await this.documentOf(manager, scope);
      if (document.notes === text.notes && document.digest === text.digest) {
        return document.revision === text.revision ? document.revision : null;
      }
      return saveRevision(
        manager,
        document,
        text.revision,
        { notes: text.notes, digest: scope.session ? text.digest : '' },
        { accountId: actor.accountId, name: actor.account.name || 'Rapporteur' },
      );
    });
    if (saved === null) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        'Someone saved a newer revision meanwhile: load it, then apply your changes again',
      );
    }
    return this.draft(scope);
  }

  private async publish(
    actor: Principal,
    scope: Scope,
    revision: number,
  ): Promise<KeyLearningVersionView> {
    await this.limit(actor, 'kl-publish', 20);
    const markdownBase = scope.day ? await this.daySections(scope) : null;
    const version = await this.transactions.run(async (manager) => {
      const document = await this.documentOf(manager, scope);
      if (document.revision !== revision) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          'That is not the newest saved revision: reload the editor',
        );
      }
      if (!document.notes.trim() && !document.digest.trim() && !markdownBase) {
        throw new DomainError(DomainErrorCode.InvalidInput, 'Write something before publishing');
      }
      const last = await manager.getRepository(KeyLearningVersionEntity).findOne({
        select: { id: true, revision: true },
        where: { documentId: document.id },
        order: { number: 'DESC' },
      });
      if (last && last.revision === revision) {
        throw new DomainError(DomainErrorCode.Conflict, 'This revision is published already');
      }
      const at = new Date();
      return insertVersion(manager, document, {
        revision,
        title: documentWords(languageOf(scope)).title(scope.subject.title),
        language: languageOf(scope),
        markdown: (number) => this.compose(scope, document, number, at, markdownBase),
        publishedBy: { accountId: actor.accountId, name: actor.account.name || 'Rapporteur' },
        at,
      });
    });
    return this.versionView(version, []);
  }

  /** The one Markdown source of a version, as the reader and every file will show it. */
  private compose(
    scope: Scope,
    document: KeyLearningDocumentEntity,
    number: number,
    at: Date,
    daySections: string | null,
  ): string {
    const language = languageOf(scope);
    return versionMarkdown({
      subject: scope.subject.title,
      eventTitle: scope.event.title,
      when: scope.session
        ? sessionWhen(scope.session, language)
        : dayWhen(scope.subject.date ?? '', language),
      number,
      publishedAt: at,
      timeZone: scope.event.timeZone,
      language,
      parts: [document.notes, scope.session ? document.digest : null, daySections],
    });
  }

  /**
   * A day's sessions as sections of its document: a public session's newest published key
   * learnings in full, a restricted one's as a link (its text is for its registrants).
   */
  private async daySections(scope: Scope): Promise<string> {
    const day = scope.day;
    if (!day) return '';
    const words = documentWords(languageOf(scope));
    const release = await latestRelease(this.dataSource.manager, scope.eventId);
    const sessions = (release?.snapshot.sessions ?? [])
      .filter((s) => s.dayId === day.id && s.status !== 'cancelled')
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const latest = await this.latestVersions(sessions.map((s) => s.id));
    const parts: string[] = [];
    for (const session of sessions) {
      const version = latest.get(session.id);
      const link = `${this.config.publicBaseUrl}/sessions/${session.id}/key-learnings`;
      if (version && PUBLIC(session)) {
        parts.push(demoteHeadings(version.markdown, 1).trim());
        continue;
      }
      const title = composeDocument({ title: session.title, lines: [sessionWhen(session)] }, []);
      const note = !version ? `*${words.noKeyLearnings}*` : `*${words.forRegistrants(link)}*`;
      parts.push(`${demoteHeadings(title, 1).trim()}\n\n${note}`);
    }
    return parts.length > 0 ? parts.join('\n\n---\n\n') : `*${words.noSessions}*`;
  }

  /** The newest version of each session's document (any render state). */
  private async latestVersions(
    sessionIds: string[],
  ): Promise<Map<string, KeyLearningVersionEntity>> {
    if (sessionIds.length === 0) return new Map();
    const manager = this.dataSource.manager;
    const documents = await manager
      .getRepository(KeyLearningDocumentEntity)
      .find({ select: { id: true, sessionId: true }, where: { sessionId: In(sessionIds) } });
    if (documents.length === 0) return new Map();
    const versions = await manager.getRepository(KeyLearningVersionEntity).find({
      where: { documentId: In(documents.map((d) => d.id)) },
      order: { number: 'DESC' },
    });
    const byDocument = new Map<string, KeyLearningVersionEntity>();
    for (const v of versions) if (!byDocument.has(v.documentId)) byDocument.set(v.documentId, v);
    const out = new Map<string, KeyLearningVersionEntity>();
    for (const d of documents) {
      const v = byDocument.get(d.id);
      if (d.sessionId && v) out.set(d.sessionId, v);
    }
    return out;
  }

  private async draft(scope: Scope): Promise<KeyLearningDraftView> {
    const manager = this.dataSource.manager;
    const document = await this.documentOf(manager, scope);
    const [revisions, versions] = await Promise.all([
      manager.getRepository(KeyLearningRevisionEntity).find({
        select: { number: true, author: true, createdAt: true },
        where: { documentId: document.id },
        order: { number: 'DESC' },
        take: HISTORY,
      }),
      this.versions(document.id),
    ]);
    const newest = await manager.getRepository(KeyLearningVersionEntity).findOne({
      select: { id: true, revision: true },
      where: { documentId: document.id },
      order: { number: 'DESC' },
    });
    return {
      subject: scope.subject,
      notes: document.notes,
      digest: document.digest,
      digestCompiledAt: document.digestCompiledAt?.toISOString() ?? null,
      revision: document.revision,
      updatedAt: document.updatedAt?.toISOString() ?? null,
      updatedBy: document.updatedBy,
      publishedRevision: newest?.revision ?? null,
      revisions: revisions.map((r) => ({
        number: r.number,
        author: r.author,
        createdAt: r.createdAt.toISOString(),
      })),
      versions,
      preview: this.compose(
        scope,
        document,
        (versions[0]?.number ?? 0) + 1,
        new Date(),
        scope.day ? '*The day’s sessions are gathered here when it is published.*' : null,
      ),
    };
  }

  // ---- readers -------------------------------------------------------------------------------

  async sessionPage(viewer: Principal | null, sessionId: string): Promise<KeyLearningPublicView> {
    const scope = await this.sessionScope(sessionId);
    await this.requireReader(scope, viewer);
    return this.page(scope);
  }

  async dayPage(slug: string, date: string): Promise<KeyLearningPublicView> {
    const scope = await this.dayScope(slug, date);
    await this.requireReleased(scope);
    const view = await this.page(scope);
    const release = await latestRelease(this.dataSource.manager, scope.eventId);
    const sessions = (release?.snapshot.sessions ?? [])
      .filter((s) => s.dayId === scope.day?.id && s.status !== 'cancelled')
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const latest = await this.latestVersions(sessions.map((s) => s.id));
    return {
      ...view,
      sessions: sessions.map((s) => ({
        sessionId: s.id,
        title: s.title,
        published: latest.has(s.id),
        restricted: !PUBLIC(s),
      })),
    };
  }

  private async page(scope: Scope): Promise<KeyLearningPublicView> {
    const manager = this.dataSource.manager;
    const document = await manager
      .getRepository(KeyLearningDocumentEntity)
      .findOneBy(
        scope.session
          ? { sessionId: scope.session.id }
          : { eventId: scope.eventId, date: scope.subject.date ?? '' },
      );
    const versions = document ? await this.versions(document.id) : [];
    const latest = versions[0] ?? null;
    let html: string | null = null;
    if (latest) {
      html = this.pages.get(latest.id) ?? null;
      if (html === null) {
        const row = await manager
          .getRepository(KeyLearningVersionEntity)
          .findOneOrFail({ select: { id: true, markdown: true }, where: { id: latest.id } });
        html = markdownToHtml(row.markdown);
        this.remember(latest.id, html);
      }
    }
    return { subject: scope.subject, latest, html, versions };
  }

  private remember(versionId: string, html: string): void {
    if (this.pages.size >= CACHED_PAGES) {
      const oldest = this.pages.keys().next().value;
      if (oldest !== undefined) this.pages.delete(oldest);
    }
    this.pages.set(versionId, html);
  }

  /** A stored file, when the viewer may read its version's scope. */
  async file(viewer: Principal | null, fileId: string): Promise<DownloadFile> {
    const manager = this.dataSource.manager;
    const file = await manager
      .getRepository(KeyLearningFileEntity)
      .createQueryBuilder('f')
      .addSelect('f.body')
      .where('f.id = :fileId', { fileId })
      .getOne();
    if (!file) throw DomainError.notFound('File');
    const version = await manager
      .getRepository(KeyLearningVersionEntity)
      .findOneOrFail({ select: { id: true, documentId: true }, where: { id: file.versionId } });
    const document = await manager
      .getRepository(KeyLearningDocumentEntity)
      .findOneOrFail({ where: { id: version.documentId } });
    let open = true;
    if (document.sessionId) {
      const scope = await this.sessionScope(document.sessionId);
      await this.requireReader(scope, viewer);
      open = scope.subject.audience === 'public';
    } else {
      const event = await manager
        .getRepository(EventEntity)
        .findOneOrFail({ select: { id: true, slug: true }, where: { id: document.eventId } });
      await this.requireReleased(await this.dayScope(event.slug, document.date ?? ''));
    }
    return {
      id: file.id,
      format: file.format,
      contentType: file.contentType,
      fileName: file.fileName,
      sha256: file.sha256,
      body: file.body,
      public: open,
    };
  }

  private async versions(documentId: string): Promise<KeyLearningVersionView[]> {
    const manager = this.dataSource.manager;
    const rows = await manager.getRepository(KeyLearningVersionEntity).find({
      select: {
        id: true,
        number: true,
        title: true,
        publishedAt: true,
        publishedBy: true,
        renderState: true,
      },
      where: { documentId },
      order: { number: 'DESC' },
    });
    if (rows.length === 0) return [];
    const files = await manager.getRepository(KeyLearningFileEntity).find({
      where: { versionId: In(rows.map((r) => r.id)) },
      order: { format: 'ASC' },
    });
    return rows.map((row) =>
      this.versionView(
        row,
        files.filter((f) => f.versionId === row.id),
      ),
    );
  }

  private versionView(
    row: Pick<
      KeyLearningVersionEntity,
      'id' | 'number' | 'title' | 'publishedAt' | 'publishedBy' | 'renderState'
    >,
    files: KeyLearningFileEntity[],
  ): KeyLearningVersionView {
    return {
      id: row.id,
      number: row.number,
      title: row.title,
      publishedAt: row.publishedAt.toISOString(),
      publishedBy: row.publishedBy,
      renderState: row.renderState,
      files: files.map((f): KeyLearningFileView => ({
        id: f.id,
        format: f.format,
        contentType: f.contentType,
        fileName: f.fileName,
        bytes: f.bytes,
        url: `/api/key-learnings/files/${f.id}`,
      })),
    };
  }

  private async limit(actor: Principal, action: string, perMinute: number): Promise<void> {
    if (!(await this.limiter.allowPerson(action, actor.accountId, perMinute, 60))) {
      throw new DomainError(DomainErrorCode.RateLimited, 'Too many requests; wait a minute');
    }
  }
}

/**
 * The language of a scope's documents: a session's own; a day gathers sessions in several, so
 * its own parts are in English.
 */
function languageOf(scope: Scope): string {
  return scope.session?.language ?? 'en';
}
