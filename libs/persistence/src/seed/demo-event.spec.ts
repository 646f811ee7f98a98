import { DateTime } from 'luxon';
import { demoEvent } from './demo-event.js';
import { localToUtc, sessionInstants } from './seed.js';

const live = (now: Date) => {
  const event = demoEvent(now);
  return event.sessions.filter((s) => {
    const { startsAt, endsAt } = sessionInstants(s, event.timeZone);
    return startsAt <= now && now < endsAt;
  });
};

describe('demo event', () => {
  it.each([
    '2026-11-28T13:07:00Z',
    '2026-03-29T01:30:00Z', // the night summer time starts in Brussels
    '2026-10-25T00:50:00Z', // the night it ends
    '2026-12-31T22:58:00Z', // just before midnight in Brussels
    '2026-12-31T22:59:30Z', // in the day's last minute
    '2026-12-31T23:05:00Z', // just after it
  ])('has exactly one public session live at %s', (iso) => {
    const now = new Date(iso);
    const sessions = live(now);
    expect(sessions).toHaveLength(1);
    expect(sessions[0].audience).toBe('public');
  });

  it('lists every session date as a day, in order, and marks everything as demo', () => {
    const event = demoEvent(new Date('2026-11-28T13:07:00Z'));
    const dates = event.days.map((d) => d.date);
    expect([...dates].sort()).toEqual(dates);
    for (const session of event.sessions) {
      expect(dates).toContain(session.date);
      expect(session.demo).toBe(true);
      expect(session.start < session.end).toBe(true);
    }
    expect(event.summary).toMatch(/demo/i);
  });
});

describe('localToUtc', () => {
  it('applies the offset in force on that date in the zone', () => {
    expect(localToUtc('2020-09-28', '10:00', 'Europe/Brussels').toISOString()).toBe(
      '2020-09-28T08:00:00.000Z',
    );
    // After the change back to winter time on 25 October 2020.
    expect(localToUtc('2020-10-26', '10:00', 'Europe/Brussels').toISOString()).toBe(
      '2020-10-26T09:00:00.000Z',
    );
    expect(
      DateTime.fromJSDate(localToUtc('2020-10-14', '10:00', 'Europe/Brussels'))
        .setZone('America/New_York')
        .toFormat('HH:mm'),
    ).toBe('04:00');
  });

  it('rejects a time that does not exist', () => {
    expect(() => localToUtc('2020-09-31', '10:00', 'Europe/Brussels')).toThrow(/invalid/);
  });
});
