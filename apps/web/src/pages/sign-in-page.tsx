import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { api, ApiError } from '../lib/api';
import { errorText } from '../lib/errors';
import { DEFAULT_AFTER_SIGN_IN, rememberNextPath, safeNextPath } from '../lib/next-path';
import { useSession } from '../lib/session';
import { usePageTitle } from '../lib/use-page-title';

/** Deliberately loose: the api has the last word; this only catches typing slips early. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Problem = 'empty' | 'invalid' | null;
type Outcome =
  | { kind: 'form' }
  | { kind: 'sending' }
  | { kind: 'sent'; email: string }
  | { kind: 'rate-limited' }
  | { kind: 'failed'; error: unknown };

export function SignInPage({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { me } = useSession();
  usePageTitle(t('signIn.title'));
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'form' });
  const input = useRef<HTMLInputElement>(null);
  const sentHeading = useRef<HTMLHeadingElement>(null);
  const wasSent = useRef(false);
  const next = safeNextPath(query.get('next'));

  // The form gives way to "check your mail" and back: focus follows, so it is never lost.
  const sent = outcome.kind === 'sent';
  useLayoutEffect(() => {
    if (sent) sentHeading.current?.focus();
    else if (wasSent.current) input.current?.focus();
    wasSent.current = sent;
  }, [sent]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const address = email.trim();
    const found: Problem = address === '' ? 'empty' : EMAIL.test(address) ? null : 'invalid';
    setProblem(found);
    if (found) {
      input.current?.focus();
      return;
    }
    setOutcome({ kind: 'sending' });
    try {
      rememberNextPath(next);
      await api.signIn(address, locale);
      setOutcome({ kind: 'sent', email: address });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        setProblem('invalid');
        setOutcome({ kind: 'form' });
        input.current?.focus();
      } else if (error instanceof ApiError && error.status === 429) {
        setOutcome({ kind: 'rate-limited' });
      } else {
        setOutcome({ kind: 'failed', error });
      }
    }
  };

  if (me) {
    return (
      <div class="narrow">
        <h1>{t('signIn.title')}</h1>
        <p>{t('signIn.alreadySignedIn', { who: me.email ?? me.name })}</p>
        <p>
          <a class="button" href={next ?? DEFAULT_AFTER_SIGN_IN}>
            {t('signIn.continue')}
          </a>
        </p>
      </div>
    );
  }

  return (
    <div class="narrow">
      <h1>{t('signIn.title')}</h1>
      {/* One live region for the whole exchange, present from the start so changes are read. */}
      <div aria-live="polite" class="sign-in-result">
        {sent && (
          <div class="notice notice-success">
            <h2 ref={sentHeading} tabIndex={-1}>
              {t('signIn.checkMailTitle')}
            </h2>
            <p>{t('signIn.checkMail', { email: outcome.email })}</p>
            <p>{t('signIn.checkMailHint')}</p>
            <p>
              <button
                type="button"
                class="button button-quiet"
                onClick={() => setOutcome({ kind: 'form' })}
              >
                {t('signIn.again')}
              </button>
            </p>
          </div>
        )}
      </div>
      {!sent && (
        <>
          <p class="lead">{t('signIn.intro')}</p>
          {outcome.kind === 'rate-limited' && (
            <p class="notice notice-error" role="alert">
              {t('signIn.rateLimited')}
            </p>
          )}
          {outcome.kind === 'failed' && (
            <p class="notice notice-error" role="alert">
              {errorText(outcome.error, i18n)}
            </p>
          )}
          <form class="form-card" noValidate onSubmit={(event) => void submit(event)}>
            <div class={`form-field${problem ? ' has-error' : ''}`}>
              <label for="sign-in-email">{t('signIn.email')}</label>
              {problem && (
                <p id="sign-in-email-error" class="field-error">
                  {t(problem === 'empty' ? 'signIn.emptyEmail' : 'signIn.invalidEmail')}
                </p>
              )}
              <input
                ref={input}
                id="sign-in-email"
                name="email"
                type="email"
                inputMode="email"
                autocomplete="email"
                spellcheck={false}
                autoCapitalize="none"
                maxLength={254}
                required
                value={email}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? 'sign-in-email-error' : undefined}
                onInput={(event) => setEmail(event.currentTarget.value)}
              />
            </div>
            <button type="submit" class="button" disabled={outcome.kind === 'sending'}>
              {outcome.kind === 'sending' ? t('signIn.sending') : t('signIn.submit')}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
