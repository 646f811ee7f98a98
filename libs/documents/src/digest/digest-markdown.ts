import { DateTime } from 'luxon';
import type { DigestData, DigestQuestion } from './digest-source.js';

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

/** `Tuesday 12 May 2031, 10:00–11:30 (Europe/Brussels)`: a session's time where it happens. */
export function sessionWhen(input: { startsAt: string; endsAt: string; timeZone: string }): string {
  const start = DateTime.fromISO(input.startsAt, { zone: input.timeZone }).setLocale('en-GB');
  const end = DateTime.fromISO(input.endsAt, { zone: input.timeZone }).setLocale('en-GB');
  return `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${end.toFormat('HH:mm')} (${input.timeZone})`;
}

function votes(n: number): string {
  return n === 1 ? '1 vote' : `${n.toLocaleString('en-GB')} votes`;
}

function people(n: number): string {
  return n === 1 ? '1 person' : `${n.toLocaleString('en-GB')} people`;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0 %' : `${Math.round((part / whole) * 100)} %`;
}

function tableCell(text: string): string {
  return escapeMarkdown(text);
}

function questionItem(q: DigestQuestion, index: number): string[] {
  const lines = [`${index + 1}. ${escapeMarkdown(q.body)} — *${votes(q.votes)}*`];
  if (q.answerNote) lines.push('', `   > **Answer:** ${escapeMarkdown(q.answerNote)}`, '');
  return lines;
}

/**
 * The digest of a session as Markdown: speakers, the questions the room answered (with the
 * moderators' answer notes), the open ones by votes, poll results and attendance numbers. The
 * rapporteur edits it before publishing; nothing in it names a participant.
 */
export function digestMarkdown(data: DigestData): string {
  const out: string[] = [];
  const compiled = DateTime.fromJSDate(data.compiledAt, { zone: data.session.timeZone })
    .setLocale('en-GB')
    .toFormat('d LLLL yyyy, HH:mm');
  out.push('## From the live session', '');
  out.push(
    `*Compiled by the hub on ${compiled} (${data.session.timeZone}) from the live Q&A, polls and attendance.*`,
    '',
  );

  const speakers = data.session.people;
  if (speakers.length > 0) {
    out.push('### Speakers', '');
    for (const person of speakers) {
      const about = [person.title, person.organisation].filter(Boolean).join(', ');
      const role = person.role === 'speaker' ? '' : ` (${person.role})`;
      out.push(
        `- **${escapeMarkdown(person.name)}**${role}${about ? ` — ${escapeMarkdown(about)}` : ''}`,
      );
    }
    out.push('');
  }

  out.push(`### Questions answered (${data.answered.length})`, '');
  if (data.answered.length === 0) out.push('No question was marked as answered.', '');
  else {
    data.answered.forEach((q, i) => out.push(...questionItem(q, i)));
    out.push('');
  }

  const top = data.open.slice(0, TOP_OPEN_QUESTIONS);
  out.push(`### Questions still open (${data.open.length})`, '');
  if (data.open.length === 0) out.push('Every question the room saw was answered.', '');
  else {
    out.push('Most voted first:', '');
    top.forEach((q, i) => out.push(...questionItem(q, i)));
    const rest = data.open.slice(TOP_OPEN_QUESTIONS);
    if (rest.length > 0) {
      out.push('', 'Also asked:', '');
      for (const q of rest) out.push(`- ${escapeMarkdown(q.body)} — *${votes(q.votes)}*`);
    }
    out.push('');
  }

  if (data.polls.length > 0) {
    out.push('### Polls', '');
    for (const poll of data.polls) {
      const total = poll.options.reduce((sum, o) => sum + o.votes, 0);
      const state = poll.closed ? 'closed' : 'still open when compiled';
      const kind = poll.kind === 'multiple' ? ', several answers allowed' : '';
      out.push(`#### ${escapeMarkdown(poll.question)}`, '');
      out.push(`*${people(poll.voters)} answered (${state}${kind}).*`, '');
      out.push('| Answer | Votes | Share |', '| --- | ---: | ---: |');
      for (const option of poll.options) {
        out.push(
          `| ${tableCell(option.label)} | ${option.votes} | ${percent(option.votes, poll.kind === 'multiple' ? poll.voters : total)} |`,
        );
      }
      out.push('');
    }
  }

  const a = data.attendance;
  out.push('### Attendance', '');
  const hours = a.totalSeconds / 3600;
  out.push(
    `${people(a.people)} followed the session signed in (${hours.toLocaleString('en-GB', { maximumFractionDigits: 1 })} hours in all), and the room had ${a.anonymousVisits.toLocaleString('en-GB')} visits from viewers who were not signed in.`,
    '',
  );
  if (a.byCity.length > 0) {
    out.push('| City | People |', '| --- | ---: |');
    for (const row of a.byCity) {
      out.push(
        `| ${row.city === null ? '*No city given*' : tableCell(row.city)} | ${row.people} |`,
      );
    }
    out.push('');
  }
  if (a.byRole.length > 0) {
    out.push('| Role | People |', '| --- | ---: |');
    for (const row of a.byRole) out.push(`| ${tableCell(row.role)} | ${row.people} |`);
    out.push('');
  }
  return out.join('\n').trimEnd() + '\n';
}
