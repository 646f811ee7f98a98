export * from './logger.js';
export * from './shutdown.js';
export * from './redis.module.js';
export * from './secrets.js';
export * from './metrics.js';
export * from './probes.js';
export * from './correlation.js';
export * from './redis-errors.js';
