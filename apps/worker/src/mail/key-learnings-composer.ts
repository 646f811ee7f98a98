import { APP_CONFIG, type AppConfig } from '@app/config';
import type { Locale } from '@app/contracts';
import { MailerInputError, renderMail } from '@app/mailer';
import {
  AccountEntity,
  KeyLearningFileEntity,
  KeyLearningVersionEntity,
  type OutgoingMailEntity,
  ScheduleReleaseEntity,
} from '@app/persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { type ComposedMail, UncomposableMailError } from './composed-mail.js';
import { ReleasedSessions } from './released-sessions.js';

/** Largest PDF a mail carries (10 MiB); a larger one is left to the link. */
export const MAX_PDF_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Whether a mail carries the PDF, and if not, why not. */
export type AttachmentDecision = 'attach' | 'not-wanted' | 'no-pdf' | 'too-large';

/**
 * The PDF goes along only when the person asked for it (their choice when the mail is written,
 * not when it was queued) and the file exists and is within the cap; otherwise the link alone.
 */
export function attachmentDecision(input: {
  wantsPdf: boolean;
  /** The stored PDF's size, or null when the version has none. */
  pdfBytes: number | null;
}): AttachmentDecision {
  if (!input.wantsPdf) return 'not-wanted';
  if (input.pdfBytes === null || !(input.pdfBytes > 0)) return 'no-pdf';
  if (input.pdfBytes > MAX_PDF_ATTACHMENT_BYTES) return 'too-large';
  return 'attach';
}

/** How long one PDF body stays in memory for the next mails of the same mailing. */
const PDF_CACHE_MS = 60_000;

const FALLBACK_FILE_NAME = 'key-learnings.pdf';

type PdfFile = Pick<KeyLearningFileEntity, 'id' | 'bytes' | 'sha256' | 'fileName' | 'contentType'>;

/**
 * The mail to a session's registrants announcing a published version of its key learnings,
 * written only once the version's files are ready. Titles come from the event's latest release
 * (as on the page), never from the draft. The PDF is attached for those who asked for it.
 */
@Injectable()
export class KeyLearningsComposer {
  private readonly logger = new Logger(KeyLearningsComposer.name);
  private readonly released: ReleasedSessions;
  /**
   * A mailing to thousands of registrants attaches the same PDF to every mail that wants it:
   * one body, loaded once (concurrent jobs share the load), keyed by file and content hash.
   */
  private pdfCache: { key: string; body: Promise<Buffer | null>; at: number } | null = null;
  private warnedTooLarge: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(KeyLearningVersionEntity)
    private readonly versions: Repository<KeyLearningVersionEntity>,
    @InjectRepository(KeyLearningFileEntity)
    private readonly files: Repository<KeyLearningFileEntity>,
    @InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>,
    @InjectRepository(ScheduleReleaseEntity) releases: Repository<ScheduleReleaseEntity>,
  ) {
    this.released = new ReleasedSessions(releases);
  }

  async compose(row: OutgoingMailEntity, locale: Locale): Promise<ComposedMail> {
    const versionId = row.dataRef.keyLearningVersionId;
    if (!versionId) throw new UncomposableMailError('key learnings mail names no version');
    // One joined SELECT, without the version's Markdown.
    const version = await this.versions
      .createQueryBuilder('v')
      .select(['v.id', 'v.number', 'v.renderState', 'd.id', 'd.sessionId', 'e.id', 'e.title'])
      .innerJoin('v.document', 'd')
      .innerJoin('d.event', 'e')
      .where('v.id = :versionId', { versionId })
      .getOne();
    const document = version?.document;
    const event = document?.event;
    if (!version || !document || !event) {
      throw new UncomposableMailError('key learnings version no longer exists');
    }
    if (version.renderState !== 'ready') {
      throw new UncomposableMailError(`key learnings version is ${version.renderState}`);
    }
    const sessionId = document.sessionId;
    if (!sessionId) throw new UncomposableMailError('key learnings mail is not about a session');
    if (row.dataRef.sessionId !== undefined && row.dataRef.sessionId !== sessionId) {
      throw new UncomposableMailError('key learnings mail names another session');
    }
    const released = await this.released.latest(event.id, sessionId);
    if (!released) throw new UncomposableMailError('key learnings session no longer published');

    const attachment = await this.pdfFor(row.accountId, version.id);
    let rendered;
    try {
      rendered = renderMail(
        'key-learnings-published',
        locale,
        {
          recipientName: row.recipientName,
          sessionTitle: released.title,
          eventTitle: event.title,
          versionNumber: version.number,
          pagePath: `/sessions/${sessionId}/key-learnings`,
          pdfAttached: attachment !== null,
          correction: version.number > 1,
        },
        { publicBaseUrl: this.config.publicBaseUrl },
      );
    } catch (error) {
      // Bad data does not get better by waiting.
      if (error instanceof MailerInputError) throw new UncomposableMailError(error.message);
      throw error;
    }
    return attachment ? { ...rendered, attachments: [attachment] } : rendered;
  }

  /** The PDF to attach for this recipient, or null for the link alone. */
  private async pdfFor(
    accountId: string | null,
    versionId: string,
  ): Promise<NonNullable<ComposedMail['attachments']>[number] | null> {
    const wantsPdf = accountId ? await this.wantsPdf(accountId) : false;
    if (!wantsPdf) return null;
    const file: PdfFile | null = await this.files.findOne({
      select: { id: true, bytes: true, sha256: true, fileName: true, contentType: true },
      where: { versionId, format: 'pdf' },
    });
    if (!this.attachable(versionId, wantsPdf, file?.bytes ?? null) || !file) return null;
    const body = await this.pdfBody(file);
    // The stored size is the renderer's word; the body is what would be sent.
    if (!body || !this.attachable(versionId, wantsPdf, body.length)) return null;
    return {
      filename: file.fileName || FALLBACK_FILE_NAME,
      content: body,
      contentType: file.contentType || 'application/pdf',
    };
  }

  private attachable(versionId: string, wantsPdf: boolean, pdfBytes: number | null): boolean {
    const decision = attachmentDecision({ wantsPdf, pdfBytes });
    if (decision === 'too-large' && this.warnedTooLarge !== versionId) {
      this.warnedTooLarge = versionId;
      this.logger.warn(`key learnings version ${versionId}: PDF over the mail cap, link only`);
    }
    return decision === 'attach';
  }

  /** The recipient's choice as it stands now; an erased or unknown account gets the link. */
  private async wantsPdf(accountId: string): Promise<boolean> {
    const account = await this.accounts.findOne({
      select: { id: true, keyLearningsPdf: true },
      where: { id: accountId, erasedAt: IsNull() },
    });
    return account?.keyLearningsPdf === true;
  }

  private pdfBody(file: PdfFile): Promise<Buffer | null> {
    const key = `${file.id}:${file.sha256}`;
    const now = Date.now();
    if (this.pdfCache && this.pdfCache.key === key && now - this.pdfCache.at < PDF_CACHE_MS) {
      return this.pdfCache.body;
    }
    const body = this.files
      .createQueryBuilder('f')
      .select('f.id')
      .addSelect('f.body')
      .where('f.id = :id AND f.sha256 = :sha256', { id: file.id, sha256: file.sha256 })
      .getOne()
      .then((row) => (row ? Buffer.from(row.body) : null));
    const entry = { key, body, at: now };
    this.pdfCache = entry;
    // A failed load is not kept: the next mail tries again.
    body.catch(() => {
      if (this.pdfCache === entry) this.pdfCache = null;
    });
    return body;
  }
}
