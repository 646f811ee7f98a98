import type { ModeratorAction, PollKind, SessionDetail } from '@app/contracts';
import {
  ANSWER_NOTE_MAX_LENGTH,
  POLL_MAX_OPTIONS,
  POLL_MIN_OPTIONS,
  POLL_OPTION_MAX_LENGTH,
  POLL_QUESTION_MAX_LENGTH,
  QUESTION_MAX_LENGTH,
} from '@app/contracts';
import { useState } from 'preact/hooks';
import {
  ActionError,
  ChatPanel,
  LiveRefusal,
  LiveSessionGate,
  LiveStatus,
  PollCard,
  QuestionMeta,
  ackError,
  useClock,
} from '../components/live-bits';
import { InlineLoading } from '../components/status';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n';
import type { LiveQuestion } from '../lib/live-room';
import { sortQuestions } from '../lib/live-room';
import type { LiveRoom } from '../lib/use-live-room';
import { usePageTitle } from '../lib/use-page-title';

const ACTION_LABELS: Record<ModeratorAction, MessageKey> = {
  approve: 'live.approve',
  dismiss: 'live.dismiss',
  pin: 'live.pin',
  unpin: 'live.unpin',
  answer: 'live.markAnswered',
  edit: 'live.edit',
  note: 'live.noteAction',
};

function Settings({ room }: { room: LiveRoom }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // What was just clicked shows at once; the room's settings follow from the acknowledgement.
  const [draft, setDraft] = useState<Parameters<LiveRoom['changeSettings']>[0]>({});
  if (!room.state.settings) return null;
  const settings = { ...room.state.settings, ...draft };

  const change = async (changes: Parameters<LiveRoom['changeSettings']>[0]) => {
    setBusy(true);
    setDraft(changes);
    const ack = await room.changeSettings(changes);
    setDraft({});
    setBusy(false);
    setError(ackError(ack));
  };

  return (
    <section class="live-panel settings-panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('live.settings')}</h2>
      <div class="checkbox-field">
        <input
          id="setting-pre-approved"
          type="checkbox"
          checked={settings.qaMode === 'pre-approved'}
          disabled={busy}
          onChange={(event) =>
            void change({ qaMode: event.currentTarget.checked ? 'pre-approved' : 'open' })
          }
        />
        <label for="setting-pre-approved">{t('live.settingPreApproved')}</label>
      </div>
      <div class="checkbox-field">
        <input
          id="setting-closed"
          type="checkbox"
          checked={settings.qaClosed}
          disabled={busy}
          onChange={(event) => void change({ qaClosed: event.currentTarget.checked })}
        />
        <label for="setting-closed">{t('live.settingClosed')}</label>
      </div>
      <div class="checkbox-field">
        <input
          id="setting-chat"
          type="checkbox"
          checked={settings.chatEnabled}
          disabled={busy}
          onChange={(event) => void change({ chatEnabled: event.currentTarget.checked })}
        />
        <label for="setting-chat">{t('live.settingChat')}</label>
      </div>
      <ActionError message={error} />
    </section>
  );
}

function EditHistory({ question }: { question: LiveQuestion }) {
  const { t, plural } = useI18n();
  const clock = useClock();
  const edits = question.edits ?? [];
  if (edits.length === 0) return null;
  return (
    <details class="edit-history">
      <summary>{plural('live.editCount', edits.length)}</summary>
      <ol>
        {edits.map((edit, index) => (
          <li key={index}>
            <time dateTime={edit.createdAt}>{clock(edit.createdAt)}</time>
            <p>
              <span class="edit-label">{t('live.editBefore')}</span> <del>{edit.before}</del>
            </p>
            <p>
              <span class="edit-label">{t('live.editAfter')}</span> <ins>{edit.after}</ins>
            </p>
          </li>
        ))}
      </ol>
    </details>
  );
}

/**
 * What the speakers answered, noted by a moderator before or after marking the question answered
 * (the status stays). The room sees it once the question is answered; saving it empty clears it.
 */
