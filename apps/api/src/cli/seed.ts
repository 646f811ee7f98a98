import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { dataSourceOptions, openDataSource, seedProgramme } from '@app/persistence';
import { exitOnBootError } from '@app/runtime';
import { seedDemoKeyLearnings, seedDemoLiveRoom } from './demo-activity.js';

/** `npm run seed`: migrates, loads the ICC programme where missing, refreshes the demo event. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await openDataSource(dataSourceOptions(config));
  try {
    const now = new Date();
    const report = await seedProgramme(dataSource, now);
    // A room in full swing and published key learnings: the hub looks alive on first start.
    const room = await seedDemoLiveRoom(dataSource, now);
    const learnings = await seedDemoKeyLearnings(dataSource, now);
    process.stdout.write(
      `seed: created [${report.created.join(', ')}] refreshed [${report.refreshed.join(', ')}] ` +
        `kept [${report.kept.join(', ')}]${room ? ' +live room' : ''}` +
        `${learnings ? ' +key learnings' : ''} (${config.database.driver})\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => exitOnBootError(error, 'seed'));
