/**
 * Thrown when an input cannot be written into a calendar file without changing its meaning
 * (an email address with a line break, a relative URL, an unknown time zone...). The message names
 * the field but never repeats the value, which may be hostile.
 */
export class CalendarInputError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`Invalid calendar input "${field}": ${problem}`);
    this.name = 'CalendarInputError';
  }
}
