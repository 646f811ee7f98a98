import { DateTime } from 'luxon';
import type { DigestData, DigestQuestion } from './digest-source.js';
import { type DocumentWords, documentWords } from './document-words.js';

/** Top open questions listed with their votes; the rest are counted in one line each. */
export const TOP_OPEN_QUESTIONS = 10;

/**
 * Text typed by the public, made inert in Markdown: every character Markdown or HTML could act
 * on is backslash-escaped, line breaks become spaces (a question is one paragraph).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&"']/g, '\\$&');
}

/**
 * `Tuesday 12 May 2031, 10:00–11:30 (Europe/Brussels)`: a session's time where it happens, in the
 * words of `language` (the session's).
 */
export function sessionWhen(
  input: { startsAt: string; endsAt: string; timeZone: string },
  language?: string,
): string {
  const words = documentWords(language);
  const start = DateTime.fromISO(input.startsAt, { zone: input.timeZone }).setLocale(words.locale);
  const end = DateTime.fromISO(input.endsAt, { zone: input.timeZone }).setLocale(words.locale);
  return `${start.toFormat(words.dayFormat)}, ${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')} (${input.timeZone})`;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0 %' : `${Math.round((part / whole) * 100)} %`;
}

function tableCell(text: string): string {
  return escapeMarkdown(text);
}

function questionItem(q: DigestQuestion, index: number, words: DocumentWords): string[] {
  const lines = [`${index + 1}. ${escapeMarkdown(q.body)} — *${words.votes(q.votes)}*`];
  if (q.answerNote) lines.push('', `   > **${words.answer}** ${escapeMarkdown(q.answerNote)}`, '');
  return lines;
}

/**
 * The digest of a session as Markdown: speakers, the questions the room answered (with the
 * moderators' answer notes), the open ones by votes, poll results and attendance numbers. The
 * rapporteur edits it before publishing; nothing in it names a participant.
 */
export function digestMarkdown(data: DigestData): string {
  const words = documentWords(data.session.language);
  const out: string[] = [];
  const compiled = DateTime.fromJSDate(data.compiledAt, { zone: data.session.timeZone })
    .setLocale(words.locale)
    .toFormat(words.momentFormat);
  out.push(`## ${words.fromLiveSession}`, '');
  out.push(`*${words.compiled(compiled, data.session.timeZone)}*`, '');

  const speakers = data.session.people;
  if (speakers.length > 0) {
    out.push(`### ${words.speakers}`, '');
    for (const person of speakers) {
      const about = [person.title, person.organisation].filter(Boolean).join(', ');
      const role = person.role === 'speaker' ? '' : ` (${words.roles[person.role] ?? person.role})`;
      out.push(
        `- **${escapeMarkdown(person.name)}**${role}${about ? ` — ${escapeMarkdown(about)}` : ''}`,
      );
    }
    out.push('');
  }

  out.push(`### ${words.answered(data.answered.length)}`, '');
  if (data.answered.length === 0) out.push(words.noneAnswered, '');
  else {
    data.answered.forEach((q, i) => out.push(...questionItem(q, i, words)));
    out.push('');
  }

  const top = data.open.slice(0, TOP_OPEN_QUESTIONS);
  out.push(`### ${words.open(data.open.length)}`, '');
  if (data.open.length === 0) out.push(words.allAnswered, '');
  else {
    out.push(words.mostVoted, '');
    top.forEach((q, i) => out.push(...questionItem(q, i, words)));
    const rest = data.open.slice(TOP_OPEN_QUESTIONS);
    if (rest.length > 0) {
      out.push('', words.alsoAsked, '');
      for (const q of rest) out.push(`- ${escapeMarkdown(q.body)} — *${words.votes(q.votes)}*`);
    }
    out.push('');
  }

  if (data.polls.length > 0) {
    out.push(`### ${words.polls}`, '');
    const [answer, votes, share] = words.pollColumns;
    for (const poll of data.polls) {
      const total = poll.options.reduce((sum, o) => sum + o.votes, 0);
      out.push(`#### ${escapeMarkdown(poll.question)}`, '');
      out.push(`*${words.pollState(poll.closed, poll.kind === 'multiple', poll.voters)}*`, '');
      out.push(`| ${answer} | ${votes} | ${share} |`, '| --- | ---: | ---: |');
      for (const option of poll.options) {
        out.push(
          `| ${tableCell(option.label)} | ${option.votes} | ${percent(option.votes, poll.kind === 'multiple' ? poll.voters : total)} |`,
        );
      }
      out.push('');
    }
  }

  const a = data.attendance;
  out.push(`### ${words.attendance}`, '');
  // Hours to one decimal, as they are written (and so counted for the plural).
  out.push(words.attended(a.people, Math.round(a.totalSeconds / 360) / 10, a.anonymousVisits), '');
  if (a.byCity.length > 0) {
    const [city, people] = words.cityColumns;
    out.push(`| ${city} | ${people} |`, '| --- | ---: |');
    for (const row of a.byCity) {
      out.push(
        `| ${row.city === null ? `*${words.noCity}*` : tableCell(row.city)} | ${row.people} |`,
      );
    }
    out.push('');
  }
  if (a.byRole.length > 0) {
    const [role, people] = words.roleColumns;
    out.push(`| ${role} | ${people} |`, '| --- | ---: |');
    for (const row of a.byRole) {
      out.push(`| ${tableCell(words.roles[row.role] ?? row.role)} | ${row.people} |`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd() + '\n';
}
