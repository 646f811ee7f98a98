import type { Locale } from '@app/contracts';
import { buildHubUrl } from '../links.js';
import type { MailContent } from '../mail-layout.js';
import type { MailTemplate } from '../mail-template.js';
import { MailerInputError } from '../mailer.errors.js';
import { COMMON_STRINGS } from './common.i18n.js';

export interface SignInLinkMailData {
  recipientName: string;
  /** The single-use secret; it travels only in the link's fragment, which browsers never send. */
  token: string;
  expiresInMinutes: number;
}

interface SignInStrings {
  subject: string;
  heading: string;
  intro: string;
  action: string;
  expiry(minutes: number): string;
  ignore: string;
  footer: string;
}

const STRINGS: Readonly<Record<Locale, SignInStrings>> = {
  en: {
    subject: 'Your sign-in link for the ICC Hub',
    heading: 'Sign in to the ICC Hub',
    intro: 'Someone, hopefully you, asked to sign in to the ICC Hub with this address.',
    action: 'Sign in',
    expiry: (m) => `The link works once and expires in ${m} minutes.`,
    ignore: 'If you did not ask for it, ignore this message: nothing happens without the link.',
    footer: 'This message was sent by the ICC Hub of the EU Intelligent Cities Challenge.',
  },
  fr: {
    subject: 'Votre lien de connexion à l’ICC Hub',
    heading: 'Connexion à l’ICC Hub',
    intro: 'Quelqu’un, sans doute vous, a demandé à se connecter à l’ICC Hub avec cette adresse.',
    action: 'Se connecter',
    expiry: (m) => `Le lien ne sert qu’une fois et expire dans ${m}\u00a0minutes.`,
    ignore:
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message\u00a0: rien ne se ' +
      'passe sans le lien.',
    footer: 'Ce message vous est envoyé par l’ICC Hub de l’Intelligent Cities Challenge de l’UE.',
  },
  de: {
    subject: 'Ihr Anmeldelink für den ICC Hub',
    heading: 'Beim ICC Hub anmelden',
    intro: 'Jemand, hoffentlich Sie, möchte sich mit dieser Adresse beim ICC Hub anmelden.',
    action: 'Anmelden',
    expiry: (m) => `Der Link gilt einmal und läuft in ${m} Minuten ab.`,
    ignore:
      'Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht: Ohne den Link ' +
      'geschieht nichts.',
    footer:
      'Diese Nachricht wurde vom ICC Hub der EU-Initiative Intelligent Cities Challenge versandt.',
  },
};

const TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

export const signInLinkTemplate: MailTemplate<SignInLinkMailData> = {
  compose(data, locale, context): MailContent {
    if (!TOKEN.test(data.token))
      throw new MailerInputError('INVALID_DATA', 'malformed sign-in token');
    const strings = STRINGS[locale];
    const common = COMMON_STRINGS[locale];
    const link = `${buildHubUrl(context.publicBaseUrl, '/sign-in/verify')}#token=${data.token}`;
    return {
      subject: strings.subject,
      heading: strings.heading,
      blocks: [
        { kind: 'paragraph', text: common.greeting(data.recipientName) },
        { kind: 'paragraph', text: strings.intro },
        { kind: 'action', label: strings.action, href: link },
        { kind: 'paragraph', text: strings.expiry(data.expiresInMinutes) },
        { kind: 'paragraph', text: strings.ignore },
      ],
      footer: strings.footer,
      labelSeparator: common.labelSeparator,
    };
  },
};
