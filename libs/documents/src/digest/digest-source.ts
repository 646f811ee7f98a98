import type { ReleasedSession } from '@app/contracts';
import {
  attendanceSummary,
  type AttendanceSummary,
  PollEntity,
  PollOptionEntity,
  PollVoteEntity,
  QuestionEntity,
} from '@app/persistence';
import type { EntityManager } from 'typeorm';

/** A question as the digest shows it: its words and numbers, never who asked. */
export interface DigestQuestion {
  body: string;
  votes: number;
  answerNote: string | null;
  pinned: boolean;
}

export interface DigestPoll {
  question: string;
  kind: 'single' | 'multiple';
  closed: boolean;
  voters: number;
  options: Array<{ label: string; votes: number }>;
}

/** Everything the digest of a session is made of, read from the database at one moment. */
export interface DigestData {
  session: Pick<
    ReleasedSession,
    'id' | 'title' | 'startsAt' | 'endsAt' | 'timeZone' | 'people' | 'language'
  >;
  eventTitle: string;
  compiledAt: Date;
  answered: DigestQuestion[];
  /** Approved questions not answered, most votes first. */
  open: DigestQuestion[];
  polls: DigestPoll[];
  attendance: AttendanceSummary;
}

/**
 * Reads the live room of a session for its digest: questions the room saw (pending and dismissed
 * ones never reached it and stay out), polls with their counts, and attendance as numbers. Names
 * of the people who asked, voted or attended are not read at all.
 */
export async function collectDigest(
  manager: EntityManager,
  input: {
    session: DigestData['session'];
    eventId: string;
    eventTitle: string;
    now?: Date;
  },
): Promise<DigestData> {
  const sessionId = input.session.id;
  const [questions, polls, options, votes, voters, attendance] = await Promise.all([
    manager.getRepository(QuestionEntity).find({
      select: {
        id: true,
        body: true,
        status: true,
        voteCount: true,
        answerNote: true,
        pinned: true,
        answeredAt: true,
        createdAt: true,
      },
      where: [
        { sessionId, status: 'answered' },
        { sessionId, status: 'visible' },
      ],
    }),
    manager.getRepository(PollEntity).find({
      select: { id: true, question: true, kind: true, status: true, createdAt: true },
      where: { sessionId },
      order: { createdAt: 'ASC' },
    }),
    manager
      .getRepository(PollOptionEntity)
      .createQueryBuilder('o')
      .innerJoin(PollEntity, 'p', 'p.id = o.pollId')
      .where('p.sessionId = :sessionId', { sessionId })
      .orderBy('o.position', 'ASC')
      .getMany(),
    manager
      .getRepository(PollVoteEntity)
      .createQueryBuilder('v')
      .innerJoin(PollEntity, 'p', 'p.id = v.pollId')
      .select('v.optionId', 'optionId')
      .addSelect('COUNT(*)', 'votes')
      .where('p.sessionId = :sessionId', { sessionId })
      .groupBy('v.optionId')
      .getRawMany<{ optionId: string; votes: string | number }>(),
    manager
      .getRepository(PollVoteEntity)
      .createQueryBuilder('v')
      .innerJoin(PollEntity, 'p', 'p.id = v.pollId')
      .select('v.pollId', 'pollId')
      .addSelect('COUNT(DISTINCT v.accountId)', 'voters')
      .where('p.sessionId = :sessionId', { sessionId })
      .groupBy('v.pollId')
      .getRawMany<{ pollId: string; voters: string | number }>(),
    attendanceSummary(manager, { id: sessionId, eventId: input.eventId }),
  ]);
  const view = (q: QuestionEntity): DigestQuestion => ({
    body: q.body,
    votes: q.voteCount,
    answerNote: q.answerNote,
    pinned: q.pinned,
  });
  const answered = questions
    .filter((q) => q.status === 'answered')
    .sort(
      (a, b) =>
        (a.answeredAt?.getTime() ?? 0) - (b.answeredAt?.getTime() ?? 0) ||
        a.createdAt.getTime() - b.createdAt.getTime(),
    )
    .map(view);
  const open = questions
    .filter((q) => q.status === 'visible')
    .sort((a, b) => b.voteCount - a.voteCount || a.createdAt.getTime() - b.createdAt.getTime())
    .map(view);
  const votesOf = new Map(votes.map((v) => [v.optionId, Number(v.votes)]));
  const votersOf = new Map(voters.map((v) => [v.pollId, Number(v.voters)]));
  return {
    session: input.session,
    eventTitle: input.eventTitle,
    compiledAt: input.now ?? new Date(),
    answered,
    open,
    polls: polls.map((poll) => ({
      question: poll.question,
      kind: poll.kind,
      closed: poll.status === 'closed',
      voters: votersOf.get(poll.id) ?? 0,
      options: options
        .filter((o) => o.pollId === poll.id)
        .map((o) => ({ label: o.label, votes: votesOf.get(o.id) ?? 0 })),
    })),
    attendance,
  };
}
