import { attachmentDecision, MAX_PDF_ATTACHMENT_BYTES } from './key-learnings-composer.js';

describe('attachmentDecision', () => {
  it('attaches a PDF the person asked for that is within the cap', () => {
    expect(attachmentDecision({ wantsPdf: true, pdfBytes: 250_000 })).toBe('attach');
    expect(attachmentDecision({ wantsPdf: true, pdfBytes: MAX_PDF_ATTACHMENT_BYTES })).toBe(
      'attach',
    );
  });

  it('caps attachments at 10 MiB', () => {
    expect(MAX_PDF_ATTACHMENT_BYTES).toBe(10 * 1024 * 1024);
    expect(attachmentDecision({ wantsPdf: true, pdfBytes: MAX_PDF_ATTACHMENT_BYTES + 1 })).toBe(
      'too-large',
    );
    expect(attachmentDecision({ wantsPdf: true, pdfBytes: Number.POSITIVE_INFINITY })).toBe(
      'too-large',
    );
  });

  it.each([null, 250_000, MAX_PDF_ATTACHMENT_BYTES + 1])(
    'sends the link alone to someone who did not ask for the PDF (%p bytes)',
    (pdfBytes) => {
      expect(attachmentDecision({ wantsPdf: false, pdfBytes })).toBe('not-wanted');
    },
  );

  it.each([null, 0, -1, Number.NaN])(
    'sends the link alone when there is no PDF (%p)',
    (pdfBytes) => {
      expect(attachmentDecision({ wantsPdf: true, pdfBytes })).toBe('no-pdf');
    },
  );
});
