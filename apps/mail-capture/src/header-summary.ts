/**
 * The few header fields the capture index keeps, read from the header block alone: intake never
 * parses bodies, so thousands of messages a second cost a scan for the blank line and a split.
 */
export interface HeaderSummary {
  subject: string;
  messageId: string;
  /** A top-level multipart/mixed message almost always carries attachments; cheap to tell. */
  hasAttachments: boolean;
  /** From the trace fields this server writes in front of every stored message. */
  envelope?: { from: string; to: string[] };
}

/** Larger header blocks are cut off here; the fields the index needs come first in practice. */
export const MAX_HEADER_BYTES = 256 * 1024;

const CRLF2 = Buffer.from('\r\n\r\n');
const LF2 = Buffer.from('\n\n');

/** Where the header block ends (the offset of its terminating blank line), or -1 if not seen yet. */
export function headerBlockEnd(data: Buffer): number {
  if (data[0] === 0x0a || (data[0] === 0x0d && data[1] === 0x0a)) return 0;
  const head = data.subarray(0, MAX_HEADER_BYTES);
  const crlf = head.indexOf(CRLF2);
  const lf = head.indexOf(LF2);
  if (crlf === -1) return lf;
  if (lf === -1) return crlf;
  return Math.min(crlf, lf);
}

/** Header fields by lower-case name, first occurrence only, folded lines joined. */
function firstFields(block: string, wanted: ReadonlySet<string>): Map<string, string> {
  const fields = new Map<string, string>();
  let name: string | undefined;
  let value = '';
  const flush = (): void => {
    if (name !== undefined && wanted.has(name) && !fields.has(name)) fields.set(name, value);
  };
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      value += line;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : undefined;
    value = colon > 0 ? line.slice(colon + 1) : '';
  }
  flush();
  return fields;
}

const WANTED = new Set(['subject', 'message-id', 'content-type', 'return-path', 'x-envelope-to']);

/** Reads the summary from the start of a message (or of a stored file, trace fields included). */
export function summarizeHeaders(data: Buffer): HeaderSummary {
  const end = headerBlockEnd(data);
  const block = data.toString(
    'utf8',
    0,
    end === -1 ? Math.min(data.length, MAX_HEADER_BYTES) : end,
  );
  const fields = firstFields(block, WANTED);
  const returnPath = fields.get('return-path');
  const envelopeTo = fields.get('x-envelope-to');
  return {
    subject: collapse(decodeEncodedWords(fields.get('subject') ?? '')),
    messageId: collapse(fields.get('message-id') ?? ''),
    hasAttachments: /^\s*multipart\/mixed\b/i.test(fields.get('content-type') ?? ''),
    envelope:
      returnPath !== undefined && envelopeTo !== undefined
        ? {
            from: unescapeAddress(returnPath.trim().replace(/^<(.*)>$/, '$1')),
            to: envelopeTo
              .split(',')
              .map((a) => unescapeAddress(a.trim()))
              .filter((a) => a !== ''),
          }
        : undefined,
  };
}

/**
 * The trace fields written in front of each stored message, as a delivering MTA adds Return-Path:
 * the envelope (Bcc recipients included) survives a restart without a second file per message.
 * Written first, so they win over any same-named fields the message brings along.
 */
export function envelopeTraceFields(envelope: { from: string; to: readonly string[] }): Buffer {
  const to = envelope.to.map(escapeAddress).join(',\r\n ');
  return Buffer.from(`Return-Path: <${escapeAddress(envelope.from)}>\r\nX-Envelope-To: ${to}\r\n`);
}

// SMTP paths cannot hold CR or LF, but a quoted local part may hold commas, spaces or brackets.
function escapeAddress(address: string): string {
  return address.replace(/[%,<>"\s\p{Cc}]/gu, (c) => encodeURIComponent(c));
}

function unescapeAddress(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function collapse(value: string): string {
  return value.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;

/**
 * RFC 2047 encoded words. Adjacent words in one charset are decoded together: senders may split
 * a multi-byte character across two words, and the white space between encoded words is dropped.
 */
export function decodeEncodedWords(value: string): string {
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | undefined;
  const flushPending = (): void => {
    if (!pending) return;
    out += decodeBytes(pending.charset, Buffer.concat(pending.bytes));
    pending = undefined;
  };
  for (const match of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, match.index);
    if (!(pending && /^\s*$/.test(between))) {
      flushPending();
      out += between;
    }
    const [, charset = '', encoding = '', text = ''] = match;
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              ),
            'latin1',
          );
    const lower = charset.toLowerCase();
    if (pending && pending.charset !== lower) flushPending();
    pending ??= { charset: lower, bytes: [] };
    pending.bytes.push(bytes);
    last = match.index + match[0].length;
  }
  flushPending();
  return out + value.slice(last);
}

function decodeBytes(charset: string, bytes: Buffer): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}
