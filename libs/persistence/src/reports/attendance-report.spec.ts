import { aggregates, attendedSeconds } from './attendance-report.js';

const at = (minute: number) => new Date(Date.UTC(2031, 4, 1, 9, minute));
const visit = (from: number, seen: number, left: number | null = null) => ({
  joinedAt: at(from),
  lastSeenAt: at(seen),
  leftAt: left === null ? null : at(left),
});

describe('attendance report', () => {
  it('sums visits from join to leave, or to the last touch when the leave never came', () => {
    expect(attendedSeconds([visit(0, 5, 10), visit(20, 23)])).toBe(13 * 60);
    expect(attendedSeconds([])).toBe(0);
    expect(attendedSeconds([visit(0, 0)])).toBe(0);
  });

  it('counts overlapping visits (two tabs) once', () => {
    expect(attendedSeconds([visit(0, 0, 30), visit(10, 10, 20), visit(25, 40)])).toBe(40 * 60);
    expect(attendedSeconds([visit(10, 10, 20), visit(0, 0, 10)])).toBe(20 * 60);
  });

  it('counts people per city and per role, largest first, no city last', () => {
    expect(
      aggregates([
        { city: 'Turku', roles: ['attendee'] },
        { city: null, roles: ['speaker', 'moderator'] },
        { city: 'Turku', roles: ['moderator'] },
        { city: 'Aarhus', roles: ['attendee'] },
      ]),
    ).toEqual({
      byCity: [
        { city: 'Turku', people: 2 },
        { city: 'Aarhus', people: 1 },
        { city: null, people: 1 },
      ],
      byRole: [
        { role: 'attendee', people: 2 },
        { role: 'moderator', people: 2 },
        { role: 'speaker', people: 1 },
      ],
    });
  });
});
