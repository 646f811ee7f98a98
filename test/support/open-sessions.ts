import { DEMO_EVENT_SLUG } from '@app/persistence';

/** A session of the published programme as `GET /api/events/:slug/sessions` lists it. */
export interface ListedSession {
  id: string;
  title: string;
  audience: string;
  startsAt: string;
  endsAt: string;
}

/**
 * The demo event's sessions (from the api at `baseUrl`) that end three hours or more from now, so
 * their rooms take questions, votes and chat for the whole test (a room is written in until its
 * session ends): the seeded demo always has public and city sessions tomorrow.
 */
export async function openSessions(hub: { baseUrl: string }): Promise<ListedSession[]> {
  const response = await fetch(`${hub.baseUrl}/api/events/${DEMO_EVENT_SLUG}/sessions`);
  const sessions = (await response.json()) as ListedSession[];
  const open = sessions.filter((s) => Date.parse(s.endsAt) > Date.now() + 3 * 3_600_000);
  if (!open.some((s) => s.audience === 'public')) {
    throw new Error('the demo event has no public session ending hours from now');
  }
  return open;
}
