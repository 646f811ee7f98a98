export * from './entities/index.js';
export * from './data-source.js';
export * from './transaction-runner.js';
export * from './persistence.module.js';
export * from './column-types.js';
export * from './seed/index.js';
export * from './outbox/mail-outbox.js';
export * from './accounts/account-store.js';
