/** More reminders than this per session would read as spam, and each one is an outbox row. */
export const MAX_REMINDER_OFFSETS = 5;

/** A reminder further ahead than this is no longer a reminder. */
const MAX_OFFSET_MINUTES = 30 * 24 * 60;

const MINUTES_PER_UNIT = { m: 1, h: 60, d: 24 * 60 } as const;

const DURATION = /^(\d{1,5})([mhd])$/;

/**
 * `1d,1h` → minutes before the start, largest first. `none` turns reminders off (an empty value
 * means the default, as for every variable). Throws an Error whose message says what is wrong.
 */
export function parseReminderOffsets(value: string): number[] {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === 'none') return [];
  const tokens = trimmed.split(',').map((token) => token.trim());
  if (tokens.length > MAX_REMINDER_OFFSETS) {
    throw new Error(`at most ${MAX_REMINDER_OFFSETS} offsets`);
  }
  const minutes = tokens.map((token) => {
    const match = DURATION.exec(token);
    if (!match) {
      throw new Error(`"${token}" is not a duration like 15m, 1h or 1d (or "none")`);
    }
    const total = Number(match[1]) * MINUTES_PER_UNIT[match[2] as keyof typeof MINUTES_PER_UNIT];
    if (total < 1 || total > MAX_OFFSET_MINUTES) {
      throw new Error(`"${token}" must be between 1m and 30d`);
    }
    return total;
  });
  if (new Set(minutes).size !== minutes.length) {
    throw new Error('the same offset is given twice');
  }
  return minutes.sort((a, b) => b - a);
}
