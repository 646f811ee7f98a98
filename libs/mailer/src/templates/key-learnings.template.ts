import type { Locale } from '@app/contracts';
import { buildHubUrl } from '../links.js';
import type { MailContent } from '../mail-layout.js';
import type { MailTemplate } from '../mail-template.js';
import { MailerInputError } from '../mailer.errors.js';
import { safeHeaderText } from '../text-safety.js';
import { COMMON_STRINGS } from './common.i18n.js';

export interface KeyLearningsMailData {
  /** User text. */
  recipientName: string;
  /** User text. */
  sessionTitle: string;
  /** User text. */
  eventTitle: string;
  /** The published version's number, from 1. */
  versionNumber: number;
  /**
   * Plain absolute path of the key learnings page on the hub, e.g.
   * `/sessions/<uuid>/key-learnings`; the link is publicBaseUrl + path.
   */
  pagePath: string;
  /** Whether this mail carries the PDF (the person asked for it and it was small enough). */
  pdfAttached: boolean;
  /** A later version that replaces one already announced. */
  correction: boolean;
}

/** Where a person chooses between the PDF and the link alone. */
const PROFILE_PATH = '/me';

interface KeyLearningsWording {
  subject(session: string, version: number): string;
  heading: string;
  intro(quotedSession: string, event: string, version: number): string;
}

interface KeyLearningsStrings {
  labels: {
    session: string;
    event: string;
    version: string;
    profile: string;
  };
  first: KeyLearningsWording;
  correction: KeyLearningsWording;
  action: string;
  pdfAttached: string;
  pdfOnPage: string;
  choice: string;
}

const STRINGS: Readonly<Record<Locale, KeyLearningsStrings>> = {
  en: {
    labels: { session: 'Session', event: 'Event', version: 'Version', profile: 'Your profile' },
    first: {
      subject: (session) => `Key learnings: ${session}`,
      heading: 'Key learnings published',
      intro: (session, event) =>
        `The key learnings of the session ${session} of ${event} are published.`,
    },
    correction: {
      subject: (session, version) => `Key learnings updated: ${session} (version ${version})`,
      heading: 'Key learnings updated',
      intro: (session, event, version) =>
        `An updated version (version ${version}) of the key learnings of the session ` +
        `${session} of ${event} is published. It replaces the earlier one.`,
    },
    action: 'Read the key learnings',
    pdfAttached: 'They are also attached to this message as a PDF file.',
    pdfOnPage: 'You can also download them as a PDF file from that page.',
    choice:
      'Whether these messages include the PDF file or only the link is your choice: you can ' +
      'change it in your profile.',
  },
  fr: {
    labels: {
      session: 'Session',
      event: 'Événement',
      version: 'Version',
      profile: 'Votre profil',
    },
    first: {
      subject: (session) => `Enseignements clés\u00a0: ${session}`,
      heading: 'Enseignements clés publiés',
      intro: (session, event) =>
        `Les enseignements clés de la session ${session} de l’événement ${event} sont publiés.`,
    },
    correction: {
      subject: (session, version) =>
        `Enseignements clés mis à jour\u00a0: ${session} (version\u00a0${version})`,
      heading: 'Enseignements clés mis à jour',
      intro: (session, event, version) =>
        `Une nouvelle version (version\u00a0${version}) des enseignements clés de la session ` +
        `${session} de l’événement ${event} est publiée. Elle remplace la précédente.`,
    },
    action: 'Lire les enseignements clés',
    pdfAttached: 'Ils sont également joints à ce message au format PDF.',
    pdfOnPage: 'Vous pouvez aussi les télécharger au format PDF depuis cette page.',
    choice:
      'Vous choisissez si ces messages contiennent le fichier PDF ou seulement le lien\u00a0: ' +
      'vous pouvez modifier ce choix dans votre profil.',
  },
  de: {
    labels: {
      session: 'Session',
      event: 'Veranstaltung',
      version: 'Version',
      profile: 'Ihr Profil',
    },
    first: {
      subject: (session) => `Zentrale Erkenntnisse: ${session}`,
      heading: 'Zentrale Erkenntnisse veröffentlicht',
      intro: (session, event) =>
        `Die zentralen Erkenntnisse der Session ${session} der Veranstaltung ${event} ` +
        'sind veröffentlicht.',
    },
    correction: {
      subject: (session, version) =>
        `Zentrale Erkenntnisse aktualisiert: ${session} (Version ${version})`,
      heading: 'Zentrale Erkenntnisse aktualisiert',
      intro: (session, event, version) =>
        `Eine neue Fassung (Version ${version}) der zentralen Erkenntnisse der Session ` +
        `${session} der Veranstaltung ${event} ist veröffentlicht. Sie ersetzt die vorherige.`,
    },
    action: 'Zentrale Erkenntnisse lesen',
    pdfAttached: 'Sie finden sie außerdem als PDF-Datei im Anhang dieser Nachricht.',
    pdfOnPage: 'Auf dieser Seite können Sie sie auch als PDF-Datei herunterladen.',
    choice:
      'Ob diese Nachrichten die PDF-Datei enthalten oder nur den Link, entscheiden Sie: ' +
      'Sie können das in Ihrem Profil ändern.',
  },
};

/** Longest title or name kept in a body line; the subject has its own, shorter limit. */
const MAX_VALUE_LENGTH = 300;

/** The mail to a session's registrants when a version of its key learnings is ready. */
export const keyLearningsPublishedTemplate: MailTemplate<KeyLearningsMailData> = {
  compose(data, locale, context): MailContent {
    if (!Number.isSafeInteger(data.versionNumber) || data.versionNumber < 1) {
      throw new MailerInputError(
        'INVALID_DATA',
        'key learnings version must be a positive integer',
      );
    }
    const common = COMMON_STRINGS[locale];
    const strings = STRINGS[locale];
    const wording = data.correction ? strings.correction : strings.first;
    const pageUrl = buildHubUrl(context.publicBaseUrl, data.pagePath);
    const profileUrl = buildHubUrl(context.publicBaseUrl, PROFILE_PATH);
    const name = safeHeaderText(data.recipientName, MAX_VALUE_LENGTH);
    const sessionTitle = safeHeaderText(data.sessionTitle, MAX_VALUE_LENGTH);
    const eventTitle = safeHeaderText(data.eventTitle, MAX_VALUE_LENGTH);
    const version = data.versionNumber;
    return {
      subject: wording.subject(sessionTitle, version),
      heading: wording.heading,
      blocks: [
        { kind: 'paragraph', text: common.greeting(name) },
        { kind: 'paragraph', text: wording.intro(common.quote(sessionTitle), eventTitle, version) },
        {
          kind: 'details',
          rows: [
            { label: strings.labels.session, value: sessionTitle },
            { label: strings.labels.event, value: eventTitle },
            { label: strings.labels.version, value: String(version) },
          ],
        },
        { kind: 'action', label: strings.action, href: pageUrl },
        { kind: 'paragraph', text: data.pdfAttached ? strings.pdfAttached : strings.pdfOnPage },
        { kind: 'paragraph', text: strings.choice },
        {
          kind: 'details',
          rows: [{ label: strings.labels.profile, value: profileUrl, href: profileUrl }],
        },
      ],
      footer: common.footer,
      labelSeparator: common.labelSeparator,
    };
  },
};
