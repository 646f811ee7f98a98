import type { InvitationPublicView } from '@app/contracts';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { ApiError, invitationsApi } from '../lib/api';
import type { InvitationAnswer } from '../lib/api';
import { errorText } from '../lib/errors';
import { captureLinkToken, INVITATION_PATH, takeLinkToken } from '../lib/link-token';
import { dateInZone, formatDateRange } from '../lib/time';
import { usePageTitle } from '../lib/use-page-title';

type State =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'invalid' }
  | { kind: 'closed' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'ready'; invitation: InvitationPublicView };

/** A token the api does not know (or no longer knows), as against one it knows but refuses now. */
function refusal(error: unknown): State | null {
  if (!(error instanceof ApiError)) return null;
  if ([400, 401, 403, 404].includes(error.status)) return { kind: 'invalid' };
  // The one refusal of a known invitation: its event is over (said in the reader's language).
  if (error.status === 409 || error.status === 410) return { kind: 'closed' };
  return null;
}

function Invitation({
  invitation,
  onAnswer,
  busy,
  failure,
  answered,
}: {
  invitation: InvitationPublicView;
  onAnswer: (answer: InvitationAnswer) => void;
  busy: boolean;
  failure: unknown;
  answered: string;
}) {
  const i18n = useI18n();
  const { t, intlLocale } = i18n;
  const { status } = invitation;
  // Answers close with the event (the api refuses them then): say so rather than offer buttons.
  const over = dateInZone(Date.now(), invitation.timeZone) > invitation.eventEndDate;
  const thanks = useRef<HTMLParagraphElement>(null);
  // The button just pressed gives way to the other answer: focus goes to what happened.
  useLayoutEffect(() => {
    if (answered) thanks.current?.focus();
  }, [answered]);
  return (
    <div class="narrow invitation">
      <p class="card-eyebrow">
        <span class="kind">{t('respond.eyebrow')}</span>
      </p>
      <h1>{t('respond.title', { title: invitation.eventTitle })}</h1>
      <p class="lead">
        {t('respond.greeting', {
          name: invitation.name,
          role: t(`invitationRole.${invitation.role}`),
        })}
      </p>
      <dl class="facts">
        <div>
          <dt>{t('respond.when')}</dt>
          <dd>{formatDateRange(invitation.eventStartDate, invitation.eventEndDate, intlLocale)}</dd>
        </div>
        <div>
          <dt>{t('respond.where')}</dt>
          <dd>{invitation.venue ?? t('events.online')}</dd>
        </div>
        <div>
          <dt>{t('respond.role')}</dt>
          <dd>{t(`invitationRole.${invitation.role}`)}</dd>
        </div>
        <div>
          <dt>{t('respond.answer')}</dt>
          <dd>
            <span class={`answer answer-${status}`} data-status={status}>
              {t(`respond.status.${status}`)}
            </span>
          </dd>
        </div>
      </dl>
      <div class="respond-result" role="status">
        {answered && (
          <p class="notice notice-success" ref={thanks} tabIndex={-1}>
            {answered}
          </p>
        )}
      </div>
      {failure !== null && (
        <p class="notice notice-error" role="alert">
          {errorText(failure, i18n)}
        </p>
      )}
      {over ? (
        <p class="notice">{t('respond.over')}</p>
      ) : (
        <p class="actions respond-actions">
          {status !== 'accepted' && (
            <button type="button" class="button" disabled={busy} onClick={() => onAnswer('accept')}>
              {status === 'declined' ? t('respond.acceptAfterAll') : t('respond.accept')}
            </button>
          )}
          {status !== 'declined' && (
            <button
              type="button"
              class="button button-quiet"
              disabled={busy}
              onClick={() => onAnswer('decline')}
            >
              {status === 'accepted' ? t('respond.declineAfterAll') : t('respond.decline')}
            </button>
          )}
        </p>
      )}
      <p>
        <a class="arrow-link" href={`/events/${encodeURIComponent(invitation.eventSlug)}`}>
          {t('respond.programme')}
        </a>
      </p>
    </div>
  );
}

/**
 * The invitee's page, reached from the mail without a password: the token in the link's
 * fragment is the credential. It stays in memory while the page is open, for the answer.
 */
export function InvitationRespondPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [answered, setAnswered] = useState('');
  const token = useRef<string | null>(null);

  const lookup = async () => {
    const secret = token.current;
    if (!secret) {
      setState({ kind: 'missing' });
      return;
    }
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', invitation: await invitationsApi.lookup(secret) });
    } catch (error) {
      setState(refusal(error) ?? { kind: 'failed', error });
    }
  };

  useEffect(() => {
    // main.tsx has usually taken the token already; this covers arriving by in-app navigation.
    captureLinkToken();
    token.current = takeLinkToken(INVITATION_PATH);
    void lookup();
  }, []);

  const answer = async (choice: InvitationAnswer) => {
    const secret = token.current;
    if (!secret) return;
    setBusy(true);
    setFailure(null);
    setAnswered('');
    try {
      const invitation = await invitationsApi.respond(secret, choice);
      setState({ kind: 'ready', invitation });
      setAnswered(choice === 'accept' ? t('respond.accepted') : t('respond.declined'));
    } catch (error) {
      const refused = refusal(error);
      if (refused) setState(refused);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  usePageTitle(
    state.kind === 'ready'
      ? t('respond.title', { title: state.invitation.eventTitle })
      : state.kind === 'loading'
        ? t('respond.loadingTitle')
        : t('respond.brokenTitle'),
  );

  if (state.kind === 'ready') {
    return (
      <Invitation
        invitation={state.invitation}
        onAnswer={(choice) => void answer(choice)}
        busy={busy}
        failure={failure}
        answered={answered}
      />
    );
  }
  if (state.kind === 'loading') {
    return (
      <div class="narrow">
        <h1>{t('respond.loadingTitle')}</h1>
        <p class="status-loading" role="status">
          <span class="spinner" aria-hidden="true" />
          {t('status.loading')}
        </p>
      </div>
    );
  }
  return (
    <div class="narrow">
      <div class="notice notice-error" role="alert">
        <h1>{state.kind === 'closed' ? t('respond.closedTitle') : t('respond.brokenTitle')}</h1>
        {state.kind === 'missing' && <p>{t('respond.missing')}</p>}
        {state.kind === 'invalid' && <p>{t('respond.invalid')}</p>}
        {state.kind === 'closed' && (
          <>
            <p>{t('respond.over')}</p>
            <p>{t('respond.closed')}</p>
          </>
        )}
        {state.kind === 'failed' && (
          <>
            <p>{errorText(state.error, i18n)}</p>
            <p>
              <button type="button" class="button" onClick={() => void lookup()}>
                {t('status.retry')}
              </button>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
