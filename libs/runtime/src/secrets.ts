import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** 256 random bits, URL-safe: sign-in tokens, session secrets, API tokens. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are stored as their SHA-256 only: a database leak does not hand out sessions. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const SEAL_VERSION = 'v1';

/** A 32-byte key written in base64 or base64url; null when it is anything else. */
export function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url');
  return key.length === 32 ? key : null;
}

/**
 * For a secret that its owner must be able to see again (a calendar feed address): AES-256-GCM
 * under a key kept outside the database. `context` (the owner's id) is authenticated with it, so a
 * sealed value copied onto another row does not open.
 */
export function sealSecret(key: Buffer, secret: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [SEAL_VERSION, iv, body, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The sealed secret, or null when it was sealed with another key or for another context. */
export function openSealed(key: Buffer, sealed: string, context: string): string | null {
  const [version, iv, body, tag, ...rest] = sealed.split('.');
  if (version !== SEAL_VERSION || !iv || !body || !tag || rest.length) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * The key in `path`, made on first use. Processes starting together agree on one key: each writes
 * a candidate beside it and links it into place, which only the first can do.
 */
export function keyFromFile(path: string): Buffer {
  const read = (): Buffer | null => {
    try {
      return decodeKey(readFileSync(path, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };
  const existing = read();
  if (existing) return existing;
  mkdirSync(dirname(path), { recursive: true });
  const candidate = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(candidate, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  try {
    linkSync(candidate, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(candidate);
  }
  const key = read();
  if (!key) throw new Error(`${path} does not hold a 32-byte base64 key`);
  return key;
}
