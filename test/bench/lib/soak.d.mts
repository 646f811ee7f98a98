/** Types of soak.mjs, for test/ops/soak.ops-spec.ts. */
export interface SoakResult {
  bench: 'soak';
  registrations: number;
  overbooked: number;
  mails_expected: number;
  mails_delivered: number;
  duplicates: number;
  questions_sent: number;
  questions_stored: number;
  http_5xx: number;
  duration_s: number;
  clients: number;
  http_requests: number;
  http_5xx_in_flight_at_kill: number;
  duplicates_outside_window: number;
  questions_distinct_stored: number;
  questions_missing: number;
  questions_unacked: number;
  live_reconnects: number;
  live_errors: Record<string, number>;
  faults: string[];
}

export const SMTP_DUPLICATE_WINDOW_MS: number;

export function runSoak(options: {
  durationS?: number;
  clients?: number;
  questionsPerClient?: number;
  accounts?: number;
  hotSessions?: number;
  capacity?: number;
  concurrency?: number;
  ratePerS?: number;
  log?: (line: string) => void;
}): Promise<SoakResult>;

export function soakProblems(result: SoakResult): string[];

export function stopSoak(): Promise<void>;
