import type { InvitationRole, Locale } from '@app/contracts';
import { buildHubUrl } from '../links.js';
import type { DetailRow, MailContent } from '../mail-layout.js';
import type { MailContext, MailTemplate } from '../mail-template.js';
import { MailerInputError } from '../mailer.errors.js';
import { formatSessionTimes } from '../session-times.js';
import { safeHeaderText } from '../text-safety.js';
import { COMMON_STRINGS } from './common.i18n.js';

export interface SummitInvitationMailData {
  /** User text. */
  recipientName: string;
  /** User text. */
  eventTitle: string;
  /** The programme's span: first to last session, or the event's days. */
  startsAt: Date;
  endsAt: Date;
  /** IANA zone of the event, e.g. Europe/Brussels. */
  eventTimeZone: string;
  /** IANA zone the times are shown in; the event's zone is shown beside it when it differs. */
  recipientTimeZone: string;
  /** User text. */
  venue: string | null;
  role: InvitationRole;
  /** The personal answer secret; it travels only in the link's fragment, which browsers never send. */
  token: string;
  /** Plain absolute path of the event on the hub, e.g. `/events/<slug>`. */
  eventPath: string;
}

interface InvitationStrings {
  labels: {
    event: string;
    when: string;
    eventTime: string;
    where: string;
    role: string;
  };
  roles: Readonly<Record<InvitationRole, string>>;
  answer: string;
  action: string;
  programme: string;
  calendar: string;
  footer: string;
  invitation: {
    subject(event: string): string;
    heading: string;
    intro(quotedEvent: string): string;
  };
  reminder: {
    subject(event: string): string;
    heading: string;
    intro(quotedEvent: string): string;
  };
}

const STRINGS: Readonly<Record<Locale, InvitationStrings>> = {
  en: {
    labels: {
      event: 'Event',
      when: 'When',
      eventTime: 'Event time',
      where: 'Venue',
      role: 'Invited as',
    },
    roles: { mayor: 'Mayor', speaker: 'Speaker', delegate: 'Delegate', guest: 'Guest' },
    answer:
      'Please let us know whether you will attend. No password or account is needed: the ' +
      'link below is yours alone, so please do not forward this message.',
    action: 'Accept or decline',
    programme: 'Programme of the event',
    calendar: 'The attached calendar file (.ics) reserves the dates in your calendar.',
    footer:
      'This message was sent by the ICC Hub of the EU Intelligent Cities Challenge. ' +
      'You receive it because an organiser of this event invited you.',
    invitation: {
      subject: (event) => `Invitation: ${event}`,
      heading: 'You are invited',
      intro: (event) => `You are personally invited to ${event}.`,
    },
    reminder: {
      subject: (event) => `Reminder: invitation to ${event}`,
      heading: 'Your answer is still open',
      intro: (event) => `You have not answered your invitation to ${event} yet.`,
    },
  },
  fr: {
    labels: {
      event: 'Événement',
      when: 'Quand',
      eventTime: 'Heure de l’événement',
      where: 'Lieu',
      role: 'Invité(e) en tant que',
    },
    roles: {
      mayor: 'Maire',
      speaker: 'Intervenant(e)',
      delegate: 'Délégué(e)',
      guest: 'Invité(e)',
    },
    answer:
      'Merci de nous indiquer si vous serez présent(e). Aucun mot de passe ni compte n’est ' +
      'nécessaire\u00a0: le lien ci-dessous n’est valable que pour vous, merci de ne pas ' +
      'transférer ce message.',
    action: 'Accepter ou décliner',
    programme: 'Programme de l’événement',
    calendar: 'Le fichier de calendrier (.ics) joint réserve les dates dans votre agenda.',
    footer:
      'Ce message vous est envoyé par l’ICC Hub de l’Intelligent Cities Challenge de l’UE, ' +
      'car un organisateur de cet événement vous a invité(e).',
    invitation: {
      subject: (event) => `Invitation\u00a0: ${event}`,
      heading: 'Vous êtes invité(e)',
      intro: (event) => `Vous êtes personnellement invité(e) à l’événement ${event}.`,
    },
    reminder: {
      subject: (event) => `Rappel\u00a0: invitation à ${event}`,
      heading: 'Votre réponse est attendue',
      intro: (event) => `Vous n’avez pas encore répondu à votre invitation à l’événement ${event}.`,
    },
  },
  de: {
    labels: {
      event: 'Veranstaltung',
      when: 'Wann',
      eventTime: 'Zeit am Veranstaltungsort',
      where: 'Ort',
      role: 'Eingeladen als',
    },
    roles: {
      mayor: 'Bürgermeister/in',
      speaker: 'Redner/in',
      delegate: 'Delegierte/r',
      guest: 'Gast',
    },
    answer:
      'Bitte teilen Sie uns mit, ob Sie teilnehmen. Sie brauchen weder Passwort noch Konto: ' +
      'Der Link unten gilt nur für Sie, bitte leiten Sie diese Nachricht nicht weiter.',
    action: 'Zusagen oder absagen',
    programme: 'Programm der Veranstaltung',
    calendar:
      'Mit der angehängten Kalenderdatei (.ics) tragen Sie die Termine in Ihren Kalender ein.',
    footer:
      'Diese Nachricht wurde vom ICC Hub der EU-Initiative Intelligent Cities Challenge ' +
      'versandt, weil ein Organisator dieser Veranstaltung Sie eingeladen hat.',
    invitation: {
      subject: (event) => `Einladung: ${event}`,
      heading: 'Persönliche Einladung',
      intro: (event) => `Sie sind persönlich zur Veranstaltung ${event} eingeladen.`,
    },
    reminder: {
      subject: (event) => `Erinnerung: Einladung zu ${event}`,
      heading: 'Ihre Antwort steht noch aus',
      intro: (event) =>
        `Sie haben auf Ihre Einladung zur Veranstaltung ${event} noch nicht geantwortet.`,
    },
  },
};

