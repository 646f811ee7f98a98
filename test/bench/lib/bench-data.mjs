// Data the benchmarks put into a hub's database directly, the way the hub itself stores it.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

const hashSecret = (secret) => createHash('sha256').update(secret, 'utf8').digest('hex');

/**
 * `count` accounts named `<prefix>-<i>-<tag>@city.example`, each with a bearer API token
 * (SHA-256 hashed, as AuthService.issue stores them), inserted in chunks of 1,000.
 * Returns the `Authorization` header values, the raw secrets and the account ids, in order.
 */
export async function createBenchAccounts(dataSource, { count, tag, prefix = 'bench' }) {
  const secrets = Array.from({ length: count }, () => randomBytes(32).toString('base64url'));
  const accountIds = [];
  const expiresAt = new Date(Date.now() + 86_400_000);
  const CHUNK = 1000;
  for (let start = 0; start < count; start += CHUNK) {
    const accountValues = [];
    const accountParams = [];
    const tokenValues = [];
    const tokenParams = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const id = randomUUID();
      accountIds.push(id);
      const a = accountParams.length;
      accountValues.push(`($${a + 1}, $${a + 2}, $${a + 3})`);
      accountParams.push(id, `${prefix}-${i}-${tag}@city.example`, `Bench Person ${i}`);
      const t = tokenParams.length;
      tokenValues.push(`($${t + 1}, $${t + 2}, 'api', 'bench', $${t + 3}, $${t + 4}, now())`);
      tokenParams.push(
        id,
        hashSecret(secrets[i]),
        randomBytes(32).toString('base64url'),
        expiresAt,
      );
    }
    await dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO "accounts" ("id", "email", "name") VALUES ${accountValues.join(', ')}`,
        accountParams,
      );
      await manager.query(
        'INSERT INTO "auth_sessions" ("accountId", "secretHash", "kind", "label", "csrfToken", ' +
          `"expiresAt", "lastUsedAt") VALUES ${tokenValues.join(', ')}`,
        tokenParams,
      );
    });
  }
  return { authorization: secrets.map((s) => `Bearer ${s}`), secrets, accountIds };
}

/**
 * An event of `sessions` public sessions (`{ title, capacity }` each), 30 days ahead, frozen
 * into a schedule release with the hub's own freezeRelease (registration and the live rooms
 * refuse sessions that are not in the latest release).
 */
export async function createBenchEvent(dataSource, persistence, { tag, title, sessions }) {
  const event = await dataSource.getRepository(persistence.EventEntity).save({
    slug: `bench-${tag}`,
    kind: 'city-lab',
    title: `${title} ${tag}`,
    summary: '',
    timeZone: 'Europe/Brussels',
    startDate: '2031-06-01',
    endDate: '2031-06-01',
    venue: null,
    isDemo: false,
  });
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  const saved = await dataSource.getRepository(persistence.SessionEntity).save(
    sessions.map(({ title: name, capacity }, i) => ({
      eventId: event.id,
      title: name,
      abstract: '',
      audience: 'public',
      capacity,
      startsAt: new Date(startsAt.getTime() + i * 60_000),
      endsAt: new Date(startsAt.getTime() + i * 60_000 + 3_600_000),
    })),
  );
  const frozen = await freezeBenchRelease(dataSource, persistence, event);
  return { event, sessionIds: saved.map((s) => s.id), releaseId: frozen.release.id };
}

/** The event's sessions frozen into a schedule release, with the hub's own freezeRelease. */
export async function freezeBenchRelease(dataSource, persistence, event) {
  const frozen = await dataSource.transaction((manager) =>
    persistence.freezeRelease(manager, {
      event,
      name: 'bench',
      publishedBy: null,
      now: new Date(),
    }),
  );
  if (!frozen) throw new Error('freezeRelease published nothing');
  return frozen;
}
