export { addressHeader, isValidEmailAddress } from './address.js';
export { buildHubUrl, safeHttpUrl } from './links.js';
export type { RenderedMail } from './mail-layout.js';
export type { MailContext } from './mail-template.js';
export {
  MAIL_TEMPLATE_NAMES,
  type MailTemplateData,
  type MailTemplateName,
  renderMail,
} from './mail-templates.js';
export { MailerInputError, type MailerInputErrorCode } from './mailer.errors.js';
export { formatSessionTimes, type SessionTimes } from './session-times.js';
export {
  classifySmtpError,
  createSmtpTransport,
  type SmtpErrorClass,
  type SmtpTransporter,
  type SmtpTransportOptions,
} from './smtp-transport.js';
export {
  SESSION_CHANGES,
  type SessionChange,
  type SessionMailData,
  type SessionUpdateMailData,
} from './templates/session.templates.js';
export type { KeyLearningsMailData } from './templates/key-learnings.template.js';
export type { SessionReminderMailData } from './templates/registration.templates.js';
export type { SignInLinkMailData } from './templates/sign-in.template.js';
export type { SummitInvitationMailData } from './templates/summit-invitation.templates.js';
export { escapeHtml, safeHeaderText, safePlainText } from './text-safety.js';
