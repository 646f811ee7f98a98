/** Types of cluster.mjs, for the TypeScript suites that run the cluster. */
export type ProcessKind = 'api' | 'live' | 'worker';

export interface HubProcess {
  kind: ProcessKind;
  index: number;
  name: string;
  port: number;
  /** http://127.0.0.1:<port>: its /health/live, /health/ready and /metrics. */
  url: string;
  readonly pid: number | undefined;
  readonly alive: boolean;
  ready(): Promise<void>;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port; resolves once it is ready. */
  start(): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
  onExit(listener: () => void): void;
}

export interface Cluster {
  dir: string;
  /** The proxy's origin: what browsers open. */
  url: string;
  mailUi?: string;
  env: Record<string, string>;
  processes: HubProcess[];
  of(kind: ProcessKind): HubProcess[];
  stores: {
    postgres?: { port: number; psql(sql: string, db?: string): string };
    redis?: { port: number; url: string; restart(): Promise<void>; stop(): Promise<void> };
  };
  stop(): Promise<void>;
}

export const BUILT: Record<'api' | 'live' | 'worker' | 'seed' | 'mailCapture', string>;

export function startCluster(options: {
  dir: string;
  databaseUrl?: string;
  redisUrl?: string;
  smtpUrl?: string;
  instances?: number;
  proxyPort?: number;
  logs?: 'files' | 'inherit';
  env?: Record<string, string>;
}): Promise<Cluster>;