function AnswerNoteForm({ question, room }: { question: LiveQuestion; room: LiveRoom }) {
  const { t } = useI18n();
  // Null while untouched: the field follows the saved note (which may change from elsewhere).
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const current = question.answerNote ?? '';
  const value = draft ?? current;
  const fieldId = `note-${question.id}`;
  const hintId = `note-hint-${question.id}`;

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    const ack = await room.noteAnswer(question.id, value);
    setBusy(false);
    setError(ackError(ack));
    if (ack.ok) {
      setDraft(null);
      setSaved(true);
    }
  };

  return (
    <form class="answer-note-form" onSubmit={(event) => void save(event)}>
      <label for={fieldId}>{t('live.answerNote')}</label>
      <p id={hintId} class="field-hint">
        {t('live.answerNoteHint')}
      </p>
      <textarea
        id={fieldId}
        rows={2}
        value={value}
        maxLength={ANSWER_NOTE_MAX_LENGTH}
        aria-describedby={hintId}
        onInput={(event) => {
          setDraft(event.currentTarget.value);
          setSaved(false);
        }}
      />
      <div class="form-actions">
        <button
          type="submit"
          class="button button-small button-quiet"
          disabled={busy || value.trim() === current.trim()}
        >
          {t('live.saveNote')}
        </button>
        {saved && (
          <span class="answer-note-saved" role="status">
            {t('live.noteSaved')}
          </span>
        )}
      </div>
      <ActionError message={error} />
    </form>
  );
}

function ModeratedQuestion({ question, room }: { question: LiveQuestion; room: LiveRoom }) {
  const { t, plural } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const act = async (action: ModeratorAction, body?: string) => {
    setBusy(true);
    const ack = await room.moderate(question.id, action, body);
    setBusy(false);
    setError(ackError(ack));
    if (ack.ok && action === 'edit') setEditing(null);
  };

  const actions: ModeratorAction[] = [];
  if (question.status === 'pending') actions.push('approve', 'dismiss');
  if (question.status === 'visible') actions.push(question.pinned ? 'unpin' : 'pin', 'answer');
  if (question.status === 'answered' && question.pinned) actions.push('unpin');
  if (question.status === 'visible' || question.status === 'answered') actions.push('dismiss');
  if (question.status === 'dismissed') actions.push('approve');

  const classes = ['question', 'moderated-question'];
  if (question.pinned) classes.push('is-pinned');
  if (question.status === 'answered') classes.push('is-answered');
  if (question.status === 'pending') classes.push('is-pending');

  return (
    <li class={classes.join(' ')} data-question-id={question.id}>
      <div class="question-votes">
        <span class="vote-static">
          <span aria-hidden="true">▲</span>
          <span class="vote-count">{question.voteCount}</span>
          <span class="visually-hidden">{plural('live.votes', question.voteCount)}</span>
        </span>
      </div>
      <div class="question-main">
        {editing === null ? (
          <p class="question-body">{question.body}</p>
        ) : (
          <form
            class="edit-form"
            onSubmit={(event) => {
              event.preventDefault();
              void act('edit', editing);
            }}
          >
            <label for={`edit-${question.id}`} class="visually-hidden">
              {t('live.editLabel')}
            </label>
            <textarea
              id={`edit-${question.id}`}
              rows={3}
              value={editing}
              maxLength={QUESTION_MAX_LENGTH}
              onInput={(event) => setEditing(event.currentTarget.value)}
            />
            <div class="form-actions">
              <button type="submit" class="button button-small" disabled={busy || !editing.trim()}>
                {t('live.saveEdit')}
              </button>
              <button
                type="button"
                class="button button-small button-quiet"
                onClick={() => setEditing(null)}
              >
                {t('live.cancelEdit')}
              </button>
            </div>
          </form>
        )}
        <QuestionMeta question={question} />
        {question.anonymous && question.author?.name && (
          <p class="question-author-private">
            {t('live.askedAnonymouslyBy', { name: question.author.name })}
          </p>
        )}
        <EditHistory question={question} />
        {question.status !== 'dismissed' && <AnswerNoteForm question={question} room={room} />}
        <div class="question-actions">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              class={`button button-small ${action === 'dismiss' ? 'button-danger-quiet button-quiet' : action === 'approve' ? '' : 'button-quiet'}`}
              disabled={busy}
              onClick={() => void act(action)}
            >
              {t(ACTION_LABELS[action])}
            </button>
          ))}
          {question.status !== 'dismissed' && editing === null && (
            <button
              type="button"
              class="button button-small button-quiet"
              onClick={() => setEditing(question.body)}
            >
              {t('live.edit')}
            </button>
          )}
        </div>
        <ActionError message={error} />
      </div>
    </li>
  );
}

