import { useLayoutEffect, useRef } from 'preact/hooks';
import { Footer, Header, SkipLink } from './components/layout';
import { I18nProvider, useI18n } from './i18n';
import { useFlash } from './lib/flash';
import { useLocation } from './lib/router';
import type { Location } from './lib/router';
import { SessionProvider } from './lib/session';
import { AgendaPage } from './pages/agenda-page';
import { ChangelogPage } from './pages/changelog-page';
import { EventsPage } from './pages/events-page';
import { InvitationRespondPage } from './pages/invitation-respond-page';
import { KeyLearningsEditorPage } from './pages/key-learnings-editor-page';
import { KeyLearningsPage } from './pages/key-learnings-page';
import { LiveRoomPage } from './pages/live-room-page';
import { MailAdminPage } from './pages/mail-admin-page';
import { ModeratePage } from './pages/moderate-page';
import { MePage } from './pages/me-page';
import { MyAgendaPage } from './pages/my-agenda-page';
import { MyDataPage } from './pages/my-data-page';
import { NotFoundPage } from './pages/not-found-page';
import { EventEditorPage } from './pages/organise/event-editor-page';
import { InvitationsPage } from './pages/organise/invitations-page';
import { OrganisePage } from './pages/organise/organise-page';
import { PresentPage } from './pages/present-page';
import { PublishPage } from './pages/organise/publish-page';
import { SpeakersPage } from './pages/organise/speakers-page';
import { SessionPage } from './pages/session-page';
import { SignInPage } from './pages/sign-in-page';
import { VerifyPage } from './pages/verify-page';

function matchRoute(location: Location) {
  const { query } = location;
  const path = location.path.length > 1 ? location.path.replace(/\/+$/, '') : location.path;
  if (path === '/' || path === '/events') return <EventsPage />;
  if (path === '/sign-in') return <SignInPage query={query} />;
  if (path === '/sign-in/verify') return <VerifyPage />;
  if (path === '/me') return <MePage />;
  if (path === '/me/data') return <MyDataPage />;
  if (path === '/me/agenda') return <MyAgendaPage />;
  if (path === '/admin/mail') return <MailAdminPage query={query} />;
  if (path === '/invitations/respond') return <InvitationRespondPage />;
  if (path === '/organise') return <OrganisePage />;
  if (path === '/organise/speakers') return <SpeakersPage query={query} />;
  const organise = /^\/organise\/events\/([^/]+)(?:\/(publish|invitations))?$/.exec(path);
  if (organise) {
    const slug = decodeURIComponent(organise[1]);
    if (organise[2] === 'publish') return <PublishPage key={slug} slug={slug} />;
    if (organise[2] === 'invitations') return <InvitationsPage key={slug} slug={slug} />;
    return <EventEditorPage key={slug} slug={slug} query={query} />;
  }
  const dayLearnings =
    /^\/events\/([^/]+)\/days\/(\d{4}-\d{2}-\d{2})\/key-learnings(\/edit)?$/.exec(path);
  if (dayLearnings) {
    const target = {
      scope: 'day',
      slug: decodeURIComponent(dayLearnings[1]),
      date: dayLearnings[2],
    } as const;
    const key = `${target.slug}:${target.date}`;
    if (dayLearnings[3]) return <KeyLearningsEditorPage key={key} target={target} />;
    return <KeyLearningsPage key={key} target={target} />;
  }
  const event = /^\/events\/([^/]+)(\/changelog)?$/.exec(path);
  if (event) {
    const slug = decodeURIComponent(event[1]);
    if (event[2]) return <ChangelogPage key={slug} slug={slug} />;
    return <AgendaPage key={slug} slug={slug} query={query} />;
  }
  const learnings = /^\/sessions\/([^/]+)\/key-learnings(\/edit)?$/.exec(path);
  if (learnings) {
    const target = { scope: 'session', sessionId: decodeURIComponent(learnings[1]) } as const;
    if (learnings[2]) {
      return <KeyLearningsEditorPage key={target.sessionId} target={target} />;
    }
    return <KeyLearningsPage key={target.sessionId} target={target} />;
  }
  const session = /^\/sessions\/([^/]+)(?:\/(live|moderate|present))?$/.exec(path);
  if (session) {
    const id = decodeURIComponent(session[1]);
    if (session[2] === 'live') return <LiveRoomPage key={id} id={id} />;
    if (session[2] === 'moderate') return <ModeratePage key={id} id={id} />;
    if (session[2] === 'present') return <PresentPage key={id} id={id} />;
    return <SessionPage key={id} id={id} />;
  }
  return <NotFoundPage />;
}

function isPresenterPath(path: string): boolean {
  return /^\/sessions\/[^/]+\/present\/?$/.test(path);
}

function Shell() {
  const { t } = useI18n();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const flash = useFlash(location.key);

  // After following a link, start at the top and put focus on the new content, as a full page
  // load would; filter and tab changes (replace) leave focus where it is.
  useLayoutEffect(() => {
    if (location.cause !== 'push') return;
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [location.key, location.cause]);

  // The presenter view fills a projector: no site header or footer around it.
  if (isPresenterPath(location.path)) {
    return (
      <main id="main" ref={mainRef} tabIndex={-1} class="present-main">
        {matchRoute(location)}
      </main>
    );
  }

  return (
    <>
      <SkipLink>{t('app.skipToContent')}</SkipLink>
      <Header />
      <main id="main" ref={mainRef} tabIndex={-1} class="wrap site-main">
        {/* Always present, so that a message put in it is announced. */}
        <div class="flash" role="status">
          {flash && <p class="notice notice-success">{t(flash)}</p>}
        </div>
        {matchRoute(location)}
      </main>
      <Footer />
    </>
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </I18nProvider>
  );
}
