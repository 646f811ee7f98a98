import { MailerInputError } from './mailer.errors.js';
import { safeHeaderText } from './text-safety.js';

/**
 * Deliberately narrower than RFC 5322: dot-atom local part, LDH domain labels with at least one
 * dot, ASCII only (internationalised domains in their xn-- form). Nothing that could carry
 * whitespace, quotes, angle brackets or line breaks into a header.
 */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
const MAX_NAME_LENGTH = 200;

export function isValidEmailAddress(email: string): boolean {
  if (email.length > MAX_ADDRESS_LENGTH) return false;
  const at = email.lastIndexOf('@');
  if (at < 1) return false;
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  return (
    local.length <= MAX_LOCAL_PART_LENGTH &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label))
  );
}

/**
 * A recipient for nodemailer's `to`/`from`: the address is validated (never cleaned up, so a
 * tampered one is refused rather than repaired) and the display name is made single-line;
 * nodemailer quotes and encodes it.
 */
export function addressHeader(name: string, email: string): { name: string; address: string } {
  if (!isValidEmailAddress(email)) {
    throw new MailerInputError('INVALID_ADDRESS', 'not a valid e-mail address');
  }
  return { name: safeHeaderText(name, MAX_NAME_LENGTH), address: email };
}
