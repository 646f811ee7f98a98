import type { Locale } from '@app/contracts';
import { buildHubUrl, safeHttpUrl } from '../links.js';
import type { DetailRow, MailBlock, MailContent } from '../mail-layout.js';
import type { MailContext, MailTemplate } from '../mail-template.js';
import { formatSessionTimes } from '../session-times.js';
import { safeHeaderText } from '../text-safety.js';
import { COMMON_STRINGS } from './common.i18n.js';

export interface SessionMailData {
  /** User text. */
  recipientName: string;
  /** User text. */
  sessionTitle: string;
  /** User text. */
  eventTitle: string;
  startsAt: Date;
  endsAt: Date;
  /** IANA zone of the event, e.g. Europe/Brussels. */
  eventTimeZone: string;
  /** IANA zone the times are shown in; the event's zone is shown beside it when it differs. */
  recipientTimeZone: string;
  /** Stream or room; user text. */
  location: string | null;
  /** Virtual room link; left out unless it is an absolute http(s) URL. */
  joinUrl: string | null;
  /** Plain absolute path on the hub, e.g. `/sessions/<uuid>`; the link is publicBaseUrl + path. */
  sessionPath: string;
}

export const SESSION_CHANGES = ['time', 'place', 'link'] as const;
export type SessionChange = (typeof SESSION_CHANGES)[number];

export interface SessionUpdateMailData extends SessionMailData {
  changes: SessionChange[];
}

interface SessionStrings {
  labels: {
    session: string;
    event: string;
    when: string;
    scheduledFor: string;
    eventTime: string;
    where: string;
    joinOnline: string;
  };
  viewSession: string;
  invitation: {
    subject(session: string, event: string): string;
    heading: string;
    intro(quotedSession: string, event: string): string;
    calendar: string;
  };
  update: {
    subject(session: string, event: string): string;
    heading: string;
    intro(quotedSession: string, event: string): string;
    changesTitle: string;
    changes: Readonly<Record<SessionChange, string>>;
    calendar: string;
  };
  cancellation: {
    subject(session: string, event: string): string;
    heading: string;
    intro(quotedSession: string, event: string): string;
    calendar: string;
  };
}

const SESSION_STRINGS: Readonly<Record<Locale, SessionStrings>> = {
  en: {
    labels: {
      session: 'Session',
      event: 'Event',
      when: 'When',
      scheduledFor: 'Was planned for',
      eventTime: 'Event time',
      where: 'Where',
      joinOnline: 'Join online',
    },
    viewSession: 'View the session on the ICC Hub',
    invitation: {
      subject: (session, event) => `Invitation: ${session} – ${event}`,
      heading: 'You are invited to a session',
      intro: (session, event) => `You are invited to the session ${session} of ${event}.`,
      calendar: 'The attached calendar file (.ics) adds the session to your calendar.',
    },
    update: {
      subject: (session, event) => `Updated: ${session} – ${event}`,
      heading: 'A session has changed',
      intro: (session, event) =>
        `The session ${session} of ${event} has changed. The details below are up to date.`,
      changesTitle: 'What has changed:',
      changes: {
        time: 'Date and time',
        place: 'Place (room or stream)',
        link: 'Online link',
      },
      calendar: 'The attached calendar file (.ics) updates the entry in your calendar.',
    },
    cancellation: {
      subject: (session, event) => `Cancelled: ${session} – ${event}`,
      heading: 'A session has been cancelled',
      intro: (session, event) => `The session ${session} of ${event} has been cancelled.`,
      calendar:
        'The entry will be removed from your calendar: the attached calendar file (.ics) ' +
        'cancels it. If your calendar app does not remove it by itself, please delete it.',
    },
  },
  fr: {
    labels: {
      session: 'Session',
      event: 'Événement',
      when: 'Quand',
      scheduledFor: 'Prévue initialement',
      eventTime: 'Heure de l’événement',
      where: 'Lieu',
      joinOnline: 'Participer en ligne',
    },
    viewSession: 'Voir la session sur l’ICC Hub',
    invitation: {
      subject: (session, event) => `Invitation\u00a0: ${session} – ${event}`,
      heading: 'Vous êtes invité(e) à une session',
      intro: (session, event) =>
        `Vous êtes invité(e) à la session ${session} de l’événement ${event}.`,
      calendar: 'Le fichier de calendrier (.ics) joint ajoute la session à votre agenda.',
    },
    update: {
      subject: (session, event) => `Modification\u00a0: ${session} – ${event}`,
      heading: 'Une session a été modifiée',
      intro: (session, event) =>
        `La session ${session} de l’événement ${event} a été modifiée. ` +
        'Les informations ci-dessous sont à jour.',
      changesTitle: 'Ce qui a changé\u00a0:',
      changes: {
        time: 'La date et l’heure',
        place: 'Le lieu (salle ou canal)',
        link: 'Le lien de connexion',
      },
      calendar: 'Le fichier de calendrier (.ics) joint met à jour l’entrée de votre agenda.',
    },
    cancellation: {
      subject: (session, event) => `Annulation\u00a0: ${session} – ${event}`,
      heading: 'Une session a été annulée',
      intro: (session, event) => `La session ${session} de l’événement ${event} a été annulée.`,
      calendar:
        'L’entrée sera supprimée de votre agenda\u00a0: le fichier de calendrier (.ics) joint ' +
        'l’annule. Si votre application de calendrier ne la supprime pas d’elle-même, ' +
        'veuillez la supprimer.',
    },
  },
  de: {
    labels: {
      session: 'Session',
      event: 'Veranstaltung',
      when: 'Wann',
      scheduledFor: 'Ursprünglich geplant',
      eventTime: 'Zeit am Veranstaltungsort',
      where: 'Ort',
      joinOnline: 'Online teilnehmen',
    },
    viewSession: 'Session im ICC Hub ansehen',
    invitation: {
      subject: (session, event) => `Einladung: ${session} – ${event}`,
      heading: 'Einladung zu einer Session',
      intro: (session, event) =>
        `Sie sind zur Session ${session} der Veranstaltung ${event} eingeladen.`,
      calendar:
        'Mit der angehängten Kalenderdatei (.ics) tragen Sie die Session in Ihren Kalender ein.',
    },
    update: {
      subject: (session, event) => `Geändert: ${session} – ${event}`,
      heading: 'Eine Session wurde geändert',
      intro: (session, event) =>
        `Die Session ${session} der Veranstaltung ${event} wurde geändert. ` +
        'Die folgenden Angaben sind aktuell.',
      changesTitle: 'Was sich geändert hat:',
      changes: {
        time: 'Datum und Uhrzeit',
        place: 'Ort (Raum oder Stream)',
        link: 'Online-Link',
      },
      calendar: 'Die angehängte Kalenderdatei (.ics) aktualisiert den Eintrag in Ihrem Kalender.',
    },
    cancellation: {
      subject: (session, event) => `Abgesagt: ${session} – ${event}`,
      heading: 'Eine Session wurde abgesagt',
      intro: (session, event) =>
        `Die Session ${session} der Veranstaltung ${event} wurde abgesagt.`,
      calendar:
        'Der Eintrag wird aus Ihrem Kalender entfernt: Die angehängte Kalenderdatei (.ics) ' +
        'storniert ihn. Falls Ihre Kalender-App ihn nicht selbst entfernt, löschen Sie ihn bitte.',
    },
  },
};

