import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import type { MeView } from '../lib/api';
import { signInHref } from '../lib/next-path';
import { useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { usePageTitle } from '../lib/use-page-title';
import { Loading } from './status';

function SignInPrompt() {
  const { t } = useI18n();
  const { path, query } = useLocation();
  const search = query.toString();
  usePageTitle(t('signIn.requiredTitle'));
  return (
    <div class="notice narrow">
      <h1>{t('signIn.requiredTitle')}</h1>
      <p>{t('signIn.required')}</p>
      <p>
        <a class="button" href={signInHref(`${path}${search ? `?${search}` : ''}`)}>
          {t('account.signIn')}
        </a>
      </p>
    </div>
  );
}

/** Renders its content for a signed-in person, and a way to sign in (and come back) otherwise. */
export function SignedInOnly({ children }: { children: (me: MeView) => ComponentChildren }) {
  const { me } = useSession();
  if (me === undefined) return <Loading />;
  if (me === null) return <SignInPrompt />;
  return <>{children(me)}</>;
}
