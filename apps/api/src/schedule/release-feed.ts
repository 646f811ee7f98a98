import type { ReleaseView, SessionChange } from '@app/contracts';
import type { EventEntity } from '@app/persistence';
import { Feed } from 'feed';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * `feed` writes texts as `type="html"` inside CDATA, so a reader renders them as HTML: organisers'
 * text is escaped to HTML first. That also rules out `]]>`, which would end the CDATA section.
 */
function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

function describe(change: SessionChange, timeZone: string): string {
  const when = (iso: string) =>
    new Date(iso).toLocaleString('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  switch (change.kind) {
    case 'new':
      return `New: ${change.title}${change.after ? ` (${when(change.after.startsAt)})` : ''}`;
    case 'cancelled':
      return `Cancelled: ${change.title}`;
    case 'moved':
      return `Moved: ${change.title}${
        change.before && change.after
          ? ` (${when(change.before.startsAt)}, ${change.before.stream ?? '-'} → ${when(change.after.startsAt)}, ${change.after.stream ?? '-'})`
          : ''
      }`;
    default:
      return `Changed (${change.fields.join(', ')}): ${change.title}`;
  }
}

/**
 * The changelog as an Atom feed. The `feed` library escapes every text it is given, so titles
 * and notes written by organisers cannot break out of the XML.
 */
export function releaseFeed(
  event: EventEntity,
  releases: ReleaseView[],
  publicBaseUrl: string,
): string {
  const base = publicBaseUrl.replace(/\/$/, '');
  const changelog = `${base}/events/${encodeURIComponent(event.slug)}/changelog`;
  const feed = new Feed({
    id: changelog,
    link: changelog,
    title: html(`${event.title}: schedule changes`),
    description: html(`Releases of the programme of ${event.title}`),
    copyright: 'European Commission, Intelligent Cities Challenge',
    updated: releases[0] ? new Date(releases[0].publishedAt) : event.updatedAt,
    feedLinks: {
      atom: `${base}/api/events/${encodeURIComponent(event.slug)}/schedule/releases.atom`,
    },
  });
  for (const release of releases) {
    const lines = release.diff.changes.map((c) => describe(c, event.timeZone));
    feed.addItem({
      id: `${changelog}#release-${release.number}`,
      link: `${changelog}#release-${release.number}`,
      title: html(`Release ${release.number}: ${release.name}`),
      date: new Date(release.publishedAt),
      description: html(release.notes || lines.slice(0, 3).join('; ')),
      content: [release.notes, ...lines]
        .filter(Boolean)
        .map((line) => `<p>${html(line)}</p>`)
        .join(''),
    });
  }
  return feed.atom1();
}
