import { APP_CONFIG, type AppConfig, parseConfig } from '@app/config';
import { seedProgramme } from '@app/persistence';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureApi } from '../../apps/api/src/app.setup.js';
import { registerHttpSurface } from '../../apps/api/src/http-surface.js';
import { hubEnvironment } from './environment.js';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  dataSource: DataSource;
  baseUrl: string;
  /** A real HTTP request to the listening app. */
  request(
    path: string,
    init?: { method?: 'GET' | 'POST'; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    headers: Record<string, unknown>;
    body: unknown;
    text: string;
  }>;
  close(): Promise<void>;
}

/** The api module as `main.ts` builds it, on a database of its own, seeded with the ICC programme. */
export async function createTestApp(
  options: { env?: Record<string, string>; seed?: boolean; now?: Date } = {},
): Promise<TestApp> {
  const config = parseConfig(await hubEnvironment(options.env));
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  registerHttpSurface(app.getHttpAdapter().getInstance(), config);
  configureApi(app, { docs: false });
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  const dataSource = app.get(DataSource);
  if (options.seed !== false) await seedProgramme(dataSource, options.now ?? new Date());
  return {
    app,
    config,
    dataSource,
    baseUrl,
    async request(path, init = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method: init.method ?? 'GET',
        headers: init.headers,
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: callers read `text`
      }
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers.entries()),
        body,
        text,
      };
    },
    close: () => app.close(),
  };
}
