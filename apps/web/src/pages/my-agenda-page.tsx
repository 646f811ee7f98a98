import type { AgendaItem, AgendaOverlap, CalendarFeedView, MyAgenda } from '@app/contracts';
import { useMemo, useRef, useState } from 'preact/hooks';
import { CancelledBadge } from '../components/badges';
import { SaveError } from '../components/form-bits';
import type { Outcome } from '../components/registration';
import {
  ConfirmCancel,
  OutcomeMessage,
  RegistrationBadge,
  outcome,
  registrationErrorText,
} from '../components/registration';
import { SessionTimes } from '../components/session-times';
import { SignedInOnly } from '../components/signed-in-only';
import { InlineError, InlineLoading } from '../components/status';
import type { I18n } from '../i18n';
import { useI18n } from '../i18n';
import { ApiError, registrationsApi } from '../lib/api';
import { safeHttpUrl } from '../lib/labels';
import { useSession } from '../lib/session';
import {
  dateInZone,
  formatDateTime,
  formatLongDate,
  formatShortDate,
  formatTimeRange,
} from '../lib/time';
import { useApi } from '../lib/use-api';
import { useNow } from '../lib/use-now';
import { usePageTitle } from '../lib/use-page-title';

function sessionHref(id: string): string {
  return `/sessions/${encodeURIComponent(id)}`;
}

/** My sessions by the day they start on in my zone, days in order. */
function byDay(items: AgendaItem[], timeZone: string): [string, AgendaItem[]][] {
  const days = new Map<string, AgendaItem[]>();
  for (const item of [...items].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const date = dateInZone(new Date(item.startsAt), timeZone);
    days.set(date, [...(days.get(date) ?? []), item]);
  }
  return [...days.entries()];
}

function overlapSentence(
  overlap: AgendaOverlap,
  titles: Map<string, string>,
  timeZone: string,
  { t, intlLocale }: I18n,
): string {
  const start = new Date(overlap.startsAt);
  return t(overlap.waitlisted ? 'myAgenda.overlapWaitlisted' : 'myAgenda.overlap', {
    first: titles.get(overlap.sessionIds[0]) ?? '',
    second: titles.get(overlap.sessionIds[1]) ?? '',
    date: formatShortDate(dateInZone(start, timeZone), intlLocale),
    time: formatTimeRange(start, new Date(overlap.endsAt), intlLocale, timeZone),
  });
}

function AgendaEntry({
  item,
  clashesWith,
  now,
  onCancelled,
}: {
  item: AgendaItem;
  clashesWith: string[];
  now: number;
  onCancelled: (item: AgendaItem, result: Outcome) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const cancelled = item.sessionStatus === 'cancelled';
  const waitlisted = item.status === 'waitlisted';
  const over = Date.parse(item.endsAt) <= now;
  const room =
    item.status === 'confirmed' && !cancelled && safeHttpUrl(item.stream?.virtualUrl ?? null);

  const cancel = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await registrationsApi.cancel(item.sessionId);
      onCancelled(
        item,
        outcome(
          'success',
          t(waitlisted ? 'registration.doneLeft' : 'registration.doneCancelled', {
            title: item.sessionTitle,
          }),
        ),
      );
    } catch (error) {
      setConfirming(false);
      setFailure(registrationErrorText(error, i18n));
      setBusy(false);
    }
  };

  return (
    <li
      class={`my-session${cancelled ? ' is-cancelled' : ''}${clashesWith.length > 0 ? ' has-overlap' : ''}`}
      data-session-id={item.sessionId}
    >
      <SessionTimes startsAt={item.startsAt} endsAt={item.endsAt} timeZone={item.timeZone} />
      <h4 class="session-title">
        <a href={sessionHref(item.sessionId)}>{item.sessionTitle}</a>
      </h4>
      <p class="my-session-where">
        <a href={`/events/${encodeURIComponent(item.eventSlug)}`}>{item.eventTitle}</a>
        {item.stream && (
          <>
            <span aria-hidden="true"> · </span>
            {item.stream.name}
          </>
        )}
        {room && (
          <>
            <span aria-hidden="true"> · </span>
            <a href={room} rel="noopener noreferrer">
              {t('session.virtualRoom')}
            </a>
          </>
        )}
      </p>
      <p class="badges">
        <RegistrationBadge mine={item} />
        {cancelled && <CancelledBadge />}
      </p>
      {cancelled && <p class="session-people">{t('myAgenda.cancelledByOrganisers')}</p>}
      {clashesWith.map((title) => (
        <p key={title} class="overlap-note">
          {t('myAgenda.overlapsWith', { title })}
        </p>
      ))}
      {!over && (
        <p class="my-session-actions">
          <button
            ref={button}
            type="button"
            class="button button-small button-quiet button-danger-quiet"
            disabled={busy}
            aria-expanded={confirming}
            onClick={() => {
              setFailure(null);
              setConfirming(!confirming);
            }}
          >
            {t(waitlisted ? 'registration.leaveShort' : 'registration.cancelShort')}
            <span class="visually-hidden">
              {' '}
              {t('registration.which', { title: item.sessionTitle })}
            </span>
          </button>
        </p>
      )}
      {confirming && (
        <ConfirmCancel
          title={item.sessionTitle}
          waitlisted={waitlisted}
          busy={busy}
          onConfirm={() => void cancel()}
          onKeep={() => {
            setConfirming(false);
            button.current?.focus();
          }}
        />
      )}
      {failure && (
        <p class="notice notice-error notice-compact" role="alert">
          {failure}
        </p>
      )}
    </li>
  );
}

