import {
  ensureDocument,
  insertVersion,
  releasedSession,
  saveRevision,
  sessionWhen,
  versionMarkdown,
} from '@app/documents';
import {
  AccountEntity,
  ChatMessageEntity,
  CityEntity,
  DEMO_EVENT_SLUG,
  DEMO_ORGANISER_EMAIL,
  EventEntity,
  findOrCreateAccount,
  KeyLearningDocumentEntity,
  PollEntity,
  PollOptionEntity,
  PollVoteEntity,
  QuestionEntity,
  QuestionVoteEntity,
  SessionEntity,
} from '@app/persistence';
import type { DataSource, EntityManager } from 'typeorm';

/** People of the demo room: invented, with addresses nobody can receive mail at. */
const PARTICIPANTS = [
  'Marta Silva',
  'Jonas Berg',
  'Eleni Papadopoulou',
  'Piotr Nowak',
  'Claire Dubois',
] as const;

interface DemoQuestion {
  body: string;
  status: 'visible' | 'answered' | 'pending';
  /** Indexes of the participants who voted for it. */
  voters: number[];
  pinned?: boolean;
  note?: string;
}

const QUESTIONS: DemoQuestion[] = [
  {
    body: 'How can a small city join the data-sharing pilots without a data team of its own?',
    status: 'visible',
    voters: [1, 2, 3, 4],
    pinned: true,
  },
  {
    body: 'Which funding line covers a digital twin of our port area?',
    status: 'answered',
    voters: [0, 3, 4],
    note: 'The digital part of the Recovery and Resilience Facility; the ICC team shares the calendar of calls after the session.',
  },
  {
    body: 'Will the slides be part of the key learnings?',
    status: 'answered',
    voters: [2],
    note: 'Yes: the rapporteur links them in the key learnings of this session.',
  },
  {
    body: 'Can mentor cities host study visits again next spring?',
    status: 'visible',
    voters: [0, 1],
  },
  {
    body: 'Is there a French interpretation channel for this room?',
    status: 'pending',
    voters: [],
  },
];

const CHAT = [
  [0, 'Good morning from Porto!'],
  [2, 'Hello everyone, Athens is listening in.'],
  [3, 'The slides link works for me now, thanks.'],
] as const;

/**
 * The demo event's live session with a room in full swing: questions with votes (one pinned,
 * two answered with notes, one waiting for the moderator), an open poll and a few chat lines.
 * Made when the demo event is (re)created, so a newcomer's first look at a room is not empty.
 */
export async function seedDemoLiveRoom(dataSource: DataSource, now: Date): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    const event = await manager.getRepository(EventEntity).findOneBy({ slug: DEMO_EVENT_SLUG });
    if (!event) return false;
    const session = await manager
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .where('s.eventId = :eventId', { eventId: event.id })
      .andWhere("s.audience = 'public' AND s.startsAt <= :now AND s.endsAt > :now", { now })
      .getOne();
    if (!session) return false;
    if (await manager.getRepository(QuestionEntity).existsBy({ sessionId: session.id })) {
      return false;
    }
    const people = await participants(manager);
    const organiser = await findOrCreateAccount(manager, DEMO_ORGANISER_EMAIL, {
      name: 'Demo organiser',
    });
    for (const [i, q] of QUESTIONS.entries()) {
      const at = new Date(now.getTime() - (QUESTIONS.length - i) * 120_000);
      const question = manager.getRepository(QuestionEntity).create({
        sessionId: session.id,
        authorAccountId: people[i % people.length],
        anonymous: i === 3,
        body: q.body,
        status: q.status,
        pinned: q.pinned ?? false,
        clientId: `demo-${i + 1}`,
        voteCount: q.voters.length,
        createdAt: at,
        answeredAt: q.status === 'answered' ? new Date(at.getTime() + 60_000) : null,
        answerNote: q.note ?? null,
      });
      await manager.getRepository(QuestionEntity).insert(question);
      for (const voter of q.voters) {
        await manager
          .getRepository(QuestionVoteEntity)
          .insert({ questionId: question.id, accountId: people[voter], createdAt: at });
      }
    }
    const poll = manager.getRepository(PollEntity).create({
      sessionId: session.id,
      question: 'Which theme should the next City Lab open with?',
      kind: 'single',
      status: 'open',
      createdByAccountId: organiser.id,
      createdAt: new Date(now.getTime() - 300_000),
      closedAt: null,
    });
    await manager.getRepository(PollEntity).insert(poll);
    const options = ['Green economy', 'Digital transformation', 'Skills'].map((label, position) =>
      manager.getRepository(PollOptionEntity).create({ pollId: poll.id, label, position }),
    );
    await manager.getRepository(PollOptionEntity).insert(options);
    for (const [voter, option] of [0, 0, 1, 2, 0].entries()) {
      await manager.getRepository(PollVoteEntity).insert({
        pollId: poll.id,
        optionId: options[option].id,
        accountId: people[voter],
        createdAt: now,
      });
    }
    for (const [i, [author, body]] of CHAT.entries()) {
      await manager.getRepository(ChatMessageEntity).insert({
        sessionId: session.id,
        authorAccountId: people[author],
        clientId: `demo-chat-${i + 1}`,
        body,
        removedAt: null,
        createdAt: new Date(now.getTime() - (CHAT.length - i) * 60_000),
      });
    }
    return true;
  });
}

