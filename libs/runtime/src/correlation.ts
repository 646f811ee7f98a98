import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

/**
 * One correlation id follows a piece of work through the hub: the api's request id, written on
 * every outbox row the request queues, carried in the mail job and logged by the worker that
 * sends the mail. Code running for a request or a job reads it here instead of having it passed
 * through every call.
 */
const store = new AsyncLocalStorage<{ correlationId: string }>();

/** The correlation id of the request or job this code runs for, if any. */
export function currentCorrelationId(): string | undefined {
  return store.getStore()?.correlationId;
}

/** Runs `work` (and everything it starts) under `correlationId`. */
export function withCorrelationId<T>(correlationId: string | undefined, work: () => T): T {
  return correlationId ? store.run({ correlationId }, work) : work();
}

/**
 * Every request of a Fastify server runs under its request id (Fastify's `reqId`, which the api
 * takes from a well-formed `x-request-id`): the rest of the request's lifecycle, body parsing and
 * handler included, continues from `done` inside the store.
 */
export function correlateRequests(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    store.run({ correlationId: request.id }, done);
  });
}
