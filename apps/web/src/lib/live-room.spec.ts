import type { ModeratorQuestionView, MyPollView, QuestionView, RoomSnapshot } from '@app/contracts';
import { describe, expect, it } from '@jest/globals';
import {
  EMPTY_ROOM,
  type LiveRoomState,
  liveRoomReducer,
  presenterQuestions,
  roomQuestions,
  sortQuestions,
} from './live-room';

const SESSION = '00000000-0000-4000-8000-000000000001';

function question(id: string, changes: Partial<QuestionView> = {}): QuestionView {
  return {
    id,
    sessionId: SESSION,
    authorName: 'Ana',
    anonymous: false,
    body: `Question ${id}`,
    status: 'visible',
    pinned: false,
    voteCount: 0,
    votedByMe: false,
    mine: false,
    edited: false,
    createdAt: '2026-11-28T10:00:00.000Z',
    updatedAt: '2026-11-28T10:00:00.000Z',
    answeredAt: null,
    answerNote: null,
    ...changes,
  };
}

function snapshot(changes: Partial<RoomSnapshot> = {}): RoomSnapshot {
  return {
    sessionId: SESSION,
    settings: { sessionId: SESSION, qaMode: 'open', qaClosed: false, chatEnabled: true },
    moderator: false,
    signedIn: true,
    questions: [],
    chat: [],
    polls: [],
    presence: 1,
    ...changes,
  };
}

function joined(changes: Partial<RoomSnapshot> = {}): LiveRoomState {
  return liveRoomReducer(EMPTY_ROOM, { type: 'snapshot', room: snapshot(changes) });
}

const poll: MyPollView = {
  id: 'p1',
  sessionId: SESSION,
  question: 'Which?',
  kind: 'single',
  status: 'open',
  options: [
    { id: 'o1', label: 'One', votes: 0 },
    { id: 'o2', label: 'Two', votes: 0 },
  ],
  voters: 0,
  createdAt: '2026-11-28T10:00:00.000Z',
  closedAt: null,
  myChoices: [],
};

