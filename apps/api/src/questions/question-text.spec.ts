import fc from 'fast-check';
import { answerNoteText, cleanQuestionText, questionBody } from './question-text.js';

describe('question text', () => {
  it('keeps markup, quotes and formulas as they are: plain text, escaped when shown', () => {
    for (const text of [
      '<script>alert(1)</script>',
      '=HYPERLINK("http://x.example","y")',
      `' OR 1=1; --`,
      '&lt;b&gt; & <b>',
      'Données 🌍 ünd',
    ]) {
      expect(questionBody(text)).toBe(text);
    }
  });

  it('strips control characters and bidi overrides, keeps line breaks, trims', () => {
    expect(cleanQuestionText(' a\u0000b\u0007\u202Ec\r\nd\te\u009B ')).toBe('abc\nde');
  });

  it('refuses empty and overlong questions', () => {
    expect(() => questionBody(' \u0000 ')).toThrow('empty');
    expect(() => questionBody('x'.repeat(501))).toThrow('at most 500');
    expect(questionBody('🌍'.repeat(500))).toHaveLength(1000);
  });

  it('is idempotent and never leaves a control character or outer space', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (raw) => {
        const clean = cleanQuestionText(raw);
        expect(cleanQuestionText(clean)).toBe(clean);
        expect(clean).not.toMatch(/(?!\n)\p{Cc}/u);
        expect(clean).toBe(clean.trim());
      }),
    );
  });

  it('cleans answer notes the same way, empty to null, at most 2,000 characters', () => {
    expect(answerNoteText(' a\u0000b\u202Ec\r\nd ')).toBe('abc\nd');
    expect(answerNoteText(' \u0000\t ')).toBeNull();
    expect(answerNoteText('<script>x</script>')).toBe('<script>x</script>');
    expect(answerNoteText('x'.repeat(2_000))).toHaveLength(2_000);
    expect(() => answerNoteText('x'.repeat(2_001))).toThrow('at most 2000');
  });
});
