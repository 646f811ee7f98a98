export * from './enums.js';
export * from './api.js';
export * from './redis-keys.js';
export * from './queues.js';
export * from './programme.js';
export * from './registrations.js';
export * from './live.js';
export * from './live-events.js';
