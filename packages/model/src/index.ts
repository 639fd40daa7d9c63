export * from './expr.js';
export * from './diagnostic.js';
export * from './decimal.js';
export * from './ir.js';
export * from './result.js';
export * from './canonical.js';
export * from './ir-schema.js';
export * from './dates.js';
