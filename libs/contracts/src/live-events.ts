import type {
  ChatMessageView,
  ModeratorAction,
  ModeratorQuestionView,
  MyPollView,
  PollKind,
  PollView,
  QaMode,
  QuestionView,
  RoomSettingsView,
  VoteResult,
} from './live.js';

/**
 * The Socket.IO namespace of the live rooms: its limits and its typed event maps, shared by the
 * live process, its tests and the browser. One room per session.
 */
export const LIVE_NAMESPACE = '/live';

/** Largest message a client may send; Socket.IO closes the connection of one that sends more. */
export const LIVE_MAX_MESSAGE_BYTES = 16 * 1024;

/** A client that drops for up to this long gets what it missed when it reconnects. */
export const LIVE_RECOVERY_WINDOW_MS = 2 * 60_000;

/** Presence updates of one room are coalesced to at most one per this many milliseconds (a room
 * of 5,000 filling up would otherwise get a broadcast to all of them four times a second). */
export const LIVE_PRESENCE_WINDOW_MS = 1_000;

/** Scores of one room are coalesced to at most one broadcast per this many milliseconds. */
export const LIVE_SCORE_WINDOW_MS = 250;

/** Per-socket flood limit: a burst of this many events, refilled at this many per second. */
export const LIVE_SOCKET_BURST = 30;
export const LIVE_SOCKET_RATE_PER_S = 10;

/**
 * Joins one signed-in person may make a minute, over all their sockets and live processes: a
 * signed-in join reads the room for that person, and new sockets would otherwise each bring a
 * fresh flood allowance. A person in many tabs, rooms and reconnects stays far below it.
 */
export const LIVE_JOINS_PER_PERSON_MINUTE = 60;

/** Chat messages and poll results a joining client gets with the room (newest last). */
export const LIVE_CHAT_HISTORY = 100;

/** Why a live request was refused; a client shows a message per code. */
export const LIVE_ERROR_CODES = [
  'invalid_input',
  'not_found',
  'sign_in_required',
  'forbidden',
  'conflict',
  'rate_limited',
  'not_joined',
  'unavailable',
] as const;
export type LiveErrorCode = (typeof LIVE_ERROR_CODES)[number];

export interface LiveError {
  code: LiveErrorCode;
  message: string;
}

/** Every acknowledgement: the result, or the reason the request was refused. */
export type LiveAck<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: LiveError };

export interface LiveRoomRequest {
  sessionId: string;
}

/** How many people are in a session's room: a signed-in person with several tabs counts once. */
export interface PresenceUpdate {
  sessionId: string;
  count: number;
}

/** Everything a client needs to show a room, as the viewer may see it. */
export interface RoomSnapshot {
  sessionId: string;
  settings: RoomSettingsView;
  /** Whether the viewer moderates the session (then `questions` are moderator views). */
  moderator: boolean;
  /** Whether the viewer is signed in (may ask, vote and chat). */
  signedIn: boolean;
  /** Pinned first, then by votes, then oldest first. */
  questions: Array<QuestionView | ModeratorQuestionView>;
  /** The last LIVE_CHAT_HISTORY messages, oldest first; empty when chat is off. */
  chat: ChatMessageView[];
  /** Polls of the session, newest first. */
  polls: MyPollView[];
  presence: number;
}

/**
 * A question as broadcast to the room: what every viewer may see. Each client keeps its own
 * `votedByMe` and `mine` (from its snapshot and acknowledgements).
 */
export type RoomQuestion = Omit<QuestionView, 'votedByMe' | 'mine'>;

/**
 * A question as broadcast to the session's moderators: with its author and its latest five edits
 * (`edited` says whether there are any; the full history comes with the room snapshot).
 */
export type RoomModeratorQuestion = Omit<ModeratorQuestionView, 'votedByMe' | 'mine'>;

export interface QuestionRemoved {
  sessionId: string;
  questionId: string;
}

/** Vote counts that changed in the last window. */
export interface ScoresUpdate {
  sessionId: string;
  scores: Array<{ questionId: string; voteCount: number }>;
}

export interface ChatRemoved {
  sessionId: string;
  messageId: string;
}

export interface AskRequest {
  sessionId: string;
  body: string;
  anonymous?: boolean;
  /** Chosen by the client (a UUID); asking again with it returns the first question. */
  clientId: string;
}

export interface VoteRequest {
  questionId: string;
  /** True to upvote, false to withdraw the vote. */
  up: boolean;
}

