import { useEffect, useRef } from 'preact/hooks';
import { Footer, Header, SkipLink } from './components/layout';
import { I18nProvider, useI18n } from './i18n';
import { useLocation } from './lib/router';
import type { Location } from './lib/router';
import { AgendaPage } from './pages/agenda-page';
import { EventsPage } from './pages/events-page';
import { NotFoundPage } from './pages/not-found-page';
import { SessionPage } from './pages/session-page';

function matchRoute(location: Location) {
  const { path, query } = location;
  if (path === '/' || path === '/events' || path === '/events/') return <EventsPage />;
  const event = /^\/events\/([^/]+)\/?$/.exec(path);
  if (event) {
    const slug = decodeURIComponent(event[1]);
    return <AgendaPage key={slug} slug={slug} query={query} />;
  }
  const session = /^\/sessions\/([^/]+)\/?$/.exec(path);
  if (session) {
    const id = decodeURIComponent(session[1]);
    return <SessionPage key={id} id={id} />;
  }
  return <NotFoundPage />;
}

function Shell() {
  const { t } = useI18n();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);

  // After following a link, start at the top and put focus on the new content, as a full page
  // load would; filter and tab changes (replace) leave focus where it is.
  useEffect(() => {
    if (location.cause !== 'push') return;
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [location.key, location.cause]);

  return (
    <>
      <SkipLink>{t('app.skipToContent')}</SkipLink>
      <Header />
      <main id="main" ref={mainRef} tabIndex={-1} class="wrap site-main">
        {matchRoute(location)}
      </main>
      <Footer />
    </>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}
