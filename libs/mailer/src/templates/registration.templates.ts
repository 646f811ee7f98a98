import type { Locale } from '@app/contracts';
import { buildHubUrl, safeHttpUrl } from '../links.js';
import type { DetailRow, MailBlock, MailContent } from '../mail-layout.js';
import type { MailContext, MailTemplate } from '../mail-template.js';
import { type ReminderLead, reminderLead } from '../reminder-lead.js';
import { formatSessionTimes } from '../session-times.js';
import { safeHeaderText } from '../text-safety.js';
import { COMMON_STRINGS } from './common.i18n.js';
import type { SessionMailData } from './session.templates.js';

type RegistrationMailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'cancelled';

interface RegistrationWording {
  subject(session: string, event: string): string;
  heading: string;
  intro(quotedSession: string, event: string): string;
  /** What happens next, and what the attached calendar file (if any) does. */
  closing: readonly string[];
}

/** A confirmed registrant's reminder; the lead ("in about an hour") fills each sentence. */
interface ReminderWording {
  lead(lead: ReminderLead): string;
  subject(session: string, lead: string): string;
  heading: string;
  intro(quotedSession: string, event: string, lead: string): string;
  closing: string;
}

export interface SessionReminderMailData extends SessionMailData {
  /** When the worker writes the mail: the lead time counts from here, not from the offset. */
  writtenAt: Date;
}

interface RegistrationStrings {
  labels: {
    session: string;
    event: string;
    when: string;
    eventTime: string;
    where: string;
    joinOnline: string;
  };
  viewSession: string;
  kinds: Readonly<Record<RegistrationMailKind, RegistrationWording>>;
  reminder: ReminderWording;
}

