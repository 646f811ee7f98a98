export * from './seed.js';
export { DEMO_EVENT_SLUG } from './demo-event.js';
