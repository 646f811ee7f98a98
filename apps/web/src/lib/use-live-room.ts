import type {
  ChatMessageView,
  ClientToServerEvents,
  LiveAck,
  LiveError,
  ModeratorAction,
  ModeratorQuestionView,
  MyPollView,
  PollKind,
  QuestionView,
  RoomSettingsRequest,
  RoomSettingsView,
  ServerToClientEvents,
  VoteResult,
} from '@app/contracts';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';
import { useI18n } from '../i18n';
import { api } from './api';
import { EMPTY_ROOM, liveRoomReducer, type LiveRoomState } from './live-room';
import { useSession } from './session';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long a request may wait for its acknowledgement before the page calls it failed. */
const ACK_TIMEOUT_MS = 10_000;
/** Before trying again after the live server could not be found or refused the connection. */
const RETRY_MS = 3_000;

/**
 * - connecting: finding the live server and joining the room
 * - live: in the room, receiving its updates
 * - reconnecting: the connection dropped; Socket.IO is trying again (the room shows what it had)
 * - refused: the room refused to let us in (`refusal` says why)
 */
export type LiveConnection = 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface LiveRoom {
  state: LiveRoomState;
  /** Whether the first snapshot has arrived (before that, `state` is empty). */
  ready: boolean;
  connection: LiveConnection;
  refusal: LiveError | null;
  ask(
    body: string,
    anonymous: boolean,
    clientId: string,
  ): Promise<LiveAck<{ question: QuestionView; created: boolean }>>;
  vote(questionId: string, up: boolean): Promise<LiveAck<{ vote: VoteResult }>>;
  moderate(
    questionId: string,
    action: ModeratorAction,
    body?: string,
  ): Promise<LiveAck<{ question: ModeratorQuestionView }>>;
  /** Sets (or, when empty, clears) what the speakers answered; the status stays. */
  noteAnswer(
    questionId: string,
    note: string,
  ): Promise<LiveAck<{ question: ModeratorQuestionView }>>;
  changeSettings(
    changes: Omit<RoomSettingsRequest, 'sessionId'>,
  ): Promise<LiveAck<{ settings: RoomSettingsView }>>;
  sendChat(body: string, clientId: string): Promise<LiveAck<{ message: ChatMessageView }>>;
  removeChat(messageId: string): Promise<LiveAck>;
  openPoll(
    question: string,
    kind: PollKind,
    options: string[],
  ): Promise<LiveAck<{ poll: MyPollView }>>;
  votePoll(pollId: string, optionIds: string[]): Promise<LiveAck<{ poll: MyPollView }>>;
  closePoll(pollId: string): Promise<LiveAck<{ poll: MyPollView }>>;
}

/**
 * Rejects when `promise` has not settled in time. (Socket.IO's own `timeout()` loses the types of
 * the acknowledgements, so the wait is done here.)
 */
