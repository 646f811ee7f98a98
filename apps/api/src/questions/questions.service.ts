import {
  type ModeratorQuestionView,
  type QaMode,
  type QaSettingsView,
  type QuestionExportFormat,
  type QuestionListView,
  type QuestionSort,
  type QuestionStatus,
  type QuestionView,
  type VoteResult,
} from '@app/contracts';
import {
  AccountEntity,
  AuditEntryEntity,
  QuestionEditEntity,
  QuestionEntity,
  QuestionVoteEntity,
  SessionEntity,
  TransactionRunner,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import { RoomBroadcaster } from '../live-broadcast/room-broadcaster.js';
import { RoomRules, type AdmittedRoom } from '../live-broadcast/room-rules.service.js';
import { csvFile } from '../common/csv-writer.js';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { type ModerationCommand, transition } from './question-moderation.js';
import { questionBody } from './question-text.js';

export type { ModerationCommand } from './question-moderation.js';

export interface AskQuestionInput {
  body: string;
  anonymous?: boolean;
  /** Chosen by the client; the same one again returns the first question instead of a second. */
  clientId: string;
}

export interface QaSettingsInput {
  qaMode?: QaMode;
  qaClosed?: boolean;
}

export interface QuestionExport {
  filename: string;
  contentType: string;
  body: string;
}

/** New questions per person and session window; votes per person. */
export const ASK_LIMIT = { limit: 5, windowSeconds: 60 };
export const VOTE_LIMIT = { limit: 120, windowSeconds: 60 };

/** Edits a moderator broadcast carries (the full history is in the list and the export). */
export const MODERATOR_BROADCAST_EDITS = 5;

const TOO_MANY = 'Too many requests; try again shortly';

/** What the room may see; moderators see every status. */
const PUBLIC_STATUSES: QuestionStatus[] = ['visible', 'answered'];

/** The author's name with the row, as the list and export read it. */
type QuestionRow = QuestionEntity & { author?: AccountEntity | null };

/**
 * The live Q&A of a session. Every method takes the acting account and plain input and returns a
 * view, so the REST controllers and the live (Socket.IO) process share the same rules.
 */
@Injectable()
export class QuestionsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly rules: RoomRules,
    private readonly broadcaster: RoomBroadcaster,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(QuestionEntity) private readonly questions: Repository<QuestionEntity>,
    @InjectRepository(QuestionVoteEntity) private readonly votes: Repository<QuestionVoteEntity>,
    @InjectRepository(QuestionEditEntity) private readonly edits: Repository<QuestionEditEntity>,
  ) {}

  async ask(
    accountId: string,
    sessionId: string,
    input: AskQuestionInput,
  ): Promise<{ question: QuestionView; created: boolean }> {
    const body = questionBody(input.body);
    const session = await this.rules.writableRoomFor(sessionId, accountId);
    const key = { authorAccountId: accountId, sessionId, clientId: input.clientId };
    const now = new Date();
    const { row, created } = await this.transactions.run(async (manager) => {
      // A client repeating itself after a reconnect gets its question back, whatever else
      // applies. Read in the transaction: on SQLite every request shares one connection, and a
      // read outside would see another request's question before that one commits or, refused
      // by the ask limit, rolls it back (then the view of it failed: a 500 the fuzz found).
      const repeat = await manager.getRepository(QuestionEntity).findOneBy(key);
      if (repeat) return { row: repeat, created: false };
      if (session.qaClosed) throw new DomainError(DomainErrorCode.Conflict, 'The Q&A is closed');
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(QuestionEntity)
        .values({
          ...key,
          body,
          anonymous: input.anonymous ?? false,
          status: session.qaMode === 'pre-approved' ? 'pending' : 'visible',
          // Set here, not by the database: SQLite's default keeps whole seconds only, and the
          // room sorts by this.
          createdAt: now,
          updatedAt: now,
        })
        .orIgnore()
        .execute();
      const isNew = await this.rules.inserted(manager, inserted.raw);
      // Counted only for a new question, so a client repeating itself is never limited; a refusal
      // rolls the question back.
      if (isNew) await this.rules.limit('qa:ask', accountId, ASK_LIMIT, TOO_MANY);
      return {
        row: await manager.getRepository(QuestionEntity).findOneByOrFail(key),
        created: isNew,
      };
    });
    if (created) await this.broadcast(row.id);
    return { question: await this.viewFor(row, accountId), created };
  }

  async vote(accountId: string, questionId: string): Promise<VoteResult> {
    const question = await this.votable(accountId, questionId);
    await this.rules.limit('qa:vote', accountId, VOTE_LIMIT, TOO_MANY);
    const result = await this.transactions.run(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(QuestionVoteEntity)
        .values({ questionId: question.id, accountId })
        .orIgnore()
        .execute();
      // Counted only when this call made the row: a second vote of the same person is a no-op.
      if (await this.rules.inserted(manager, inserted.raw)) {
        await this.count(manager, question.id, '+');
      }
      return this.voteResult(manager, question.id, true);
    });
    this.broadcaster.scoreChanged(question.sessionId, question.id);
    return result;
  }

  async unvote(accountId: string, questionId: string): Promise<VoteResult> {
    const question = await this.votable(accountId, questionId);
    await this.rules.limit('qa:vote', accountId, VOTE_LIMIT, TOO_MANY);
    const result = await this.transactions.run(async (manager) => {
      const deleted = await manager
        .getRepository(QuestionVoteEntity)
        .delete({ questionId: question.id, accountId });
      if ((deleted.affected ?? 0) > 0) await this.count(manager, question.id, '-');
      return this.voteResult(manager, question.id, false);
    });
    this.broadcaster.scoreChanged(question.sessionId, question.id);
    return result;
  }

  /**
   * The questions of a session, pinned first, then by votes (then oldest first) or newest first.
   * The room sees visible and answered ones; moderators see all, with authors and edit history.
   */
  async list(
    sessionId: string,
    options: { sort?: QuestionSort },
    viewerId: string | null,
  ): Promise<QuestionListView> {
    return this.listIn(await this.rules.roomFor(sessionId, viewerId), options, viewerId);
  }

  /** {@link list} in a room the viewer was admitted to. */
  async listIn(
    session: AdmittedRoom,
    options: { sort?: QuestionSort },
    viewerId: string | null,
  ): Promise<QuestionListView> {
    const sessionId = session.id;
    const moderator = viewerId ? await this.rules.moderates(viewerId, session.eventId) : false;
    const rows = await this.rows(
      sessionId,
      moderator ? null : { statuses: PUBLIC_STATUSES, alsoPendingOf: viewerId },
      options.sort,
    );
    const voted = viewerId ? await this.votedBy(viewerId, rows) : new Set<string>();
    const edited = await this.editsOf(rows);
    return {
      settings: settingsView(session),
      moderator,
      questions: rows.map((row) =>
        moderator
          ? moderatorView(row, viewerId, voted, edited.get(row.id) ?? [])
          : publicView(row, viewerId, voted, (edited.get(row.id)?.length ?? 0) > 0),
      ),
    };
  }

  async moderate(
    actorId: string,
    questionId: string,
    command: ModerationCommand,
  ): Promise<ModeratorQuestionView> {
    const found = await this.questions.findOneBy({ id: questionId });
    if (!found) throw DomainError.notFound('Question');
    const session = await this.sessions.findOneByOrFail({ id: found.sessionId });
    await this.rules.requireModerator(actorId, session.eventId);
    const changed = await this.transactions.run(async (manager) => {
      const repo = manager.getRepository(QuestionEntity);
      const lookup = repo.createQueryBuilder('q').where('q.id = :questionId', { questionId });
      if (this.rules.postgres) lookup.setLock('pessimistic_write');
      const question = await lookup.getOneOrFail();
      const change = transition(question, command);
      if (command.action === 'edit') {
        const body = questionBody(command.body);
        if (body === question.body) return null;
        await manager.getRepository(QuestionEditEntity).insert({
          questionId,
          editorAccountId: actorId,
          before: question.body,
          after: body,
          // Milliseconds (SQLite's default keeps whole seconds): the history is read in order.
          createdAt: new Date(),
        });
        change.body = body;
      }
      if (Object.keys(change).length === 0) return null;
      await repo.update({ id: questionId }, change);
      return { before: question.status, noteOnly: Object.keys(change).join() === 'answerNote' };
    });
    const [row] = await this.rowsById([questionId]);
    const edits = await this.editsOf([row]);
    if (changed) {
      // A note of a question not yet answered is for moderators only: the room has nothing new.
      const roomSees = !changed.noteOnly || row.status === 'answered';
      this.broadcastRow(
        row,
        edits.get(row.id) ?? [],
        PUBLIC_STATUSES.includes(changed.before),
        roomSees,
      );
    }
    return moderatorView(row, actorId, await this.votedBy(actorId, [row]), edits.get(row.id) ?? []);
  }

  async settings(
    actorId: string,
    sessionId: string,
    input: QaSettingsInput,
  ): Promise<QaSettingsView> {
    const session = await this.rules.releasedRoom(sessionId);
    await this.rules.requireModerator(actorId, session.eventId);
    const change: QaSettingsInput = {};
    if (input.qaMode !== undefined) change.qaMode = input.qaMode;
    if (input.qaClosed !== undefined) change.qaClosed = input.qaClosed;
    if (Object.keys(change).length === 0) return settingsView(session);
    await this.transactions.run(async (manager) => {
      // A change of the Q&A is not a change of the programme: the session's updatedAt stays.
      await manager
        .createQueryBuilder()
        .update(SessionEntity)
        .set({ ...change, updatedAt: () => '"updatedAt"' })
        .where('id = :sessionId', { sessionId })
        .execute();
      await manager.getRepository(AuditEntryEntity).insert({
        actorId,
        action: 'qa.settings-changed',
        targetAccountId: null,
        eventId: session.eventId,
        details: { sessionId, ...change },
        createdAt: new Date(),
      });
    });
    const settings = settingsView({ ...session, ...change });
    this.broadcaster.toRoom(sessionId, 'settings', {
      ...settings,
      chatEnabled: session.chatEnabled,
    });
    return settings;
  }

  /** Every question of the session with its state, author and edits; audited. */
  async export(
    actorId: string,
    sessionId: string,
    format: QuestionExportFormat,
  ): Promise<QuestionExport> {
    const session = await this.rules.releasedRoom(sessionId);
    await this.rules.requireModerator(actorId, session.eventId);
    const rows = await this.rows(sessionId, null, 'time');
    rows.reverse();
    const edits = await this.editsOf(rows);
    const views = rows.map((row) => moderatorView(row, null, new Set(), edits.get(row.id) ?? []));
    await this.transactions.run((manager) =>
      manager.getRepository(AuditEntryEntity).insert({
        actorId,
        action: 'qa.exported',
        targetAccountId: null,
        eventId: session.eventId,
        details: { sessionId, format, rows: views.length },
        createdAt: new Date(),
      }),
    );
    const filename = `questions-${sessionId}.${format}`;
    if (format === 'json') {
      return {
        filename,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify(views),
      };
    }
    const body = csvFile(
      [
        'id',
        'createdAt',
        'status',
        'pinned',
        'votes',
        'anonymous',
        'authorName',
        'authorAccountId',
        'question',
        'answeredAt',
        'answerNote',
        'edits',
      ],
      views.map((v) => [
        v.id,
        v.createdAt,
        v.status,
        v.pinned ? 'yes' : 'no',
        v.voteCount,
        v.anonymous ? 'yes' : 'no',
        v.author.name,
        v.author.accountId,
        v.body,
        v.answeredAt,
        v.answerNote,
        v.edits.length,
      ]),
    );
    return { filename, contentType: 'text/csv; charset=utf-8', body };
  }

  /** Sends a question as it now is to its moderators, and to the room when the room may see it. */
  private async broadcast(questionId: string): Promise<void> {
    const [row] = await this.rowsById([questionId]);
    if (!row) return;
    const edits = await this.editsOf([row]);
    this.broadcastRow(row, edits.get(row.id) ?? [], false);
  }

  private broadcastRow(
    row: QuestionRow,
    edits: QuestionEditEntity[],
    roomHadIt: boolean,
    roomSees = true,
  ): void {
    // The latest few edits only: a question edited a hundred times must not make every
    // broadcast (and every entry in the live stream) grow with it.
    const recent = edits.slice(-MODERATOR_BROADCAST_EDITS);
    const { votedByMe: _voted, mine: _mine, ...full } = moderatorView(row, null, new Set(), recent);
    this.broadcaster.toModerators(row.sessionId, 'question:moderator', full);
    if (PUBLIC_STATUSES.includes(row.status)) {
      // The room's own view (not the moderators' minus a few fields): it hides the answer note
      // until the question is answered.
      const {
        votedByMe: _v,
        mine: _m,
        ...room
      } = publicView(row, null, new Set(), edits.length > 0);
      if (roomSees) this.broadcaster.toRoom(row.sessionId, 'question', room);
    } else {
      const removed = { sessionId: row.sessionId, questionId: row.id };
      if (roomHadIt) this.broadcaster.toRoom(row.sessionId, 'question:removed', removed);
      // The author saw it as "awaiting moderation" until now.
      else if (row.status === 'dismissed') {
        this.broadcaster.toAccount(row.authorAccountId, 'question:removed', removed);
      }
    }
  }

  /** A question the room can vote on, in an open Q&A. */
  private async votable(accountId: string, questionId: string): Promise<QuestionEntity> {
    const question = await this.questions.findOneBy({ id: questionId });
    if (!question || !PUBLIC_STATUSES.includes(question.status)) {
      throw DomainError.notFound('Question');
    }
    const session = await this.rules.writableRoomFor(question.sessionId, accountId);
    if (session.qaClosed) throw new DomainError(DomainErrorCode.Conflict, 'The Q&A is closed');
    return question;
  }

  private async count(manager: EntityManager, questionId: string, sign: '+' | '-') {
    const update = manager
      .createQueryBuilder()
      .update(QuestionEntity)
      .set({ voteCount: () => `"voteCount" ${sign} 1`, updatedAt: () => '"updatedAt"' })
      .where('id = :questionId', { questionId });
    if (sign === '-') update.andWhere('"voteCount" > 0');
    await update.execute();
  }

  private async voteResult(
    manager: EntityManager,
    questionId: string,
    votedByMe: boolean,
  ): Promise<VoteResult> {
    const row = await manager
      .getRepository(QuestionEntity)
      .findOneOrFail({ select: { id: true, voteCount: true }, where: { id: questionId } });
    return { questionId, voteCount: row.voteCount, votedByMe };
  }

  private query() {
    return this.questions
      .createQueryBuilder('q')
      .leftJoinAndMapOne('q.author', AccountEntity, 'a', 'a.id = q.authorAccountId');
  }

  private async rows(
    sessionId: string,
    visible: { statuses: QuestionStatus[]; alsoPendingOf: string | null } | null,
    sort: QuestionSort = 'votes',
  ): Promise<QuestionRow[]> {
    const query = this.query().where('q.sessionId = :sessionId', { sessionId });
    if (visible?.alsoPendingOf) {
      // The room's questions, and the viewer's own awaiting moderation.
      query.andWhere(
        "(q.status IN (:...statuses) OR (q.status = 'pending' AND q.authorAccountId = :viewer))",
        { statuses: visible.statuses, viewer: visible.alsoPendingOf },
      );
    } else if (visible) {
      query.andWhere('q.status IN (:...statuses)', { statuses: visible.statuses });
    }
    query.orderBy('q.pinned', 'DESC');
    if (sort === 'votes') {
      query.addOrderBy('q.voteCount', 'DESC').addOrderBy('q.createdAt', 'ASC');
    } else {
      query.addOrderBy('q.createdAt', 'DESC');
    }
    return query.addOrderBy('q.id', 'ASC').getMany();
  }

  private rowsById(ids: string[]): Promise<QuestionRow[]> {
    return this.query().where('q.id IN (:...ids)', { ids }).getMany();
  }

  private async viewFor(row: QuestionEntity, viewerId: string): Promise<QuestionView> {
    const [full] = await this.rowsById([row.id]);
    const edits = await this.editsOf([full]);
    return publicView(
      full,
      viewerId,
      await this.votedBy(viewerId, [full]),
      (edits.get(full.id)?.length ?? 0) > 0,
    );
  }

  private async votedBy(accountId: string, rows: QuestionEntity[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const votes = await this.votes.find({
      select: { questionId: true },
      where: { accountId, questionId: In(rows.map((r) => r.id)) },
    });
    return new Set(votes.map((v) => v.questionId));
  }

  private async editsOf(rows: QuestionEntity[]): Promise<Map<string, QuestionEditEntity[]>> {
    const byQuestion = new Map<string, QuestionEditEntity[]>();
    if (rows.length === 0) return byQuestion;
    const edits = await this.edits.find({
      where: { questionId: In(rows.map((r) => r.id)) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    for (const edit of edits) {
      byQuestion.set(edit.questionId, [...(byQuestion.get(edit.questionId) ?? []), edit]);
    }
    return byQuestion;
  }
}

function settingsView(session: Pick<SessionEntity, 'id' | 'qaMode' | 'qaClosed'>): QaSettingsView {
  return { sessionId: session.id, qaMode: session.qaMode, qaClosed: session.qaClosed };
}

function publicView(
  row: QuestionRow,
  viewerId: string | null,
  voted: Set<string>,
  edited: boolean,
): QuestionView {
  return {
    id: row.id,
    sessionId: row.sessionId,
    authorName: row.anonymous ? null : (row.author?.name ?? null),
    anonymous: row.anonymous,
    body: row.body,
    status: row.status,
    pinned: row.pinned,
    voteCount: row.voteCount,
    votedByMe: voted.has(row.id),
    mine: viewerId !== null && row.authorAccountId === viewerId,
    edited,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    // The room learns what was answered once the question is answered.
    answerNote: row.status === 'answered' ? row.answerNote : null,
  };
}

function moderatorView(
  row: QuestionRow,
  viewerId: string | null,
  voted: Set<string>,
  edits: QuestionEditEntity[],
): ModeratorQuestionView {
  return {
    ...publicView(row, viewerId, voted, edits.length > 0),
    answerNote: row.answerNote,
    author: { accountId: row.authorAccountId, name: row.author?.name ?? '' },
    clientId: row.clientId,
    edits: edits.map((e) => ({
      editorAccountId: e.editorAccountId,
      before: e.before,
      after: e.after,
      createdAt: e.createdAt.toISOString(),
    })),
  };
}
