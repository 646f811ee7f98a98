import { INVITATION_ROLES, type InvitationRole, LOCALES, type Locale } from '@app/contracts';
import { isValidEmailAddress, safeHeaderText } from '@app/mailer';
import { normaliseEmail } from '@app/persistence';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { type CsvProblem, parseCsv } from './csv.js';

/** One upload at most: a Summit invites a few hundred people; more is a mistake or a misuse. */
export const MAX_INVITEES = 2_000;
export const MAX_CSV_LENGTH = 1_000_000;
export const MAX_NAME_LENGTH = 160;
export const MAX_CITY_LENGTH = 160;

/** An invitee as the organiser typed it, from a CSV line or an item of the JSON list. */
export interface InviteeInput {
  name?: string;
  email?: string;
  city?: string | null;
  role?: string;
  locale?: string;
}

export interface CheckedInvitee {
  name: string;
  email: string;
  cityName: string | null;
  role: InvitationRole;
  /** Null when not given: the person's account decides, else English. */
  locale: Locale | null;
}

/** One line: no line breaks, control or bidi characters, single spaces. */
function oneLine(value: string | null | undefined): string {
  return value ? safeHeaderText(value, MAX_CSV_LENGTH) : '';
}

/** The checks both routes apply to each invitee; a reason in the organiser's words, or the row. */
export function checkInvitee(input: InviteeInput): CheckedInvitee | { reason: string } {
  const name = oneLine(input.name);
  if (name === '') return { reason: 'name is missing' };
  if (name.length > MAX_NAME_LENGTH) {
    return { reason: `name is longer than ${MAX_NAME_LENGTH} characters` };
  }
  const email = normaliseEmail(input.email ?? '');
  if (email === '') return { reason: 'email is missing' };
  // The address test of the mail sender itself: an invitation accepted here can always be sent.
  if (!isValidEmailAddress(email)) return { reason: 'email is not a valid address' };
  const role = (input.role ?? '').trim().toLowerCase();
  if (!(INVITATION_ROLES as readonly string[]).includes(role)) {
    return { reason: `role must be one of ${INVITATION_ROLES.join(', ')}` };
  }
  const city = oneLine(input.city);
  if (city.length > MAX_CITY_LENGTH) {
    return { reason: `city is longer than ${MAX_CITY_LENGTH} characters` };
  }
  const locale = (input.locale ?? '').trim().toLowerCase();
  if (locale !== '' && !(LOCALES as readonly string[]).includes(locale)) {
    return { reason: `locale must be one of ${LOCALES.join(', ')}` };
  }
  return {
    name,
    email,
    cityName: city === '' ? null : city,
    role: role as InvitationRole,
    locale: locale === '' ? null : (locale as Locale),
  };
}

const COLUMNS = ['name', 'email', 'city', 'role', 'locale'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['name', 'email', 'role'];

export interface CsvInvitees {
  rows: Array<{ line: number; input: InviteeInput }>;
  /** Lines that could not be read as CSV at all. */
  problems: CsvProblem[];
}

function invalid(message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, message);
}

/**
 * The invitees of an uploaded file whose first line names the columns (`name,email,city,role`, in
 * any order and case, `locale` optional, other columns ignored). Blank lines are skipped. A file
 * that cannot be an invitation list (no header, too many lines) is refused as a whole; problems
 * of single lines are left to the caller to report beside the good ones.
 */
export function csvInvitees(text: string): CsvInvitees {
  const { records, problems } = parseCsv(text);
  const blank = (fields: string[]) => fields.every((field) => field.trim() === '');
  const [header, ...data] = records.filter((record) => !blank(record.fields));
  if (!header || (problems.length > 0 && problems[0].line < header.line)) {
    throw invalid(`The first line must name the columns: ${COLUMNS.slice(0, 4).join(',')}`);
  }
  const index = new Map<Column, number>();
  header.fields.forEach((raw, position) => {
    const name = raw.trim().toLowerCase();
    if (!(COLUMNS as readonly string[]).includes(name)) return;
    if (index.has(name as Column)) throw invalid(`The column "${name}" appears twice`);
    index.set(name as Column, position);
  });
  const missing = REQUIRED.filter((column) => !index.has(column));
  if (missing.length > 0) {
    throw invalid(
      `The first line must name the columns ${COLUMNS.slice(0, 4).join(',')}; ` +
        `missing: ${missing.join(', ')}`,
    );
  }
  const lines = data.length + problems.length;
  if (lines === 0) throw invalid('The file names the columns but lists nobody');
  if (lines > MAX_INVITEES) {
    throw invalid(`At most ${MAX_INVITEES} invitees per upload; this file has ${lines} lines`);
  }
  const cell = (fields: string[], column: Column) => {
    const position = index.get(column);
    return position === undefined ? undefined : fields[position];
  };
  return {
    rows: data.map(({ line, fields }) => ({
      line,
      input: {
        name: cell(fields, 'name'),
        email: cell(fields, 'email'),
        city: cell(fields, 'city'),
        role: cell(fields, 'role'),
        locale: cell(fields, 'locale'),
      },
    })),
    problems,
  };
}
