import { obsoleteReminder } from './reminder-composer.js';

const START = '2030-05-01T09:00:00.000Z';
const NOW = new Date('2030-05-01T08:00:00Z');
const scheduled = { status: 'scheduled' as const, startsAt: START };

describe('obsoleteReminder', () => {
  it('lets a reminder for a confirmed seat at the announced start through', () => {
    expect(
      obsoleteReminder({
        registration: 'confirmed',
        released: scheduled,
        reminderFor: START,
        now: NOW,
      }),
    ).toBeNull();
  });

  it.each([
    [{ registration: null }, 'reminder obsolete: registration no longer exists'],
    [{ registration: 'cancelled' as const }, 'reminder obsolete: registration cancelled'],
    [{ registration: 'waitlisted' as const }, 'reminder obsolete: registration waitlisted'],
    [{ released: null }, 'reminder obsolete: session no longer published'],
    [
      { released: { ...scheduled, status: 'cancelled' as const } },
      'reminder obsolete: session cancelled',
    ],
    [{ reminderFor: '2030-05-01T10:00:00.000Z' }, 'reminder obsolete: session moved'],
    [{ now: new Date(START) }, 'reminder too late: the session has started'],
  ])('refuses %j: %s', (change, reason) => {
    expect(
      obsoleteReminder({
        registration: 'confirmed',
        released: scheduled,
        reminderFor: START,
        now: NOW,
        ...change,
      }),
    ).toBe(reason);
  });
});
