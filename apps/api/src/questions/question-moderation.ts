import type { ModeratorAction, QuestionStatus } from '@app/contracts';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { answerNoteText } from './question-text.js';

/**
 * What a moderator asked for. `edit` carries the corrected text; `note` the answer note (an empty
 * one clears it); `answer` may carry a note too, set in the same step.
 */
export type ModerationCommand =
  | { action: Exclude<ModeratorAction, 'edit' | 'note' | 'answer'> }
  | { action: 'answer'; note?: string }
  | { action: 'edit'; body: string }
  | { action: 'note'; note: string };

/** The state of a question a moderation action depends on. */
export interface ModeratedState {
  status: QuestionStatus;
  pinned: boolean;
  answerNote: string | null;
}

/** What a moderation action changes (the edited body is handled with its history elsewhere). */
export interface ModerationChange {
  status?: QuestionStatus;
  pinned?: boolean;
  answeredAt?: Date;
  answerNote?: string | null;
  body?: string;
}

/**
 * The command of a request (REST or live): its action with the fields that action reads. A 400
 * when `edit` comes without its text or `note` without its note.
 */
export function moderationCommand(
  action: ModeratorAction,
  fields: { body?: string; note?: string },
): ModerationCommand {
  const missing = (field: string, what: string) =>
    new DomainError(DomainErrorCode.InvalidInput, `${field}: ${what} is required to ${action}`);
  switch (action) {
    case 'edit':
      if (fields.body === undefined) throw missing('body', 'the corrected text');
      return { action, body: fields.body };
    case 'note':
      if (fields.note === undefined) throw missing('note', 'the answer note');
      return { action, note: fields.note };
    case 'answer':
      return fields.note === undefined ? { action } : { action, note: fields.note };
    default:
      return { action };
  }
}

/**
 * What an action changes, or a 409 when it does not apply to the question's state (a 400 when its
 * note is too long). An empty change means there is nothing to do.
 */
export function transition(
  question: ModeratedState,
  command: ModerationCommand,
  now: Date = new Date(),
): ModerationChange {
  const refuse = () =>
    new DomainError(
      DomainErrorCode.Conflict,
      `Cannot ${command.action} a question that is ${question.status}`,
    );
  /** The note as it would be stored, when it differs from the question's. */
  const noteChange = (raw: string | undefined): ModerationChange => {
    if (raw === undefined) return {};
    const note = answerNoteText(raw);
    return note === question.answerNote ? {} : { answerNote: note };
  };
  switch (command.action) {
    case 'approve':
      if (question.status === 'visible') return {};
      if (question.status !== 'pending' && question.status !== 'dismissed') throw refuse();
      return { status: 'visible' };
    case 'dismiss':
      if (question.status === 'dismissed') return {};
      return { status: 'dismissed', pinned: false };
    case 'pin':
      if (question.status !== 'visible') throw refuse();
      return question.pinned ? {} : { pinned: true };
    case 'unpin':
      return question.pinned ? { pinned: false } : {};
    case 'answer': {
      if (question.status === 'dismissed') throw refuse();
      const note = noteChange(command.note);
      if (question.status === 'answered') return note;
      return { status: 'answered', pinned: false, answeredAt: now, ...note };
    }
    case 'edit':
      if (question.status === 'dismissed') throw refuse();
      return {};
    case 'note':
      // Before or after the question is marked answered; never its status.
      if (question.status === 'dismissed') throw refuse();
      return noteChange(command.note);
  }
}
