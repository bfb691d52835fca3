export * from './core/index.js';
export * from './calendar/index.js';
export * from './sla/index.js';
export * from './incident/index.js';
export * from './problem/index.js';
export * from './metrics/index.js';