function Sessions({
  agenda,
  now,
  onCancelled,
}: {
  agenda: MyAgenda;
  now: number;
  onCancelled: (item: AgendaItem, result: Outcome) => void;
}) {
  const i18n = useI18n();
  const { t, intlLocale } = i18n;
  const { timeZone } = useSession();
  const titles = useMemo(
    () => new Map(agenda.items.map((item) => [item.sessionId, item.sessionTitle])),
    [agenda.items],
  );
  const clashes = useMemo(() => {
    const found = new Map<string, string[]>();
    for (const { sessionIds } of agenda.overlaps) {
      const [a, b] = sessionIds;
      found.set(a, [...(found.get(a) ?? []), titles.get(b) ?? '']);
      found.set(b, [...(found.get(b) ?? []), titles.get(a) ?? '']);
    }
    return found;
  }, [agenda.overlaps, titles]);

  if (agenda.items.length === 0) {
    return (
      <>
        <p class="empty">{t('myAgenda.empty')}</p>
        <p>
          <a class="arrow-link" href="/">
            {t('myAgenda.browse')}
          </a>
        </p>
      </>
    );
  }

  return (
    <>
      {agenda.overlaps.length > 0 && (
        <div class="notice notice-warning overlaps" role="group" aria-labelledby="overlaps-heading">
          <h3 id="overlaps-heading">{t('myAgenda.overlapsTitle')}</h3>
          <ul>
            {agenda.overlaps.map((overlap) => (
              <li key={overlap.sessionIds.join('|')}>
                {overlapSentence(overlap, titles, timeZone, i18n)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {byDay(agenda.items, timeZone).map(([date, items]) => (
        <div key={date} class="my-day">
          <h3 class="my-day-heading">{formatLongDate(date, intlLocale)}</h3>
          <ol class="my-sessions" role="list">
            {items.map((item) => (
              <AgendaEntry
                key={item.sessionId}
                item={item}
                clashesWith={clashes.get(item.sessionId) ?? []}
                now={now}
                onCancelled={onCancelled}
              />
            ))}
          </ol>
        </div>
      ))}
    </>
  );
}

function FeedAddress({ feed }: { feed: CalendarFeedView }) {
  const { t, intlLocale } = useI18n();
  const { timeZone } = useSession();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const field = useRef<HTMLInputElement>(null);
  const copyAddress = async () => {
    try {
      await navigator.clipboard.writeText(feed.url);
      setCopy('copied');
    } catch {
      field.current?.select();
      setCopy('failed');
    }
  };
  return (
    <>
      <label for="feed-url">{t('myAgenda.feedUrl')}</label>
      <div class="token-copy">
        <input
          ref={field}
          id="feed-url"
          class="token-value"
          type="text"
          readOnly
          value={feed.url}
          spellcheck={false}
          autocomplete="off"
          aria-describedby="feed-private"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button" onClick={() => void copyAddress()}>
          {t('myAgenda.copy')}
        </button>
      </div>
      <p class="form-status" role="status">
        {copy === 'copied'
          ? t('myAgenda.copied')
          : copy === 'failed'
            ? t('myAgenda.copyFailed')
            : ''}
      </p>
      <p class="feed-links">
        <a class="subscribe-link" href={feed.webcalUrl}>
          {t('myAgenda.subscribe')}
        </a>
      </p>
      <p class="field-hint">
        {t('myAgenda.feedMade', { date: formatDateTime(feed.createdAt, intlLocale, timeZone) })}
      </p>
    </>
  );
}

function CalendarFeed() {
  const i18n = useI18n();
  const { t } = i18n;
  const loaded = useApi('calendar-feed', (signal) => registrationsApi.feed(signal));
  const [fresh, setFresh] = useState<CalendarFeedView | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [result, setResult] = useState<Outcome | null>(null);
  const resetButton = useRef<HTMLButtonElement>(null);
  const feed = fresh ?? loaded.data;
  // The stored address is sealed with a server key; after a key change only a new one can be shown.
  const unreadable =
    !feed &&
    loaded.status === 'error' &&
    loaded.error instanceof ApiError &&
    loaded.error.status === 409;

  const reset = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setFresh(await registrationsApi.resetFeed());
      setConfirming(false);
      setResult(outcome('success', t('myAgenda.resetDone')));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="account-section feed-section" aria-labelledby="feed-heading">
      <h2 id="feed-heading">{t('myAgenda.feedTitle')}</h2>
      <p class="section-intro">{t('myAgenda.feedIntro')}</p>
      <p id="feed-private" class="notice notice-warning">
        {t('myAgenda.feedPrivate')}
      </p>
      <OutcomeMessage outcome={result} />
      {feed ? (
        <FeedAddress feed={feed} />
      ) : unreadable ? (
        <p class="notice notice-error">{t('myAgenda.feedUnreadable')}</p>
      ) : loaded.status === 'error' ? (
        <p class="notice notice-error" role="alert">
          {t('myAgenda.feedError')}{' '}
          <button type="button" class="link-button" onClick={loaded.retry}>
            {t('status.retry')}
          </button>
        </p>
      ) : (
        <InlineLoading />
      )}
      {(feed || unreadable) && (
        <p>
          <button
            ref={resetButton}
            type="button"
            class="button button-quiet button-danger-quiet"
            aria-expanded={confirming}
            onClick={() => {
              setResult(null);
              setConfirming(!confirming);
            }}
          >
            {t('myAgenda.reset')}
          </button>
        </p>
      )}
      {confirming && (
        <div class="confirm-box">
          <p>{t('myAgenda.resetConfirm')}</p>
          {Boolean(failure) && <SaveError error={failure} title={t('myAgenda.resetFailed')} />}
          <div class="form-actions">
            <button
              type="button"
              class="button button-danger"
              disabled={busy}
              onClick={() => void reset()}
            >
              {t('myAgenda.resetForGood')}
            </button>
            <button
              type="button"
              class="button button-quiet"
              onClick={() => {
                setConfirming(false);
                resetButton.current?.focus();
              }}
            >
              {t('myAgenda.keepAddress')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function MyAgendaContent() {
  const { t } = useI18n();
  const { timeZone } = useSession();
  const now = useNow();
  usePageTitle(t('myAgenda.title'));
  const [version, setVersion] = useState(0);
  const agenda = useApi(`my-agenda:${version}`, (signal) => registrationsApi.agenda(signal));
  const [result, setResult] = useState<Outcome | null>(null);
  // A cancelled entry leaves the list at once; the reload then brings the overlaps up to date.
  const [gone, setGone] = useState(() => new Set<string>());

  const shown = useMemo<MyAgenda | undefined>(() => {
    if (!agenda.data) return undefined;
    const items = agenda.data.items.filter((item) => !gone.has(item.sessionId));
    const overlaps = agenda.data.overlaps.filter(
      (overlap) => !overlap.sessionIds.some((id) => gone.has(id)),
    );
    return { items, overlaps };
  }, [agenda.data, gone]);

  return (
    <div class="account-page my-agenda">
      <nav class="breadcrumb" aria-label={t('agenda.breadcrumb')}>
        <ol>
          <li>
            <a href="/me">{t('me.title')}</a>
          </li>
          <li aria-current="page">{t('myAgenda.title')}</li>
        </ol>
      </nav>
      <div class="page-intro">
        <h1>{t('myAgenda.title')}</h1>
        <p class="lead">{t('myAgenda.intro', { zone: timeZone.replace(/_/g, ' ') })}</p>
      </div>
      <OutcomeMessage outcome={result} />

      <section class="account-section" aria-labelledby="my-sessions-heading">
        <h2 id="my-sessions-heading">{t('myAgenda.sessions')}</h2>
        {agenda.status === 'error' && !agenda.data ? (
          <InlineError onRetry={agenda.retry} />
        ) : shown ? (
          <Sessions
            agenda={shown}
            now={now}
            onCancelled={(item, done) => {
              setGone((set) => new Set(set).add(item.sessionId));
              setResult(done);
              setVersion((n) => n + 1);
            }}
          />
        ) : (
          <InlineLoading />
        )}
      </section>

      <CalendarFeed />
    </div>
  );
}

export function MyAgendaPage() {
  return <SignedInOnly>{(me) => <MyAgendaContent key={me.id} />}</SignedInOnly>;
}
