import { MailerInputError } from './mailer.errors.js';
import { reminderLead } from './reminder-lead.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Wednesday 14 October 2020, 10:00 in Brussels. */
const START = new Date('2020-10-14T08:00:00Z');
const before = (ms: number) => new Date(START.getTime() - ms);

describe('reminderLead', () => {
  it.each([
    [15 * MINUTE, { unit: 'minutes', count: 15 }],
    [20 * 1000, { unit: 'minutes', count: 1 }],
    [54 * MINUTE, { unit: 'minutes', count: 54 }],
    [HOUR, { unit: 'hours', count: 1 }],
    [HOUR + 20 * MINUTE, { unit: 'hours', count: 1 }],
    [3 * HOUR, { unit: 'hours', count: 3 }],
    [24 * HOUR, { unit: 'tomorrow' }],
    [22 * HOUR, { unit: 'tomorrow' }],
    [48 * HOUR, { unit: 'days', count: 2 }],
    [7 * 24 * HOUR, { unit: 'days', count: 7 }],
  ])('says %d ms before the start as %j', (ms, lead) => {
    expect(reminderLead(START, before(ms), 'Europe/Brussels')).toEqual(lead);
  });

  it('counts calendar days where the recipient lives', () => {
    // 14 hours before 10:00 Brussels is 20:00 the evening before in Brussels, but 08:00 on the
    // same day in Auckland (UTC+13 in October).
    expect(reminderLead(START, before(14 * HOUR), 'Europe/Brussels')).toEqual({
      unit: 'tomorrow',
    });
    expect(reminderLead(START, before(14 * HOUR), 'Pacific/Auckland')).toEqual({
      unit: 'hours',
      count: 14,
    });
  });

  it('keeps hours under 12 hours even across midnight', () => {
    const lateSession = new Date('2020-10-13T23:30:00Z'); // 01:30 in Brussels
    expect(
      reminderLead(lateSession, new Date(lateSession.getTime() - 2 * HOUR), 'Europe/Brussels'),
    ).toEqual({ unit: 'hours', count: 2 });
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(reminderLead(START, before(24 * HOUR), 'Mars/Olympus')).toEqual({ unit: 'tomorrow' });
  });

  it('refuses a session that has started and invalid dates', () => {
    expect(() => reminderLead(START, START, 'UTC')).toThrow(MailerInputError);
    expect(() => reminderLead(START, new Date(START.getTime() + MINUTE), 'UTC')).toThrow(
      MailerInputError,
    );
    expect(() => reminderLead(new Date('x'), START, 'UTC')).toThrow(MailerInputError);
  });
});
