export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
  /** Files sent along (a key learnings PDF), read into memory when the mail is written. */
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

/** A mail that can never be sent as asked (its session is gone, its template unknown). */
export class UncomposableMailError extends Error {}