async function participants(manager: EntityManager): Promise<string[]> {
  const cities = await manager.getRepository(CityEntity).find({ order: { name: 'ASC' }, take: 5 });
  const ids: string[] = [];
  for (const [i, name] of PARTICIPANTS.entries()) {
    const account = await findOrCreateAccount(
      manager,
      `demo-participant-${i + 1}@icc-hub.localhost`,
      { name },
    );
    if (cities[i])
      await manager.update(AccountEntity, { id: account.id }, { cityId: cities[i].id });
    ids.push(account.id);
  }
  return ids;
}

const RRF_TITLE = 'The Recovery and Resilience Facility: what it means for cities';

const RRF_NOTES = `## What we learnt

1. **The Facility is a loan and grant instrument for national plans**: cities take part through
   their national recovery and resilience plan, so the first step is the ministry that writes it.
2. **Green and digital shares are fixed**: at least 37 % of a plan for climate and 20 % for the
   digital transition. Projects that serve both count twice in the conversation, once in the money.
3. **Ready projects win**: calls open quickly; a city with a costed, permitted project is first.

## What cities will do next

- Map their pipeline against the green and digital targets before the next City Lab.
- Ask their national contact point when the plan's calls open.
- Share one project sheet each on the ICC collaboration space.

> "Recovery money rewards the cities that planned before the money arrived."

## Resources

- [The Recovery and Resilience Facility](https://commission.europa.eu/business-economy-euro/economic-recovery/recovery-and-resilience-facility_en)
- [Intelligent Cities Challenge](https://www.intelligentcitieschallenge.eu/)
`;

const RRF_DIGEST = `## From the live session

### Questions answered (2)

1. Can a city apply directly, or only through its national plan? — *41 votes*

   > **Answer:** Through the national plan; cities shape it by talking to the ministry early.

2. Do projects that are both green and digital count twice? — *27 votes*

   > **Answer:** They count for both targets, but the money is spent once.
`;

/**
 * Key learnings published for one session of the 2020 City Lab, so the pages, downloads and
 * the day document have something to show on first start (the worker renders the version).
 */
export async function seedDemoKeyLearnings(dataSource: DataSource, now: Date): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    const event = await manager.getRepository(EventEntity).findOneBy({ slug: 'icc-city-lab-2020' });
    const row = event
      ? await manager
          .getRepository(SessionEntity)
          .findOneBy({ eventId: event.id, title: RRF_TITLE })
      : null;
    if (!event || !row) return false;
    if (await manager.getRepository(KeyLearningDocumentEntity).existsBy({ sessionId: row.id })) {
      return false;
    }
    const session = await releasedSession(manager, event.id, row.id);
    if (!session) return false;
    const document = await ensureDocument(manager, {
      scope: 'session',
      eventId: event.id,
      sessionId: session.id,
    });
    const author = { accountId: null, name: 'Demo rapporteur' };
    const revision = await saveRevision(
      manager,
      document,
      document.revision,
      { notes: RRF_NOTES, digest: RRF_DIGEST, digestCompiledAt: now },
      author,
      now,
    );
    if (revision === null) return false;
    await insertVersion(manager, document, {
      revision,
      title: `Key learnings: ${session.title}`,
      language: session.language,
      markdown: (number) =>
        versionMarkdown({
          subject: session.title,
          eventTitle: event.title,
          when: sessionWhen(session),
          number,
          publishedAt: now,
          timeZone: event.timeZone,
          parts: [RRF_NOTES, RRF_DIGEST],
        }),
      publishedBy: author,
      at: now,
    });
    return true;
  });
}
