import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { dataSourceOptions, openDataSource, seedProgramme } from '@app/persistence';
import { exitOnBootError } from '@app/runtime';

/** `npm run seed`: migrates, loads the ICC programme where missing, refreshes the demo event. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await openDataSource(dataSourceOptions(config));
  try {
    const report = await seedProgramme(dataSource, new Date());
    process.stdout.write(
      `seed: created [${report.created.join(', ')}] refreshed [${report.refreshed.join(', ')}] ` +
        `kept [${report.kept.join(', ')}] (${config.database.driver})\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => exitOnBootError(error, 'seed'));
