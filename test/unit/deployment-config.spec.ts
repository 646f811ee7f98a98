import { knownVariables, parseConfig, PRODUCTION_REQUIRED, requireRedisUrl } from '@app/config';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { nginxConfig } from '../../scripts/lib/nginx-config.mjs';

/**
 * Keeps the deployment files (docker-compose.yml, Dockerfile, .env.example) in step with the one
 * configuration schema, libs/config/src/config.schema.ts. No Docker engine needed: the files are
 * parsed, not run.
 */

const root = resolve(import.meta.dirname, '../..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

interface HealthCheck {
  test?: string | string[];
  disable?: boolean;
}

interface Service {
  image?: string;
  build?: string | { context?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  healthcheck?: HealthCheck;
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: (string | number | { target?: number; published?: number | string })[];
  deploy?: { replicas?: number };
  volumes?: string[];
}

interface Compose {
  services: Record<string, Service>;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as Compose;
const services = compose.services;
const HUB_SERVICES = ['api', 'live', 'worker', 'seed'];
const LONG_RUNNING_HUB_SERVICES = ['api', 'live', 'worker'];

/**
 * Compose interpolation as `docker compose` applies it with an empty shell environment and no .env:
 * `${NAME:-default}` and `${NAME-default}` give the default, `${NAME}` and `$NAME` give '', `$$` is
 * a literal `$`, and `${NAME:?message}` / `${NAME?message}` fail.
 */
function interpolate(value: string): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match: string, name?: string, operator?: string, argument?: string) => {
      if (match === '$$') return '$';
      if (operator === ':-' || operator === '-') return argument ?? '';
      if (operator === ':?' || operator === '?') {
        throw new Error(`${name} must be set: ${argument}`);
      }
      return '';
    },
  );
}

/** The environment a service gets, both compose forms (map and KEY=value list), interpolated. */
function environmentOf(service: string): Record<string, string> {
  const environment = services[service]?.environment ?? {};
  const entries: [string, string][] = Array.isArray(environment)
    ? environment.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      })
    : Object.entries(environment).map(([name, value]) => [
        name,
        value == null ? '' : String(value),
      ]);
  return Object.fromEntries(entries.map(([name, value]) => [name, interpolate(value)]));
}

function words(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(' ') : (value ?? '');
}

