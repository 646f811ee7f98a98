import { DateTime, IANAZone } from 'luxon';
import { MailerInputError } from './mailer.errors.js';

export interface SessionTimeInput {
  startsAt: Date;
  endsAt: Date;
  eventTimeZone: string;
  recipientTimeZone: string;
}

export interface SessionTimes {
  /** The session in the recipient's time zone, with the zone's name. */
  recipient: string;
  /** The same in the event's time zone, or null when that would show the same clock times. */
  event: string | null;
}

function assertValidDate(date: Date, name: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new MailerInputError('INVALID_DATA', `${name} is not a valid date`);
  }
}

function formatInZone(startsAt: Date, endsAt: Date, zone: string, intlLocale: string): string {
  const range = new Intl.DateTimeFormat(intlLocale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: zone,
  }).formatRange(startsAt, endsAt);
  const zoneName = DateTime.fromJSDate(startsAt, { zone }).setLocale(intlLocale).offsetNameLong;
  return `${range} (${zoneName ?? zone})`;
}

/**
 * The session's date and times as the recipient reads them, and beside them the event's own
 * clock when it differs: a speaker in New York must see 04:00, and that it is 10:00 in Brussels.
 * An unknown recipient zone (a stale profile) falls back to the event's zone; an unknown event
 * zone is bad data.
 */
export function formatSessionTimes(input: SessionTimeInput, intlLocale: string): SessionTimes {
  assertValidDate(input.startsAt, 'startsAt');
  assertValidDate(input.endsAt, 'endsAt');
  if (input.endsAt.getTime() < input.startsAt.getTime()) {
    throw new MailerInputError('INVALID_DATA', 'endsAt is before startsAt');
  }
  if (!IANAZone.isValidZone(input.eventTimeZone)) {
    throw new MailerInputError('INVALID_DATA', 'eventTimeZone is not an IANA time zone');
  }
  const recipientZone = IANAZone.isValidZone(input.recipientTimeZone)
    ? input.recipientTimeZone
    : input.eventTimeZone;
  const recipient = formatInZone(input.startsAt, input.endsAt, recipientZone, intlLocale);

  const eventZone = IANAZone.create(input.eventTimeZone);
  const ownZone = IANAZone.create(recipientZone);
  const sameClock = [input.startsAt, input.endsAt].every(
    (date) => eventZone.offset(date.getTime()) === ownZone.offset(date.getTime()),
  );
  return {
    recipient,
    event: sameClock
      ? null
      : formatInZone(input.startsAt, input.endsAt, input.eventTimeZone, intlLocale),
  };
}
