import { useI18n } from '../../i18n';

/** Breadcrumb of the organiser pages: Organise › event › this page. */
export function OrganiseBreadcrumb({
  event,
  page,
}:
  { event: { slug: string; title: string }; page?: string } | { event?: undefined; page: string }) {
  const { t } = useI18n();
  return (
    <nav class="breadcrumb" aria-label={t('agenda.breadcrumb')}>
      <ol>
        <li>
          <a href="/organise">{t('organise.title')}</a>
        </li>
        {event && page && (
          <li>
            <a href={`/organise/events/${encodeURIComponent(event.slug)}`}>{event.title}</a>
          </li>
        )}
        <li aria-current="page">{page ?? event?.title}</li>
      </ol>
    </nav>
  );
}

/** The organiser's ways from one page of an event to the others. */
export function EventToolLinks({ slug, current }: { slug: string; current: string }) {
  const { t } = useI18n();
  const base = `/organise/events/${encodeURIComponent(slug)}`;
  const links: [string, string][] = [
    [base, t('editor.draftLink')],
    [`${base}/publish`, t('publish.title')],
    [`${base}/invitations`, t('invitations.title')],
    ['/organise/speakers', t('speakers.title')],
    [`/events/${encodeURIComponent(slug)}`, t('editor.publicAgenda')],
    [`/events/${encodeURIComponent(slug)}/changelog`, t('changelog.title')],
  ];
  return (
    <nav class="tool-links" aria-label={t('editor.tools')}>
      <ul role="list">
        {links.map(([href, label]) => (
          <li key={href}>
            <a href={href} aria-current={href === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
