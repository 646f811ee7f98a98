import type { ReleaseDiff, ReleasedSession, SessionChange } from '@app/contracts';
import {
  AccountEntity,
  CALENDAR_FIELDS,
  type NewMail,
  RegistrationEntity,
  SpeakerEntity,
  movesCalendars,
} from '@app/persistence';
import { type EntityManager, In } from 'typeorm';

type NoticeTemplate = 'session-invitation' | 'session-update' | 'session-cancellation';

interface Recipient {
  /** Dedupe identity: `a:<account>` or `s:<speaker>`. */
  key: string;
  email: string;
  name: string;
  locale: string;
  timeZone: string;
  accountId: string | null;
}

export interface NoticePlan {
  mails: NewMail[];
  counts: { updates: number; cancellations: number; invitations: number };
}

/**
 * Who hears of a release, and how. Per session and person, one mail at most:
 * - cancelled session: a cancellation (METHOD:CANCEL) to its registrants and its people;
 * - a person added: an invitation (REQUEST); a person withdrawn: a cancellation of their copy;
 * - time, place or link changed: an update (REQUEST, SEQUENCE up) to confirmed registrants and
 *   the people who stay;
 * - anything else (title, abstract…) reaches calendars through feeds, without mail.
 * Dedupe keys carry the release, so publishing cannot mail twice for one change.
 */
export class ReleaseNoticePlanner {
  constructor(
    private readonly manager: EntityManager,
    private readonly eventTimeZone: string,
  ) {}

  async plan(
    releaseId: string,
    diff: ReleaseDiff,
    previous: ReadonlyMap<string, ReleasedSession>,
    next: ReadonlyMap<string, ReleasedSession>,
  ): Promise<NoticePlan> {
    const changes = diff.changes.filter(movesCalendars);
    const plan: NoticePlan = {
      mails: [],
      counts: { updates: 0, cancellations: 0, invitations: 0 },
    };
    if (changes.length === 0) return plan;
    const speakerIds = new Set<string>();
    for (const change of changes) {
      for (const s of [previous.get(change.sessionId), next.get(change.sessionId)]) {
        for (const person of s?.people ?? []) speakerIds.add(person.id);
      }
    }
    const [speakers, registrants] = await Promise.all([
      this.speakers([...speakerIds]),
      this.registrants(changes.map((c) => c.sessionId)),
    ]);
    for (const change of changes) {
      const session = next.get(change.sessionId);
      if (!session) continue;
      const sent = new Set<string>();
      const add = (recipient: Recipient | undefined, template: NoticeTemplate): void => {
        if (!recipient || sent.has(recipient.email)) return;
        sent.add(recipient.email);
        plan.mails.push(this.mail(releaseId, change, session, recipient, template));
        if (template === 'session-update') plan.counts.updates += 1;
        else if (template === 'session-cancellation') plan.counts.cancellations += 1;
        else plan.counts.invitations += 1;
      };
      const before = previous.get(change.sessionId);
      const attendees = registrants.get(change.sessionId) ?? [];
      if (change.kind === 'cancelled') {
        for (const p of before?.people ?? []) add(speakers.get(p.id), 'session-cancellation');
        for (const r of attendees) add(r.recipient, 'session-cancellation');
        continue;
      }
      for (const id of change.peopleAdded) add(speakers.get(id), 'session-invitation');
      for (const id of change.peopleRemoved) add(speakers.get(id), 'session-cancellation');
      if (change.kind === 'new' || !change.fields.some((f) => CALENDAR_FIELDS.includes(f))) {
        continue;
      }
      for (const p of session.people) add(speakers.get(p.id), 'session-update');
      for (const r of attendees) {
        if (r.status === 'confirmed') add(r.recipient, 'session-update');
      }
    }
    return plan;
  }

  private mail(
    releaseId: string,
    change: SessionChange,
    session: ReleasedSession,
    to: Recipient,
    template: NoticeTemplate,
  ): NewMail {
    return {
      to: {
        email: to.email,
        name: to.name,
        locale: to.locale,
        timeZone: to.timeZone,
        accountId: to.accountId,
      },
      template,
      dataRef: {
        sessionId: session.id,
        releaseId,
        calendar: template === 'session-cancellation' ? 'CANCEL' : 'REQUEST',
        ...(template === 'session-update'
          ? {
              changes: CALENDAR_FIELDS.filter((f) => change.fields.includes(f)) as Array<
                'time' | 'place' | 'link'
              >,
            }
          : {}),
      },
      dedupeKey: `release:${releaseId}:${session.id}:${to.key}`,
    };
  }

  /** Programme people with somewhere to write to: their account, else the address organisers gave. */
  private async speakers(ids: string[]): Promise<Map<string, Recipient>> {
    const result = new Map<string, Recipient>();
    if (ids.length === 0) return result;
    const rows = await this.manager.getRepository(SpeakerEntity).findBy({ id: In(ids) });
    const accountIds = rows.map((s) => s.accountId).filter((id): id is string => id !== null);
    const accounts = new Map(
      accountIds.length
        ? (await this.manager.getRepository(AccountEntity).findBy({ id: In(accountIds) })).map(
            (a) => [a.id, a],
          )
        : [],
    );
    for (const speaker of rows) {
      const account = speaker.accountId ? accounts.get(speaker.accountId) : undefined;
      const email = account?.email ?? speaker.email;
      if (!email || account?.erasedAt) continue;
      result.set(speaker.id, {
        key: account ? `a:${account.id}` : `s:${speaker.id}`,
        email,
        name: account?.name || speaker.name,
        locale: account?.locale ?? 'en',
        timeZone: account?.timeZone ?? this.eventTimeZone,
        accountId: account?.id ?? null,
      });
    }
    return result;
  }

  private async registrants(
    sessionIds: string[],
  ): Promise<Map<string, Array<{ status: string; recipient: Recipient }>>> {
    const rows = await this.manager
      .getRepository(RegistrationEntity)
      .createQueryBuilder('r')
      .innerJoin(AccountEntity, 'a', 'a.id = r.accountId')
      .select([
        'r.sessionId AS "sessionId"',
        'r.status AS "status"',
        'a.id AS "accountId"',
        'a.email AS "email"',
        'a.name AS "name"',
        'a.locale AS "locale"',
        'a.timeZone AS "timeZone"',
      ])
      .where('r.sessionId IN (:...sessionIds)', { sessionIds })
      .andWhere('r.status IN (:...live)', { live: ['confirmed', 'waitlisted'] })
      .andWhere('a.email IS NOT NULL AND a.erasedAt IS NULL')
      .orderBy('r.createdAt', 'ASC')
      .getRawMany<{
        sessionId: string;
        status: string;
        accountId: string;
        email: string;
        name: string;
        locale: string;
        timeZone: string;
      }>();
    const result = new Map<string, Array<{ status: string; recipient: Recipient }>>();
    for (const row of rows) {
      const list = result.get(row.sessionId) ?? [];
      list.push({
        status: row.status,
        recipient: {
          key: `a:${row.accountId}`,
          email: row.email,
          name: row.name,
          locale: row.locale,
          timeZone: row.timeZone,
          accountId: row.accountId,
        },
      });
      result.set(row.sessionId, list);
    }
    return result;
  }
}
