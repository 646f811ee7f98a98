import type {
  ApiErrorBody,
  KeyLearningDraftView,
  KeyLearningPublicView,
  KeyLearningVersionView,
  MeView,
  QuestionView,
} from '@app/contracts';
import {
  AttendanceEntity,
  CityEntity,
  EventDayEntity,
  KeyLearningFileEntity,
  KeyLearningVersionEntity,
  MailOutbox,
  OutgoingMailEntity,
  RegistrationEntity,
  SessionEntity,
  TransactionRunner,
} from '@app/persistence';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource, In } from 'typeorm';
import { PollsService } from '../../apps/api/src/polls/polls.service.js';
import { DigestSweep } from '../../apps/worker/src/documents/digest-sweep.service.js';
import { DocumentRenderer } from '../../apps/worker/src/documents/document-renderer.service.js';
import {
  InlineRenderEngine,
  ProcessRenderEngine,
} from '../../apps/worker/src/documents/render-engine.js';
import { ANONYMOUS, httpPeople, type Person } from '../support/http-people.js';
import { mailComposerFor } from '../support/mail-composer.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The worker's render process as the build writes it (the e2e step runs after the build). */
const RENDER_PROCESS = resolve(
  import.meta.dirname,
  '../../dist/apps/worker/src/documents/render-process.js',
);

