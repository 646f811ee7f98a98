// Child process of the adapter benchmark (test/bench/http-platform.mjs starts it); runs from the
// compiled `dist/` (`npm run build:server`). Configuration comes from the environment like the real
// api (DATA_DIR, DATABASE_URL, REDIS_URL).
//
//   node test/bench/http-platform-server.mjs seed            migrate + seedProgramme(), print report
//   node test/bench/http-platform-server.mjs express|fastify boot ApiModule on that adapter with the
//        same configureApi() as main.ts, listen on a free loopback port, print {"listening":<port>}
//
// Seeding happens in a child too because entity column types are fixed when `dist/libs/persistence`
// is first imported, from DATABASE_URL (see column-types.ts): one process per database.
import 'reflect-metadata';

const mode = process.argv[2];
const dist = (path) => new URL(`../../dist/${path}`, import.meta.url).href;
const print = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

async function seed() {
  const { loadConfig } = await import(dist('libs/config/src/index.js'));
  const { dataSourceOptions, openDataSource, seedProgramme } = await import(
    dist('libs/persistence/src/index.js')
  );
  const config = loadConfig();
  const dataSource = await openDataSource(dataSourceOptions(config));
  try {
    const report = await seedProgramme(dataSource, new Date());
    print({ seeded: config.database.driver, ...report });
  } finally {
    await dataSource.destroy();
  }
}

async function serve(adapterName) {
  const { NestFactory } = await import('@nestjs/core');
  const { ApiModule } = await import(dist('apps/api/src/api.module.js'));
  const { configureApi } = await import(dist('apps/api/src/app.setup.js'));
  const adapter =
    adapterName === 'express'
      ? new (await import('@nestjs/platform-express')).ExpressAdapter()
      : new (await import('@nestjs/platform-fastify')).FastifyAdapter();
  const app = await NestFactory.create(ApiModule, adapter, { logger: false });
  configureApi(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address();

  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    setTimeout(() => process.exit(1), 5_000).unref();
    try {
      await app.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void close());
  process.on('SIGINT', () => void close());
  // Started with an IPC channel: if the benchmark dies, do not outlive it.
  process.on('disconnect', () => void close());

  print({ listening: port, adapter: adapterName, pid: process.pid });
}

if (mode === 'seed') {
  await seed();
} else if (mode === 'express' || mode === 'fastify') {
  await serve(mode);
} else {
  process.stderr.write('usage: http-platform-server.mjs seed|express|fastify\n');
  process.exit(2);
}