/** Longest title or name kept in a body line; the subject has its own, shorter limit. */
const MAX_VALUE_LENGTH = 300;

type SessionMailKind = 'invitation' | 'update' | 'cancellation';

function composeSessionMail(
  kind: SessionMailKind,
  data: SessionMailData,
  changes: readonly SessionChange[],
  locale: Locale,
  context: MailContext,
): MailContent {
  const common = COMMON_STRINGS[locale];
  const strings = SESSION_STRINGS[locale];
  const wording = strings[kind];
  const sessionUrl = buildHubUrl(context.publicBaseUrl, data.sessionPath);
  const times = formatSessionTimes(data, common.intlLocale);
  const name = safeHeaderText(data.recipientName, MAX_VALUE_LENGTH);
  const sessionTitle = safeHeaderText(data.sessionTitle, MAX_VALUE_LENGTH);
  const eventTitle = safeHeaderText(data.eventTitle, MAX_VALUE_LENGTH);
  const location = data.location === null ? '' : safeHeaderText(data.location, MAX_VALUE_LENGTH);
  const joinUrl = kind === 'cancellation' ? null : safeHttpUrl(data.joinUrl);

  const rows: DetailRow[] = [
    { label: strings.labels.session, value: sessionTitle },
    { label: strings.labels.event, value: eventTitle },
    {
      label: kind === 'cancellation' ? strings.labels.scheduledFor : strings.labels.when,
      value: times.recipient,
    },
  ];
  if (times.event !== null) rows.push({ label: strings.labels.eventTime, value: times.event });
  if (location !== '') rows.push({ label: strings.labels.where, value: location });
  if (joinUrl !== null)
    rows.push({ label: strings.labels.joinOnline, value: joinUrl, href: joinUrl });

  const blocks: MailBlock[] = [
    { kind: 'paragraph', text: common.greeting(name) },
    { kind: 'paragraph', text: wording.intro(common.quote(sessionTitle), eventTitle) },
  ];
  if (kind === 'update' && changes.length > 0) {
    blocks.push({
      kind: 'list',
      title: strings.update.changesTitle,
      items: changes.map((change) => strings.update.changes[change]),
    });
  }
  blocks.push(
    { kind: 'details', rows },
    { kind: 'action', label: strings.viewSession, href: sessionUrl },
    { kind: 'paragraph', text: wording.calendar },
  );
  return {
    subject: wording.subject(sessionTitle, eventTitle),
    heading: wording.heading,
    blocks,
    footer: common.footer,
    labelSeparator: common.labelSeparator,
  };
}

/** Known changes once each, in a fixed order, whatever the stored list holds. */
function normalizeChanges(changes: readonly string[]): SessionChange[] {
  return SESSION_CHANGES.filter((change) => changes.includes(change));
}

export const sessionInvitationTemplate: MailTemplate<SessionMailData> = {
  compose: (data, locale, context) => composeSessionMail('invitation', data, [], locale, context),
};

export const sessionUpdateTemplate: MailTemplate<SessionUpdateMailData> = {
  compose: (data, locale, context) =>
    composeSessionMail('update', data, normalizeChanges(data.changes), locale, context),
};

export const sessionCancellationTemplate: MailTemplate<SessionMailData> = {
  compose: (data, locale, context) => composeSessionMail('cancellation', data, [], locale, context),
};
