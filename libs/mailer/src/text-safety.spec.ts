import fc from 'fast-check';
import { escapeHtml, safeHeaderText, safePlainText } from './text-safety.js';

// eslint-disable-next-line no-control-regex
const HEADER_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('leaves no raw markup characters in any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(escapeHtml(text)).not.toMatch(/[<>"']/);
      }),
    );
  });
});

describe('safeHeaderText', () => {
  it('folds line breaks and whitespace to single spaces and trims', () => {
    expect(safeHeaderText('  Hello\r\nBcc: x@y.z \t\u2028 there\u0085end ')).toBe(
      'Hello Bcc: x@y.z there end',
    );
  });

  it('removes other control characters and bidi overrides', () => {
    expect(safeHeaderText('a\u0000b\u0007c\u001b[31md\u007fe\u009bf\u202egnp')).toBe(
      'abc[31mdefgnp',
    );
  });

  it('keeps short text as it is', () => {
    expect(safeHeaderText('Mobilité urbaine — Ville de Liège')).toBe(
      'Mobilité urbaine — Ville de Liège',
    );
  });

  it('cuts long text with an ellipsis, never inside a surrogate pair', () => {
    const cut = safeHeaderText('🏙️'.repeat(20) + '𝒜'.repeat(200), 21);
    expect(cut.length).toBeLessThanOrEqual(21);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toMatch(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
    );
    expect(safeHeaderText('x'.repeat(300)).length).toBe(200);
  });

  it('replaces lone surrogates', () => {
    expect(safeHeaderText('a\uD800b')).toBe('a\uFFFDb');
  });

  it('rejects a maxLength that is not a positive integer', () => {
    expect(() => safeHeaderText('x', 0)).toThrow(RangeError);
    expect(() => safeHeaderText('x', 1.5)).toThrow(RangeError);
  });

  it('never returns line breaks, control characters or more than maxLength units', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 500 }),
        fc.integer({ min: 1, max: 300 }),
        (text, max) => {
          const line = safeHeaderText(text, max);
          expect(line).not.toMatch(HEADER_UNSAFE);
          expect(line.length).toBeLessThanOrEqual(max);
          expect(line).toBe(line.trim());
          expect(line).not.toMatch(/ {2}/);
        },
      ),
    );
  });
});

describe('safePlainText', () => {
  it('keeps newlines, normalises CR/LF, turns tabs into spaces and drops other controls', () => {
    expect(safePlainText('a\r\nb\rc\u2028d\te\u0000f\u001bg')).toBe('a\nb\nc\nd efg');
  });

  it('leaves no control character but the newline', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        // eslint-disable-next-line no-control-regex
        expect(safePlainText(text)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      }),
    );
  });
});