function QuestionGroup({
  id,
  title,
  empty,
  questions,
  room,
}: {
  id: string;
  title: string;
  empty: string;
  questions: LiveQuestion[];
  room: LiveRoom;
}) {
  return (
    <section class="live-panel" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span class="count-pill">{questions.length}</span>
      </h2>
      {questions.length === 0 ? (
        <p class="live-empty">{empty}</p>
      ) : (
        <ol class="question-list" role="list">
          {questions.map((question) => (
            <ModeratedQuestion key={question.id} question={question} room={room} />
          ))}
        </ol>
      )}
    </section>
  );
}

function PollForm({ room }: { room: LiveRoom }) {
  const { t } = useI18n();
  const [question, setQuestion] = useState('');
  const [kind, setKind] = useState<PollKind>('single');
  const [options, setOptions] = useState<string[]>(['', '']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const filled = options.map((o) => o.trim()).filter(Boolean);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const ack = await room.openPoll(question, kind, filled);
    setBusy(false);
    setError(ackError(ack));
    if (ack.ok) {
      setQuestion('');
      setOptions(['', '']);
    }
  };

  return (
    <form class="live-panel poll-form" onSubmit={(event) => void submit(event)}>
      <h2>{t('live.openPoll')}</h2>
      <div class="form-field">
        <label for="poll-question">{t('live.pollQuestion')}</label>
        <input
          id="poll-question"
          type="text"
          value={question}
          maxLength={POLL_QUESTION_MAX_LENGTH}
          onInput={(event) => setQuestion(event.currentTarget.value)}
        />
      </div>
      <div class="form-field">
        <label for="poll-kind">{t('live.pollKind')}</label>
        <select
          id="poll-kind"
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value as PollKind)}
        >
          <option value="single">{t('live.pollSingle')}</option>
          <option value="multiple">{t('live.pollMultiple')}</option>
        </select>
      </div>
      <fieldset class="poll-options">
        <legend>{t('live.pollOptions')}</legend>
        {options.map((option, index) => (
          <div key={index} class="form-field poll-option-field">
            <label for={`poll-option-${index}`}>{t('live.pollOption', { n: index + 1 })}</label>
            <input
              id={`poll-option-${index}`}
              type="text"
              value={option}
              maxLength={POLL_OPTION_MAX_LENGTH}
              onInput={(event) => {
                const value = event.currentTarget.value;
                setOptions((current) => current.map((o, i) => (i === index ? value : o)));
              }}
            />
          </div>
        ))}
        {options.length < POLL_MAX_OPTIONS && (
          <button
            type="button"
            class="button button-small button-quiet"
            onClick={() => setOptions((current) => [...current, ''])}
          >
            {t('live.addOption')}
          </button>
        )}
      </fieldset>
      <div class="form-actions">
        <button
          type="submit"
          class="button"
          disabled={busy || !question.trim() || filled.length < POLL_MIN_OPTIONS}
        >
          {t('live.startPoll')}
        </button>
      </div>
      <ActionError message={error} />
    </form>
  );
}

function ClosePollButton({ pollId, room }: { pollId: string; room: LiveRoom }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div class="form-actions">
      <button
        type="button"
        class="button button-small button-danger-quiet button-quiet"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void room.closePoll(pollId).then((ack) => {
            setBusy(false);
            setError(ackError(ack));
          });
        }}
      >
        {t('live.closePoll')}
      </button>
      <ActionError message={error} />
    </div>
  );
}

