import 'reflect-metadata';
import { loadConfig } from '@app/config';
import {
  dataSourceOptions,
  findOrCreateAccount,
  grantRole,
  openDataSource,
} from '@app/persistence';
import { exitOnBootError } from '@app/runtime';
import { parseArgs } from 'node:util';

/**
 * `npm run organiser -- --email someone@example.eu [--name "Full Name"]`: makes the address a
 * programme organiser (every event), creating its account if needed. Audited with no actor.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  const email = values.email?.trim();
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new Error('usage: npm run organiser -- --email someone@example.eu [--name "Full Name"]');
  }
  const config = loadConfig();
  const dataSource = await openDataSource(dataSourceOptions(config));
  try {
    await dataSource.transaction(async (manager) => {
      const account = await findOrCreateAccount(manager, email, { name: values.name ?? '' });
      if (values.name && !account.name)
        await manager.update('accounts', { id: account.id }, { name: values.name });
      await grantRole(manager, {
        actorId: null,
        accountId: account.id,
        eventId: null,
        role: 'organiser',
      });
    });
    process.stdout.write(
      `organiser: ${email} is a programme organiser; sign in at ${config.publicBaseUrl}/sign-in\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => exitOnBootError(error, 'organiser'));