const REGISTRATION_STRINGS: Readonly<Record<Locale, RegistrationStrings>> = {
  en: {
    labels: {
      session: 'Session',
      event: 'Event',
      when: 'When',
      eventTime: 'Event time',
      where: 'Where',
      joinOnline: 'Join online',
    },
    viewSession: 'View the session on the ICC Hub',
    kinds: {
      confirmed: {
        subject: (session, event) => `Registered: ${session} – ${event}`,
        heading: 'Your seat is confirmed',
        intro: (session, event) =>
          `Your registration for the session ${session} of ${event} is confirmed.`,
        closing: [
          'The attached calendar file (.ics) adds the session to your calendar.',
          'If you cannot attend after all, please cancel on the session page so that someone ' +
            'else can take your seat.',
        ],
      },
      waitlisted: {
        subject: (session, event) => `Waiting list: ${session} – ${event}`,
        heading: 'You are on the waiting list',
        intro: (session, event) =>
          `The session ${session} of ${event} is full, so you are on its waiting list.`,
        closing: [
          'When a seat becomes free, it goes to the next person on the list. If it is yours, ' +
            'we will write to you straight away with a calendar file.',
          'The session page shows your place on the list.',
        ],
      },
      promoted: {
        subject: (session, event) => `Seat confirmed: ${session} – ${event}`,
        heading: 'A seat has become free for you',
        intro: (session, event) =>
          `A seat in the session ${session} of ${event} has become free and it is yours: ` +
          'your registration is now confirmed.',
        closing: [
          'The attached calendar file (.ics) adds the session to your calendar.',
          'If you can no longer attend, please cancel on the session page so that the next ' +
            'person on the waiting list can take the seat.',
        ],
      },
      cancelled: {
        subject: (session, event) => `Registration cancelled: ${session} – ${event}`,
        heading: 'Your registration is cancelled',
        intro: (session, event) =>
          `Your registration for the session ${session} of ${event} has been cancelled.`,
        closing: [
          'The attached calendar file (.ics) removes the session from your calendar. If your ' +
            'calendar app does not remove it by itself, please delete it.',
        ],
      },
    },
    reminder: {
      lead: (lead) => {
        switch (lead.unit) {
          case 'minutes':
            return lead.count === 1 ? 'in about a minute' : `in about ${lead.count} minutes`;
          case 'hours':
            return lead.count === 1 ? 'in about an hour' : `in about ${lead.count} hours`;
          case 'tomorrow':
            return 'tomorrow';
          case 'days':
            return `in ${lead.count} days`;
        }
      },
      subject: (session, lead) => `Reminder: ${session} starts ${lead}`,
      heading: 'A reminder of your session',
      intro: (session, event, lead) =>
        `The session ${session} of ${event}, for which you are registered, starts ${lead}.`,
      closing:
        'If you can no longer attend, please cancel on the session page so that someone on ' +
        'the waiting list can take your seat.',
    },
  },
  fr: {
    labels: {
      session: 'Session',
      event: 'Événement',
      when: 'Quand',
      eventTime: 'Heure de l’événement',
      where: 'Lieu',
      joinOnline: 'Participer en ligne',
    },
    viewSession: 'Voir la session sur l’ICC Hub',
    kinds: {
      confirmed: {
        subject: (session, event) => `Inscription confirmée\u00a0: ${session} – ${event}`,
        heading: 'Votre place est confirmée',
        intro: (session, event) =>
          `Votre inscription à la session ${session} de l’événement ${event} est confirmée.`,
        closing: [
          'Le fichier de calendrier (.ics) joint ajoute la session à votre agenda.',
          'Si vous ne pouvez finalement pas y assister, annulez votre inscription sur la page ' +
            'de la session afin que quelqu’un d’autre puisse prendre votre place.',
        ],
      },
      waitlisted: {
        subject: (session, event) => `Liste d’attente\u00a0: ${session} – ${event}`,
        heading: 'Vous êtes sur la liste d’attente',
        intro: (session, event) =>
          `La session ${session} de l’événement ${event} est complète\u00a0: ` +
          'vous êtes inscrit(e) sur sa liste d’attente.',
        closing: [
          'Quand une place se libère, elle revient à la personne suivante de la liste. Si c’est ' +
            'vous, nous vous écrirons aussitôt, avec un fichier de calendrier.',
          'La page de la session indique votre rang dans la liste.',
        ],
      },
      promoted: {
        subject: (session, event) => `Place confirmée\u00a0: ${session} – ${event}`,
        heading: 'Une place s’est libérée pour vous',
        intro: (session, event) =>
          `Une place s’est libérée dans la session ${session} de l’événement ${event} et elle ` +
          'est à vous\u00a0: votre inscription est désormais confirmée.',
        closing: [
          'Le fichier de calendrier (.ics) joint ajoute la session à votre agenda.',
          'Si vous ne pouvez plus y assister, annulez votre inscription sur la page de la ' +
            'session afin que la personne suivante sur la liste d’attente puisse prendre la place.',
        ],
      },
      cancelled: {
        subject: (session, event) => `Inscription annulée\u00a0: ${session} – ${event}`,
        heading: 'Votre inscription est annulée',
        intro: (session, event) =>
          `Votre inscription à la session ${session} de l’événement ${event} a été annulée.`,
        closing: [
          'Le fichier de calendrier (.ics) joint retire la session de votre agenda. Si votre ' +
            'application de calendrier ne la supprime pas d’elle-même, veuillez la supprimer.',
        ],
      },
    },
    reminder: {
      lead: (lead) => {
        switch (lead.unit) {
          case 'minutes':
            return lead.count === 1
              ? 'dans environ une minute'
              : `dans environ ${lead.count}\u00a0minutes`;
          case 'hours':
            return lead.count === 1
              ? 'dans environ une heure'
              : `dans environ ${lead.count}\u00a0heures`;
          case 'tomorrow':
            return 'demain';
          case 'days':
            return `dans ${lead.count}\u00a0jours`;
        }
      },
      subject: (session, lead) => `Rappel\u00a0: ${session} commence ${lead}`,
      heading: 'Rappel de votre session',
      intro: (session, event, lead) =>
        `La session ${session} de l’événement ${event}, à laquelle vous êtes inscrit(e), ` +
        `commence ${lead}.`,
      closing:
        'Si vous ne pouvez plus y assister, annulez votre inscription sur la page de la ' +
        'session afin que la personne suivante sur la liste d’attente puisse prendre la place.',
    },
  },
  de: {
    labels: {
      session: 'Session',
      event: 'Veranstaltung',
      when: 'Wann',
      eventTime: 'Zeit am Veranstaltungsort',
      where: 'Ort',
      joinOnline: 'Online teilnehmen',
    },
    viewSession: 'Session im ICC Hub ansehen',
    kinds: {
      confirmed: {
        subject: (session, event) => `Anmeldung bestätigt: ${session} – ${event}`,
        heading: 'Ihr Platz ist bestätigt',
        intro: (session, event) =>
          `Ihre Anmeldung zur Session ${session} der Veranstaltung ${event} ist bestätigt.`,
        closing: [
          'Mit der angehängten Kalenderdatei (.ics) tragen Sie die Session in Ihren Kalender ein.',
          'Falls Sie doch nicht teilnehmen können, melden Sie sich bitte auf der Seite der ' +
            'Session ab, damit jemand anderes Ihren Platz bekommt.',
        ],
      },
      waitlisted: {
        subject: (session, event) => `Warteliste: ${session} – ${event}`,
        heading: 'Sie stehen auf der Warteliste',
        intro: (session, event) =>
          `Die Session ${session} der Veranstaltung ${event} ist ausgebucht; ` +
          'Sie stehen auf ihrer Warteliste.',
        closing: [
          'Wird ein Platz frei, geht er an die nächste Person auf der Liste. Sind Sie es, ' +
            'schreiben wir Ihnen sofort, mit einer Kalenderdatei.',
          'Ihren Platz auf der Liste sehen Sie auf der Seite der Session.',
        ],
      },
      promoted: {
        subject: (session, event) => `Platz bestätigt: ${session} – ${event}`,
        heading: 'Ein Platz ist für Sie frei geworden',
        intro: (session, event) =>
          `In der Session ${session} der Veranstaltung ${event} ist ein Platz frei geworden, ` +
          'und er gehört Ihnen: Ihre Anmeldung ist jetzt bestätigt.',
        closing: [
          'Mit der angehängten Kalenderdatei (.ics) tragen Sie die Session in Ihren Kalender ein.',
          'Falls Sie nicht mehr teilnehmen können, melden Sie sich bitte auf der Seite der ' +
            'Session ab, damit die nächste Person auf der Warteliste den Platz bekommt.',
        ],
      },
      cancelled: {
        subject: (session, event) => `Anmeldung storniert: ${session} – ${event}`,
        heading: 'Ihre Anmeldung ist storniert',
        intro: (session, event) =>
          `Ihre Anmeldung zur Session ${session} der Veranstaltung ${event} wurde storniert.`,
        closing: [
          'Die angehängte Kalenderdatei (.ics) entfernt die Session aus Ihrem Kalender. Falls ' +
            'Ihre Kalender-App sie nicht selbst entfernt, löschen Sie sie bitte.',
        ],
      },
    },
    reminder: {
      lead: (lead) => {
        switch (lead.unit) {
          case 'minutes':
            return lead.count === 1 ? 'in etwa einer Minute' : `in etwa ${lead.count} Minuten`;
          case 'hours':
            return lead.count === 1 ? 'in etwa einer Stunde' : `in etwa ${lead.count} Stunden`;
          case 'tomorrow':
            return 'morgen';
          case 'days':
            return `in ${lead.count} Tagen`;
        }
      },
      subject: (session, lead) => `Erinnerung: ${session} beginnt ${lead}`,
      heading: 'Erinnerung an Ihre Session',
      intro: (session, event, lead) =>
        `Die Session ${session} der Veranstaltung ${event}, zu der Sie angemeldet sind, ` +
        `beginnt ${lead}.`,
      closing:
        'Falls Sie nicht mehr teilnehmen können, melden Sie sich bitte auf der Seite der ' +
        'Session ab, damit die nächste Person auf der Warteliste den Platz bekommt.',
    },
  },
};

