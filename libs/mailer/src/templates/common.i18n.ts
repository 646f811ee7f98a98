import type { Locale } from '@app/contracts';

/** Wording that every mail of the hub shares. */
export interface CommonStrings {
  /** BCP 47 tag for Intl: British English and the European forms of French and German. */
  intlLocale: string;
  greeting(name: string): string;
  quote(text: string): string;
  labelSeparator: string;
  footer: string;
}

export const COMMON_STRINGS: Readonly<Record<Locale, CommonStrings>> = {
  en: {
    intlLocale: 'en-GB',
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    quote: (text) => `“${text}”`,
    labelSeparator: ': ',
    footer:
      'This message was sent by the ICC Hub of the EU Intelligent Cities Challenge. ' +
      'You receive it because you take part in this event.',
  },
  fr: {
    intlLocale: 'fr-FR',
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    quote: (text) => `«\u00a0${text}\u00a0»`,
    labelSeparator: '\u00a0: ',
    footer:
      'Ce message vous est envoyé par l’ICC Hub de l’Intelligent Cities Challenge de l’UE, ' +
      'car vous participez à cet événement.',
  },
  de: {
    intlLocale: 'de-DE',
    greeting: (name) => (name ? `Guten Tag ${name},` : 'Guten Tag,'),
    quote: (text) => `„${text}“`,
    labelSeparator: ': ',
    footer:
      'Diese Nachricht wurde vom ICC Hub der EU-Initiative Intelligent Cities Challenge versandt, ' +
      'weil Sie an dieser Veranstaltung teilnehmen.',
  },
};
