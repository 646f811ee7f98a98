import type {
  Audience,
  RegistrationRefusal,
  RegistrationStatus,
  SessionStatus,
} from '@app/contracts';
import { REGISTRATION_REFUSALS } from '@app/contracts';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { I18n } from '../i18n';
import { useI18n } from '../i18n';
import { ApiError, registrationsApi } from '../lib/api';
import { errorText } from '../lib/errors';
import { signInHref } from '../lib/next-path';
import { useSession } from '../lib/session';

/** What the page knows of my registration for one session. */
export interface Mine {
  status: RegistrationStatus;
  position: number | null;
}

/** The parts of a session that registration needs, from any of the session shapes. */
export interface RegistrableSession {
  id: string;
  title: string;
  audience: Audience;
  status: SessionStatus;
  endsAt: string;
  capacity: number | null;
  seatsLeft: number | null;
}

function isRefusal(value: string | undefined): value is RegistrationRefusal {
  return (REGISTRATION_REFUSALS as readonly (string | undefined)[]).includes(value);
}

/** The api names why it refused as the first detail; the page words it in the reader's language. */
export function registrationErrorText(error: unknown, i18n: I18n): string {
  const code = error instanceof ApiError ? error.details[0] : undefined;
  if (isRefusal(code)) return i18n.t(`refusal.${code}`);
  return errorText(error, i18n);
}

/** "12 of 80 seats left", "Full — join the waiting list" (or just "Full" once I am in), "No seat limit". */
export function seatsText(
  capacity: number | null,
  seatsLeft: number | null,
  mine: Mine | null | undefined,
  i18n: I18n,
): string {
  if (capacity === null || seatsLeft === null) return i18n.t('registration.noLimit');
  if (seatsLeft <= 0) {
    const holding = mine?.status === 'confirmed' || mine?.status === 'waitlisted';
    return i18n.t(holding ? 'registration.fullShort' : 'registration.full');
  }
  return i18n.plural('registration.seatsLeft', seatsLeft, {
    capacity: new Intl.NumberFormat(i18n.intlLocale).format(capacity),
  });
}

export function RegistrationBadge({ mine }: { mine: Mine }) {
  const { t } = useI18n();
  const text =
    mine.status === 'waitlisted'
      ? t('registration.status.waitlisted', { n: mine.position ?? '—' })
      : t(`registration.status.${mine.status}`);
  return (
    <span class={`badge registration-badge registration-${mine.status}`} data-status={mine.status}>
      {text}
    </span>
  );
}

/** Asks before a seat or a waiting place is given up; the choice cannot be taken back. */
export function ConfirmCancel({
  title,
  waitlisted,
  busy,
  onConfirm,
  onKeep,
}: {
  title: string;
  waitlisted: boolean;
  busy: boolean;
  onConfirm: () => void;
  onKeep: () => void;
}) {
  const { t } = useI18n();
  const question = useRef<HTMLParagraphElement>(null);
  // The question is what the person has to read next; the buttons follow it.
  useLayoutEffect(() => question.current?.focus(), []);
  return (
    <div class="confirm-box">
      <p ref={question} tabIndex={-1}>
        {t(waitlisted ? 'registration.confirmLeave' : 'registration.confirmCancel', { title })}
      </p>
      <div class="form-actions">
        <button type="button" class="button button-danger" disabled={busy} onClick={onConfirm}>
          {t(waitlisted ? 'registration.leaveForGood' : 'registration.cancelForGood')}
        </button>
        <button type="button" class="button button-quiet" onClick={onKeep}>
          {t('registration.keep')}
        </button>
      </div>
    </div>
  );
}

export interface Outcome {
  tone: 'success' | 'error';
  text: string;
  /** A new number for every outcome, so that the same sentence twice is announced twice. */
  key: number;
}

/**
 * Where the answer to a click goes: a live region, and focus with it, since the button pressed
 * has often gone (replaced by the opposite action) by the time the answer comes.
 */
export function OutcomeMessage({
  outcome,
  compact,
}: {
  outcome: Outcome | null;
  compact?: boolean;
}) {
  const message = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    if (outcome) message.current?.focus();
  }, [outcome?.key]);
  return (
    <div class="registration-outcome" aria-live="polite">
      {outcome && (
        <p
          key={outcome.key}
          ref={message}
          tabIndex={-1}
          class={`notice notice-${outcome.tone}${compact ? ' notice-compact' : ''}`}
        >
          {outcome.text}
        </p>
      )}
    </div>
  );
}

let outcomeKeys = 0;

export function outcome(tone: Outcome['tone'], text: string): Outcome {
  outcomeKeys += 1;
  return { tone, text, key: outcomeKeys };
}

/**
 * Register, join the waiting list, cancel or leave it, for one session. The full form is the
 * session page's; the compact one sits on each card of an agenda. `mine` is undefined while it is
 * not known (or nobody is signed in: `signedIn` says which).
 */
