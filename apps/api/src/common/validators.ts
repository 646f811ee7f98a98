import {
  ValidateIf,
  type ValidationArguments,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { DateTime, IANAZone } from 'luxon';

@ValidatorConstraint({ name: 'ianaTimeZone' })
export class IsIanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.length <= 64 && IANAZone.isValidZone(value);
  }
  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as Europe/Brussels';
  }
}

/** A calendar date as `YYYY-MM-DD` that exists (no 30 February). */
@ValidatorConstraint({ name: 'calendarDate' })
export class IsCalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (
      typeof value === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(value) &&
      DateTime.fromISO(value, { zone: 'utc' }).isValid
    );
  }
  defaultMessage(args?: ValidationArguments): string {
    return `${args?.property ?? 'value'} must be a date as YYYY-MM-DD`;
  }
}

/**
 * An instant as ISO-8601 date and time with `Z` or an offset: a time without one would be read in
 * the server's zone, which is never what the caller meant.
 */
@ValidatorConstraint({ name: 'instant' })
export class IsInstant implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (
      typeof value === 'string' &&
      value.length <= 40 &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
      DateTime.fromISO(value, { setZone: true }).isValid
    );
  }
  defaultMessage(args?: ValidationArguments): string {
    return `${args?.property ?? 'value'} must be an ISO-8601 date and time with Z or an offset`;
  }
}

/**
 * May be left out, but not set to null: `@IsOptional` lets null through, which a PATCH would
 * write into a column that has no null.
 */
export const IsOmittable = () =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
