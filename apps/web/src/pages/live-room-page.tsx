import type { QuestionSort, SessionDetail } from '@app/contracts';
import { QUESTION_MAX_LENGTH } from '@app/contracts';
import { useRef, useState } from 'preact/hooks';
import {
  ActionError,
  AnswerNote,
  ChatPanel,
  LiveRefusal,
  LiveSessionGate,
  LiveStatus,
  PollCard,
  QuestionMeta,
  ackError,
} from '../components/live-bits';
import { InlineLoading } from '../components/status';
import { useI18n } from '../i18n';
import type { LiveQuestion } from '../lib/live-room';
import { roomQuestions, sortQuestions } from '../lib/live-room';
import { signInHref } from '../lib/next-path';
import { organises, useSession } from '../lib/session';
import { sessionPhase } from '../lib/time';
import { newClientId, type LiveRoom } from '../lib/use-live-room';
import { useNow } from '../lib/use-now';
import { usePageTitle } from '../lib/use-page-title';

function AskForm({ room, ended }: { room: LiveRoom; ended: boolean }) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const clientId = useRef(newClientId());
  const settings = room.state.settings;
  const length = body.trim().length;

  if (ended) return <p class="notice">{t('live.endedNotice')}</p>;
  if (settings?.qaClosed) {
    return <p class="notice">{t('live.qaClosed')}</p>;
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    if (length === 0 || length > QUESTION_MAX_LENGTH) return;
    setBusy(true);
    setDone(null);
    const ack = await room.ask(body, anonymous, clientId.current);
    setBusy(false);
    setError(ackError(ack));
    if (ack.ok) {
      setBody('');
      clientId.current = newClientId();
      setDone(ack.question.status === 'pending' ? t('live.askedPending') : t('live.askedVisible'));
    }
  };

  return (
    <form class="live-panel ask-form" onSubmit={(event) => void submit(event)}>
      <h2 id="ask-heading">{t('live.askTitle')}</h2>
      {settings?.qaMode === 'pre-approved' && <p class="field-hint">{t('live.preApprovedHint')}</p>}
      <div class="form-field">
        <label for="ask-body">{t('live.yourQuestion')}</label>
        <textarea
          id="ask-body"
          rows={3}
          value={body}
          maxLength={QUESTION_MAX_LENGTH}
          aria-describedby="ask-counter"
          onInput={(event) => {
            setBody(event.currentTarget.value);
            setDone(null);
            clientId.current = newClientId();
          }}
        />
        <p id="ask-counter" class="char-counter" aria-live="polite">
          {t('live.charsLeft', { n: QUESTION_MAX_LENGTH - body.length, max: QUESTION_MAX_LENGTH })}
        </p>
      </div>
      <div class="checkbox-field">
        <input
          id="ask-anonymous"
          type="checkbox"
          checked={anonymous}
          onChange={(event) => setAnonymous(event.currentTarget.checked)}
        />
        <label for="ask-anonymous">{t('live.askAnonymously')}</label>
      </div>
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy || length === 0}>
          {t('live.ask')}
        </button>
        <p class="form-status" role="status">
          {done}
        </p>
      </div>
      <ActionError message={error} />
    </form>
  );
}

function QuestionItem({
  question,
  room,
  readOnly,
}: {
  question: LiveQuestion;
  room: LiveRoom;
  readOnly: boolean;
}) {
  const { t, plural } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canVote = room.state.signedIn && question.status === 'visible' && !readOnly;

  const toggleVote = async () => {
    setBusy(true);
    const ack = await room.vote(question.id, !question.votedByMe);
    setBusy(false);
    setError(ackError(ack));
  };

  const classes = ['question'];
  if (question.pinned) classes.push('is-pinned');
  if (question.status === 'answered') classes.push('is-answered');
  if (question.status === 'pending') classes.push('is-pending');
  return (
    <li class={classes.join(' ')} data-question-id={question.id}>
      <div class="question-votes">
        {canVote ? (
          <button
            type="button"
            class="vote-button"
            aria-pressed={question.votedByMe}
            disabled={busy}
            onClick={() => void toggleVote()}
            title={question.votedByMe ? t('live.withdrawVote') : t('live.upvote')}
          >
            <span aria-hidden="true">▲</span>
            <span class="vote-count">{question.voteCount}</span>
            <span class="visually-hidden">
              {question.votedByMe ? t('live.withdrawVote') : t('live.upvote')}
            </span>
          </button>
        ) : (
          <span class="vote-static">
            <span aria-hidden="true">▲</span>
            <span class="vote-count">{question.voteCount}</span>
            <span class="visually-hidden">{plural('live.votes', question.voteCount)}</span>
          </span>
        )}
      </div>
      <div class="question-main">
        <p class="question-body">{question.body}</p>
        <QuestionMeta question={question} />
        {question.status === 'answered' && <AnswerNote question={question} />}
        <ActionError message={error} />
      </div>
    </li>
  );
}

