import type {
  ApiErrorBody,
  ModeratorQuestionView,
  QaSettingsView,
  QuestionListView,
  QuestionView,
  VoteResult,
} from '@app/contracts';
import { AuditEntryEntity, QuestionEntity, QuestionVoteEntity } from '@app/persistence';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ANONYMOUS, csvLines, httpPeople, type Person } from '../support/http-people.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('live Q&A: questions, votes, moderation and export', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await createTestApp();
  });
  afterAll(() => hub.close());

  const { call, person, liveFixture, register } = httpPeople(() => hub);
  const fixture = (audience?: 'public' | 'cities') => liveFixture('qa', 'Q&A lab', audience);

  const ask = (who: Person, sessionId: string, body: unknown) =>
    call<QuestionView & ApiErrorBody>('POST', `/api/sessions/${sessionId}/questions`, who, body);
  const list = (who: Person, sessionId: string, sort = 'votes') =>
    call<QuestionListView>('GET', `/api/sessions/${sessionId}/questions?sort=${sort}`, who);
  const vote = (who: Person, questionId: string) =>
    call<VoteResult & ApiErrorBody>('POST', `/api/questions/${questionId}/vote`, who);
  const unvote = (who: Person, questionId: string) =>
    call<VoteResult & ApiErrorBody>('DELETE', `/api/questions/${questionId}/vote`, who);
  const moderate = (who: Person, questionId: string, body: unknown) =>
    call<ModeratorQuestionView & ApiErrorBody>(
      'POST',
      `/api/questions/${questionId}/moderation`,
      who,
      body,
    );
  const settings = (who: Person, sessionId: string, body: unknown) =>
    call<QaSettingsView & ApiErrorBody>(
      'PATCH',
      `/api/sessions/${sessionId}/qa-settings`,
      who,
      body,
    );
  const clientId = () => randomUUID();

  it('asks, lists for the public, and hides an anonymous author from the room only', async () => {
    const { sessionId, moderator } = await fixture();
    const [alice, bob] = await Promise.all([person('alice'), person('bob')]);
    const named = await ask(alice, sessionId, { body: '  Who pays?  ', clientId: clientId() });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({
      body: 'Who pays?',
      status: 'visible',
      authorName: alice.name,
      anonymous: false,
      mine: true,
      voteCount: 0,
    });
    const hidden = await ask(bob, sessionId, {
      body: 'Is it green?',
      anonymous: true,
      clientId: clientId(),
    });
    expect(hidden.status).toBe(201);
    expect(hidden.body.authorName).toBeNull();

    const room = await list(ANONYMOUS, sessionId, 'time');
    expect(room.status).toBe(200);
    expect(room.body.moderator).toBe(false);
    expect(room.body.questions.map((q) => q.body)).toEqual(['Is it green?', 'Who pays?']);
    const serialised = JSON.stringify(room.body);
    expect(serialised).not.toContain(bob.name);
    expect(serialised).not.toContain(bob.id);
    expect(serialised).not.toContain(alice.id);
    expect(serialised).not.toContain('@city.example');

    const mod = await list(moderator, sessionId);
    expect(mod.body.moderator).toBe(true);
    const seen = mod.body.questions as ModeratorQuestionView[];
    expect(seen.find((q) => q.id === hidden.body.id)?.author).toEqual({
      accountId: bob.id,
      name: bob.name,
    });
    expect(seen.find((q) => q.id === hidden.body.id)?.authorName).toBeNull();
  });

  it('refuses bad input with 400 and unknown sessions with 404', async () => {
    const { sessionId } = await fixture();
    const alice = await person('alice');
    expect((await ask(alice, sessionId, { body: ' \u0000 ', clientId: clientId() })).status).toBe(
      400,
    );
    expect(
      (await ask(alice, sessionId, { body: 'x'.repeat(501), clientId: clientId() })).status,
    ).toBe(400);
    expect((await ask(alice, sessionId, { body: 'ok', clientId: 'no spaces!' })).status).toBe(400);
    expect((await ask(alice, sessionId, { body: 'ok' })).status).toBe(400);
    expect((await ask(alice, randomUUID(), { body: 'ok', clientId: clientId() })).status).toBe(404);
    expect((await ask(ANONYMOUS, sessionId, { body: 'ok', clientId: clientId() })).status).toBe(
      401,
    );
  });

  it('shows the questions of a session that is not public to the people it is for only', async () => {
    const { sessionId, moderator } = await fixture('cities');
    const [reader, outsider] = await Promise.all([person('reader'), person('outsider')]);
    await register(sessionId, reader);
    expect((await list(ANONYMOUS, sessionId)).status).toBe(401);
    expect((await list(outsider, sessionId)).status).toBe(403);
    expect((await list(reader, sessionId)).status).toBe(200);
    expect((await list(moderator, sessionId)).status).toBe(200);
  });

  it('stores a question once per clientId, also when sent concurrently', async () => {
    const { sessionId } = await fixture();
    const alice = await person('alice');
    const id = clientId();
    const first = await ask(alice, sessionId, { body: 'Once?', clientId: id });
    const again = await ask(alice, sessionId, { body: 'Once?', clientId: id });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);

    const racing = clientId();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => ask(alice, sessionId, { body: 'Race', clientId: racing })),
    );
    expect(answers.map((a) => a.status).filter((s) => s === 201)).toHaveLength(1);
    expect(answers.every((a) => a.status === 201 || a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const rows = await hub.dataSource
      .getRepository(QuestionEntity)
      .countBy({ sessionId, authorAccountId: alice.id });
    expect(rows).toBe(2);
  });

  it('answers 429, never a 500 or a phantom, to repeats of a question the ask limit refused', async () => {
    const { sessionId } = await fixture();
    const carol = await person('carol');
    for (let i = 0; i < 5; i += 1) {
      expect((await ask(carol, sessionId, { body: `Q${i}`, clientId: clientId() })).status).toBe(
        201,
      );
    }
    // Over the limit, each first try is written and then rolled back; a repeat sent meanwhile
    // must not find that row (on SQLite every request shares one connection).
    for (let round = 0; round < 8; round += 1) {
      const racing = clientId();
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          ask(carol, sessionId, { body: 'One more', clientId: racing }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 6 }, () => 429));
    }
    const rows = await hub.dataSource
      .getRepository(QuestionEntity)
      .countBy({ sessionId, authorAccountId: carol.id });
    expect(rows).toBe(5);
  });

  it('limits how many questions one person asks in a minute', async () => {
    const { sessionId } = await fixture();
    const alice = await person('alice');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push((await ask(alice, sessionId, { body: `Q${i}`, clientId: clientId() })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    // Somebody else is not affected.
    expect(
      (await ask(await person('bob'), sessionId, { body: 'Mine', clientId: clientId() })).status,
    ).toBe(201);
  });

  it('counts one vote per person, withdrawable, under 50 concurrent voters', async () => {
    const { sessionId } = await fixture();
    const alice = await person('alice');
    const question = (await ask(alice, sessionId, { body: 'Vote me', clientId: clientId() })).body;
    const voters = await Promise.all(Array.from({ length: 50 }, (_, i) => person(`voter${i}`)));
    // Every voter votes twice at once: 100 requests, 50 votes.
    const votes = await Promise.all(
      voters.flatMap((v) => [vote(v, question.id), vote(v, question.id)]),
    );
    expect(votes.every((v) => v.status === 201)).toBe(true);
    const stored = async () =>
      (await hub.dataSource.getRepository(QuestionEntity).findOneByOrFail({ id: question.id }))
        .voteCount;
    expect(await stored()).toBe(50);
    expect(
      await hub.dataSource.getRepository(QuestionVoteEntity).countBy({ questionId: question.id }),
    ).toBe(50);

    const withdrawn = await Promise.all(
      voters.slice(0, 20).flatMap((v) => [unvote(v, question.id), unvote(v, question.id)]),
    );
    expect(withdrawn.every((v) => v.status === 200)).toBe(true);
    expect(await stored()).toBe(30);
    const mine = await list(voters[0], sessionId);
    expect(mine.body.questions[0]).toMatchObject({ voteCount: 30, votedByMe: false });
    const theirs = await list(voters[30], sessionId);
    expect(theirs.body.questions[0]).toMatchObject({ voteCount: 30, votedByMe: true });
    const again = await vote(voters[0], question.id);
    expect(again.body).toEqual({ questionId: question.id, voteCount: 31, votedByMe: true });
  });

  it('control: 50 concurrent votes counted by read-then-write lose votes', async () => {
    const { sessionId } = await fixture();
    const question = (
      await ask(await person('alice'), sessionId, { body: 'Control', clientId: clientId() })
    ).body;
    /** What the conditional UPDATE replaces: read the count, write it back plus one. */
    const naiveVote = async (manager: EntityManager) => {
      const repo = manager.getRepository(QuestionEntity);
      const { voteCount } = await repo.findOneByOrFail({ id: question.id });
      await repo.update({ id: question.id }, { voteCount: voteCount + 1 });
    };
    const postgres = hub.dataSource.options.type === 'postgres';
    // SQLite runs one transaction per connection at a time, so its control goes without one;
    // PostgreSQL's runs in READ COMMITTED transactions, as the guarded code does.
    await Promise.all(
      Array.from({ length: 50 }, () =>
        postgres ? hub.dataSource.transaction(naiveVote) : naiveVote(hub.dataSource.manager),
      ),
    );
    const counted = (
      await hub.dataSource.getRepository(QuestionEntity).findOneByOrFail({ id: question.id })
    ).voteCount;
    expect(counted).toBeLessThan(50);
  });

  it('sorts pinned first, then by votes or by time', async () => {
    const { sessionId, moderator } = await fixture();
    const [a, b, c] = await Promise.all([person('a'), person('b'), person('c')]);
    const first = (await ask(a, sessionId, { body: 'first', clientId: clientId() })).body;
    const second = (await ask(b, sessionId, { body: 'second', clientId: clientId() })).body;
    const third = (await ask(c, sessionId, { body: 'third', clientId: clientId() })).body;
    await vote(a, second.id);
    await vote(c, second.id);
    await vote(b, third.id);
    const byVotes = await list(ANONYMOUS, sessionId, 'votes');
    expect(byVotes.body.questions.map((q) => q.body)).toEqual(['second', 'third', 'first']);
    await moderate(moderator, first.id, { action: 'pin' });
    const pinned = await list(ANONYMOUS, sessionId, 'votes');
    expect(pinned.body.questions.map((q) => q.body)).toEqual(['first', 'second', 'third']);
    await moderate(moderator, first.id, { action: 'unpin' });
    const byTime = await list(ANONYMOUS, sessionId, 'time');
    expect(byTime.body.questions.map((q) => q.body)).toEqual(['third', 'second', 'first']);
    expect((await list(ANONYMOUS, sessionId, 'random')).status).toBe(400);
  });

  it('keeps questions pending in a pre-approved Q&A until a moderator approves', async () => {
    const { sessionId, moderator, organiser } = await fixture();
    const alice = await person('alice');
    const changed = await settings(organiser, sessionId, { qaMode: 'pre-approved' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ sessionId, qaMode: 'pre-approved', qaClosed: false });
    const asked = await ask(alice, sessionId, { body: 'Pending?', clientId: clientId() });
    expect(asked.body.status).toBe('pending');
    expect((await list(ANONYMOUS, sessionId)).body.questions).toEqual([]);
    // Its author sees it, awaiting moderation; nobody else in the room does.
    expect((await list(alice, sessionId)).body.questions).toEqual([
      expect.objectContaining({ body: 'Pending?', status: 'pending', mine: true }),
    ]);
    expect((await vote(alice, asked.body.id)).status).toBe(404);
    const queue = await list(moderator, sessionId);
    expect(queue.body.questions.map((q) => q.status)).toEqual(['pending']);
    const approved = await moderate(moderator, asked.body.id, { action: 'approve' });
    expect(approved.status).toBe(201);
    expect(approved.body.status).toBe('visible');
    expect((await list(ANONYMOUS, sessionId)).body.questions.map((q) => q.body)).toEqual([
      'Pending?',
    ]);
    const audit = await hub.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ actorId: organiser.id, action: 'qa.settings-changed' });
    expect(audit).toHaveLength(1);
  });

  it('applies each moderator action and keeps the edit history', async () => {
    const { sessionId, moderator, organiser } = await fixture();
    const alice = await person('alice');
    const q = (await ask(alice, sessionId, { body: 'Waht about bikes?', clientId: clientId() }))
      .body;

    const pinned = await moderate(moderator, q.id, { action: 'pin' });
    expect(pinned.body).toMatchObject({ pinned: true, status: 'visible' });
    const edited = await moderate(moderator, q.id, { action: 'edit', body: 'What about bikes?' });
    expect(edited.body.body).toBe('What about bikes?');
    expect(edited.body.edits).toEqual([
      expect.objectContaining({
        editorAccountId: moderator.id,
        before: 'Waht about bikes?',
        after: 'What about bikes?',
      }),
    ]);
    await moderate(organiser, q.id, { action: 'edit', body: 'What about e-bikes?' });
    const room = (await list(ANONYMOUS, sessionId)).body.questions[0];
    expect(room).toMatchObject({ body: 'What about e-bikes?', edited: true });
    expect(room).not.toHaveProperty('edits');
    expect((await moderate(moderator, q.id, { action: 'edit' })).status).toBe(400);
    expect((await moderate(moderator, q.id, { action: 'shout' })).status).toBe(400);

    const answered = await moderate(moderator, q.id, { action: 'answer' });
    expect(answered.body).toMatchObject({ status: 'answered', pinned: false });
    expect(answered.body.answeredAt).not.toBeNull();
    expect((await moderate(moderator, q.id, { action: 'pin' })).status).toBe(409);
    expect((await list(ANONYMOUS, sessionId)).body.questions.map((x) => x.status)).toEqual([
      'answered',
    ]);

    const dismissed = await moderate(moderator, q.id, { action: 'dismiss' });
    expect(dismissed.body.status).toBe('dismissed');
    expect((await list(ANONYMOUS, sessionId)).body.questions).toEqual([]);
    expect((await moderate(moderator, q.id, { action: 'edit', body: 'x' })).status).toBe(409);
    expect((await moderate(moderator, q.id, { action: 'approve' })).body.status).toBe('visible');
    const history = (await list(moderator, sessionId)).body.questions[0] as ModeratorQuestionView;
    expect(history.edits.map((e) => e.after)).toEqual(['What about bikes?', 'What about e-bikes?']);
  });

  it('records what the speakers answered: moderators only, shown to the room once answered', async () => {
    const { sessionId, moderator, organiser } = await fixture();
    const other = await fixture();
    const alice = await person('alice');
    const q = (await ask(alice, sessionId, { body: 'When will it open?', clientId: clientId() }))
      .body;
    expect(q.answerNote).toBeNull();
    const noteOf = async (who: Person) =>
      (await list(who, sessionId)).body.questions.find((x) => x.id === q.id)?.answerNote;

    // Noted before the question is answered: the status stays, the room does not see it yet.
    const noted = await moderate(moderator, q.id, {
      action: 'note',
      note: ' \u0000In <b>2027</b>,\r\nsays the mayor. ',
    });
    expect(noted.status).toBe(201);
    expect(noted.body).toMatchObject({
      status: 'visible',
      answerNote: 'In <b>2027</b>,\nsays the mayor.',
      answeredAt: null,
    });
    expect(await noteOf(moderator)).toBe('In <b>2027</b>,\nsays the mayor.');
    expect(await noteOf(ANONYMOUS)).toBeNull();
    expect(await noteOf(alice)).toBeNull();

    // Only moderators of the session's event note; the text is checked.
    for (const who of [alice, other.moderator]) {
      expect((await moderate(who, q.id, { action: 'note', note: 'Mine' })).status).toBe(403);
    }
    expect((await moderate(ANONYMOUS, q.id, { action: 'note', note: 'Mine' })).status).toBe(401);
    const tooLong = await moderate(moderator, q.id, { action: 'note', note: 'x'.repeat(2_001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toContain('at most 2000');
    expect((await moderate(moderator, q.id, { action: 'note' })).status).toBe(400);
    expect((await moderate(moderator, q.id, { action: 'note', note: 42 })).status).toBe(400);
    expect(
      (await moderate(moderator, q.id, { action: 'answer', note: 'x'.repeat(2_001) })).status,
    ).toBe(400);
    expect(await noteOf(moderator)).toBe('In <b>2027</b>,\nsays the mayor.');
    // 2,000 characters after trimming are fine.
    expect(
      (await moderate(moderator, q.id, { action: 'note', note: `  ${'y'.repeat(2_000)}  ` })).body
        .answerNote,
    ).toBe('y'.repeat(2_000));

    // Answered with a note in the same step: now the room sees it.
    const answered = await moderate(organiser, q.id, { action: 'answer', note: 'In 2027.' });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ status: 'answered', answerNote: 'In 2027.' });
    expect(await noteOf(ANONYMOUS)).toBe('In 2027.');
    expect(await noteOf(alice)).toBe('In 2027.');
    const stored = await hub.dataSource.getRepository(QuestionEntity).findOneByOrFail({ id: q.id });
    expect(stored.answerNote).toBe('In 2027.');

    // Noted again after answering, then cleared; the question stays answered.
    expect(
      (await moderate(moderator, q.id, { action: 'note', note: 'In spring 2027.' })).body,
    ).toMatchObject({ status: 'answered', answerNote: 'In spring 2027.' });
    const csv = csvLines(
      (await call('GET', `/api/sessions/${sessionId}/questions/export?format=csv`, moderator)).text,
    );
    expect(csv[0]).toContain('"answeredAt","answerNote","edits"');
    expect(csv[1]).toContain('"In spring 2027."');
    const json = await call<ModeratorQuestionView[]>(
      'GET',
      `/api/sessions/${sessionId}/questions/export?format=json`,
      moderator,
    );
    expect(json.body[0].answerNote).toBe('In spring 2027.');

    const cleared = await moderate(moderator, q.id, { action: 'note', note: ' \u0007 ' });
    expect(cleared.body).toMatchObject({ status: 'answered', answerNote: null });
    expect(await noteOf(ANONYMOUS)).toBeNull();

    // A dismissed question takes no note.
    await moderate(moderator, q.id, { action: 'dismiss' });
    expect((await moderate(moderator, q.id, { action: 'note', note: 'Late' })).status).toBe(409);
  });

  it('refuses questions and votes once the Q&A is closed, and takes them again when reopened', async () => {
    const { sessionId, moderator } = await fixture();
    const alice = await person('alice');
    const id = clientId();
    const q = (await ask(alice, sessionId, { body: 'Before closing', clientId: id })).body;
    expect((await settings(moderator, sessionId, { qaClosed: true })).body.qaClosed).toBe(true);
    const refused = await ask(alice, sessionId, { body: 'After', clientId: clientId() });
    expect(refused.status).toBe(409);
    expect((await vote(alice, q.id)).status).toBe(409);
    expect((await unvote(alice, q.id)).status).toBe(409);
    // A reconnecting client repeating its earlier question still gets it back.
    expect((await ask(alice, sessionId, { body: 'Before closing', clientId: id })).status).toBe(
      200,
    );
    expect((await list(ANONYMOUS, sessionId)).body.settings.qaClosed).toBe(true);
    await settings(moderator, sessionId, { qaClosed: false });
    expect((await vote(alice, q.id)).status).toBe(201);
  });

  it('lets only moderators of the question’s event moderate, change settings and export', async () => {
    const { sessionId } = await fixture();
    const other = await fixture();
    const alice = await person('alice');
    const q = (await ask(alice, sessionId, { body: 'Mine', clientId: clientId() })).body;
    for (const who of [alice, other.organiser, other.moderator]) {
      expect((await moderate(who, q.id, { action: 'dismiss' })).status).toBe(403);
      expect((await settings(who, sessionId, { qaClosed: true })).status).toBe(403);
      expect(
        (await call('GET', `/api/sessions/${sessionId}/questions/export?format=json`, who)).status,
      ).toBe(403);
    }
    expect((await moderate(ANONYMOUS, q.id, { action: 'dismiss' })).status).toBe(401);
    expect((await list(other.moderator, sessionId)).body.moderator).toBe(false);
    expect((await list(alice, sessionId)).body.questions[0].status).toBe('visible');
  });

  it('exports every question as CSV (formulas guarded) and JSON, audited', async () => {
    const { sessionId, moderator } = await fixture();
    const [alice, bob] = await Promise.all([person('alice'), person('bob')]);
    const formula = (
      await ask(alice, sessionId, {
        body: '=HYPERLINK("http://x.example","y")',
        clientId: clientId(),
      })
    ).body;
    const hidden = (
      await ask(bob, sessionId, {
        body: 'Quietly, "quoted"',
        anonymous: true,
        clientId: clientId(),
      })
    ).body;
    await moderate(moderator, hidden.id, { action: 'dismiss' });

    const csv = await call(
      'GET',
      `/api/sessions/${sessionId}/questions/export?format=csv`,
      moderator,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('cache-control')).toBe('no-store');
    const lines = csvLines(csv.text);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('"authorAccountId"');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x.example"",""y"")"`);
    expect(lines[1]).toContain(`"${alice.id}"`);
    expect(lines[2]).toContain('"dismissed"');
    expect(lines[2]).toContain(`"${bob.name}"`);
    expect(lines[2]).toContain('"Quietly, ""quoted"""');

    const json = await call<ModeratorQuestionView[]>(
      'GET',
      `/api/sessions/${sessionId}/questions/export?format=json`,
      moderator,
    );
    expect(json.status).toBe(200);
    expect(json.body.map((q) => q.id)).toEqual([formula.id, hidden.id]);
    expect(json.body[0].body).toBe('=HYPERLINK("http://x.example","y")');
    expect(json.body[1]).toMatchObject({
      anonymous: true,
      authorName: null,
      author: { accountId: bob.id, name: bob.name },
      status: 'dismissed',
    });
    expect(
      (await call('GET', `/api/sessions/${sessionId}/questions/export?format=xml`, moderator))
        .status,
    ).toBe(400);
    const audit = await hub.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ actorId: moderator.id, action: 'qa.exported' });
    expect(audit.map((a) => a.details)).toEqual([
      { sessionId, format: 'csv', rows: 2 },
      { sessionId, format: 'json', rows: 2 },
    ]);
  });

  it('stores and returns hostile text verbatim as plain text', async () => {
    const { sessionId } = await fixture();
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '&lt;b&gt; &amp; ${7*7} {{7*7}}',
      `'; DROP TABLE questions; --`,
      'Données 🌍 ünd 中文\nsecond line',
    ];
    for (const text of hostile) {
      const who = await person('hostile');
      const asked = await ask(who, sessionId, { body: text, clientId: clientId() });
      expect(asked.status).toBe(201);
      expect(asked.body.body).toBe(text);
      const row = await hub.dataSource
        .getRepository(QuestionEntity)
        .findOneByOrFail({ id: asked.body.id });
      expect(row.body).toBe(text);
    }
    const room = await list(ANONYMOUS, sessionId, 'time');
    expect(room.body.questions.map((q) => q.body).reverse()).toEqual(hostile);
  });

  it('keeps any printable text as sent, apart from outer space (property)', async () => {
    const { sessionId } = await fixture();
    const printable = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 200 })
      .map((s) => s.replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, '').trim())
      .filter((s) => s.length > 0 && [...s].length <= 500);
    await fc.assert(
      fc.asyncProperty(printable, async (text) => {
        const who = await person('prop');
        const asked = await ask(who, sessionId, { body: text, clientId: clientId() });
        expect(asked.status).toBe(201);
        expect(asked.body.body).toBe(text);
      }),
      { numRuns: 25 },
    );
  });
});