export interface ModerateRequest {
  questionId: string;
  action: ModeratorAction;
  /** The corrected text, for `edit`. */
  body?: string;
  /**
   * The answer note, for `note` (required) and `answer` (optional): plain text, at most
   * ANSWER_NOTE_MAX_LENGTH characters once trimmed; empty clears it.
   */
  note?: string;
}

export interface RoomSettingsRequest {
  sessionId: string;
  qaMode?: QaMode;
  qaClosed?: boolean;
  chatEnabled?: boolean;
}

export interface ChatSendRequest {
  sessionId: string;
  body: string;
  /** Chosen by the client (a UUID); sending again with it returns the first message. */
  clientId: string;
}

export interface ChatRemoveRequest {
  messageId: string;
}

export interface PollOpenRequest {
  sessionId: string;
  question: string;
  kind: PollKind;
  options: string[];
}

export interface PollVoteRequest {
  pollId: string;
  /** One option for a single-choice poll, one or more for a multiple-choice poll. */
  optionIds: string[];
}

export interface PollCloseRequest {
  pollId: string;
}

type Ack<T extends object = object> = (result: LiveAck<T>) => void;

/**
 * What a client may send. Every event needs its room joined first (except join), every write a
 * signed-in caller, every moderator action a moderator of the session's event.
 */
export interface ClientToServerEvents {
  /**
   * Enters a session's room. The session must be in its event's latest schedule release; anyone
   * may watch a public session, any other audience needs a signed-in caller.
   */
  join: (request: LiveRoomRequest, ack: Ack<{ presence: number; room: RoomSnapshot }>) => void;
  leave: (request: LiveRoomRequest, ack: Ack) => void;
  'question:ask': (
    request: AskRequest,
    ack: Ack<{ question: QuestionView; created: boolean }>,
  ) => void;
  'question:vote': (request: VoteRequest, ack: Ack<{ vote: VoteResult }>) => void;
  'question:moderate': (
    request: ModerateRequest,
    ack: Ack<{ question: ModeratorQuestionView }>,
  ) => void;
  'room:settings': (request: RoomSettingsRequest, ack: Ack<{ settings: RoomSettingsView }>) => void;
  'chat:send': (request: ChatSendRequest, ack: Ack<{ message: ChatMessageView }>) => void;
  'chat:remove': (request: ChatRemoveRequest, ack: Ack) => void;
  'poll:open': (request: PollOpenRequest, ack: Ack<{ poll: MyPollView }>) => void;
  'poll:vote': (request: PollVoteRequest, ack: Ack<{ poll: MyPollView }>) => void;
  'poll:close': (request: PollCloseRequest, ack: Ack<{ poll: MyPollView }>) => void;
}

export interface ServerToClientEvents {
  presence: (update: PresenceUpdate) => void;
  /** A question appeared in the room or changed (status, pin, text, answer note once answered). */
  question: (question: RoomQuestion) => void;
  /** A question left the room (dismissed, or back to pending). */
  'question:removed': (removed: QuestionRemoved) => void;
  /** Moderators only: every change of every question, pending ones included. */
  'question:moderator': (question: RoomModeratorQuestion) => void;
  /** Coalesced vote counts (at most one per LIVE_SCORE_WINDOW_MS per room). */
  scores: (update: ScoresUpdate) => void;
  settings: (settings: RoomSettingsView) => void;
  chat: (message: ChatMessageView) => void;
  'chat:removed': (removed: ChatRemoved) => void;
  /** A poll opened, closed or its results changed (results coalesced like scores). */
  poll: (poll: PollView) => void;
}

/** Between the hub's processes over the live stream (Socket.IO server-side events). */
export interface InterServerEvents {
  /**
   * A release closed these sessions to the public: each live process forgets the event's release
   * it holds and ends the connections in their rooms, so that clients join again under the new one.
   */
  'rooms:closed': (closed: { eventId: string; sessionIds: string[] }) => void;
}

/** What the handshake learnt about the caller, kept on the socket (and recovered with it). */
export interface LiveSocketData {
  /** Null for an anonymous viewer. */
  accountId: string | null;
  /** The sign-in session or API token the socket was opened with (null when anonymous). */
  credentialId: string | null;
}

/** Where a browser connects for the live rooms (`GET /api/live`). */
export interface LiveInfo {
  /** Origin of the live process, e.g. http://localhost:3001. */
  url: string;
  namespace: typeof LIVE_NAMESPACE;
}
