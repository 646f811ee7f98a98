import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { api, ApiError, setCsrfToken } from '../lib/api';
import { errorText } from '../lib/errors';
import { takeNextPath } from '../lib/next-path';
import { navigate } from '../lib/router';
import { useSession } from '../lib/session';
import { captureLinkToken, takeLinkToken, VERIFY_PATH } from '../lib/link-token';
import { usePageTitle } from '../lib/use-page-title';

type State =
  | { kind: 'working' }
  | { kind: 'missing' }
  | { kind: 'refused' }
  | { kind: 'damaged' }
  | { kind: 'failed'; error: unknown };

/** Opens the session for the token of a sign-in link, then goes where the person was heading. */
export function VerifyPage() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { refresh } = useSession();
  const [state, setState] = useState<State>({ kind: 'working' });
  const token = useRef<string | null>(null);
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;

  const verify = async () => {
    const secret = token.current;
    if (!secret) {
      setState({ kind: 'missing' });
      return;
    }
    setState({ kind: 'working' });
    try {
      const opened = await api.verify(secret, localeRef.current);
      token.current = null;
      setCsrfToken(opened.csrfToken);
      await refreshRef.current();
      // Replace: "back" must not lead to a spent link. Focus moves to the new page as after a link.
      navigate(takeNextPath(), { replace: true });
      document.getElementById('main')?.focus({ preventScroll: true });
    } catch (error) {
      // Said in the reader's language: the api's sentence is English and says nothing more.
      if (error instanceof ApiError && (error.status === 401 || error.status === 400)) {
        token.current = null;
        setState({ kind: error.status === 400 ? 'damaged' : 'refused' });
      } else {
        setState({ kind: 'failed', error });
      }
    }
  };

  useEffect(() => {
    // main.tsx has usually taken the token already; this covers arriving by in-app navigation.
    captureLinkToken();
    token.current = takeLinkToken(VERIFY_PATH);
    void verify();
    // Runs once: a token is spent by the first request.
  }, []);

  usePageTitle(state.kind === 'working' ? t('verify.title') : t('verify.failedTitle'));

  if (state.kind === 'working') {
    return (
      <div class="narrow">
        <h1>{t('verify.title')}</h1>
        <p class="status-loading" role="status">
          <span class="spinner" aria-hidden="true" />
          {t('verify.working')}
        </p>
      </div>
    );
  }

  return (
    <div class="narrow">
      <div class="notice notice-error" role="alert">
        <h1>{t('verify.failedTitle')}</h1>
        {state.kind === 'missing' && <p>{t('verify.missing')}</p>}
        {state.kind === 'refused' && <p>{t('verify.expired')}</p>}
        {state.kind === 'damaged' && <p>{t('verify.damaged')}</p>}
        {state.kind === 'failed' && <p>{errorText(state.error, i18n)}</p>}
        <p class="actions">
          {state.kind === 'failed' && (
            <button type="button" class="button" onClick={() => void verify()}>
              {t('status.retry')}
            </button>
          )}
          <a class={state.kind === 'failed' ? 'button button-quiet' : 'button'} href="/sign-in">
            {t('verify.newLink')}
          </a>
        </p>
      </div>
    </div>
  );
}
