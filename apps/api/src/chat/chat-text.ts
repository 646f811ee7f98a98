import { CHAT_MAX_LENGTH } from '@app/contracts';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { cleanQuestionText } from '../questions/question-text.js';

/** Shown for the messages of an erased account, which stay in the room without a name. */
export const FORMER_PARTICIPANT = 'Former participant';

/** Shown for an account that never gave a name. */
export const UNNAMED_PARTICIPANT = 'Participant';

/** A chat message as stored: plain text, cleaned as a question is; a 400 when empty or too long. */
export function chatBody(raw: string): string {
  const body = cleanQuestionText(raw);
  if (body.length === 0) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'The message is empty');
  }
  if ([...body].length > CHAT_MAX_LENGTH) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      `A message has at most ${CHAT_MAX_LENGTH} characters`,
    );
  }
  return body;
}

/** The name the room sees for a message's author. */
export function chatAuthorName(
  author: { name: string; erasedAt: Date | null } | null | undefined,
): string {
  if (!author || author.erasedAt) return FORMER_PARTICIPANT;
  return author.name.trim() || UNNAMED_PARTICIPANT;
}