describe('live room reducer', () => {
  it('keeps my vote and authorship when a broadcast changes a question', () => {
    let state = joined({ questions: [question('q1', { votedByMe: true, mine: true })] });
    const { votedByMe: _v, mine: _m, ...broadcast } = question('q1', { pinned: true });
    state = liveRoomReducer(state, { type: 'question', question: broadcast });
    expect(state.questions[0]).toMatchObject({ pinned: true, votedByMe: true, mine: true });
  });

  it('adds a new broadcast question as neither voted nor mine', () => {
    const { votedByMe: _v, mine: _m, ...broadcast } = question('q2');
    const state = liveRoomReducer(joined(), { type: 'question', question: broadcast });
    expect(state.questions).toEqual([question('q2')]);
  });

  it('applies coalesced scores and my own vote', () => {
    let state = joined({ questions: [question('q1'), question('q2')] });
    state = liveRoomReducer(state, {
      type: 'scores',
      scores: [{ questionId: 'q2', voteCount: 4 }],
    });
    expect(state.questions.map((q) => q.voteCount)).toEqual([0, 4]);
    state = liveRoomReducer(state, {
      type: 'vote',
      vote: { questionId: 'q1', voteCount: 1, votedByMe: true },
    });
    expect(state.questions[0]).toMatchObject({ voteCount: 1, votedByMe: true });
  });

  it('shows my pending question to me, keeps it across a fresh snapshot, drops it when removed', () => {
    let state = liveRoomReducer(joined(), {
      type: 'question:mine',
      question: question('mine', { status: 'pending', mine: true }),
    });
    expect(roomQuestions(state).map((q) => q.id)).toEqual(['mine']);
    state = liveRoomReducer(state, { type: 'snapshot', room: snapshot({ presence: 3 }) });
    expect(roomQuestions(state).map((q) => q.id)).toEqual(['mine']);
    state = liveRoomReducer(state, { type: 'question:removed', questionId: 'mine' });
    expect(state.questions).toEqual([]);
  });

  it('does not list other people’s pending questions to viewers', () => {
    const state = joined({ questions: [question('p', { status: 'pending' })] });
    expect(roomQuestions(state)).toEqual([]);
  });

  it('gives moderators the moderator events and keeps removed questions with their status', () => {
    const moderatorQuestion: ModeratorQuestionView = {
      ...question('q1', { status: 'pending' }),
      author: { accountId: 'a1', name: 'Ana' },
      clientId: 'c1',
      edits: [],
    };
    let state = joined({ moderator: true, questions: [moderatorQuestion] });
    const {
      votedByMe: _v,
      mine: _m,
      ...dismissed
    } = { ...moderatorQuestion, status: 'dismissed' as const };
    state = liveRoomReducer(state, { type: 'question:removed', questionId: 'q1' });
    state = liveRoomReducer(state, { type: 'question:moderator', question: dismissed });
    expect(state.questions).toHaveLength(1);
    expect(state.questions[0]).toMatchObject({ status: 'dismissed', author: { name: 'Ana' } });

    // A viewer ignores moderator events.
    const viewer = liveRoomReducer(joined(), { type: 'question:moderator', question: dismissed });
    expect(viewer.questions).toEqual([]);
  });

  it('shows the room the answer note once answered; a moderator keeps it from the room’s copy', () => {
    // The room: the note arrives with the answered question.
    let room = joined({ questions: [question('q1')] });
    const {
      votedByMe: _v,
      mine: _m,
      ...answered
    } = question('q1', {
      status: 'answered',
      answerNote: 'In 2027, <b>city-wide</b>.',
    });
    room = liveRoomReducer(room, { type: 'question', question: answered });
    expect(room.questions[0]).toMatchObject({
      status: 'answered',
      answerNote: answered.answerNote,
    });

    // A moderator noted a question still open: their event has the note, the room's has null.
    const noted: ModeratorQuestionView = {
      ...question('q2', { answerNote: 'Noted early' }),
      author: { accountId: 'a1', name: 'Ana' },
      clientId: 'c1',
      edits: [],
    };
    let mod = joined({ moderator: true, questions: [{ ...noted, answerNote: null }] });
    const { votedByMe: _v2, mine: _m2, ...moderatorCopy } = noted;
    const {
      author: _a,
      clientId: _c,
      edits: _e,
      ...roomCopy
    } = {
      ...moderatorCopy,
      answerNote: null,
    };
    mod = liveRoomReducer(mod, { type: 'question:moderator', question: moderatorCopy });
    mod = liveRoomReducer(mod, { type: 'question', question: { ...roomCopy, pinned: true } });
    expect(mod.questions[0]).toMatchObject({ answerNote: 'Noted early', pinned: true });

    // A viewer never keeps a note the room's copy does not have.
    let viewer = joined({ questions: [question('q2')] });
    viewer = liveRoomReducer(viewer, { type: 'question', question: roomCopy });
    expect(viewer.questions[0]?.answerNote).toBeNull();
  });

  it('appends chat once, removes it, and keeps my poll choices over broadcast results', () => {
    const message = {
      id: 'm1',
      sessionId: SESSION,
      authorName: 'Ben',
      body: '<b>hi</b>',
      createdAt: '2026-11-28T10:00:00.000Z',
    };
    let state = liveRoomReducer(joined(), { type: 'chat', message });
    state = liveRoomReducer(state, { type: 'chat', message });
    expect(state.chat).toEqual([message]);
    state = liveRoomReducer(state, { type: 'chat:removed', messageId: 'm1' });
    expect(state.chat).toEqual([]);

    state = liveRoomReducer(state, { type: 'poll', poll: { ...poll, myChoices: ['o1'] } });
    const { myChoices: _c, ...results } = {
      ...poll,
      voters: 2,
      options: [
        { id: 'o1', label: 'One', votes: 1 },
        { id: 'o2', label: 'Two', votes: 1 },
      ],
    };
    state = liveRoomReducer(state, { type: 'poll', poll: results });
    expect(state.polls).toHaveLength(1);
    expect(state.polls[0]).toMatchObject({ voters: 2, myChoices: ['o1'] });
  });

  it('sorts pinned first, then by votes or newest, answered last', () => {
    const questions = [
      question('old', { voteCount: 7, createdAt: '2026-11-28T10:00:00.000Z' }),
      question('new', { voteCount: 5, createdAt: '2026-11-28T10:05:00.000Z' }),
      question('pinned', { pinned: true, createdAt: '2026-11-28T09:00:00.000Z' }),
      question('answered', { status: 'answered', voteCount: 9 }),
    ];
    expect(sortQuestions(questions, 'votes').map((q) => q.id)).toEqual([
      'pinned',
      'old',
      'new',
      'answered',
    ]);
    expect(sortQuestions(questions, 'time').map((q) => q.id)).toEqual([
      'pinned',
      'new',
      'old',
      'answered',
    ]);
    const state = joined({ questions });
    expect(presenterQuestions(state).pinned?.id).toBe('pinned');
    expect(presenterQuestions(state).top.map((q) => q.id)).toEqual(['old', 'new']);
  });
});
