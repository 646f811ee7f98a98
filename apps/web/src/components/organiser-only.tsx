import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import type { MeView } from '../lib/api';
import { organises, useSession } from '../lib/session';
import { usePageTitle } from '../lib/use-page-title';
import { SignedInOnly } from './signed-in-only';

/** Said to a signed-in person without the organiser role, and when the api answers 403. */
export function OrganisersOnlyNotice() {
  const { t } = useI18n();
  usePageTitle(t('organise.onlyTitle'));
  return (
    <div class="notice narrow">
      <h1>{t('organise.onlyTitle')}</h1>
      <p>{t('organise.only')}</p>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </div>
  );
}

/**
 * Renders its content for organisers of `eventSlug` (or of any event when none is named). The
 * api decides in the end; this spares others a page of controls that would all be refused.
 */
export function OrganiserOnly({
  eventSlug,
  children,
}: {
  eventSlug?: string;
  children: (me: MeView) => ComponentChildren;
}) {
  const { isOrganiser } = useSession();
  return (
    <SignedInOnly>
      {(me) =>
        (eventSlug === undefined ? isOrganiser : organises(me, eventSlug)) ? (
          children(me)
        ) : (
          <OrganisersOnlyNotice />
        )
      }
    </SignedInOnly>
  );
}
