import { type MyPollView, type PollKind, type PollView } from '@app/contracts';
import {
  PollEntity,
  PollOptionEntity,
  PollVoteEntity,
  SessionEntity,
  TransactionRunner,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { RoomBroadcaster } from '../live-broadcast/room-broadcaster.js';
import { RoomRules, type AdmittedRoom } from '../live-broadcast/room-rules.service.js';
import { pollChoice, pollDraft } from './poll-input.js';

export interface OpenPollInput {
  sessionId: string;
  question: string;
  kind: PollKind;
  options: string[];
}

export interface PollVoteInput {
  pollId: string;
  optionIds: string[];
}

/** Poll votes (and changes of one's vote) per person. */
export const POLL_VOTE_LIMIT = { limit: 30, windowSeconds: 60 };

/**
 * Polls in a session's live room. Results are counted from the vote rows when read, so any
 * number of concurrent votes on any number of api and live processes count exactly.
 */
@Injectable()
export class PollsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly rules: RoomRules,
    private readonly broadcaster: RoomBroadcaster,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(PollEntity) private readonly polls: Repository<PollEntity>,
    @InjectRepository(PollOptionEntity) private readonly options: Repository<PollOptionEntity>,
    @InjectRepository(PollVoteEntity) private readonly votes: Repository<PollVoteEntity>,
  ) {
    broadcaster.setPollReader((pollIds) => this.views(pollIds));
  }

  /** Opens a poll in the room (moderators of the session's event). */
  async open(actorId: string, input: OpenPollInput): Promise<MyPollView> {
    const draft = pollDraft(input);
    const session = await this.rules.releasedRoom(input.sessionId);
    await this.rules.requireModerator(actorId, session.eventId);
    const pollId = await this.transactions.run(async (manager) => {
      const poll = await manager.getRepository(PollEntity).save({
        sessionId: session.id,
        question: draft.question,
        kind: draft.kind,
        status: 'open',
        createdByAccountId: actorId,
        // Milliseconds (SQLite's default keeps whole seconds): the room lists newest first.
        createdAt: new Date(),
        closedAt: null,
      });
      await manager
        .getRepository(PollOptionEntity)
        .insert(draft.options.map((label, position) => ({ pollId: poll.id, label, position })));
      return poll.id;
    });
    const [view] = await this.views([pollId]);
    this.broadcaster.toRoom(session.id, 'poll', view);
    return { ...view, myChoices: [] };
  }

  /**
   * Records the person's choices in an open poll, replacing any earlier ones in the same
   * transaction: a single-choice poll never holds two choices of one person.
   */
  async vote(accountId: string, input: PollVoteInput): Promise<MyPollView> {
    const poll = await this.polls.findOneBy({ id: input.pollId });
    if (!poll) throw DomainError.notFound('Poll');
    await this.rules.writableRoomFor(poll.sessionId, accountId);
    const known = await this.options.find({ select: { id: true }, where: { pollId: poll.id } });
    const choice = pollChoice(poll.kind, input.optionIds, new Set(known.map((o) => o.id)));
    await this.rules.limit(
      'poll:vote',
      accountId,
      POLL_VOTE_LIMIT,
      'Too many votes; try again shortly',
    );
    await this.transactions.run(async (manager) => {
      const lookup = manager
        .getRepository(PollEntity)
        .createQueryBuilder('p')
        .select(['p.id', 'p.status'])
        .where('p.id = :pollId', { pollId: poll.id });
      // Closing waits for votes in flight (and a vote after it sees the poll closed); one
      // person's concurrent votes on a poll run one after another. SQLite's queue does both.
      if (this.rules.postgres) lookup.setLock('pessimistic_read');
      const current = await lookup.getOneOrFail();
      if (current.status !== 'open') {
        throw new DomainError(DomainErrorCode.Conflict, 'The poll is closed');
      }
      if (this.rules.postgres) {
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `poll-vote:${poll.id}:${accountId}`,
        ]);
      }
      const repo = manager.getRepository(PollVoteEntity);
      await repo.delete({ pollId: poll.id, accountId });
      const createdAt = new Date();
      await repo.insert(
        choice.map((optionId) => ({ pollId: poll.id, optionId, accountId, createdAt })),
      );
    });
    this.broadcaster.pollChanged(poll.sessionId, poll.id);
    return this.myView(poll.id, accountId);
  }

  /** Closes a poll (moderators); its results stay. Closing a closed poll changes nothing. */
  async close(actorId: string, pollId: string): Promise<MyPollView> {
    const poll = await this.polls.findOneBy({ id: pollId });
    if (!poll) throw DomainError.notFound('Poll');
    const session = await this.sessions.findOneByOrFail({ id: poll.sessionId });
    await this.rules.requireModerator(actorId, session.eventId);
    const closed = await this.transactions.run(async (manager) => {
      const result = await manager
        .getRepository(PollEntity)
        .update({ id: pollId, status: 'open' }, { status: 'closed', closedAt: new Date() });
      return (result.affected ?? 0) > 0;
    });
    const mine = await this.myView(pollId, actorId);
    if (closed) {
      const { myChoices: _mine, ...view } = mine;
      this.broadcaster.toRoom(poll.sessionId, 'poll', view);
    }
    return mine;
  }

  /**
   * The polls of a session, newest first, with the viewer's choices. Anyone may read a public
   * session's polls; another session's are for the people it is for.
   */
  async list(sessionId: string, viewerId: string | null): Promise<MyPollView[]> {
    return this.listIn(await this.rules.roomFor(sessionId, viewerId), viewerId);
  }

  /** {@link list} in a room the viewer was admitted to. */
  async listIn(room: AdmittedRoom, viewerId: string | null): Promise<MyPollView[]> {
    const sessionId = room.id;
    const rows = await this.polls.find({
      select: { id: true },
      where: { sessionId },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    return this.withChoices(await this.views(rows.map((r) => r.id)), viewerId);
  }

  /** Current results of polls, in the order asked, for whoever may see the room. */
  async views(pollIds: string[]): Promise<PollView[]> {
    if (pollIds.length === 0) return [];
    const [polls, options, counts, voters] = await Promise.all([
      this.polls.findBy({ id: In(pollIds) }),
      this.options.find({ where: { pollId: In(pollIds) }, order: { position: 'ASC' } }),
      this.votes
        .createQueryBuilder('v')
        .select('v.optionId', 'optionId')
        .addSelect('COUNT(*)', 'votes')
        .where('v.pollId IN (:...pollIds)', { pollIds })
        .groupBy('v.optionId')
        .getRawMany<{ optionId: string; votes: string | number }>(),
      this.votes
        .createQueryBuilder('v')
        .select('v.pollId', 'pollId')
        .addSelect('COUNT(DISTINCT v.accountId)', 'voters')
        .where('v.pollId IN (:...pollIds)', { pollIds })
        .groupBy('v.pollId')
        .getRawMany<{ pollId: string; voters: string | number }>(),
    ]);
    const votesOf = new Map(counts.map((c) => [c.optionId, Number(c.votes)]));
    const votersOf = new Map(voters.map((v) => [v.pollId, Number(v.voters)]));
    const byId = new Map(polls.map((p) => [p.id, p]));
    return pollIds.flatMap((id) => {
      const poll = byId.get(id);
      if (!poll) return [];
      return [
        {
          id: poll.id,
          sessionId: poll.sessionId,
          question: poll.question,
          kind: poll.kind,
          status: poll.status,
          options: options
            .filter((o) => o.pollId === id)
            .map((o) => ({ id: o.id, label: o.label, votes: votesOf.get(o.id) ?? 0 })),
          voters: votersOf.get(id) ?? 0,
          createdAt: poll.createdAt.toISOString(),
          closedAt: poll.closedAt?.toISOString() ?? null,
        },
      ];
    });
  }

  private async myView(pollId: string, viewerId: string): Promise<MyPollView> {
    const [view] = await this.withChoices(await this.views([pollId]), viewerId);
    if (!view) throw DomainError.notFound('Poll');
    return view;
  }

  private async withChoices(views: PollView[], viewerId: string | null): Promise<MyPollView[]> {
    const chosen = new Map<string, string[]>();
    if (viewerId && views.length > 0) {
      const rows = await this.votes.find({
        select: { pollId: true, optionId: true },
        where: { accountId: viewerId, pollId: In(views.map((v) => v.id)) },
      });
      for (const row of rows)
        chosen.set(row.pollId, [...(chosen.get(row.pollId) ?? []), row.optionId]);
    }
    return views.map((view) => {
      const mine = new Set(chosen.get(view.id) ?? []);
      // In the poll's option order, whatever order they were stored in.
      return { ...view, myChoices: view.options.filter((o) => mine.has(o.id)).map((o) => o.id) };
    });
  }
}
