export * from './views.js';
export * from './release-diff.js';
export * from './freeze-release.js';
