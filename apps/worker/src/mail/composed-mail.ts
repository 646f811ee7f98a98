export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
}

/** A mail that can never be sent as asked (its session is gone, its template unknown). */
export class UncomposableMailError extends Error {}
