import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, type Metric, Registry } from 'prom-client';

/** The kinds of hub process; each serves its own metrics, labelled `service` with its kind. */
export type ProcessKind = 'api' | 'live' | 'worker';

/** Nest token of the process's metrics registry. */
export const METRICS = Symbol('METRICS');

/** The route label of a request no route matched (a 404): never the raw URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Request durations from a few milliseconds to the proxy's timeout. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const registries = new Map<ProcessKind, Registry>();

/**
 * The registry of this process: Node's default metrics plus whatever the process adds, every
 * series labelled `service="<kind>"`. One per kind and process, so an in-process test that builds
 * the api twice keeps counting into the same series instead of registering them twice.
 */
export function processMetrics(kind: ProcessKind): Registry {
  let registry = registries.get(kind);
  if (!registry) {
    registry = new Registry();
    registry.setDefaultLabels({ service: kind });
    collectDefaultMetrics({ register: registry });
    registries.set(kind, registry);
  }
  return registry;
}

/**
 * The metric named `name` in the registry, created on first use. Metrics whose `collect` reads
 * state of one application (a queue, a database) are registered by that application instead and
 * removed when it closes (see `replaceMetric`).
 */
export function metricOf<T extends Metric>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

/** Registers a metric bound to one application, in place of one a closed application left. */
export function replaceMetric<T extends Metric>(
  registry: Registry,
  name: string,
  create: () => T,
): T {
  registry.removeSingleMetric(name);
  return create();
}

/**
 * `http_request_duration_seconds{method,route,status_code}` for every answer of a Fastify server.
 * `route` is the route's template (`/api/sessions/:id`), so ids and tokens never become labels.
 */
export function registerHttpMetrics(fastify: FastifyInstance, registry: Registry): void {
  const histogram = metricOf(
    registry,
    'http_request_duration_seconds',
    () =>
      new Histogram({
        name: 'http_request_duration_seconds',
        help: 'Duration of HTTP requests from arrival to the answer sent, by route template',
        labelNames: ['method', 'route', 'status_code'] as const,
        buckets: HTTP_BUCKETS,
        registers: [registry],
      }),
  );
  fastify.addHook('onResponse', (request, reply, done) => {
    // A request that matched no route (a 404) has no route template.
    const matched = request.is404 ? undefined : request.routeOptions.url;
    histogram.observe(
      {
        method: knownMethod(request.method),
        route: matched ?? UNMATCHED_ROUTE,
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Any other method a client invents is one label, not one series each. */
function knownMethod(method: string): string {
  return METHODS.has(method) ? method : 'OTHER';
}

/** Provides METRICS, the registry of the process kind, to every module of the application. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(kind: ProcessKind): DynamicModule {
    return {
      module: MetricsModule,
      providers: [{ provide: METRICS, useFactory: () => processMetrics(kind) }],
      exports: [METRICS],
    };
  }
}
