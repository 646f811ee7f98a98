export type MailerInputErrorCode =
  'INVALID_ADDRESS' | 'INVALID_BASE_URL' | 'INVALID_PATH' | 'INVALID_DATA';

/**
 * Input that can never produce a sendable mail, however often it is retried; the worker marks
 * such a mail failed instead of retrying it (see `classifySmtpError`).
 */
export class MailerInputError extends Error {
  constructor(
    readonly code: MailerInputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MailerInputError';
  }
}
