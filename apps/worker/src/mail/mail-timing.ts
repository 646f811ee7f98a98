export const RELAY_INTERVAL_MS = 250;
export const RELAY_BATCH = 500;

/**
 * The sweep runs a few times per lease (MAIL_LEASE_SECONDS): a mail held by a dead worker waits
 * at most about a lease and a quarter, and a queued row whose job vanished from Redis as long.
 */
export function sweepIntervalMs(leaseMs: number): number {
  return Math.min(15_000, Math.max(500, Math.round(leaseMs / 4)));
}

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 15 * 60_000;

/**
 * Exponential backoff with jitter for the next attempt after `attempts` tries: 2 s, 4 s, 8 s …
 * capped at 15 min, each drawn between half and the whole of that step so that a burst of
 * failures does not come back as a burst.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
