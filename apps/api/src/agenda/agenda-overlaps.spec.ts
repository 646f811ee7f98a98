import type { MyRegistrationView } from '@app/contracts';
import { overlapsOf } from './agenda-overlaps.js';

const at = (hhmm: string) => `2031-05-01T${hhmm}:00.000Z`;

function item(
  sessionId: string,
  from: string,
  to: string,
  extra: Partial<MyRegistrationView> = {},
): MyRegistrationView {
  return {
    sessionId,
    eventSlug: 'lab',
    eventTitle: 'Lab',
    sessionTitle: sessionId,
    startsAt: at(from),
    endsAt: at(to),
    timeZone: 'Europe/Brussels',
    sessionStatus: 'scheduled',
    status: 'confirmed',
    position: null,
    ...extra,
  };
}

describe('overlapsOf', () => {
  it('finds every overlapping pair once, with the shared stretch, earlier session first', () => {
    const overlaps = overlapsOf([
      item('c', '10:30', '12:00'),
      item('a', '09:00', '11:00'),
      item('b', '10:00', '10:15'),
    ]);
    expect(overlaps).toEqual([
      { sessionIds: ['a', 'b'], startsAt: at('10:00'), endsAt: at('10:15'), waitlisted: false },
      { sessionIds: ['a', 'c'], startsAt: at('10:30'), endsAt: at('11:00'), waitlisted: false },
    ]);
  });

  it('lets back-to-back sessions be', () => {
    expect(overlapsOf([item('a', '09:00', '10:00'), item('b', '10:00', '11:00')])).toEqual([]);
  });

  it('flags a clash with a waiting place', () => {
    const overlaps = overlapsOf([
      item('a', '09:00', '10:00', { status: 'waitlisted', position: 2 }),
      item('b', '09:30', '11:00'),
    ]);
    expect(overlaps).toEqual([
      expect.objectContaining({ sessionIds: ['a', 'b'], waitlisted: true }),
    ]);
  });

  it('ignores sessions the organisers cancelled', () => {
    expect(
      overlapsOf([
        item('a', '09:00', '10:00', { sessionStatus: 'cancelled' }),
        item('b', '09:00', '10:00'),
      ]),
    ).toEqual([]);
  });

  it('counts a session inside a long one, however many start before it ends', () => {
    const overlaps = overlapsOf([
      item('day', '08:00', '18:00'),
      item('x', '09:00', '09:30'),
      item('y', '12:00', '13:00'),
      item('z', '17:59', '19:00'),
    ]);
    expect(overlaps.map((o) => o.sessionIds)).toEqual([
      ['day', 'x'],
      ['day', 'y'],
      ['day', 'z'],
    ]);
  });

  it('does not let a zero-length session clash at its own start', () => {
    expect(overlapsOf([item('a', '09:00', '09:00'), item('b', '09:00', '10:00')])).toEqual([]);
    expect(overlapsOf([item('a', '09:30', '09:30'), item('b', '09:00', '10:00')])).toHaveLength(1);
  });
});
