import 'reflect-metadata';
import { LiveGateway } from '../live.gateway.js';
import { LIVE_RULES, parseRequest, requestSchemas } from './requests.js';

/** Nest keeps the event name of each @SubscribeMessage handler under this metadata key. */
const MESSAGE_METADATA = 'message';

function handledEvents(): string[] {
  const proto = LiveGateway.prototype as unknown as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto)
    .map((name) => proto[name])
    .filter((value): value is object => typeof value === 'function')
    .map((fn) => Reflect.getMetadata(MESSAGE_METADATA, fn) as string | undefined)
    .filter((event): event is string => typeof event === 'string');
}

describe('live protocol table', () => {
  it('has a schema, a rule and a handler for every event, and nothing else', () => {
    const events = Object.keys(requestSchemas).sort();
    expect(Object.keys(LIVE_RULES).sort()).toEqual(events);
    expect(handledEvents().sort()).toEqual(events);
  });

  it('refuses payloads of the wrong shape with the field that is wrong', () => {
    expect(parseRequest('join', null)).toMatchObject({ ok: false });
    const message = (result: ReturnType<typeof parseRequest>) => (result.ok ? '' : result.message);
    expect(message(parseRequest('join', { sessionId: 'x' }))).toMatch(/^sessionId: /);
    expect(
      message(parseRequest('question:vote', { questionId: crypto.randomUUID(), up: 'yes' })),
    ).toMatch(/^up: /);
    expect(parseRequest('poll:vote', { pollId: crypto.randomUUID(), optionIds: [] })).toMatchObject(
      { ok: false },
    );
    expect(
      message(
        parseRequest('question:ask', {
          sessionId: crypto.randomUUID(),
          clientId: crypto.randomUUID(),
          body: 'x'.repeat(5_000),
        }),
      ),
    ).toMatch(/^body: /);
  });

  it('takes an answer note with question:moderate, refusing one far too long', () => {
    const questionId = crypto.randomUUID();
    expect(parseRequest('question:moderate', { questionId, action: 'note', note: 'Yes' })).toEqual({
      ok: true,
      value: { questionId, action: 'note', note: 'Yes' },
    });
    expect(
      parseRequest('question:moderate', { questionId, action: 'answer', note: 'Later' }),
    ).toMatchObject({ ok: true });
    const refused = parseRequest('question:moderate', {
      questionId,
      action: 'note',
      note: 'x'.repeat(4_001),
    });
    expect(refused.ok ? '' : refused.message).toMatch(/^note: /);
    expect(
      parseRequest('question:moderate', { questionId, action: 'note', note: 42 }),
    ).toMatchObject({ ok: false });
  });

  it('keeps only the known fields of a valid payload', () => {
    const sessionId = crypto.randomUUID();
    expect(parseRequest('join', { sessionId, extra: '<script>' })).toEqual({
      ok: true,
      value: { sessionId },
    });
  });
});