function Questions({ room, readOnly }: { room: LiveRoom; readOnly: boolean }) {
  const { t } = useI18n();
  const [sort, setSort] = useState<QuestionSort>('votes');
  const questions = sortQuestions(roomQuestions(room.state), sort);
  return (
    <section class="live-panel questions-panel" aria-labelledby="questions-heading">
      <div class="panel-head">
        <h2 id="questions-heading">{t('live.questions')}</h2>
        <div class="segmented" role="group" aria-label={t('live.sortBy')}>
          <button type="button" aria-pressed={sort === 'votes'} onClick={() => setSort('votes')}>
            {t('live.sortVotes')}
          </button>
          <button type="button" aria-pressed={sort === 'time'} onClick={() => setSort('time')}>
            {t('live.sortTime')}
          </button>
        </div>
      </div>
      {questions.length === 0 ? (
        <p class="live-empty">{t('live.noQuestions')}</p>
      ) : (
        <ol class="question-list" role="list">
          {questions.map((question) => (
            <QuestionItem key={question.id} question={question} room={room} readOnly={readOnly} />
          ))}
        </ol>
      )}
    </section>
  );
}

function LiveRoomView({ session, room }: { session: SessionDetail; room: LiveRoom }) {
  const { t } = useI18n();
  const { me } = useSession();
  usePageTitle(t('live.pageTitle', { title: session.title }));
  const sessionHref = `/sessions/${encodeURIComponent(session.id)}`;
  const path = `${sessionHref}/live`;
  const { state } = room;
  const moderator = state.moderator || organises(me, session.eventSlug);
  const phase = sessionPhase(session.startsAt, session.endsAt, useNow());
  // After the session the room is a record: the hub takes no more writes but its moderators'.
  const readOnly = phase === 'ended' && !moderator;

  return (
    <div class="live-page">
      <nav class="breadcrumb" aria-label={t('agenda.breadcrumb')}>
        <ol>
          <li>
            <a href="/">{t('agenda.allEvents')}</a>
          </li>
          <li>
            <a href={sessionHref}>{session.title}</a>
          </li>
          <li aria-current="page">{t('live.title')}</li>
        </ol>
      </nav>
      <div class="page-intro live-intro">
        <p class="badges">
          {phase === 'live' ? (
            <span class="badge badge-live">
              <span class="live-dot" aria-hidden="true" />
              {t('live.badge')}
            </span>
          ) : (
            <span class="badge badge-neutral">
              {t(phase === 'upcoming' ? 'live.badgeUpcoming' : 'live.badgeEnded')}
            </span>
          )}
        </p>
        <h1>{session.title}</h1>
        {phase === 'upcoming' && <p class="lead">{t('live.upcomingHint')}</p>}
        <LiveStatus room={room} />
        {moderator && (
          <p class="live-links">
            <a href={`${sessionHref}/moderate`}>{t('live.moderateLink')}</a>
            <a href={`${sessionHref}/present`}>{t('live.presentLink')}</a>
          </p>
        )}
      </div>
      <LiveRefusal room={room} />
      {!room.ready ? (
        room.connection !== 'refused' && <InlineLoading />
      ) : (
        <div class="live-layout">
          <div class="live-main">
            {state.signedIn || readOnly ? (
              <AskForm room={room} ended={readOnly} />
            ) : (
              <p class="notice live-sign-in">
                <a class="button" href={signInHref(path)}>
                  {t('live.signInToAsk')}
                </a>
              </p>
            )}
            <Questions room={room} readOnly={readOnly} />
          </div>
          <aside class="live-side">
            {state.polls.length > 0 && (
              <section class="live-panel polls-panel" aria-labelledby="polls-heading">
                <h2 id="polls-heading">{t('live.polls')}</h2>
                {state.polls.map((poll) => (
                  <PollCard key={poll.id} poll={poll} room={room} readOnly={readOnly} />
                ))}
              </section>
            )}
            {state.settings?.chatEnabled !== false && <ChatPanel room={room} readOnly={readOnly} />}
          </aside>
        </div>
      )}
    </div>
  );
}

export function LiveRoomPage({ id }: { id: string }) {
  return (
    <LiveSessionGate id={id}>
      {(session, room) => <LiveRoomView session={session} room={room} />}
    </LiveSessionGate>
  );
}
