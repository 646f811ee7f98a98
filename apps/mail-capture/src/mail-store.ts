import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  envelopeTraceFields,
  headerBlockEnd,
  MAX_HEADER_BYTES,
  summarizeHeaders,
} from './header-summary.js';

export interface CapturedMessage {
  id: string;
  receivedAt: Date;
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  /** Bytes on disk, trace fields included. */
  size: number;
  hasAttachments: boolean;
}

export interface Envelope {
  from: string;
  to: string[];
}

/** Microseconds since the epoch, then 48 random bits: ids sort in arrival order, even on disk. */
const ID = /^(\d{16})-[0-9a-f]{12}$/;
const STORED_FILE = /^(\d{16}-[0-9a-f]{12})\.eml$/;
const TEMP_FILE = /^\.\d{16}-[0-9a-f]{12}\.tmp$/;
const FIRST_READ_BYTES = 64 * 1024;
const FILE_CONCURRENCY = 32;

export function isMessageId(value: string): boolean {
  return ID.test(value);
}

function microsOf(id: string): number {
  return Number(id.slice(0, 16));
}

function receivedAtOf(id: string): Date {
  return new Date(Math.floor(microsOf(id) / 1000));
}

/** Runs `task` over `items`, at most `limit` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * Captured mail: one `.eml` file per message in one directory, and an in-memory index built from
 * header blocks. The directory is the truth; the index is rebuilt from it on start. Files are not
 * fsynced: this is a development mail sink, and a crash loses at most the last few messages.
 */
export class MailStore {
  private readonly byId = new Map<string, CapturedMessage>();
  /** Ascending by id, which is arrival order. */
  private readonly ordered: CapturedMessage[] = [];
  private lastMicros = 0;

  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<MailStore> {
    await mkdir(dir, { recursive: true });
    const store = new MailStore(dir);
    await store.rebuild();
    return store;
  }

  get count(): number {
    return this.ordered.length;
  }

  /** Stores one message: written under a temporary name, then renamed, so readers never see half. */
  async add(content: Buffer, envelope: Envelope): Promise<CapturedMessage> {
    const id = this.nextId();
    const trace = envelopeTraceFields(envelope);
    const temp = join(this.dir, `.${id}.tmp`);
    const file = await open(temp, 'wx');
    try {
      await file.writev([trace, content]);
    } finally {
      await file.close();
    }
    await rename(temp, this.pathOf(id));
    const summary = summarizeHeaders(content);
    const message: CapturedMessage = {
      id,
      receivedAt: receivedAtOf(id),
      from: envelope.from,
      to: envelope.to,
      subject: summary.subject,
      messageId: summary.messageId,
      size: trace.length + content.length,
      hasAttachments: summary.hasAttachments,
    };
    this.insert(message);
    return message;
  }

  get(id: string): CapturedMessage | undefined {
    return isMessageId(id) ? this.byId.get(id) : undefined;
  }

  /** Newest first; `to` matches an envelope recipient, ignoring case. */
  list(filter: { to?: string } = {}): CapturedMessage[] {
    const to = filter.to?.trim().toLowerCase();
    const result: CapturedMessage[] = [];
    for (let i = this.ordered.length - 1; i >= 0; i--) {
      const message = this.ordered[i];
      if (to === undefined || message.to.some((r) => r.toLowerCase() === to)) result.push(message);
    }
    return result;
  }

  /** The stored bytes of an indexed message; the path comes from the index, never the request. */
  async readRaw(id: string): Promise<Buffer | undefined> {
    const message = this.get(id);
    if (!message) return undefined;
    try {
      return await readFile(this.pathOf(message.id));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** Removes every indexed message; mail arriving meanwhile is kept. */
  async deleteAll(): Promise<number> {
    const doomed = this.ordered.splice(0, this.ordered.length);
    for (const message of doomed) this.byId.delete(message.id);
    await eachLimited(doomed, FILE_CONCURRENCY, async (message) => {
      await unlink(this.pathOf(message.id)).catch((error: unknown) => {
        if (!isMissing(error)) throw error;
      });
    });
    return doomed.length;
  }

  /** Never behind a stored id, so a clock set back cannot make new mail sort as old. */
  private nextId(): string {
    const now = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    this.lastMicros = Math.max(now, this.lastMicros + 1);
    return `${String(this.lastMicros).padStart(16, '0')}-${randomBytes(6).toString('hex')}`;
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}.eml`);
  }

  private insert(message: CapturedMessage): void {
    // Writes finish out of order under load, but almost always near the end: search from there.
    let at = this.ordered.length;
    while (at > 0 && this.ordered[at - 1].id > message.id) at--;
    this.ordered.splice(at, 0, message);
    this.byId.set(message.id, message);
  }

  private async rebuild(): Promise<void> {
    const names = await readdir(this.dir);
    const leftovers = names.filter((name) => TEMP_FILE.test(name));
    await eachLimited(leftovers, FILE_CONCURRENCY, (name) =>
      unlink(join(this.dir, name)).catch(() => undefined),
    );
    const ids = names.flatMap((name) => STORED_FILE.exec(name)?.[1] ?? []).sort();
    const found: CapturedMessage[] = [];
    await eachLimited(ids, FILE_CONCURRENCY, async (id) => {
      const message = await this.readIndexEntry(id);
      if (message) found.push(message);
    });
    found.sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const message of found) this.insert(message);
    const newest = found.at(-1);
    if (newest) this.lastMicros = microsOf(newest.id);
  }

  /** Reads just enough of a stored file to find the end of its header block. */
  private async readIndexEntry(id: string): Promise<CapturedMessage | undefined> {
    let file;
    try {
      file = await open(this.pathOf(id), 'r');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    try {
      let head = Buffer.allocUnsafe(FIRST_READ_BYTES);
      let { bytesRead } = await file.read(head, 0, head.length, 0);
      // Most messages fit in the first read, which then also tells their size.
      let size = bytesRead;
      if (bytesRead === head.length) {
        size = (await file.stat()).size;
        if (headerBlockEnd(head) === -1 && size > bytesRead) {
          head = Buffer.allocUnsafe(Math.min(size, MAX_HEADER_BYTES));
          ({ bytesRead } = await file.read(head, 0, head.length, 0));
        }
      }
      const summary = summarizeHeaders(head.subarray(0, bytesRead));
      return {
        id,
        receivedAt: receivedAtOf(id),
        from: summary.envelope?.from ?? '',
        to: summary.envelope?.to ?? [],
        subject: summary.subject,
        messageId: summary.messageId,
        size,
        hasAttachments: summary.hasAttachments,
      };
    } finally {
      await file.close();
    }
  }
}
