import { LOCALES, type Locale } from '@app/contracts';
import { renderLayout, type RenderedMail } from './mail-layout.js';
import type { MailContext, MailTemplate } from './mail-template.js';
import { MailerInputError } from './mailer.errors.js';
import {
  sessionCancellationTemplate,
  sessionInvitationTemplate,
  type SessionMailData,
  type SessionUpdateMailData,
  sessionUpdateTemplate,
} from './templates/session.templates.js';
import {
  registrationCancelledTemplate,
  registrationConfirmedTemplate,
  registrationPromotedTemplate,
  registrationWaitlistedTemplate,
  type SessionReminderMailData,
  sessionReminderTemplate,
} from './templates/registration.templates.js';
import {
  type KeyLearningsMailData,
  keyLearningsPublishedTemplate,
} from './templates/key-learnings.template.js';
import { type SignInLinkMailData, signInLinkTemplate } from './templates/sign-in.template.js';
import {
  type SummitInvitationMailData,
  summitInvitationReminderTemplate,
  summitInvitationTemplate,
} from './templates/summit-invitation.templates.js';

/**
 * Every mail the hub sends, by template name, with the data it needs. A new mail is one entry
 * here and one in `MAIL_TEMPLATES`; the compiler insists on both.
 */
export interface MailTemplateData {
  'session-invitation': SessionMailData;
  'session-update': SessionUpdateMailData;
  'session-cancellation': SessionMailData;
  'sign-in-link': SignInLinkMailData;
  'registration-confirmed': SessionMailData;
  'registration-waitlisted': SessionMailData;
  'registration-promoted': SessionMailData;
  'registration-cancelled': SessionMailData;
  'session-reminder': SessionReminderMailData;
  'summit-invitation': SummitInvitationMailData;
  'summit-invitation-reminder': SummitInvitationMailData;
  'key-learnings-published': KeyLearningsMailData;
}

export type MailTemplateName = keyof MailTemplateData;

type MailTemplateRegistry = {
  readonly [Name in MailTemplateName]: MailTemplate<MailTemplateData[Name]>;
};

const MAIL_TEMPLATES: MailTemplateRegistry = {
  'session-invitation': sessionInvitationTemplate,
  'session-update': sessionUpdateTemplate,
  'session-cancellation': sessionCancellationTemplate,
  'sign-in-link': signInLinkTemplate,
  'registration-confirmed': registrationConfirmedTemplate,
  'registration-waitlisted': registrationWaitlistedTemplate,
  'registration-promoted': registrationPromotedTemplate,
  'registration-cancelled': registrationCancelledTemplate,
  'session-reminder': sessionReminderTemplate,
  'summit-invitation': summitInvitationTemplate,
  'summit-invitation-reminder': summitInvitationReminderTemplate,
  'key-learnings-published': keyLearningsPublishedTemplate,
};

export const MAIL_TEMPLATE_NAMES: readonly MailTemplateName[] = Object.freeze(
  Object.keys(MAIL_TEMPLATES) as MailTemplateName[],
);

/** Stored locales outlive the list of translations; an unknown one gets English. */
function resolveLocale(locale: string): Locale {
  return (LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : 'en';
}

/**
 * Renders one mail in the recipient's language. Throws `MailerInputError` for data that can
 * never make a mail (an unsafe session path, a bad base URL, invalid dates).
 */
export function renderMail<T extends MailTemplateName>(
  template: T,
  locale: Locale,
  data: MailTemplateData[T],
  context: MailContext,
): RenderedMail {
  if (!Object.hasOwn(MAIL_TEMPLATES, template)) {
    throw new MailerInputError('INVALID_DATA', `unknown mail template ${String(template)}`);
  }
  const entry: MailTemplate<MailTemplateData[T]> = MAIL_TEMPLATES[template];
  const language = resolveLocale(locale);
  return renderLayout(entry.compose(data, language, context), language);
}