/** Longest title or name kept in a body line; the subject has its own, shorter limit. */
const MAX_VALUE_LENGTH = 300;

/** Only a held seat comes with the room link: the waiting list and a cancellation do not. */
const SHOWS_JOIN_LINK: Readonly<Record<RegistrationMailKind, boolean>> = {
  confirmed: true,
  promoted: true,
  waitlisted: false,
  cancelled: false,
};

/** The parts every registration mail shares: who, what, when, where, and the session link. */
function sessionParts(
  data: SessionMailData,
  locale: Locale,
  context: MailContext,
  withJoinLink: boolean,
): {
  sessionTitle: string;
  eventTitle: string;
  greeting: MailBlock;
  details: MailBlock;
  action: MailBlock;
} {
  const common = COMMON_STRINGS[locale];
  const strings = REGISTRATION_STRINGS[locale];
  const times = formatSessionTimes(data, common.intlLocale);
  const sessionTitle = safeHeaderText(data.sessionTitle, MAX_VALUE_LENGTH);
  const eventTitle = safeHeaderText(data.eventTitle, MAX_VALUE_LENGTH);
  const location = data.location === null ? '' : safeHeaderText(data.location, MAX_VALUE_LENGTH);
  const joinUrl = withJoinLink ? safeHttpUrl(data.joinUrl) : null;

  const rows: DetailRow[] = [
    { label: strings.labels.session, value: sessionTitle },
    { label: strings.labels.event, value: eventTitle },
    { label: strings.labels.when, value: times.recipient },
  ];
  if (times.event !== null) rows.push({ label: strings.labels.eventTime, value: times.event });
  if (location !== '') rows.push({ label: strings.labels.where, value: location });
  if (joinUrl !== null) {
    rows.push({ label: strings.labels.joinOnline, value: joinUrl, href: joinUrl });
  }
  return {
    sessionTitle,
    eventTitle,
    greeting: {
      kind: 'paragraph',
      text: common.greeting(safeHeaderText(data.recipientName, MAX_VALUE_LENGTH)),
    },
    details: { kind: 'details', rows },
    action: {
      kind: 'action',
      label: strings.viewSession,
      href: buildHubUrl(context.publicBaseUrl, data.sessionPath),
    },
  };
}

