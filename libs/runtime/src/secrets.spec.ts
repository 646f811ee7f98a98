import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeKey, keyFromFile, newSecret, openSealed, sealSecret } from './secrets.js';

const key = Buffer.alloc(32, 7);

describe('sealed secrets', () => {
  it('open with the key and context they were sealed with, and with nothing else', () => {
    const secret = newSecret();
    const sealed = sealSecret(key, secret, 'account-1');
    expect(sealed).not.toContain(secret);
    expect(openSealed(key, sealed, 'account-1')).toBe(secret);
    expect(openSealed(key, sealed, 'account-2')).toBeNull();
    expect(openSealed(Buffer.alloc(32, 8), sealed, 'account-1')).toBeNull();
    // One changed character of the tag (its first: the last one carries padding bits).
    const [version, iv, body, tag] = sealed.split('.');
    const forged = `${tag[0] === 'A' ? 'B' : 'A'}${tag.slice(1)}`;
    expect(openSealed(key, [version, iv, body, forged].join('.'), 'account-1')).toBeNull();
    expect(openSealed(key, 'not sealed', 'account-1')).toBeNull();
  });

  it('seal the same secret differently each time', () => {
    expect(sealSecret(key, 'x', 'a')).not.toBe(sealSecret(key, 'x', 'a'));
  });
});

describe('decodeKey', () => {
  it('reads 32 bytes in base64 or base64url and refuses anything else', () => {
    const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7 + 250));
    expect(decodeKey(bytes.toString('base64'))).toEqual(bytes);
    expect(decodeKey(`${bytes.toString('base64url')}\n`)).toEqual(bytes);
    expect(decodeKey(Buffer.alloc(16).toString('base64'))).toBeNull();
    expect(decodeKey('not a key')).toBeNull();
  });
});

describe('keyFromFile', () => {
  it('makes a key readable by the owner only, then keeps returning it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'icc-key-')), 'sub', 'feed.key');
    const first = keyFromFile(path);
    expect(first).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(keyFromFile(path)).toEqual(first);
    expect(decodeKey(readFileSync(path, 'utf8'))).toEqual(first);
  });

  it('refuses a file that holds no key', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'icc-key-')), 'feed.key');
    writeFileSync(path, 'oops');
    expect(() => keyFromFile(path)).toThrow(/32-byte/);
  });
});
