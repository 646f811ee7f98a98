import {
  ANSWER_NOTE_MAX_LENGTH,
  type ClientToServerEvents,
  CHAT_MAX_LENGTH,
  MODERATOR_ACTIONS,
  POLL_KINDS,
  POLL_MAX_OPTIONS,
  POLL_OPTION_MAX_LENGTH,
  POLL_QUESTION_MAX_LENGTH,
  QA_MODES,
  QUESTION_MAX_LENGTH,
} from '@app/contracts';
import { z } from 'zod';

/**
 * The shape of every client request. Nest's global pipes do not reach gateways, so each payload is
 * parsed here before a service sees it; lengths are checked again (after trimming) by the services.
 * Generous upper bounds leave room for surrounding whitespace.
 */
const id = z.uuid();
const text = (max: number) => z.string().max(max * 2);

export const requestSchemas = {
  join: z.object({ sessionId: id }),
  leave: z.object({ sessionId: id }),
  'question:ask': z.object({
    sessionId: id,
    body: text(QUESTION_MAX_LENGTH),
    anonymous: z.boolean().optional(),
    clientId: id,
  }),
  'question:vote': z.object({ questionId: id, up: z.boolean() }),
  'question:moderate': z.object({
    questionId: id,
    action: z.enum(MODERATOR_ACTIONS),
    body: text(QUESTION_MAX_LENGTH).optional(),
    note: text(ANSWER_NOTE_MAX_LENGTH).optional(),
  }),
  'room:settings': z.object({
    sessionId: id,
    qaMode: z.enum(QA_MODES).optional(),
    qaClosed: z.boolean().optional(),
    chatEnabled: z.boolean().optional(),
  }),
  'chat:send': z.object({ sessionId: id, body: text(CHAT_MAX_LENGTH), clientId: id }),
  'chat:remove': z.object({ messageId: id }),
  'poll:open': z.object({
    sessionId: id,
    question: text(POLL_QUESTION_MAX_LENGTH),
    kind: z.enum(POLL_KINDS),
    options: z.array(text(POLL_OPTION_MAX_LENGTH)).max(POLL_MAX_OPTIONS),
  }),
  'poll:vote': z.object({ pollId: id, optionIds: z.array(id).min(1).max(POLL_MAX_OPTIONS) }),
  'poll:close': z.object({ pollId: id }),
} as const satisfies Record<keyof ClientToServerEvents, z.ZodType>;

/**
 * Who may send each event (the socket's route table). `anyone` may watch a public session;
 * `participant` must be signed in and in the session's room; `moderator` must moderate the
 * session's event too. The gateway enforces it, and an e2e test tries every event against it.
 */
export const LIVE_RULES = {
  join: 'anyone',
  leave: 'anyone',
  'question:ask': 'participant',
  'question:vote': 'participant',
  'question:moderate': 'moderator',
  'room:settings': 'moderator',
  'chat:send': 'participant',
  'chat:remove': 'moderator',
  'poll:open': 'moderator',
  'poll:vote': 'participant',
  'poll:close': 'moderator',
} as const satisfies Record<keyof ClientToServerEvents, 'anyone' | 'participant' | 'moderator'>;

export type LiveRequestName = keyof typeof requestSchemas;
export type LiveRequest<E extends LiveRequestName> = z.infer<(typeof requestSchemas)[E]>;

/** The parsed request, or a message saying what is wrong with it. */
export function parseRequest<E extends LiveRequestName>(
  event: E,
  body: unknown,
): { ok: true; value: LiveRequest<E> } | { ok: false; message: string } {
  const result = requestSchemas[event].safeParse(body);
  if (result.success) return { ok: true, value: result.data as LiveRequest<E> };
  const issue = result.error.issues[0];
  const where = issue?.path.join('.') || 'request';
  return { ok: false, message: `${where}: ${issue?.message ?? 'invalid'}` };
}