function composeRegistrationMail(
  kind: RegistrationMailKind,
  data: SessionMailData,
  locale: Locale,
  context: MailContext,
): MailContent {
  const common = COMMON_STRINGS[locale];
  const wording = REGISTRATION_STRINGS[locale].kinds[kind];
  const parts = sessionParts(data, locale, context, SHOWS_JOIN_LINK[kind]);
  return {
    subject: wording.subject(parts.sessionTitle, parts.eventTitle),
    heading: wording.heading,
    blocks: [
      parts.greeting,
      {
        kind: 'paragraph',
        text: wording.intro(common.quote(parts.sessionTitle), parts.eventTitle),
      },
      parts.details,
      parts.action,
      ...wording.closing.map((text): MailBlock => ({ kind: 'paragraph', text })),
    ],
    footer: common.footer,
    labelSeparator: common.labelSeparator,
  };
}

function composeReminderMail(
  data: SessionReminderMailData,
  locale: Locale,
  context: MailContext,
): MailContent {
  const common = COMMON_STRINGS[locale];
  const wording = REGISTRATION_STRINGS[locale].reminder;
  const parts = sessionParts(data, locale, context, true);
  const lead = wording.lead(reminderLead(data.startsAt, data.writtenAt, data.recipientTimeZone));
  return {
    subject: wording.subject(parts.sessionTitle, lead),
    heading: wording.heading,
    blocks: [
      parts.greeting,
      {
        kind: 'paragraph',
        text: wording.intro(common.quote(parts.sessionTitle), parts.eventTitle, lead),
      },
      parts.details,
      parts.action,
      { kind: 'paragraph', text: wording.closing },
    ],
    footer: common.footer,
    labelSeparator: common.labelSeparator,
  };
}

/** Sent with a METHOD:REQUEST calendar file. */
export const registrationConfirmedTemplate: MailTemplate<SessionMailData> = {
  compose: (data, locale, context) => composeRegistrationMail('confirmed', data, locale, context),
};

/** No calendar file: a waiting place is not an appointment. */
export const registrationWaitlistedTemplate: MailTemplate<SessionMailData> = {
  compose: (data, locale, context) => composeRegistrationMail('waitlisted', data, locale, context),
};

/** Sent with a METHOD:REQUEST calendar file. */
export const registrationPromotedTemplate: MailTemplate<SessionMailData> = {
  compose: (data, locale, context) => composeRegistrationMail('promoted', data, locale, context),
};

/** Sent with a METHOD:CANCEL calendar file. */
export const registrationCancelledTemplate: MailTemplate<SessionMailData> = {
  compose: (data, locale, context) => composeRegistrationMail('cancelled', data, locale, context),
};

/** No calendar file: the confirmation carried it, and the calendar has its own alarms. */
export const sessionReminderTemplate: MailTemplate<SessionReminderMailData> = {
  compose: composeReminderMail,
};
