export * from './core/index.js';
export * from './calendar/index.js';
