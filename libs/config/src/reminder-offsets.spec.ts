import { MAX_REMINDER_OFFSETS, parseReminderOffsets } from './reminder-offsets.js';

describe('parseReminderOffsets', () => {
  it.each([
    ['1d,1h', [1440, 60]],
    ['1h,1d', [1440, 60]],
    [' 15m , 2H ', [120, 15]],
    ['90m', [90]],
    ['30d', [43_200]],
    ['1m,2m,3m,4m,5m', [5, 4, 3, 2, 1]],
    ['none', []],
    ['NONE', []],
  ])('reads %j as %j minutes, largest first', (value, minutes) => {
    expect(parseReminderOffsets(value)).toEqual(minutes);
  });

  it.each([
    ['1', /not a duration/],
    ['1w', /not a duration/],
    ['-1h', /not a duration/],
    ['1.5h', /not a duration/],
    ['1h,', /not a duration/],
    ['1h;1d', /not a duration/],
    ['0m', /between 1m and 30d/],
    ['31d', /between 1m and 30d/],
    ['60m,1h', /twice/],
    [Array.from({ length: MAX_REMINDER_OFFSETS + 1 }, (_, i) => `${i + 1}h`).join(','), /at most/],
  ])('refuses %j', (value, message) => {
    expect(() => parseReminderOffsets(value)).toThrow(message);
  });
});
