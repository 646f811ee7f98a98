import fc from 'fast-check';
import { buildHubUrl, safeHttpUrl } from './links.js';
import { MailerInputError } from './mailer.errors.js';

const BASE = 'https://hub.example.eu';

describe('buildHubUrl', () => {
  it('joins the public base URL and a path', () => {
    expect(buildHubUrl(BASE, '/sessions/7f0c')).toBe('https://hub.example.eu/sessions/7f0c');
    expect(buildHubUrl(`${BASE}/`, '/sessions/7f0c')).toBe('https://hub.example.eu/sessions/7f0c');
  });

  it('keeps a path prefix of the base URL', () => {
    expect(buildHubUrl('https://example.eu/icc/', '/sessions/1')).toBe(
      'https://example.eu/icc/sessions/1',
    );
  });

  it('encodes query values', () => {
    expect(buildHubUrl(BASE, '/auth/callback', { token: 'a b&c=d' })).toBe(
      'https://hub.example.eu/auth/callback?token=a+b%26c%3Dd',
    );
  });

  it.each([
    '',
    'sessions/1',
    '//evil.example/sessions/1',
    '///evil.example',
    'https://evil.example/x',
    'javascript:alert(1)',
    '/sessions\\1',
    '\\\\evil.example\\x',
    '/sessions//1',
    '/../admin',
    '/sessions/..',
    '/%2e%2e/admin',
    '/sessions/%2E',
    '/sessions/1?x=1',
    '/sessions/1#top',
    '/sessions/1 2',
    '/sessions/1\r\nBcc: x@y.z',
    '/sessions/%zz',
    '/sessions/<script>',
  ])('rejects the path %j', (path) => {
    expect(() => buildHubUrl(BASE, path)).toThrow(MailerInputError);
  });

  it.each(['not a url', 'ftp://hub.example.eu', 'https://u:p@hub.example.eu', `${BASE}/?a=1`])(
    'rejects the base URL %j',
    (base) => {
      expect(() => buildHubUrl(base, '/sessions/1')).toThrow(MailerInputError);
    },
  );

  it('never leaves the base URL, whatever the path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.webPath(), fc.webUrl()), (path) => {
        let href: string;
        try {
          href = buildHubUrl('https://example.eu/icc', path);
        } catch (error) {
          expect(error).toBeInstanceOf(MailerInputError);
          return;
        }
        const url = new URL(href);
        expect(url.origin).toBe('https://example.eu');
        expect(url.pathname.startsWith('/icc/')).toBe(true);
      }),
    );
  });
});

describe('safeHttpUrl', () => {
  it('keeps absolute http and https links, normalised', () => {
    expect(safeHttpUrl('https://meet.example.org/r/1?a=1&b=2')).toBe(
      'https://meet.example.org/r/1?a=1&b=2',
    );
    expect(safeHttpUrl(' HTTP://Meet.Example.org ')).toBe('http://meet.example.org/');
  });

  it.each([
    null,
    '',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'mailto:x@y.z',
    'ftp://files.example.org',
    '//meet.example.org/r/1',
    'meet.example.org/r/1',
    '/sessions/1',
    'https://hub.example.eu@evil.example/',
    'https://meet.example.org/a\nb',
    `https://meet.example.org/${'x'.repeat(2100)}`,
  ])('leaves out %j', (value) => {
    expect(safeHttpUrl(value)).toBeNull();
  });
});
