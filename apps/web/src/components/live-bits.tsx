import type {
  ChatMessageView,
  LiveAck,
  LiveErrorCode,
  MyPollView,
  PollView,
  SessionDetail,
} from '@app/contracts';
import { CHAT_MAX_LENGTH } from '@app/contracts';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type I18n, type MessageKey, useI18n } from '../i18n';
import { api, ApiError } from '../lib/api';
import type { LiveQuestion } from '../lib/live-room';
import { signInHref } from '../lib/next-path';
import { useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { formatTime } from '../lib/time';
import { useApi } from '../lib/use-api';
import { newClientId, type LiveRoom, useLiveRoom } from '../lib/use-live-room';
import { LoadError, Loading, NotFound } from './status';

/** Loads the session (for its title and links) and opens its live room for `children`. */
export function LiveSessionGate({
  id,
  children,
}: {
  id: string;
  children: (session: SessionDetail, room: LiveRoom) => ComponentChildren;
}) {
  const { t } = useI18n();
  const session = useApi(`session:${id}`, (signal) => api.session(id, signal));
  const missing =
    session.status === 'error' &&
    session.error instanceof ApiError &&
    (session.error.isNotFound || session.error.status === 400);
  if (missing) {
    return (
      <NotFound title={t('session.notFoundTitle')}>
        <p>{t('session.notFoundBody')}</p>
      </NotFound>
    );
  }
  if (session.status === 'error' && !session.data) {
    return <LoadError error={session.error} onRetry={session.retry} />;
  }
  if (!session.data) return <Loading />;
  return (
    <LiveRoomOf session={session.data} key={session.data.id}>
      {children}
    </LiveRoomOf>
  );
}

function LiveRoomOf({
  session,
  children,
}: {
  session: SessionDetail;
  children: (session: SessionDetail, room: LiveRoom) => ComponentChildren;
}) {
  const room = useLiveRoom(session.id);
  return <>{children(session, room)}</>;
}

/** The room's presence and connection state, announced politely. */
export function LiveStatus({ room }: { room: LiveRoom }) {
  const { t, plural } = useI18n();
  const { connection, state } = room;
  return (
    <p class="live-status" role="status">
      {connection === 'live' && (
        <span class="live-presence">
          <span class="live-dot live-dot-on" aria-hidden="true" />
          {plural('live.presence', state.presence)}
        </span>
      )}
      {connection === 'connecting' && <span class="live-connecting">{t('live.connecting')}</span>}
      {connection === 'reconnecting' && (
        <span class="live-reconnecting">{t('live.reconnecting')}</span>
      )}
    </p>
  );
}

/** The refusals a room's door can give, in the reader's language. */
const ROOM_REFUSALS = {
  not_found: 'live.refusal.notFound',
  sign_in_required: 'live.refusal.signIn',
  forbidden: 'live.refusal.forbidden',
  rate_limited: 'live.refusal.rateLimited',
  unavailable: 'live.refusal.unavailable',
} as const satisfies Partial<Record<LiveErrorCode, MessageKey>>;

/** Why the room could not be entered, when the server refused. */
export function LiveRefusal({ room }: { room: LiveRoom }) {
  const { t } = useI18n();
  const { path } = useLocation();
  if (room.connection !== 'refused' || !room.refusal) return null;
  const { code } = room.refusal;
  const known = code in ROOM_REFUSALS ? ROOM_REFUSALS[code as keyof typeof ROOM_REFUSALS] : null;
  const session = path.replace(/\/(live|moderate|present)\/?$/, '');
  return (
    <div class="notice notice-error" role="alert">
      <p>{t('live.refused')}</p>
      {known ? <p>{t(known)}</p> : <p class="server-message">{room.refusal.message}</p>}
      {code === 'forbidden' && (
        <p>
          <a class="button" href={session}>
            {t('live.toSession')}
          </a>
        </p>
      )}
      {code === 'sign_in_required' && (
        <p>
          <a class="button" href={signInHref(path)}>
            {t('account.signIn')}
          </a>
        </p>
      )}
    </div>
  );
}

/** The message of a refused request, for a status line. */
export function ackError(ack: LiveAck): string | null {
  return ack.ok ? null : ack.error.message;
}

export function ActionError({ message }: { message: string | null }) {
  return (
    <p class="live-error" role="alert">
      {message}
    </p>
  );
}

export function useClock(): (instant: string) => string {
  const { intlLocale } = useI18n();
  const { timeZone } = useSession();
  return (instant) => formatTime(new Date(instant), intlLocale, timeZone);
}

/** Who asked: their name, "Anonymous", or a neutral word for an account without a name. */
export function authorLabel(
  question: { authorName: string | null; anonymous: boolean },
  t: I18n['t'],
): string {
  if (question.anonymous) return t('live.anonymous');
  return question.authorName?.trim() || t('live.someone');
}

/** Who asked, when, and the question's state, as small print under its text. */
export function QuestionMeta({ question }: { question: LiveQuestion }) {
  const { t } = useI18n();
  const clock = useClock();
  return (
    <p class="question-meta">
      <span class="question-author">{authorLabel(question, t)}</span>
      <span aria-hidden="true"> · </span>
      <time dateTime={question.createdAt}>{clock(question.createdAt)}</time>
      {question.pinned && <span class="badge badge-pinned">{t('live.pinned')}</span>}
      {question.status === 'answered' && (
        <span class="badge badge-answered">{t('live.answered')}</span>
      )}
      {question.status === 'pending' && (
        <span class="badge badge-pending">{t('live.awaitingModeration')}</span>
      )}
      {question.status === 'dismissed' && (
        <span class="badge badge-dismissed">{t('live.dismissed')}</span>
      )}
      {question.edited && <span class="badge badge-neutral">{t('live.edited')}</span>}
      {question.mine && <span class="badge badge-neutral">{t('live.yours')}</span>}
    </p>
  );
}

/**
 * What the speakers answered, as a moderator noted it: plain text, escaped like every question
 * (the room's copy is null until the question is answered).
 */
export function AnswerNote({ question }: { question: LiveQuestion }) {
  const { t } = useI18n();
  if (!question.answerNote) return null;
  return (
    <p class="question-answer-note">
      <span class="answer-note-label">{t('live.answerLabel')}</span> {question.answerNote}
    </p>
  );
}

/** A poll's results as bars: votes per option and their share of the voters. */
export function PollResults({ poll, large = false }: { poll: PollView; large?: boolean }) {
  const { plural } = useI18n();
  const mine = new Set('myChoices' in poll ? (poll as MyPollView).myChoices : []);
  return (
    <ul class={`poll-results${large ? ' poll-results-large' : ''}`} role="list">
      {poll.options.map((option) => {
        const share = poll.voters > 0 ? Math.round((option.votes / poll.voters) * 100) : 0;
        return (
          <li key={option.id} class={`poll-result${mine.has(option.id) ? ' is-mine' : ''}`}>
            <div class="poll-result-label">
              <span class="poll-option-label">{option.label}</span>
              <span class="poll-count">
                {plural('live.votes', option.votes)} · {share}%
              </span>
            </div>
            <div class="poll-bar" aria-hidden="true">
              <span class="poll-bar-fill" style={{ width: `${share}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** One poll: its question, a ballot while it is open (signed in), and its live results. */
export function PollCard({
  poll,
  room,
  readOnly = false,
  children,
}: {
  poll: MyPollView;
  room: LiveRoom;
  /** The session is over: results only. */
  readOnly?: boolean;
  children?: ComponentChildren;
}) {
  const { t, plural } = useI18n();
  const [choices, setChoices] = useState<string[]>(poll.myChoices);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const voted = poll.myChoices.length > 0;
  const open = poll.status === 'open';
  const canVote = open && room.state.signedIn && !readOnly;
  const name = `poll-${poll.id}`;

  useEffect(() => setChoices(poll.myChoices), [poll.myChoices]);

  const toggle = (optionId: string, checked: boolean) => {
    if (poll.kind === 'single') setChoices(checked ? [optionId] : []);
    else
      setChoices((current) =>
        checked
          ? [...current.filter((c) => c !== optionId), optionId]
          : current.filter((c) => c !== optionId),
      );
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (choices.length === 0) return;
    setBusy(true);
    const ack = await room.votePoll(poll.id, choices);
    setBusy(false);
    setError(ackError(ack));
  };

  return (
    <article class={`poll-card${open ? '' : ' is-closed'}`} aria-labelledby={`${name}-q`}>
      <p class="badges">
        <span class={`badge ${open ? 'badge-live' : 'badge-neutral'}`}>
          {open ? t('live.pollOpen') : t('live.pollClosed')}
        </span>
        <span class="badge badge-neutral">
          {poll.kind === 'single' ? t('live.pollSingle') : t('live.pollMultiple')}
        </span>
      </p>
      <h3 id={`${name}-q`} class="poll-question">
        {poll.question}
      </h3>
      {canVote && (
        <form class="poll-ballot" onSubmit={(event) => void submit(event)}>
          <fieldset>
            <legend class="visually-hidden">{poll.question}</legend>
            {poll.options.map((option) => (
              <div key={option.id} class="checkbox-field">
                <input
                  id={`${name}-${option.id}`}
                  type={poll.kind === 'single' ? 'radio' : 'checkbox'}
                  name={name}
                  value={option.id}
                  checked={choices.includes(option.id)}
                  onChange={(event) => toggle(option.id, event.currentTarget.checked)}
                />
                <label for={`${name}-${option.id}`}>{option.label}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="button button-small" disabled={busy || choices.length === 0}>
            {voted ? t('live.changeVote') : t('live.vote')}
          </button>
          <ActionError message={error} />
        </form>
      )}
      <PollResults poll={poll} />
      <p class="poll-voters">{plural('live.voters', poll.voters)}</p>
      {children}
    </article>
  );
}

/** The room's chat: messages (newest at the bottom) and, for signed-in people, a message box. */
export function ChatPanel({
  room,
  onRemove,
  readOnly = false,
}: {
  room: LiveRoom;
  onRemove?: (message: ChatMessageView) => void;
  /** The session is over: the messages only. */
  readOnly?: boolean;
}) {
  const { t } = useI18n();
  const clock = useClock();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const clientId = useRef(newClientId());
  const listRef = useRef<HTMLOListElement>(null);
  const { chat, signedIn } = room.state;

  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [chat.length]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    const ack = await room.sendChat(body, clientId.current);
    setBusy(false);
    setError(ackError(ack));
    if (ack.ok) {
      setBody('');
      clientId.current = newClientId();
    }
  };

  return (
    <section class="live-panel chat-panel" aria-labelledby="chat-heading">
      <h2 id="chat-heading">{t('live.chat')}</h2>
      {chat.length === 0 ? (
        <p class="live-empty">{t('live.chatEmpty')}</p>
      ) : (
        <ol class="chat-list" ref={listRef} aria-live="polite" tabIndex={0}>
          {chat.map((message) => (
            <li key={message.id} class="chat-message">
              <p class="chat-meta">
                <span class="chat-author">{message.authorName.trim() || t('live.someone')}</span>{' '}
                <time dateTime={message.createdAt}>{clock(message.createdAt)}</time>
              </p>
              <p class="chat-body">{message.body}</p>
              {onRemove && (
                <button
                  type="button"
                  class="button button-small button-danger-quiet button-quiet"
                  onClick={() => onRemove(message)}
                >
                  {t('live.remove')}
                  <span class="visually-hidden">: {message.body}</span>
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {signedIn && !readOnly ? (
        <form class="chat-form" onSubmit={(event) => void submit(event)}>
          <label for="chat-body" class="visually-hidden">
            {t('live.chatMessage')}
          </label>
          <input
            id="chat-body"
            type="text"
            value={body}
            maxLength={CHAT_MAX_LENGTH}
            autocomplete="off"
            placeholder={t('live.chatPlaceholder')}
            onInput={(event) => {
              setBody(event.currentTarget.value);
              clientId.current = newClientId();
            }}
          />
          <button type="submit" class="button button-small" disabled={busy || !body.trim()}>
            {t('live.send')}
          </button>
          <ActionError message={error} />
        </form>
      ) : null}
    </section>
  );
}
