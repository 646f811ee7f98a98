/** Redis keys shared between processes. */
export const WORKER_HEARTBEAT_KEY = 'icc:worker:heartbeat';
/** A worker refreshes its heartbeat this often; the api calls the worker down after three misses. */
export const WORKER_HEARTBEAT_INTERVAL_MS = 5_000;
