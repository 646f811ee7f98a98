/** Live Q&A of a session: shapes shared by the REST api, the live process and the browser. */

export const QUESTION_STATUSES = ['pending', 'visible', 'dismissed', 'answered'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const QA_MODES = ['open', 'pre-approved'] as const;
export type QaMode = (typeof QA_MODES)[number];

export const QUESTION_SORTS = ['votes', 'time'] as const;
export type QuestionSort = (typeof QUESTION_SORTS)[number];

export const MODERATOR_ACTIONS = [
  'approve',
  'dismiss',
  'pin',
  'unpin',
  'answer',
  'edit',
  'note',
] as const;
export type ModeratorAction = (typeof MODERATOR_ACTIONS)[number];

export const QUESTION_EXPORT_FORMATS = ['csv', 'json'] as const;
export type QuestionExportFormat = (typeof QUESTION_EXPORT_FORMATS)[number];

/** Longest question body, in characters, after trimming. */
export const QUESTION_MAX_LENGTH = 500;

/** Longest answer note (what the speakers answered, in a moderator's words), after trimming. */
export const ANSWER_NOTE_MAX_LENGTH = 2_000;

/** A question as the room sees it: plain text, never the author's id or address. */
export interface QuestionView {
  id: string;
  sessionId: string;
  /** Null when the author asked anonymously. */
  authorName: string | null;
  anonymous: boolean;
  body: string;
  status: QuestionStatus;
  pinned: boolean;
  voteCount: number;
  /** Whether the viewer has upvoted it; false for anonymous viewers. */
  votedByMe: boolean;
  /** Whether the viewer asked it. */
  mine: boolean;
  edited: boolean;
  createdAt: string;
  updatedAt: string;
  answeredAt: string | null;
  /**
   * What the speakers answered, in a moderator's words (plain text, shown escaped). The room sees
   * it once the question is answered (null before); moderators always see it.
   */
  answerNote: string | null;
}

export interface QuestionEditView {
  editorAccountId: string;
  before: string;
  after: string;
  createdAt: string;
}

/** What moderators see: the author always, and the edit history. */
export interface ModeratorQuestionView extends QuestionView {
  author: { accountId: string; name: string };
  clientId: string;
  edits: QuestionEditView[];
}

export interface QaSettingsView {
  sessionId: string;
  qaMode: QaMode;
  qaClosed: boolean;
}

export interface QuestionListView {
  settings: QaSettingsView;
  /** Whether the viewer moderates this session (then `questions` are moderator views). */
  moderator: boolean;
  questions: Array<QuestionView | ModeratorQuestionView>;
}

export interface VoteResult {
  questionId: string;
  voteCount: number;
  votedByMe: boolean;
}

/** Room settings a moderator changes live: the Q&A's mode and state, and whether chat is on. */
export interface RoomSettingsView extends QaSettingsView {
  chatEnabled: boolean;
}

/** Longest chat message, in characters, after trimming. */
export const CHAT_MAX_LENGTH = 500;

/** A chat message as the room sees it: plain text with its author's name. */
export interface ChatMessageView {
  id: string;
  sessionId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

export const POLL_KINDS = ['single', 'multiple'] as const;
export type PollKind = (typeof POLL_KINDS)[number];

export const POLL_STATUSES = ['open', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

/** Longest poll question and option label, in characters; options per poll. */
export const POLL_QUESTION_MAX_LENGTH = 300;
export const POLL_OPTION_MAX_LENGTH = 120;
export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 10;

export interface PollOptionView {
  id: string;
  label: string;
  votes: number;
}

/** A poll with its live results (as the room sees it: no voter is ever named). */
export interface PollView {
  id: string;
  sessionId: string;
  question: string;
  kind: PollKind;
  status: PollStatus;
  options: PollOptionView[];
  /** People who voted (in a multiple-choice poll, one person may count in several options). */
  voters: number;
  createdAt: string;
  closedAt: string | null;
}

/** A poll with what the viewer chose (empty when they have not voted). */
export interface MyPollView extends PollView {
  myChoices: string[];
}

/** Who followed a session live, for organisers and the key learnings. */
export interface AttendanceView {
  sessionId: string;
  /** Signed-in people who joined the room, longest first. */
  people: Array<{
    accountId: string;
    name: string;
    city: string | null;
    /** Their roles in the session's event (attendee when none). */
    roles: string[];
    firstJoinedAt: string;
    lastSeenAt: string;
    seconds: number;
  }>;
  /** Visits of viewers who were not signed in. */
  anonymousVisits: number;
  /** Aggregates without personal data: people per city and per role. */
  byCity: Array<{ city: string | null; people: number }>;
  byRole: Array<{ role: string; people: number }>;
}
