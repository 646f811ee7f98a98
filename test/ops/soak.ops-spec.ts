import { runSoak, soakProblems, type SoakResult } from '../bench/lib/soak.mjs';

/**
 * The soak of `npm run soak`, smaller: the cluster under registrations, a live room of 200 sockets
 * and their mail for 45 s, while it loses one api, one live and one worker process (SIGKILL)
 * and Redis restarts. Nothing overbooked, every mail delivered (duplicates only in the SMTP window),
 * every question stored exactly once, no 5xx but for requests in flight to the killed api.
 */
let result: SoakResult | undefined;

beforeAll(async () => {
  result = await runSoak({
    durationS: 45,
    clients: 200,
    questionsPerClient: 2,
    accounts: 400,
    hotSessions: 4,
    capacity: 20,
    concurrency: 4,
    ratePerS: 12,
    log: (line) => process.stderr.write(`[soak] ${line}\n`),
  });
  process.stderr.write(`${JSON.stringify(result)}\n`);
}, 600_000);

describe('soak with faults (small)', () => {
  it('went through every fault under load', () => {
    expect(result?.faults.map((f) => f.split(':')[0])).toEqual(['api', 'live', 'worker', 'redis']);
    expect(result?.registrations).toBeGreaterThan(100);
    expect(result?.questions_sent).toBe(400);
    expect(result?.mails_expected).toBeGreaterThan(100);
  });

  it('meets every goal', () => {
    if (!result) throw new Error('the soak did not run');
    expect(soakProblems(result)).toEqual([]);
  });
});