function within<T>(promise: Promise<T>, ms = ACK_TIMEOUT_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('No answer from the live server')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** A UUID for `clientId`: asking again with the same one after a dropped connection stores once. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One session's live room: finds the live server (GET /api/live), connects to its namespace with
 * the session cookie, joins the room on every connection that did not recover its state, and
 * applies what the server sends to the room state. Reconnects as someone else when the person
 * signs in or out.
 */
export function useLiveRoom(sessionId: string): LiveRoom {
  const { t } = useI18n();
  const { me } = useSession();
  // Undefined until the page knows who is signed in: the connection waits for it.
  const identity = me === undefined ? undefined : (me?.id ?? 'anonymous');
  const [state, dispatch] = useReducer(liveRoomReducer, EMPTY_ROOM);
  const [ready, setReady] = useState(false);
  const [connection, setConnection] = useState<LiveConnection>('connecting');
  const [refusal, setRefusal] = useState<LiveError | null>(null);
  const socketRef = useRef<LiveSocket | null>(null);

  useEffect(() => {
    if (identity === undefined) return;
    const controller = new AbortController();
    let socket: LiveSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let joined = false;
    let disposed = false;
    setConnection('connecting');
    setReady(false);

    const later = (run: () => void) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!disposed) run();
      }, RETRY_MS);
    };

    const join = async (live: LiveSocket) => {
      const ack = await within(live.emitWithAck('join', { sessionId })).catch(() => null);
      if (disposed) return;
      if (!ack) {
        // No answer in time: try again while connected (a new connection joins by itself).
        if (live.connected) later(() => void join(live));
        return;
      }
      if (ack.ok) {
        joined = true;
        dispatch({ type: 'snapshot', room: ack.room });
        setReady(true);
        setRefusal(null);
        setConnection('live');
      } else {
        // Refused, perhaps on joining again after losing access (a seat given up, a room a new
        // release closed): what was shown goes, and the refusal says why.
        joined = false;
        setReady(false);
        setRefusal(ack.error);
        setConnection('refused');
      }
    };

    const connect = () => {
      api.live(controller.signal).then(
        (endpoint) => {
          if (disposed) return;
          const live: LiveSocket = io(`${endpoint.url}${endpoint.namespace}`, {
            withCredentials: true,
            transports: ['websocket'],
          });
          socket = live;
          socketRef.current = live;
          live.on('connect', () => {
            // A recovered connection is still in the room and got what it missed replayed.
            if (live.recovered && joined) setConnection('live');
            else void join(live);
          });
          live.on('disconnect', (reason) => {
            if (disposed) return;
            setConnection('reconnecting');
            // The server closed it on purpose: Socket.IO does not come back by itself then.
            if (reason === 'io server disconnect') later(() => live.connect());
          });
          live.on('connect_error', () => {
            if (disposed) return;
            setConnection((current) => (current === 'refused' ? current : 'reconnecting'));
            // Refused by the handshake (e.g. its middleware): try again ourselves.
            if (!live.active) later(() => live.connect());
          });
          live.on('presence', (update) => {
            if (update.sessionId === sessionId) dispatch({ type: 'presence', count: update.count });
          });
          live.on('question', (question) => {
            if (question.sessionId === sessionId) dispatch({ type: 'question', question });
          });
          live.on('question:moderator', (question) => {
            if (question.sessionId === sessionId) {
              dispatch({ type: 'question:moderator', question });
            }
          });
          live.on('question:removed', (removed) => {
            if (removed.sessionId === sessionId) {
              dispatch({ type: 'question:removed', questionId: removed.questionId });
            }
          });
          live.on('scores', (update) => {
            if (update.sessionId === sessionId) dispatch({ type: 'scores', scores: update.scores });
          });
          live.on('settings', (settings) => {
            if (settings.sessionId === sessionId) dispatch({ type: 'settings', settings });
          });
          live.on('chat', (message) => {
            if (message.sessionId === sessionId) dispatch({ type: 'chat', message });
          });
          live.on('chat:removed', (removed) => {
            if (removed.sessionId === sessionId) {
              dispatch({ type: 'chat:removed', messageId: removed.messageId });
            }
          });
          live.on('poll', (poll) => {
            if (poll.sessionId === sessionId) dispatch({ type: 'poll', poll });
          });
        },
        () => {
          if (disposed) return;
          setConnection('reconnecting');
          later(connect);
        },
      );
    };
    connect();

    return () => {
      disposed = true;
      controller.abort();
      clearTimeout(timer);
      const live = socket;
      if (live) {
        live.removeAllListeners();
        live.disconnect();
      }
      socketRef.current = null;
    };
  }, [sessionId, identity]);

  const refused = useCallback(
    (message: 'live.offline' | 'live.noAnswer'): { ok: false; error: LiveError } => ({
      ok: false,
      error: { code: 'unavailable', message: t(message) },
    }),
    [t],
  );

  /** Sends a request when connected, and turns a missing acknowledgement into a refusal. */
  const send = useCallback(
    async <T extends object>(
      run: (socket: LiveSocket) => Promise<LiveAck<T>>,
    ): Promise<LiveAck<T>> => {
      const socket = socketRef.current;
      if (!socket?.connected) return refused('live.offline');
      try {
        return await within(run(socket));
      } catch {
        return refused(socket.connected ? 'live.noAnswer' : 'live.offline');
      }
    },
    [refused],
  );

  return useMemo<LiveRoom>(
    () => ({
      state,
      ready,
      connection,
      refusal,
      async ask(body, anonymous, clientId) {
        const ack = await send((s) =>
          s.emitWithAck('question:ask', { sessionId, body, anonymous, clientId }),
        );
        if (ack.ok) dispatch({ type: 'question:mine', question: ack.question });
        return ack;
      },
      async vote(questionId, up) {
        const ack = await send((s) => s.emitWithAck('question:vote', { questionId, up }));
        if (ack.ok) dispatch({ type: 'vote', vote: ack.vote });
        return ack;
      },
      async moderate(questionId, action, body) {
        const ack = await send((s) =>
          s.emitWithAck('question:moderate', {
            questionId,
            action,
            ...(body === undefined ? {} : { body }),
          }),
        );
        if (ack.ok) dispatch({ type: 'question:mine', question: ack.question });
        return ack;
      },
      async noteAnswer(questionId, note) {
        const ack = await send((s) =>
          s.emitWithAck('question:moderate', { questionId, action: 'note', note }),
        );
        if (ack.ok) dispatch({ type: 'question:mine', question: ack.question });
        return ack;
      },
      async changeSettings(changes) {
        const ack = await send((s) => s.emitWithAck('room:settings', { sessionId, ...changes }));
        if (ack.ok) dispatch({ type: 'settings', settings: ack.settings });
        return ack;
      },
      async sendChat(body, clientId) {
        const ack = await send((s) => s.emitWithAck('chat:send', { sessionId, body, clientId }));
        if (ack.ok) dispatch({ type: 'chat', message: ack.message });
        return ack;
      },
      async removeChat(messageId) {
        const ack = await send((s) => s.emitWithAck('chat:remove', { messageId }));
        if (ack.ok) dispatch({ type: 'chat:removed', messageId });
        return ack;
      },
      async openPoll(question, kind, options) {
        const ack = await send((s) =>
          s.emitWithAck('poll:open', { sessionId, question, kind, options }),
        );
        if (ack.ok) dispatch({ type: 'poll', poll: ack.poll });
        return ack;
      },
      async votePoll(pollId, optionIds) {
        const ack = await send((s) => s.emitWithAck('poll:vote', { pollId, optionIds }));
        if (ack.ok) dispatch({ type: 'poll', poll: ack.poll });
        return ack;
      },
      async closePoll(pollId) {
        const ack = await send((s) => s.emitWithAck('poll:close', { pollId }));
        if (ack.ok) dispatch({ type: 'poll', poll: ack.poll });
        return ack;
      },
    }),
    [state, ready, connection, refusal, send, sessionId],
  );
}
