/** Live Q&A of a session: shapes shared by the REST api, the live process and the browser. */

export const QUESTION_STATUSES = ['pending', 'visible', 'dismissed', 'answered'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const QA_MODES = ['open', 'pre-approved'] as const;
export type QaMode = (typeof QA_MODES)[number];

export const QUESTION_SORTS = ['votes', 'time'] as const;
export type QuestionSort = (typeof QUESTION_SORTS)[number];

export const MODERATOR_ACTIONS = ['approve', 'dismiss', 'pin', 'unpin', 'answer', 'edit'] as const;
export type ModeratorAction = (typeof MODERATOR_ACTIONS)[number];

export const QUESTION_EXPORT_FORMATS = ['csv', 'json'] as const;
export type QuestionExportFormat = (typeof QUESTION_EXPORT_FORMATS)[number];

/** Longest question body, in characters, after trimming. */
export const QUESTION_MAX_LENGTH = 500;

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
