import {
  type ClientToServerEvents,
  type InterServerEvents,
  LIVE_SCORE_WINDOW_MS,
  type LiveSocketData,
  type PollView,
  type ServerToClientEvents,
} from '@app/contracts';
import { QuestionEntity } from '@app/persistence';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Namespace } from 'socket.io';
import { In, type Repository } from 'typeorm';
import { WindowBatcher } from './window-batcher.js';

export type LiveNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  LiveSocketData
>;

type Args<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>;

/** The room of a session, and its moderators' room (pending questions, authors). */
export const roomOf = (sessionId: string): string => `session:${sessionId}`;
export const moderatorRoomOf = (sessionId: string): string => `session:${sessionId}:moderators`;
/** Every socket of one signed-in person, whatever room it is in. */
export const accountRoomOf = (accountId: string): string => `account:${accountId}`;
/** Every socket opened with one sign-in session or API token. */
export const credentialRoomOf = (credentialId: string): string => `credential:${credentialId}`;

/** Reads the current results of polls, for the coalesced poll broadcasts. */
export type PollReader = (pollIds: string[]) => Promise<PollView[]>;

/**
 * Sends what changed in a session to the clients in its room, on every live instance: through the
 * live process's own namespace there, and through a detached Socket.IO server on the same Redis
 * stream in the api (so a question asked or moderated over REST reaches the room too, and a client
 * that reconnects gets it replayed). Votes and poll results are coalesced per room.
 *
 * Services call it after their transaction commits; a broadcast that fails is logged, never
 * thrown: the write has happened and clients catch up from their next snapshot.
 */
@Injectable()
export class RoomBroadcaster implements OnApplicationShutdown {
  private readonly logger = new Logger(RoomBroadcaster.name);
  private namespace: LiveNamespace | null = null;
  private pollReader: PollReader | null = null;
  private readonly scores: WindowBatcher;
  private readonly polls: WindowBatcher;

  constructor(
    @InjectRepository(QuestionEntity) private readonly questions: Repository<QuestionEntity>,
  ) {
    const onError = (error: unknown, sessionId: string) =>
      this.logger.warn(
        `live update of ${sessionId} not sent: ${error instanceof Error ? error.message : 'unknown'}`,
      );
    this.scores = new WindowBatcher(
      LIVE_SCORE_WINDOW_MS,
      (sessionId, ids) => this.flushScores(sessionId, ids),
      onError,
    );
    this.polls = new WindowBatcher(
      LIVE_SCORE_WINDOW_MS,
      (sessionId, ids) => this.flushPolls(ids),
      onError,
    );
  }

  attach(namespace: LiveNamespace): void {
    this.namespace = namespace;
  }

  setPollReader(reader: PollReader): void {
    this.pollReader = reader;
  }

  toRoom<E extends keyof ServerToClientEvents>(sessionId: string, event: E, ...args: Args<E>) {
    this.namespace?.to(roomOf(sessionId)).emit(event, ...args);
  }

  toModerators<E extends keyof ServerToClientEvents>(
    sessionId: string,
    event: E,
    ...args: Args<E>
  ) {
    this.namespace?.to(moderatorRoomOf(sessionId)).emit(event, ...args);
  }

  /** To every socket of one person (their pending question dismissed, for instance). */
  toAccount<E extends keyof ServerToClientEvents>(accountId: string, event: E, ...args: Args<E>) {
    this.namespace?.to(accountRoomOf(accountId)).emit(event, ...args);
  }

  /**
   * Ends the live connections opened with a sign-in or token that was revoked, on every live
   * process. Not a recoverable close: the client connects anew and is identified as it is now.
   */
  credentialRevoked(credentialId: string): void {
    this.namespace?.in(credentialRoomOf(credentialId)).disconnectSockets();
  }

  /**
   * Ends every live connection of an account whose rights shrank (erased, or a role taken away).
   * Its clients connect anew and join again with what the person may now do: a room they are no
   * longer let into refuses them, and a moderator's room view becomes an attendee's.
   */
  accountRightsShrank(accountId: string): void {
    this.namespace?.in(accountRoomOf(accountId)).disconnectSockets();
  }

  /**
   * Ends the live connections in the rooms of sessions a new release of `eventId` closed to the
   * public (a public session that became a city, mayors' or invite-only one). Every live process
   * forgets the release it holds for the event and disconnects its own sockets in those rooms:
   * their clients join again and are let in only if they may be under the new release.
   */
  roomsClosedToPublic(eventId: string, sessionIds: readonly string[]): void {
    if (sessionIds.length === 0) return;
    this.namespace?.serverSideEmit('rooms:closed', { eventId, sessionIds: [...sessionIds] });
  }

  /** A question's vote count changed; the room gets the counts once per window. */
  scoreChanged(sessionId: string, questionId: string): void {
    this.scores.changed(sessionId, questionId);
  }

  /** A poll's results changed; the room gets them once per window. */
  pollChanged(sessionId: string, pollId: string): void {
    this.polls.changed(sessionId, pollId);
  }

  onApplicationShutdown(): void {
    this.scores.close();
    this.polls.close();
  }

  private async flushScores(sessionId: string, questionIds: string[]): Promise<void> {
    if (!this.namespace) return;
    const rows = await this.questions.find({
      select: { id: true, voteCount: true },
      where: { id: In(questionIds) },
    });
    if (rows.length === 0) return;
    this.toRoom(sessionId, 'scores', {
      sessionId,
      scores: rows.map((row) => ({ questionId: row.id, voteCount: row.voteCount })),
    });
  }

  private async flushPolls(pollIds: string[]): Promise<void> {
    if (!this.namespace || !this.pollReader) return;
    for (const poll of await this.pollReader(pollIds)) this.toRoom(poll.sessionId, 'poll', poll);
  }
}