export function RegistrationControl({
  session,
  mine,
  signedIn,
  now,
  compact = false,
  onChange,
}: {
  session: RegistrableSession;
  mine: Mine | null | undefined;
  signedIn: boolean;
  now: number;
  compact?: boolean;
  onChange: (mine: Mine | null, seatsLeft: number | null) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<Outcome | null>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  const over = Date.parse(session.endsAt) <= now;
  const cancelled = session.status === 'cancelled';
  const holding = mine?.status === 'confirmed' || mine?.status === 'waitlisted';
  const open = !over && !cancelled;
  const full = session.seatsLeft !== null && session.seatsLeft <= 0;
  const which = (
    <span class="visually-hidden"> {t('registration.which', { title: session.title })}</span>
  );

  const register = async () => {
    setBusy(true);
    try {
      const answer = await registrationsApi.register(session.id);
      onChange({ status: answer.status, position: answer.position }, answer.seatsLeft);
      setResult(
        answer.status === 'confirmed'
          ? outcome('success', t('registration.doneConfirmed'))
          : outcome('success', t('registration.doneWaitlisted', { n: answer.position ?? '—' })),
      );
    } catch (error) {
      setResult(outcome('error', registrationErrorText(error, i18n)));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    const waitlisted = mine?.status === 'waitlisted';
    setBusy(true);
    try {
      await registrationsApi.cancel(session.id);
      // The freed seat may have gone to someone waiting: the count comes from the api.
      const after = await registrationsApi
        .mine(session.id, new AbortController().signal)
        .catch(() => null);
      onChange(
        { status: 'cancelled', position: null },
        after ? after.seatsLeft : session.seatsLeft,
      );
      setConfirming(false);
      setResult(
        outcome(
          'success',
          t(waitlisted ? 'registration.doneLeft' : 'registration.doneCancelled', {
            title: session.title,
          }),
        ),
      );
    } catch (error) {
      setConfirming(false);
      setResult(outcome('error', registrationErrorText(error, i18n)));
    } finally {
      setBusy(false);
    }
  };

  // Nothing to do or say: a past or cancelled session I hold nothing in, or on a card for a
  // visitor (the session page offers them to sign in).
  if (!open && !holding && compact) return null;
  if (compact && !signedIn) {
    return open ? (
      <p class="seats seats-compact">
        {seatsText(session.capacity, session.seatsLeft, mine, i18n)}
      </p>
    ) : null;
  }

  const seats = open && (
    <p class={`seats${compact ? ' seats-compact' : ''}${full ? ' is-full' : ''}`}>
      {seatsText(session.capacity, session.seatsLeft, mine, i18n)}
    </p>
  );
  const status = mine && (compact ? holding : true) && (
    <p class="registration-status">
      {!compact && <span class="registration-label">{t('registration.yours')} </span>}
      <RegistrationBadge mine={mine} />
    </p>
  );
  const buttonClass = `button${compact ? ' button-small' : ''}`;

  let actions = null;
  if (!signedIn) {
    actions = open && (
      <a class={buttonClass} href={signInHref(`/sessions/${encodeURIComponent(session.id)}`)}>
        {t('registration.signIn')}
      </a>
    );
  } else if (holding) {
    actions = !over && (
      <button
        ref={cancelButton}
        type="button"
        class={`${buttonClass} button-quiet button-danger-quiet`}
        disabled={busy}
        aria-expanded={confirming}
        onClick={() => {
          setResult(null);
          setConfirming(!confirming);
        }}
      >
        {mine.status === 'waitlisted'
          ? t(compact ? 'registration.leaveShort' : 'registration.leaveWaitlist')
          : t(compact ? 'registration.cancelShort' : 'registration.cancel')}
        {compact && which}
      </button>
    );
  } else if (mine !== undefined && session.audience === 'cities' && me && !me.cityId) {
    // A city session takes city representatives: no button that can only be refused.
    actions =
      open &&
      (compact ? (
        <p class="muted registration-hint">{t('registration.citiesOnly')}</p>
      ) : (
        <p class="muted registration-hint">
          {t('refusal.cities-only')} <a href="/me">{t('registration.toAccount')}</a>
        </p>
      ));
  } else if (mine !== undefined) {
    actions = open && (
      <button type="button" class={buttonClass} disabled={busy} onClick={() => void register()}>
        {full ? t('registration.joinWaitlist') : t('registration.register')}
        {compact && which}
      </button>
    );
  }

  return (
    <div class={compact ? 'card-registration' : undefined}>
      {!compact && over && <p class="muted">{t('registration.over')}</p>}
      <div class="registration-row">
        {seats}
        {status}
        {actions}
      </div>
      {confirming && holding && (
        <ConfirmCancel
          title={session.title}
          waitlisted={mine.status === 'waitlisted'}
          busy={busy}
          onConfirm={() => void cancel()}
          onKeep={() => {
            setConfirming(false);
            cancelButton.current?.focus();
          }}
        />
      )}
      <OutcomeMessage outcome={result} compact={compact} />
    </div>
  );
}
