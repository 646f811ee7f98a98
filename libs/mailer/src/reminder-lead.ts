import { DateTime, IANAZone } from 'luxon';
import { MailerInputError } from './mailer.errors.js';

/** How far off a session is, as a reminder says it: "in about an hour", "tomorrow", "in 3 days". */
export type ReminderLead =
  | { unit: 'minutes'; count: number }
  | { unit: 'hours'; count: number }
  | { unit: 'tomorrow' }
  | { unit: 'days'; count: number };

/**
 * Counted from the moment the mail is written, not from the configured offset: a reminder that
 * waited for a busy worker still tells the truth. "Tomorrow" is the next calendar day where the
 * recipient lives; under 12 hours away, hours read better even across midnight.
 */
export function reminderLead(startsAt: Date, writtenAt: Date, timeZone: string): ReminderLead {
  const ms = startsAt.getTime() - writtenAt.getTime();
  if (Number.isNaN(ms)) throw new MailerInputError('INVALID_DATA', 'reminder times are invalid');
  if (ms <= 0) throw new MailerInputError('INVALID_DATA', 'the session has started already');
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 55) return { unit: 'minutes', count: minutes };
  const hours = Math.max(1, Math.round(minutes / 60));
  const zone = IANAZone.isValidZone(timeZone) ? timeZone : 'UTC';
  const day = (date: Date) => DateTime.fromJSDate(date, { zone }).startOf('day');
  const calendarDays = Math.round(day(startsAt).diff(day(writtenAt), 'days').days);
  if (calendarDays === 1 && hours >= 12) return { unit: 'tomorrow' };
  if (hours < 36) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.round(hours / 24) };
}