/** Longest title or name kept in a body line; the subject has its own, shorter limit. */
const MAX_VALUE_LENGTH = 300;
const TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

function composeInvitationMail(
  kind: 'invitation' | 'reminder',
  data: SummitInvitationMailData,
  locale: Locale,
  context: MailContext,
): MailContent {
  if (!TOKEN.test(data.token)) {
    throw new MailerInputError('INVALID_DATA', 'malformed invitation token');
  }
  const common = COMMON_STRINGS[locale];
  const strings = STRINGS[locale];
  const wording = strings[kind];
  const answerUrl = `${buildHubUrl(context.publicBaseUrl, '/invitations/respond')}#token=${data.token}`;
  const eventUrl = buildHubUrl(context.publicBaseUrl, data.eventPath);
  const times = formatSessionTimes(data, common.intlLocale);
  const name = safeHeaderText(data.recipientName, MAX_VALUE_LENGTH);
  const eventTitle = safeHeaderText(data.eventTitle, MAX_VALUE_LENGTH);
  const venue = data.venue === null ? '' : safeHeaderText(data.venue, MAX_VALUE_LENGTH);

  const rows: DetailRow[] = [
    { label: strings.labels.event, value: eventTitle },
    { label: strings.labels.when, value: times.recipient },
  ];
  if (times.event !== null) rows.push({ label: strings.labels.eventTime, value: times.event });
  if (venue !== '') rows.push({ label: strings.labels.where, value: venue });
  rows.push({ label: strings.labels.role, value: strings.roles[data.role] });

  return {
    subject: wording.subject(eventTitle),
    heading: wording.heading,
    blocks: [
      { kind: 'paragraph', text: common.greeting(name) },
      { kind: 'paragraph', text: wording.intro(common.quote(eventTitle)) },
      { kind: 'details', rows },
      { kind: 'paragraph', text: strings.answer },
      { kind: 'action', label: strings.action, href: answerUrl },
      { kind: 'details', rows: [{ label: strings.programme, value: eventUrl, href: eventUrl }] },
      { kind: 'paragraph', text: strings.calendar },
    ],
    footer: strings.footer,
    labelSeparator: common.labelSeparator,
  };
}

export const summitInvitationTemplate: MailTemplate<SummitInvitationMailData> = {
  compose: (data, locale, context) => composeInvitationMail('invitation', data, locale, context),
};

export const summitInvitationReminderTemplate: MailTemplate<SummitInvitationMailData> = {
  compose: (data, locale, context) => composeInvitationMail('reminder', data, locale, context),
};
