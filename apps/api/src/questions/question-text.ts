import { ANSWER_NOTE_MAX_LENGTH, QUESTION_MAX_LENGTH } from '@app/contracts';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';

/**
 * Control characters other than the line feed (C0, DEL, C1) and the bidirectional overrides and
 * isolates, which let a question display text in an order other than the one it is stored in.
 */
const UNWANTED = /(?!\n)[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

/**
 * A question's text as it is stored: plain text, never HTML (clients render it escaped), line
 * breaks as `\n`, without control characters, trimmed.
 */
export function cleanQuestionText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(UNWANTED, '').trim();
}

/** The cleaned text, or a 400 when nothing is left or it is too long. */
export function questionBody(raw: string): string {
  const body = cleanQuestionText(raw);
  if (body.length === 0) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'The question is empty');
  }
  if ([...body].length > QUESTION_MAX_LENGTH) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      `A question has at most ${QUESTION_MAX_LENGTH} characters`,
    );
  }
  return body;
}

/**
 * An answer note as it is stored: cleaned like a question, null when nothing is left (an empty
 * note clears it), or a 400 when it is too long.
 */
export function answerNoteText(raw: string): string | null {
  const note = cleanQuestionText(raw);
  if (note.length === 0) return null;
  if ([...note].length > ANSWER_NOTE_MAX_LENGTH) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      `An answer note has at most ${ANSWER_NOTE_MAX_LENGTH} characters`,
    );
  }
  return note;
}
