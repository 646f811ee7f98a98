import type {
  ChatMessageView,
  ModeratorQuestionView,
  MyPollView,
  PollView,
  QuestionSort,
  QuestionView,
  RoomModeratorQuestion,
  RoomQuestion,
  RoomSettingsView,
  RoomSnapshot,
  VoteResult,
} from '@app/contracts';
import { LIVE_CHAT_HISTORY } from '@app/contracts';

/**
 * The state of one live room as this browser sees it, and the pure reducer that applies the
 * server's snapshot, broadcasts and acknowledgements to it. The socket itself lives in
 * `use-live-room.ts`; everything here is plain data, so it can be unit-tested.
 */

/** A question as this client keeps it: moderators get the author and edit history too. */
export type LiveQuestion = QuestionView & Partial<Omit<ModeratorQuestionView, keyof QuestionView>>;

export interface LiveRoomState {
  /** Null until the first snapshot. */
  settings: RoomSettingsView | null;
  moderator: boolean;
  signedIn: boolean;
  questions: LiveQuestion[];
  /** Oldest first, at most LIVE_CHAT_HISTORY. */
  chat: ChatMessageView[];
  /** Newest first. */
  polls: MyPollView[];
  presence: number;
}

export const EMPTY_ROOM: LiveRoomState = {
  settings: null,
  moderator: false,
  signedIn: false,
  questions: [],
  chat: [],
  polls: [],
  presence: 0,
};

export type LiveRoomAction =
  | { type: 'snapshot'; room: RoomSnapshot }
  | { type: 'presence'; count: number }
  | { type: 'question'; question: RoomQuestion }
  | { type: 'question:moderator'; question: RoomModeratorQuestion }
  /** What an ask or a moderation answered: the viewer's own view of the question. */
  | { type: 'question:mine'; question: QuestionView | ModeratorQuestionView }
  | { type: 'question:removed'; questionId: string }
  | { type: 'scores'; scores: Array<{ questionId: string; voteCount: number }> }
  | { type: 'vote'; vote: VoteResult }
  | { type: 'settings'; settings: RoomSettingsView }
  | { type: 'chat'; message: ChatMessageView }
  | { type: 'chat:removed'; messageId: string }
  | { type: 'poll'; poll: PollView | MyPollView };

function upsert(
  questions: LiveQuestion[],
  incoming: Partial<LiveQuestion> & { id: string },
  fresh: (incoming: Partial<LiveQuestion> & { id: string }) => LiveQuestion,
): LiveQuestion[] {
  const index = questions.findIndex((q) => q.id === incoming.id);
  if (index === -1) return [...questions, fresh(incoming)];
  const next = questions.slice();
  next[index] = { ...questions[index], ...incoming };
  return next;
}

/** A broadcast question the client has not seen: not voted by me, not mine (as far as we know). */
function broadcastQuestion(incoming: Partial<LiveQuestion> & { id: string }): LiveQuestion {
  return { votedByMe: false, mine: false, ...incoming } as LiveQuestion;
}

function withoutPersonal<T extends Partial<QuestionView>>(question: T): T {
  // Broadcasts carry neither; if a server sent them anyway, they are about someone else.
  const copy = { ...question };
  delete copy.votedByMe;
  delete copy.mine;
  return copy;
}

