import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

/** A readiness check: resolves when the dependency answers, rejects (or times out) when not. */
export type ReadinessCheck = () => Promise<unknown>;

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  /** Every check by name, `up` or `down`. */
  checks: Record<string, 'up' | 'down'>;
  /** The names of the checks that are down. */
  failing: string[];
}

/** How long one check may take before it counts as down. */
export const READINESS_CHECK_TIMEOUT_MS = 3_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Runs every check at once; the process is ready when all of them are up. */
export async function checkReadiness(
  checks: Record<string, ReadinessCheck>,
  timeoutMs = READINESS_CHECK_TIMEOUT_MS,
): Promise<ReadinessReport> {
  const names = Object.keys(checks);
  const results = await Promise.all(
    names.map((name) =>
      within(
        Promise.resolve().then(() => checks[name]()),
        timeoutMs,
      ).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
    ),
  );
  const report = Object.fromEntries(names.map((name, i) => [name, results[i]]));
  const failing = names.filter((_, i) => results[i] === 'down');
  return { status: failing.length === 0 ? 'ready' : 'not_ready', checks: report, failing };
}

export interface ProbeRoutes {
  registry: Registry;
  /** The readiness checks, read on every probe. */
  readiness: () => Record<string, ReadinessCheck>;
}

/**
 * GET /metrics (Prometheus text), GET /health/live (200 while the process answers) and
 * GET /health/ready (200 when every check is up, else 503 naming the failing checks) on a
 * Fastify server outside Nest's routing: the live process's and the worker's.
 */
export function serveProbes(fastify: FastifyInstance, routes: ProbeRoutes): void {
  fastify.get('/metrics', async (_request, reply) => {
    const text = await routes.registry.metrics();
    return reply.header('content-type', routes.registry.contentType).send(text);
  });
  fastify.get('/health/live', (_request, reply) => reply.send({ status: 'live' }));
  fastify.get('/health/ready', async (_request, reply) => {
    const report = await checkReadiness(routes.readiness());
    return reply.status(report.status === 'ready' ? 200 : 503).send(report);
  });
}

/** The readiness check of an ioredis client: connected now and answering a PING. */
export async function redisAnswers(redis: {
  status: string;
  ping(): Promise<string>;
}): Promise<void> {
  // A client that waits out a disconnection would queue the PING until Redis returns.
  if (redis.status !== 'ready') throw new Error(`redis ${redis.status}`);
  await redis.ping();
}
