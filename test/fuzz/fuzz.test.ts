/**
 * The cross-package fuzz suite at a fixed budget (fixed seeds, small numRuns), run by
 * `npm test`. `npm run fuzz -- --minutes N` runs the same properties for longer.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PROPERTIES, counts } from './properties.js';

const RUNS: Record<string, number> = { 'dsl-mutated': 150, 'yaml-mutated': 150, bytes: 300, expression: 300, codegen: 60, 'data-reader': 150 };

describe('cross-package fuzz (fixed budget)', () => {
  for (const [name, property] of Object.entries(PROPERTIES)) {
    it(name, () => {
      fc.assert(property, { seed: 20221128, numRuns: RUNS[name] ?? 100 });
      // The property really ran its invariant (not only skipped rejected rubrics).
      expect(counts[name]).toBeGreaterThan(0);
    });
  }
});