export function liveRoomReducer(state: LiveRoomState, action: LiveRoomAction): LiveRoomState {
  switch (action.type) {
    case 'snapshot': {
      const { room } = action;
      const known = new Set(room.questions.map((q) => q.id));
      // My own pending questions are not in a viewer's snapshot: keep the ones I asked.
      const myPending = state.questions.filter(
        (q) => q.mine && q.status === 'pending' && !known.has(q.id) && !room.moderator,
      );
      return {
        settings: room.settings,
        moderator: room.moderator,
        signedIn: room.signedIn,
        questions: [...room.questions, ...myPending],
        chat: room.chat.slice(-LIVE_CHAT_HISTORY),
        polls: room.polls,
        presence: room.presence,
      };
    }
    case 'presence':
      return { ...state, presence: action.count };
    case 'question': {
      const incoming = withoutPersonal(action.question);
      // Moderators get the answer note with their own event; the room's copy (null until the
      // question is answered) must not wipe the note they already have.
      if (state.moderator && state.questions.some((q) => q.id === incoming.id)) {
        const { answerNote: _roomNote, ...rest } = incoming;
        return { ...state, questions: upsert(state.questions, rest, broadcastQuestion) };
      }
      return { ...state, questions: upsert(state.questions, incoming, broadcastQuestion) };
    }
    case 'question:moderator':
      if (!state.moderator) return state;
      return {
        ...state,
        questions: upsert(state.questions, withoutPersonal(action.question), broadcastQuestion),
      };
    case 'question:mine':
      return {
        ...state,
        questions: upsert(state.questions, action.question, (q) => q as LiveQuestion),
      };
    case 'question:removed':
      // A moderator keeps dismissed and pending ones (their new status comes with the moderator
      // event); everyone else, the author included, no longer sees it.
      if (state.moderator) return state;
      return {
        ...state,
        questions: state.questions.filter((q) => q.id !== action.questionId),
      };
    case 'scores': {
      const counts = new Map(action.scores.map((s) => [s.questionId, s.voteCount]));
      if (!state.questions.some((q) => counts.has(q.id))) return state;
      return {
        ...state,
        questions: state.questions.map((q) =>
          counts.has(q.id) ? { ...q, voteCount: counts.get(q.id) ?? q.voteCount } : q,
        ),
      };
    }
    case 'vote':
      return {
        ...state,
        questions: state.questions.map((q) =>
          q.id === action.vote.questionId
            ? { ...q, voteCount: action.vote.voteCount, votedByMe: action.vote.votedByMe }
            : q,
        ),
      };
    case 'settings':
      return { ...state, settings: action.settings };
    case 'chat':
      if (state.chat.some((m) => m.id === action.message.id)) return state;
      return { ...state, chat: [...state.chat, action.message].slice(-LIVE_CHAT_HISTORY) };
    case 'chat:removed':
      return { ...state, chat: state.chat.filter((m) => m.id !== action.messageId) };
    case 'poll': {
      const index = state.polls.findIndex((p) => p.id === action.poll.id);
      if (index === -1) {
        const poll: MyPollView = { myChoices: [], ...action.poll };
        return { ...state, polls: [poll, ...state.polls] };
      }
      const polls = state.polls.slice();
      polls[index] = { ...polls[index], ...action.poll };
      return { ...state, polls };
    }
  }
}

const time = (q: LiveQuestion) => Date.parse(q.createdAt);

/**
 * The order the room shows: pinned first, then by votes (oldest first among equals) or newest
 * first. Answered questions follow the open ones.
 */
export function sortQuestions(questions: LiveQuestion[], sort: QuestionSort): LiveQuestion[] {
  return questions.slice().sort((a, b) => {
    if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
    const answeredA = a.status === 'answered';
    const answeredB = b.status === 'answered';
    if (answeredA !== answeredB) return answeredA ? 1 : -1;
    if (sort === 'votes' && a.voteCount !== b.voteCount) return b.voteCount - a.voteCount;
    if (sort === 'votes') return time(a) - time(b);
    return time(b) - time(a);
  });
}

/** What the room lists: visible and answered ones, and my own question awaiting moderation. */
export function roomQuestions(state: LiveRoomState): LiveQuestion[] {
  return state.questions.filter(
    (q) => q.status === 'visible' || q.status === 'answered' || (q.status === 'pending' && q.mine),
  );
}

/** For the projector: the pinned question, then the five most voted open ones. */
export function presenterQuestions(state: LiveRoomState): {
  pinned: LiveQuestion | null;
  top: LiveQuestion[];
} {
  const open = sortQuestions(
    state.questions.filter((q) => q.status === 'visible'),
    'votes',
  );
  const pinned = open.find((q) => q.pinned) ?? null;
  return { pinned, top: open.filter((q) => !q.pinned).slice(0, 5) };
}
