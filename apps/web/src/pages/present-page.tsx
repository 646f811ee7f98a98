import type { SessionDetail } from '@app/contracts';
import {
  LiveRefusal,
  LiveSessionGate,
  LiveStatus,
  PollResults,
  authorLabel,
} from '../components/live-bits';
import { InlineLoading } from '../components/status';
import { useI18n } from '../i18n';
import { presenterQuestions } from '../lib/live-room';
import type { LiveRoom } from '../lib/use-live-room';
import { usePageTitle } from '../lib/use-page-title';

/** For a projector: the pinned question big, then the five most voted; no controls. */
function PresentView({ session, room }: { session: SessionDetail; room: LiveRoom }) {
  const { t, plural } = useI18n();
  usePageTitle(t('live.presentTitle', { title: session.title }));
  const { pinned, top } = presenterQuestions(room.state);
  const poll = room.state.polls.find((p) => p.status === 'open') ?? null;

  return (
    <div class="present-page">
      <header class="present-head">
        <h1 class="present-title">{session.title}</h1>
        <LiveStatus room={room} />
      </header>
      <LiveRefusal room={room} />
      {!room.ready ? (
        room.connection !== 'refused' && <InlineLoading />
      ) : (
        <>
          <section class="present-pinned" aria-labelledby="present-pinned-heading">
            <h2 id="present-pinned-heading" class="present-label">
              {t('live.nowAnswering')}
            </h2>
            {pinned ? (
              <figure class="present-question-big">
                <blockquote>
                  <p>{pinned.body}</p>
                </blockquote>
                <figcaption>
                  {authorLabel(pinned, t)} · {plural('live.votes', pinned.voteCount)}
                </figcaption>
              </figure>
            ) : (
              <p class="present-empty">{t('live.noPinned')}</p>
            )}
          </section>
          <div class="present-columns">
            <section class="present-top" aria-labelledby="present-top-heading">
              <h2 id="present-top-heading" class="present-label">
                {t('live.topQuestions')}
              </h2>
              {top.length === 0 ? (
                <p class="present-empty">{t('live.noQuestions')}</p>
              ) : (
                <ol class="present-list">
                  {top.map((question) => (
                    <li key={question.id} class="present-item">
                      <span class="present-votes">
                        <span aria-hidden="true">▲ </span>
                        {question.voteCount}
                        <span class="visually-hidden"> {t('live.votesShort')}</span>
                      </span>
                      <span class="present-body">{question.body}</span>
                    </li>
                  ))}
                </ol>
              )}
            </section>
            {poll && (
              <section class="present-poll" aria-labelledby="present-poll-heading">
                <h2 id="present-poll-heading" class="present-label">
                  {t('live.poll')}
                </h2>
                <p class="present-poll-question">{poll.question}</p>
                <PollResults poll={poll} large />
                <p class="present-poll-voters">{plural('live.voters', poll.voters)}</p>
              </section>
            )}
          </div>
        </>
      )}
    </div>
  );
}

export function PresentPage({ id }: { id: string }) {
  return (
    <LiveSessionGate id={id}>
      {(session, room) => <PresentView session={session} room={room} />}
    </LiveSessionGate>
  );
}