describe('docker-compose.yml', () => {
  it('runs the stores, the mail capture and the hub services', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'live', 'mailpit', 'postgres', 'proxy', 'redis', 'seed', 'worker'].sort(),
    );
    expect(services.postgres.image).toMatch(/^postgres:16\b/);
    expect(services.redis.image).toMatch(/^redis:7\b/);
    expect(services.mailpit.image).toMatch(/^axllent\/mailpit\b/);
  });

  it('builds one hub image from the Dockerfile for api, worker and seed', () => {
    const images = new Set(HUB_SERVICES.map((name) => services[name].image));
    expect(images.size).toBe(1);
    for (const name of HUB_SERVICES) {
      const build = services[name].build;
      expect(typeof build === 'string' ? build : build?.context).toBe('.');
    }
  });

  it('sets only variables of the config schema on api, worker and seed', () => {
    const known = new Set(knownVariables());
    for (const name of HUB_SERVICES) {
      const unknown = Object.keys(environmentOf(name)).filter((variable) => !known.has(variable));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
    }
  });

  it('sets every PRODUCTION_REQUIRED variable on api and worker', () => {
    for (const name of LONG_RUNNING_HUB_SERVICES) {
      const environment = environmentOf(name);
      const missing = PRODUCTION_REQUIRED.filter((variable) => !environment[variable]);
      expect({ service: name, missing }).toEqual({ service: name, missing: [] });
    }
  });

  it.each(LONG_RUNNING_HUB_SERVICES)(
    'gives %s an environment that parses as a production config with PostgreSQL and Redis',
    (name) => {
      const config = parseConfig(environmentOf(name), '/app');
      expect(config.env).toBe('production');
      expect(config.database.driver).toBe('postgres');
      expect(requireRedisUrl(config)).toMatch(/^redis:\/\/redis:6379\b/);
      expect(config.publicBaseUrl).toMatch(/^https?:\/\//);
    },
  );

  it('points the seed job at the same PostgreSQL database', () => {
    const seed = parseConfig(environmentOf('seed'), '/app');
    const api = parseConfig(environmentOf('api'), '/app');
    expect(seed.database.driver).toBe('postgres');
    expect(seed.database).toEqual(api.database);
  });

  it('runs Redis with AOF persistence and without eviction', () => {
    const command = words(services.redis.command);
    expect(command).toMatch(/--appendonly\s+yes\b/);
    expect(command).toMatch(/--maxmemory-policy\s+noeviction\b/);
  });

  it('gives every service a health check except the one-off seed job', () => {
    const unchecked = Object.entries(services)
      .filter(([name]) => name !== 'seed')
      .filter(([, service]) => !service.healthcheck?.test?.length || service.healthcheck.disable)
      .map(([name]) => name);
    expect(unchecked).toEqual([]);
  });

  it('checks each api, live and worker replica on its own readiness probe', () => {
    const ports = { api: 3000, live: 3001, worker: 3002 };
    for (const name of LONG_RUNNING_HUB_SERVICES) {
      const port = ports[name as keyof typeof ports];
      expect(words(services[name].healthcheck?.test)).toContain(
        `fetch('http://127.0.0.1:${port}/health/ready'`,
      );
    }
    const worker = parseConfig(environmentOf('worker'), '/app');
    expect(worker.worker.port).toBe(ports.worker);
  });

  it('runs two replicas of each hub process behind the nginx proxy, which alone is published', () => {
    for (const name of LONG_RUNNING_HUB_SERVICES) {
      expect({ name, replicas: services[name].deploy?.replicas }).toEqual({ name, replicas: 2 });
      expect({ name, ports: services[name].ports }).toEqual({ name, ports: undefined });
    }
    expect(services.proxy.image).toMatch(/^nginx:/);
    expect(services.proxy.volumes).toContain(
      './deploy/nginx/icc-hub.conf:/etc/nginx/nginx.conf:ro',
    );
    const api = parseConfig(environmentOf('api'), '/app');
    expect(api.live.publicUrl).toBe(new URL(api.publicBaseUrl).origin);
    expect(api.http.trustProxy).toBe(true);
  });

  it('ships the proxy configuration that scripts/lib/nginx-config.mjs writes', () => {
    expect(read('deploy/nginx/icc-hub.conf')).toBe(
      nginxConfig({ listen: 80, api: ['api:3000'], live: ['live:3001'] }),
    );
  });

  it('starts api and worker after healthy stores and a successful seed', () => {
    for (const name of LONG_RUNNING_HUB_SERVICES) {
      expect({ service: name, depends_on: services[name].depends_on }).toEqual({
        service: name,
        depends_on: {
          postgres: { condition: 'service_healthy' },
          redis: { condition: 'service_healthy' },
          seed: { condition: 'service_completed_successfully' },
        },
      });
    }
    expect(services.seed.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('runs compiled entry points that exist in the sources', () => {
    const expected: Record<string, string> = {
      api: 'dist/apps/api/src/main.js',
      live: 'dist/apps/live/src/main.js',
      worker: 'dist/apps/worker/src/main.js',
      seed: 'dist/apps/api/src/cli/seed.js',
    };
    for (const name of HUB_SERVICES) {
      const command = words(services[name].command);
      expect(command).toBe(`node ${expected[name]}`);
      const source = expected[name].replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect(existsSync(join(root, source))).toBe(true);
    }
  });

  it('publishes the proxy on 3000 and the Mailpit UI and SMTP ports', () => {
    const published = (name: string): string[] =>
      (services[name].ports ?? []).map((port) =>
        typeof port === 'object' ? `${port.published}:${port.target}` : String(port),
      );
    expect(published('proxy')).toEqual(['3000:80']);
    expect(published('mailpit')).toEqual(expect.arrayContaining(['8025:8025', '1025:1025']));
  });
});

describe('.env.example', () => {
  const lines = read('.env.example').split(/\r?\n/);
  const VARIABLE = /^#?\s*([A-Z][A-Z0-9_]*)=/;
  const names = lines.flatMap((line) => VARIABLE.exec(line)?.[1] ?? []);

  it('names exactly the variables of the config schema, each once', () => {
    expect([...names].sort()).toEqual([...knownVariables()].sort());
  });

  it('explains each variable in a comment line right above it', () => {
    const undocumented = lines
      .map((line, index) => ({ line, above: lines[index - 1] ?? '' }))
      .filter(({ line }) => VARIABLE.test(line))
      .filter(
        ({ above }) => !above.startsWith('#') || VARIABLE.test(above) || !above.slice(1).trim(),
      )
      .map(({ line }) => line);
    expect(undocumented).toEqual([]);
  });
});

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name: string | undefined;
  instructions: Instruction[];
}

/** The Dockerfile's stages with their instructions (comments dropped, continuation lines joined). */
function dockerfileStages(text: string): Stage[] {
  const stages: Stage[] = [];
  const logicalLines = text
    .split(/\r?\n/)
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n')
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  for (const line of logicalLines) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') {
      stages.push({ name: /\bAS\s+(\S+)$/i.exec(instruction.args)?.[1], instructions: [] });
    } else if (instruction.keyword !== 'ARG' || stages.length > 0) {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

describe('Dockerfile', () => {
  const stages = dockerfileStages(read('Dockerfile'));
  const runtime = stages.at(-1)!;
  const inRuntime = (keyword: string): string[] =>
    runtime.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

  it('has the deps, build and runtime stages, runtime last', () => {
    expect(stages.map((stage) => stage.name)).toEqual(
      expect.arrayContaining(['deps', 'build', 'runtime']),
    );
    expect(runtime.name).toBe('runtime');
  });

  it('runs the final stage as the non-root node user', () => {
    expect(inRuntime('USER').at(-1)).toBe('node');
  });

  it('ships production dependencies only, with the server and web builds', () => {
    const prodStage = stages.find((stage) =>
      stage.instructions.some((i) => i.keyword === 'RUN' && /npm ci --omit=dev\b/.test(i.args)),
    );
    expect(prodStage?.name).toBeDefined();
    const copies = inRuntime('COPY');
    expect(copies).toContain(`--from=${prodStage?.name} /app/node_modules ./node_modules`);
    expect(copies).toContain('--from=build /app/dist ./dist');
    expect(copies).toContain('--from=build /app/apps/web/dist ./apps/web/dist');
  });

  it('sets only schema variables, production mode and all interfaces', () => {
    const env = Object.fromEntries(
      inRuntime('ENV').flatMap((args) =>
        args.split(/\s+/).map((pair) => pair.split('=') as [string, string]),
      ),
    );
    expect(env).toEqual({ NODE_ENV: 'production', HOST: '0.0.0.0' });
    for (const name of Object.keys(env)) expect(knownVariables()).toContain(name);
  });

  it('exposes 3000, checks /health and starts the api by default', () => {
    expect(inRuntime('EXPOSE')).toEqual(['3000']);
    expect(inRuntime('HEALTHCHECK').join(' ')).toMatch(/fetch\(.*\/health\b/);
    expect(inRuntime('CMD')).toEqual(['["node", "dist/apps/api/src/main.js"]']);
  });
});

describe('.dockerignore', () => {
  it('keeps local dependencies, builds, data and git out of the build context', () => {
    const ignored = read('.dockerignore')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of ['node_modules', 'dist', 'apps/web/dist', 'data', '.git']) {
      expect(ignored.some((line) => line === entry || line === `**/${entry}`)).toBe(true);
    }
  });
});
