import type { Locale } from '@app/contracts';
import type { MailContent } from './mail-layout.js';

export interface MailContext {
  /** The hub's configured public origin (and path prefix); the only source of hub links. */
  publicBaseUrl: string;
}

/**
 * One kind of mail. `compose` returns plain-text blocks and never markup; the layout turns them
 * into the subject, the text part and the escaped HTML part.
 */
export interface MailTemplate<Data> {
  compose(data: Data, locale: Locale, context: MailContext): MailContent;
}
