import {
  POLL_KINDS,
  POLL_MAX_OPTIONS,
  POLL_MIN_OPTIONS,
  POLL_OPTION_MAX_LENGTH,
  POLL_QUESTION_MAX_LENGTH,
  type PollKind,
} from '@app/contracts';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { cleanQuestionText } from '../questions/question-text.js';

export interface PollDraft {
  question: string;
  kind: PollKind;
  options: string[];
}

const invalid = (message: string) => new DomainError(DomainErrorCode.InvalidInput, message);

function text(raw: string, what: string, max: number): string {
  const clean = cleanQuestionText(raw);
  if (clean.length === 0) throw invalid(`The ${what} is empty`);
  if ([...clean].length > max) throw invalid(`The ${what} has at most ${max} characters`);
  return clean;
}

/** A poll as stored: plain-text question and labels, 2–10 options that differ (ignoring case). */
export function pollDraft(input: { question: string; kind: string; options: string[] }): PollDraft {
  if (!(POLL_KINDS as readonly string[]).includes(input.kind)) {
    throw invalid(`A poll is ${POLL_KINDS.join(' or ')}`);
  }
  const question = text(input.question, 'question', POLL_QUESTION_MAX_LENGTH);
  if (input.options.length < POLL_MIN_OPTIONS || input.options.length > POLL_MAX_OPTIONS) {
    throw invalid(`A poll has ${POLL_MIN_OPTIONS} to ${POLL_MAX_OPTIONS} options`);
  }
  const options = input.options.map((o) => text(o, 'option', POLL_OPTION_MAX_LENGTH));
  const seen = new Set(options.map((o) => o.toLocaleLowerCase()));
  if (seen.size !== options.length) throw invalid('The options of a poll differ from each other');
  return { question, kind: input.kind as PollKind, options };
}

/**
 * The options a vote chooses: exactly one in a single-choice poll, one or more distinct options
 * in a multiple-choice poll, each of them an option of the poll.
 */
export function pollChoice(kind: PollKind, optionIds: string[], known: Set<string>): string[] {
  if (optionIds.length === 0) throw invalid('Choose an option');
  if (new Set(optionIds).size !== optionIds.length) throw invalid('An option is chosen twice');
  if (kind === 'single' && optionIds.length !== 1) throw invalid('Choose one option');
  if (optionIds.some((id) => !known.has(id))) throw invalid('Not an option of this poll');
  return optionIds;
}