function ModerateView({ session, room }: { session: SessionDetail; room: LiveRoom }) {
  const { t } = useI18n();
  usePageTitle(t('live.moderateTitle', { title: session.title }));
  const [chatError, setChatError] = useState<string | null>(null);
  const sessionHref = `/sessions/${encodeURIComponent(session.id)}`;
  const { state } = room;
  const pending = sortQuestions(
    state.questions.filter((q) => q.status === 'pending'),
    'time',
  ).reverse();
  const live = sortQuestions(
    state.questions.filter((q) => q.status === 'visible' || q.status === 'answered'),
    'votes',
  );
  const dismissed = state.questions.filter((q) => q.status === 'dismissed');

  return (
    <div class="live-page moderate-page">
      <nav class="breadcrumb" aria-label={t('agenda.breadcrumb')}>
        <ol>
          <li>
            <a href="/">{t('agenda.allEvents')}</a>
          </li>
          <li>
            <a href={sessionHref}>{session.title}</a>
          </li>
          <li aria-current="page">{t('live.moderate')}</li>
        </ol>
      </nav>
      <div class="page-intro live-intro">
        <h1>{t('live.moderateHeading', { title: session.title })}</h1>
        <LiveStatus room={room} />
        <p class="live-links">
          <a href={`${sessionHref}/live`}>{t('live.roomLink')}</a>
          <a href={`${sessionHref}/present`}>{t('live.presentLink')}</a>
        </p>
      </div>
      <LiveRefusal room={room} />
      {!room.ready ? (
        room.connection !== 'refused' && <InlineLoading />
      ) : !state.moderator ? (
        <div class="notice notice-error not-moderator" role="alert">
          <h2>{t('live.notModeratorTitle')}</h2>
          <p>{t('live.notModerator')}</p>
          <p>
            <a href={`${sessionHref}/live`}>{t('live.roomLink')}</a>
          </p>
        </div>
      ) : (
        <div class="live-layout">
          <div class="live-main">
            <QuestionGroup
              id="pending-heading"
              title={t('live.pendingQueue')}
              empty={t('live.pendingEmpty')}
              questions={pending}
              room={room}
            />
            <QuestionGroup
              id="all-heading"
              title={t('live.allQuestions')}
              empty={t('live.noQuestions')}
              questions={live}
              room={room}
            />
            {dismissed.length > 0 && (
              <details class="live-panel dismissed-panel">
                <summary>
                  {t('live.dismissedQuestions')} <span class="count-pill">{dismissed.length}</span>
                </summary>
                <ol class="question-list" role="list">
                  {dismissed.map((question) => (
                    <ModeratedQuestion key={question.id} question={question} room={room} />
                  ))}
                </ol>
              </details>
            )}
          </div>
          <aside class="live-side">
            <Settings room={room} />
            <PollForm room={room} />
            {state.polls.length > 0 && (
              <section class="live-panel polls-panel" aria-labelledby="polls-heading">
                <h2 id="polls-heading">{t('live.polls')}</h2>
                {state.polls.map((poll) => (
                  <PollCard key={poll.id} poll={poll} room={room}>
                    {poll.status === 'open' && <ClosePollButton pollId={poll.id} room={room} />}
                  </PollCard>
                ))}
              </section>
            )}
            {state.settings?.chatEnabled ? (
              <>
                <ChatPanel
                  room={room}
                  onRemove={(message) => {
                    void room.removeChat(message.id).then((ack) => setChatError(ackError(ack)));
                  }}
                />
                <ActionError message={chatError} />
              </>
            ) : (
              <p class="live-panel live-empty">{t('live.chatOff')}</p>
            )}
          </aside>
        </div>
      )}
    </div>
  );
}

export function ModeratePage({ id }: { id: string }) {
  return (
    <LiveSessionGate id={id}>
      {(session, room) => <ModerateView session={session} room={room} />}
    </LiveSessionGate>
  );
}