/** The text of every page of a PDF, joined. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: bytes }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await pdf.destroy();
  return pages.join('\n');
}

describe('key learnings', () => {
  let hub: TestApp;
  let renderer: DocumentRenderer;
  let sweep: DigestSweep;

  beforeAll(async () => {
    hub = await createTestApp();
    const dataSource = hub.app.get(DataSource);
    const transactions = hub.app.get(TransactionRunner);
    // The worker's own services, on the app's database (the worker process runs the same code).
    renderer = new DocumentRenderer(
      dataSource,
      transactions,
      new MailOutbox(hub.config),
      new InlineRenderEngine(dataSource),
    );
    sweep = new DigestSweep(dataSource, transactions);
  });
  afterAll(() => hub.close());

  const { call, person, grant, liveFixture, register } = httpPeople(() => hub);

  const base = (sessionId: string) => `/api/sessions/${sessionId}/key-learnings`;
  const draftOf = (who: Person, sessionId: string) =>
    call<KeyLearningDraftView & ApiErrorBody>('GET', `${base(sessionId)}/draft`, who);
  const save = (
    who: Person,
    sessionId: string,
    body: { notes: string; digest: string; revision: number },
  ) => call<KeyLearningDraftView & ApiErrorBody>('PUT', `${base(sessionId)}/draft`, who, body);
  const publish = (who: Person, sessionId: string, revision: number) =>
    call<KeyLearningVersionView & ApiErrorBody>('POST', `${base(sessionId)}/versions`, who, {
      revision,
    });
  const page = (who: Person, sessionId: string) =>
    call<KeyLearningPublicView & ApiErrorBody>('GET', base(sessionId), who);

  async function fixture(audience: 'public' | 'cities' = 'public') {
    const live = await liveFixture('kl', 'Key learnings lab', audience);
    const rapporteur = await person('rapporteur', null, `Rapporteur ${randomUUID().slice(0, 6)}`);
    await grant(rapporteur.id, live.event.id, 'rapporteur');
    return { ...live, rapporteur };
  }

  async function published(who: Person, sessionId: string, notes: string) {
    const draft = await draftOf(who, sessionId);
    const saved = await save(who, sessionId, { notes, digest: '', revision: draft.body.revision });
    expect(saved.status).toBe(200);
    const version = await publish(who, sessionId, saved.body.revision);
    expect(version.status).toBe(201);
    return version.body;
  }

  describe('the editor', () => {
    it('is for rapporteurs and organisers of the event only', async () => {
      const { sessionId, rapporteur, organiser, moderator } = await fixture();
      const other = await fixture();
      const attendee = await person('attendee');
      expect((await draftOf(rapporteur, sessionId)).status).toBe(200);
      expect((await draftOf(organiser, sessionId)).status).toBe(200);
      expect((await draftOf(moderator, sessionId)).status).toBe(403);
      expect((await draftOf(attendee, sessionId)).status).toBe(403);
      expect((await draftOf(other.rapporteur, sessionId)).status).toBe(403);
      expect((await draftOf(ANONYMOUS, sessionId)).status).toBe(401);
      const empty = await draftOf(rapporteur, sessionId);
      expect(empty.body).toMatchObject({
        notes: '',
        digest: '',
        revision: 0,
        revisions: [],
        versions: [],
        publishedRevision: null,
        subject: { scope: 'session', sessionId, audience: 'public' },
      });
    });

    it('keeps every save as a revision and refuses a save from a stale revision (409), losing nothing', async () => {
      const { sessionId, rapporteur, organiser } = await fixture();
      const first = await save(rapporteur, sessionId, {
        notes: '## Ideas\n\n- one',
        digest: '',
        revision: 0,
      });
      expect(first.status).toBe(200);
      expect(first.body.revision).toBe(1);
      const second = await save(organiser, sessionId, {
        notes: '## Ideas\n\n- one\n- two',
        digest: '',
        revision: 1,
      });
      expect(second.body.revision).toBe(2);
      // The rapporteur still holds revision 1: their save must not overwrite the organiser's.
      const stale = await save(rapporteur, sessionId, {
        notes: 'overwrite',
        digest: '',
        revision: 1,
      });
      expect(stale.status).toBe(409);
      const now = await draftOf(rapporteur, sessionId);
      expect(now.body.notes).toBe('## Ideas\n\n- one\n- two');
      expect(now.body.revisions.map((r) => [r.number, r.author])).toEqual([
        [2, organiser.name],
        [1, rapporteur.name],
      ]);
      // Saving the same text again is no new revision.
      const same = await save(organiser, sessionId, {
        notes: '## Ideas\n\n- one\n- two',
        digest: '',
        revision: 2,
      });
      expect(same.body.revision).toBe(2);
    });

    it('keeps what an erased author wrote, under no name', async () => {
      const { sessionId, rapporteur, organiser } = await fixture();
      await save(rapporteur, sessionId, { notes: 'Kept after erasure', digest: '', revision: 0 });
      expect((await publish(rapporteur, sessionId, 1)).status).toBe(201);
      expect((await call('DELETE', '/api/me', rapporteur)).status).toBeLessThan(300);
      const after = await draftOf(organiser, sessionId);
      expect(after.body.notes).toBe('Kept after erasure');
      expect(after.body.updatedBy).toBe('Former contributor');
      expect(after.body.revisions.map((r) => r.author)).toEqual(['Former contributor']);
      expect(after.body.versions.map((v) => v.publishedBy)).toEqual(['Former contributor']);
      expect(JSON.stringify(after.body)).not.toContain(rapporteur.name);
    });

    it('validates what it is sent', async () => {
      const { sessionId, rapporteur } = await fixture();
      const bad = [
        { notes: 1, digest: '', revision: 0 },
        { notes: '', digest: '', revision: -1 },
        { notes: 'x'.repeat(400_001), digest: '', revision: 0 },
        { notes: '', revision: 0 },
      ];
      for (const body of bad) {
        const reply = await call('PUT', `${base(sessionId)}/draft`, rapporteur, body);
        expect(reply.status).toBe(400);
      }
      expect((await publish(rapporteur, sessionId, 1)).status).toBe(409);
      expect((await call('GET', `${base('not-a-uuid')}/draft`, rapporteur)).status).toBe(403);
      expect((await call('GET', base('not-a-uuid'), ANONYMOUS)).status).toBe(400);
    });
  });

  describe('the digest', () => {
    it('compiles answered, open and unanswered questions, polls and attendance, naming nobody', async () => {
      const { sessionId, rapporteur, moderator, event } = await fixture();
      const city = await hub.dataSource.getRepository(CityEntity).findOneByOrFail({});
      const [asker, voter] = await Promise.all([
        person('asker', city.id, 'Very Secret Asker'),
        person('voter', null, 'Very Secret Voter'),
      ]);
      const ask = (body: string) =>
        call<QuestionView>('POST', `/api/sessions/${sessionId}/questions`, asker, {
          body,
          clientId: randomUUID(),
        });
      const answered = await ask('How do <b>cities</b> fund **pilots**?');
      const open = await ask('What about [data](javascript:alert(1)) sharing?');
      const dismissed = await ask('Off-topic question');
      for (const q of [answered, open, dismissed]) expect(q.status).toBe(201);
      await call('POST', `/api/questions/${open.body.id}/vote`, voter);
      const moderate = (id: string, body: Record<string, string>) =>
        call('POST', `/api/questions/${id}/moderation`, moderator, body);
      expect(
        (
          await moderate(answered.body.id, {
            action: 'answer',
            note: 'Through the EU recovery funds',
          })
        ).status,
      ).toBe(201);
      await moderate(dismissed.body.id, { action: 'dismiss' });
      const polls = hub.app.get(PollsService);
      const poll = await polls.open(moderator.id, {
        sessionId,
        question: 'Ready to share data?',
        kind: 'single',
        options: ['Yes', 'Not yet'],
      });
      await polls.vote(voter.id, { pollId: poll.id, optionIds: [poll.options[0].id] });
      await polls.close(moderator.id, poll.id);
      const at = new Date();
      await hub.dataSource.getRepository(AttendanceEntity).insert([
        {
          sessionId,
          accountId: asker.id,
          joinedAt: at,
          lastSeenAt: new Date(at.getTime() + 1_800_000),
          leftAt: null,
        },
        { sessionId, accountId: null, joinedAt: at, lastSeenAt: at, leftAt: null },
      ]);

      const reply = await call<KeyLearningDraftView>(
        'POST',
        `${base(sessionId)}/digest`,
        rapporteur,
      );
      expect(reply.status).toBe(200);
      const digest = reply.body.digest;
      expect(digest).toContain('### Questions answered (1)');
      expect(digest).toContain('Through the EU recovery funds');
      expect(digest).toContain('### Questions still open (1)');
      expect(digest).toContain('*1 vote*');
      expect(digest).not.toContain('Off-topic');
      expect(digest).toContain('#### Ready to share data?');
      expect(digest).toMatch(/\| Yes \| 1 \| 100 % \|/);
      expect(digest).toContain('1 person followed the session signed in (0.5 hours in all)');
      expect(digest).toContain(`| ${city.name.replace(/[-.()]/g, '\\$&')} | 1 |`);
      expect(digest).not.toContain('Very Secret');
      expect(digest).not.toContain(asker.email);
      expect(reply.body.digestCompiledAt).not.toBeNull();
      expect(reply.body.revisions[0]).toMatchObject({ number: 1, author: rapporteur.name });
      expect(event.id).toBeDefined();

      // What the public typed is inert in the page: no bold, no link, no tag.
      const version = await publish(rapporteur, sessionId, reply.body.revision);
      const view = await page(ANONYMOUS, sessionId);
      expect(version.status).toBe(201);
      expect(view.body.html).toContain('&lt;b&gt;cities&lt;/b&gt;');
      expect(view.body.html).toContain('**pilots**');
      expect(view.body.html).not.toContain('href="javascript');
      expect(view.body.html).not.toContain('<b>');
    });

    it('is compiled by the worker once the session has ended, and only once', async () => {
      const { sessionId, rapporteur } = await fixture();
      const session = await hub.dataSource
        .getRepository(SessionEntity)
        .findOneByOrFail({ id: sessionId });
      const before = new Date(session.endsAt.getTime() - 60_000);
      const after = new Date(session.endsAt.getTime() + 60_000);
      await sweep.run(before);
      expect((await draftOf(rapporteur, sessionId)).body.digestCompiledAt).toBeNull();
      await sweep.run(after);
      const compiled = await draftOf(rapporteur, sessionId);
      expect(compiled.body.digestCompiledAt).toBe(after.toISOString());
      expect(compiled.body.digest).toContain('### Questions answered (0)');
      expect(compiled.body.revisions[0]).toMatchObject({ number: 1, author: 'ICC Hub (digest)' });
      // The rapporteur edits it; a later sweep leaves their text alone.
      await save(rapporteur, sessionId, { notes: '', digest: 'My own digest', revision: 1 });
      await sweep.run(new Date(after.getTime() + 120_000));
      expect((await draftOf(rapporteur, sessionId)).body.digest).toBe('My own digest');
    });
  });

  describe('in the session’s language', () => {
    it('compiles and publishes a French session’s document with French words, and its lang', async () => {
      const { sessionId, rapporteur, event } = await fixture();
      await hub.dataSource
        .getRepository(SessionEntity)
        .update({ id: sessionId }, { language: 'fr', title: 'Financer la transition' });
      await httpPeople(() => hub).publish(event);
      const session = await hub.dataSource
        .getRepository(SessionEntity)
        .findOneByOrFail({ id: sessionId });
      await sweep.run(new Date(session.endsAt.getTime() + 60_000));
      const compiled = await draftOf(rapporteur, sessionId);
      expect(compiled.body.digest).toContain('## Issu de la session en direct');
      expect(compiled.body.digest).toContain('### Questions traitées (0)');

      const version = await publish(rapporteur, sessionId, compiled.body.revision);
      expect(version.status).toBe(201);
      await renderer.render(version.body.id);
      const view = await page(ANONYMOUS, sessionId);
      expect(view.body.latest?.title).toBe('Enseignements clés : Financer la transition');
      expect(view.body.html).toContain('<h2>Issu de la session en direct</h2>');
      const html = view.body.latest?.files.find((f) => f.format === 'html');
      const standalone = await (await fetch(`${hub.baseUrl}${html?.url}`)).text();
      expect(standalone).toContain('<html lang="fr">');
      expect(standalone).toMatch(/Version 1, publiée le \d{1,2} \p{L}+ \d{4}/u);
    });
  });

  describe('publishing', () => {
    it('freezes a revision as a numbered version, once, and renders it to HTML, Markdown and PDF', async () => {
      const { sessionId, rapporteur, event } = await fixture();
      // A title beyond ASCII: the download names it in UTF-8 with an ASCII fallback (RFC 6266).
      await hub.dataSource
        .getRepository(SessionEntity)
        .update({ id: sessionId }, { title: 'Mobilité in Łódź / "Green"' });
      await httpPeople(() => hub).publish(event);
      const notes = '## Mobilité & “Green” deals\n\n- Łódź shared its data\n- Αθήνα and София too';
      const version = await published(rapporteur, sessionId, notes);
      expect(version).toMatchObject({ number: 1, renderState: 'pending', files: [] });
      expect((await publish(rapporteur, sessionId, 1)).status).toBe(409);

      const outcome = await renderer.render(version.id);
      expect(outcome.state).toBe('rendered');
      expect(outcome.ms).toBeGreaterThan(0);
      expect((await renderer.render(version.id)).state).toBe('already');
      const view = await page(ANONYMOUS, sessionId);
      expect(view.status).toBe(200);
      expect(view.body.latest).toMatchObject({ number: 1, renderState: 'ready' });
      expect(view.body.latest?.files.map((f) => f.format).sort()).toEqual(['html', 'md', 'pdf']);
      expect(view.body.html).toContain('<h2>Mobilité &amp; “Green” deals</h2>');

      const pdf = view.body.latest?.files.find((f) => f.format === 'pdf');
      expect(pdf).toBeDefined();
      const response = await fetch(`${hub.baseUrl}${pdf?.url}?download=1`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toMatch(
        /^attachment; filename="Key-learnings-Mobilite-in-Lodz-Green-v1\.pdf"; filename\*=UTF-8''Key-learnings-Mobilit%C3%A9-in-%C5%81%C3%B3d%C5%BA-Green-v1\.pdf$/,
      );
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const etag = response.headers.get('etag') ?? '';
      const text = await pdfText(new Uint8Array(await response.arrayBuffer()));
      expect(text).toContain('Łódź shared its data');
      expect(text).toContain('Αθήνα and София too');
      const again = await fetch(`${hub.baseUrl}${pdf?.url}`, {
        headers: { 'if-none-match': etag },
      });
      expect(again.status).toBe(304);

      const md = view.body.latest?.files.find((f) => f.format === 'md');
      const markdown = await fetch(`${hub.baseUrl}${md?.url}`);
      expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect(await markdown.text()).toContain('- Łódź shared its data');
      const html = view.body.latest?.files.find((f) => f.format === 'html');
      const htmlPage = await fetch(`${hub.baseUrl}${html?.url}`);
      expect(htmlPage.headers.get('content-disposition')).toMatch(/^inline;/);
      expect(htmlPage.headers.get('content-security-policy')).toContain('sandbox');
      expect(await htmlPage.text()).toMatch(/^<!doctype html>/i);

      // A second version keeps the first one and its files.
      const next = await published(rapporteur, sessionId, `${notes}\n- and Porto`);
      expect(next.number).toBe(2);
      await renderer.render(next.id);
      const both = await page(ANONYMOUS, sessionId);
      expect(both.body.versions.map((v) => [v.number, v.files.length])).toEqual([
        [2, 3],
        [1, 3],
      ]);
    });

    it('mails each confirmed registrant once per version, with only ids in the outbox', async () => {
      const { sessionId, rapporteur } = await fixture();
      const [anna, ben, waiting] = await Promise.all([
        person('anna'),
        person('ben'),
        person('waiting'),
      ]);
      await register(sessionId, anna);
      await register(sessionId, ben);
      await hub.dataSource.getRepository(RegistrationEntity).insert({
        sessionId,
        accountId: waiting.id,
        cityId: null,
        status: 'waitlisted',
        confirmedAt: null,
        waitlistedAt: new Date(),
        cancelledAt: null,
      });
      const prefer = await call<MeView>('PATCH', '/api/me', anna, { keyLearningsPdf: true });
      expect(prefer.body.keyLearningsPdf).toBe(true);
      const version = await published(rapporteur, sessionId, 'What we learnt');
      const outcome = await renderer.render(version.id);
      expect(outcome.mails).toBe(2);
      // A job that runs again (a worker died after its commit) mails nobody twice.
      await hub.dataSource
        .getRepository(KeyLearningVersionEntity)
        .update({ id: version.id }, { renderState: 'pending' });
      await renderer.render(version.id);
      const mails = await hub.dataSource
        .getRepository(OutgoingMailEntity)
        .findBy({ template: 'key-learnings-published' });
      const mine = mails.filter((m) => m.dataRef.keyLearningVersionId === version.id);
      expect(mine.map((m) => m.recipientEmail).sort()).toEqual([anna.email, ben.email].sort());
      expect(mine[0].dataRef).toEqual({ keyLearningVersionId: version.id, sessionId });
      // What the worker writes: the link for both, the PDF only for the person who asked for it.
      const composer = mailComposerFor(hub);
      const byEmail = new Map(mine.map((m) => [m.recipientEmail, m]));
      const toAnna = await composer.compose(byEmail.get(anna.email)!);
      const toBen = await composer.compose(byEmail.get(ben.email)!);
      for (const mail of [toAnna, toBen]) {
        expect(mail.subject).toContain('Key learnings');
        expect(mail.text).toContain(`/sessions/${sessionId}/key-learnings`);
      }
      expect(
        toAnna.attachments?.map((a) => [a.contentType, a.content.subarray(0, 5).toString()]),
      ).toEqual([['application/pdf', '%PDF-']]);
      expect(toAnna.attachments?.[0].filename).toMatch(/\.pdf$/);
      expect(toBen.attachments ?? []).toEqual([]);
      const files = await hub.dataSource
        .getRepository(KeyLearningFileEntity)
        .countBy({ versionId: version.id });
      expect(files).toBe(3);
    });
    it('produces the files in the worker’s render process, at the lowest priority, over its own connection', async () => {
      if (!existsSync(RENDER_PROCESS))
        throw new Error(`${RENDER_PROCESS} is missing: run \`npm run build\` first`);
      const { sessionId, rapporteur } = await fixture();
      const reader = await person('reader');
      await register(sessionId, reader);
      const engine = new ProcessRenderEngine(RENDER_PROCESS, hub.config.database);
      const inProcess = new DocumentRenderer(
        hub.dataSource,
        hub.app.get(TransactionRunner),
        new MailOutbox(hub.config),
        engine,
      );
      try {
        const first = await published(
          rapporteur,
          sessionId,
          '## Lessons\n\n- Łódź pooled its tenders',
        );
        const second = await published(rapporteur, sessionId, '## Lessons\n\n- and Porto too');
        // Two versions at once: the process takes them one after another.
        const outcomes = await Promise.all([
          inProcess.render(first.id),
          inProcess.render(second.id),
        ]);
        expect(outcomes.map((o) => [o.state, o.mails])).toEqual([
          ['rendered', 1],
          ['rendered', 1],
        ]);
        expect(outcomes.every((o) => o.ms > 0)).toBe(true);
        // SCHED_IDLE (policy 5) at nice 19, where the system has chrt and nice.
        const stat = readFileSync(`/proc/${engine.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        expect([fields[16], fields[38]]).toEqual(['19', '5']);

        const view = await page(ANONYMOUS, sessionId);
        expect(view.body.versions.map((v) => [v.number, v.renderState, v.files.length])).toEqual([
          [2, 'ready', 3],
          [1, 'ready', 3],
        ]);
        const pdf = view.body.versions[1].files.find((f) => f.format === 'pdf');
        const response = await fetch(`${hub.baseUrl}${pdf?.url}`);
        const bytes = new Uint8Array(await response.arrayBuffer());
        const digest = createHash('sha256').update(bytes).digest('hex');
        const length = bytes.length;
        // (pdf.js takes the bytes over: their buffer is detached after this)
        expect(await pdfText(bytes)).toContain('Łódź pooled its tenders');
        const stored = await hub.dataSource
          .getRepository(KeyLearningFileEntity)
          .findOneByOrFail({ versionId: first.id, format: 'pdf' });
        expect([stored.bytes, stored.sha256]).toEqual([length, digest]);
        // Asked again (a job that runs twice): nothing is produced, nobody is mailed again.
        expect((await inProcess.render(first.id)).state).toBe('already');
        await expect(inProcess.render(randomUUID())).resolves.toMatchObject({ state: 'gone' });
      } finally {
        await engine.close();
      }
      // A closed engine starts a new process for the next version.
      const third = await published(rapporteur, sessionId, '## Lessons\n\n- third');
      try {
        expect((await inProcess.render(third.id)).state).toBe('rendered');
      } finally {
        await engine.close();
      }
    });
  });

  describe('reading', () => {
    it('gives a city session’s key learnings to its registrants and the event team only', async () => {
      const { sessionId, rapporteur, moderator } = await fixture('cities');
      const [registrant, stranger] = await Promise.all([person('registrant'), person('stranger')]);
      await register(sessionId, registrant);
      const version = await published(rapporteur, sessionId, 'For the cities only');
      await renderer.render(version.id);
      expect((await page(ANONYMOUS, sessionId)).status).toBe(401);
      expect((await page(stranger, sessionId)).status).toBe(403);
      const view = await page(registrant, sessionId);
      expect(view.status).toBe(200);
      expect(view.body.subject.audience).toBe('restricted');
      expect((await page(moderator, sessionId)).status).toBe(200);
      const file = view.body.latest?.files.find((f) => f.format === 'pdf');
      const url = file?.url ?? '';
      expect((await call('GET', url, ANONYMOUS)).status).toBe(401);
      expect((await call('GET', url, stranger)).status).toBe(403);
      const mine = await call('GET', url, registrant);
      expect(mine.status).toBe(200);
      expect(mine.headers.get('cache-control')).toBe('private, no-cache');
      expect(
        (await call('GET', `/api/key-learnings/files/${randomUUID()}`, registrant)).status,
      ).toBe(404);
      expect(
        (await call('GET', '/api/key-learnings/files/..%2F..%2Fetc%2Fpasswd', ANONYMOUS)).status,
      ).toBe(400);
    });

    it('shows nothing published yet as an empty page, and 404 for a session no release carries', async () => {
      const { sessionId } = await fixture();
      const view = await page(ANONYMOUS, sessionId);
      expect(view.body).toMatchObject({ latest: null, html: null, versions: [] });
      expect((await page(ANONYMOUS, randomUUID())).status).toBe(404);
    });
  });

  describe('a day', () => {
    it('gathers the day’s public sessions in full and links the restricted ones', async () => {
      const lab = await fixture();
      const day = await hub.dataSource.getRepository(EventDayEntity).save({
        eventId: lab.event.id,
        date: '2031-05-01',
        dayNumber: 1,
        title: 'Green deals',
        description: '',
      });
      const sessions = hub.dataSource.getRepository(SessionEntity);
      const open = await sessions.findOneByOrFail({ id: lab.sessionId });
      const closed = await sessions.save({
        ...open,
        id: undefined,
        title: 'City workshop',
        audience: 'cities',
        startsAt: new Date(open.startsAt.getTime() + 7_200_000),
        endsAt: new Date(open.endsAt.getTime() + 7_200_000),
      } as unknown as SessionEntity);
      await sessions.update({ id: In([open.id, closed.id]) }, { dayId: day.id });
      await httpPeople(() => hub).publish(lab.event);
      const openVersion = await published(lab.rapporteur, open.id, 'Public insight');
      const closedVersion = await published(lab.rapporteur, closed.id, 'Confidential insight');
      await renderer.render(openVersion.id);
      await renderer.render(closedVersion.id);

      const path = `/api/events/${lab.event.slug}/days/2031-05-01/key-learnings`;
      expect((await call('GET', `${path}/draft`, lab.rapporteur)).status).toBe(403);
      const draft = await call<KeyLearningDraftView>('GET', `${path}/draft`, lab.organiser);
      expect(draft.status).toBe(200);
      const saved = await call<KeyLearningDraftView>('PUT', `${path}/draft`, lab.organiser, {
        notes: 'The day in one line',
        digest: '',
        revision: draft.body.revision,
      });
      const version = await call<KeyLearningVersionView>(
        'POST',
        `${path}/versions`,
        lab.organiser,
        {
          revision: saved.body.revision,
        },
      );
      expect(version.status).toBe(201);
      await renderer.render(version.body.id);
      const view = await call<KeyLearningPublicView>('GET', path, ANONYMOUS);
      expect(view.status).toBe(200);
      expect(view.body.subject).toMatchObject({ scope: 'day', title: 'Day 1: Green deals' });
      expect(view.body.html).toContain('The day in one line');
      expect(view.body.html).toContain('Public insight');
      expect(view.body.html).not.toContain('Confidential insight');
      expect(view.body.html).toContain(`/sessions/${closed.id}/key-learnings`);
      expect(view.body.sessions).toEqual([
        { sessionId: open.id, title: open.title, published: true, restricted: false },
        { sessionId: closed.id, title: 'City workshop', published: true, restricted: true },
      ]);
      const pdf = view.body.latest?.files.find((f) => f.format === 'pdf');
      const bytes = await (await fetch(`${hub.baseUrl}${pdf?.url}`)).arrayBuffer();
      const text = await pdfText(new Uint8Array(bytes));
      expect(text).toContain('Public insight');
      expect(text).not.toContain('Confidential insight');
      expect(
        (
          await call(
            'GET',
            `/api/events/${lab.event.slug}/days/2031-05-09/key-learnings`,
            ANONYMOUS,
          )
        ).status,
      ).toBe(404);
    });
  });
});
