import { CalendarInputError } from './calendar-input.error.js';
import {
  caretParam,
  checkEmail,
  checkUrl,
  escapeText,
  isCalendarUrl,
  normaliseMultiLine,
  normaliseName,
  normaliseSingleLine,
  uriValue,
} from './text.js';

describe('normaliseSingleLine', () => {
  it.each([
    ['X\r\nATTENDEE:mailto:evil@x', 'X ATTENDEE:mailto:evil@x'],
    ['END:VEVENT\r\nBEGIN:VEVENT', 'END:VEVENT BEGIN:VEVENT'],
    ['a\rb\nc\r\nd', 'a b c d'],
    ['a\u0085b\u2028c\u2029d', 'a b c d'],
    ['tab\there', 'tab here'],
    [
      'nul\u0000 del\u007f esc\u001b bell\u0007 c1\u009b vt\u000b ff\u000c',
      'nul del esc bell c1 vt ff',
    ],
    ['  padded \r\n', 'padded'],
    ['semi;comma,back\\slash:colon"quote', 'semi;comma,back\\slash:colon"quote'],
    ['emoji 👩‍👩‍👧 and RTL مرحبا \u202Eevil', 'emoji 👩‍👩‍👧 and RTL مرحبا \u202Eevil'],
    ['lone \uD800 high and \uDC00 low', 'lone \uFFFD high and \uFFFD low'],
  ])('%j becomes %j', (input, expected) => {
    expect(normaliseSingleLine(input)).toBe(expected);
  });
});

describe('normaliseMultiLine', () => {
  it.each([
    ['one\r\ntwo\rthree\nfour', 'one\ntwo\nthree\nfour'],
    ['para\u2029graph\u2028line\u0085next', 'para\ngraph\nline\nnext'],
    ['\r\n\r\nblank lines kept\r\n\r\ninside\r\n', 'blank lines kept\n\ninside'],
    ['nul\u0000 vt\u000b del\u007f', 'nul vt del'],
    ['tab\tinside', 'tab inside'],
  ])('%j becomes %j', (input, expected) => {
    expect(normaliseMultiLine(input)).toBe(expected);
  });
});

describe('normaliseName', () => {
  it('is normaliseSingleLine with every backslash turned into a slash', () => {
    expect(normaliseName(' DOMAIN\\nancy\r\nC:\\x\\;y ')).toBe('DOMAIN/nancy C:/x/;y');
  });
});

describe('escapeText', () => {
  it('escapes backslash first, then ; , and newline (RFC 5545 3.3.11)', () => {
    expect(escapeText('a\\b;c,d\ne:f')).toBe('a\\\\b\\;c\\,d\\ne:f');
    expect(escapeText('\\n is not a newline')).toBe('\\\\n is not a newline');
  });
});

describe('caretParam', () => {
  it('uses RFC 6868 carets for what a quoted parameter cannot hold', () => {
    expect(caretParam('Jean "JJ" D/x; a,b: ^c')).toBe(`Jean ^'JJ^' D/x; a,b: ^^c`);
    expect(caretParam('two\nlines')).toBe('two^nlines');
  });
});

describe('uriValue', () => {
  it('percent-encodes ; , and backslash, and nothing else', () => {
    expect(uriValue('https://a.eu/s;v=1,2?q=\\x&r=%3B#f:g')).toBe(
      'https://a.eu/s%3Bv=1%2C2?q=%5Cx&r=%3B#f:g',
    );
  });
});

describe('checkEmail', () => {
  it.each([
    'ana@porto.example.pt',
    'first.last+tag@sub.example.eu',
    "o'brien@example.ie",
    'no-reply@icc-hub.localhost',
    'jürgen@münchen.example.de',
  ])('keeps %s as it is', (email) => {
    expect(checkEmail('attendee.email', email)).toBe(email);
  });

  it.each([
    'evil@x\r\nATTENDEE:mailto:other@x',
    'evil@x\n',
    'evil@x\r',
    '\r\nevil@x',
    ' ana@example.eu',
    'ana@example.eu ',
    'ana@exa mple.eu',
    'a\u0000b@example.eu',
    'ana;x@example.eu',
    'ana,x@example.eu',
    'ana"x@example.eu',
    'ana\\x@example.eu',
    'ana:x@example.eu',
    'ana?subject=x@example.eu',
    'ana@example.eu?cc=evil@x',
    'Ana <ana@example.eu>',
    'ana@',
    '@example.eu',
    'ana@-example.eu',
    'ana@example..eu',
    'no-at-sign',
    '',
    `${'a'.repeat(65)}@example.eu`,
  ])('rejects %j', (email) => {
    expect(() => checkEmail('attendee.email', email)).toThrow(CalendarInputError);
  });

  it('names the field but does not repeat the value in the error', () => {
    let thrown: unknown;
    try {
      checkEmail('organizer.email', 'x\r\nBEGIN:VEVENT');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CalendarInputError);
    expect(thrown).toMatchObject({ field: 'organizer.email' });
    expect((thrown as Error).message).not.toContain('BEGIN');
  });
});

describe('checkUrl', () => {
  it('returns the WHATWG serialisation of http(s) URLs', () => {
    expect(checkUrl('url', 'https://hub.example.eu/sessions/1')).toBe(
      'https://hub.example.eu/sessions/1',
    );
    expect(checkUrl('url', 'http://localhost:3000/sessions/1')).toBe(
      'http://localhost:3000/sessions/1',
    );
    expect(checkUrl('joinUrl', 'https://bücher.example/ä?x=1;y=2,z')).toBe(
      'https://xn--bcher-kva.example/%C3%A4?x=1;y=2,z',
    );
  });

  it.each([
    'https://hub.example.eu/x\r\nATTENDEE:mailto:evil@x',
    'https://hub.example.eu/x\ty',
    ' https://hub.example.eu/',
    'https://hub.example.eu/\u0000',
    'https://hub.example.eu/\uD800',
    '/sessions/1',
    'javascript:alert(1)',
    'mailto:ana@example.eu',
    'ftp://example.eu/file',
    '',
  ])('rejects %j', (url) => {
    expect(() => checkUrl('url', url)).toThrow(CalendarInputError);
    expect(isCalendarUrl(url)).toBe(false);
  });

  it('is accepted by isCalendarUrl whenever checkUrl accepts it', () => {
    expect(isCalendarUrl('https://meet.example.eu/j/1?pwd=a;b')).toBe(true);
    expect(isCalendarUrl('http://localhost:3000/sessions/1')).toBe(true);
  });
});
