/**
 * The long fuzz run, started by scripts/fuzz.mjs (`npm run fuzz -- --minutes N`); without
 * RUBRIC_FUZZ_MINUTES (as in `npm test`) it is skipped, the fixed budget being fuzz.test.ts. Each property gets an equal share of the budget, run in rounds
 * of fresh seeds (seed, seed+1, …) so that any finding can be replayed from its seed.
 */
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { PROPERTIES, counts } from './properties.js';

const minutes = Number(process.env['RUBRIC_FUZZ_MINUTES'] ?? '0');
const names = Object.keys(PROPERTIES);
const share = (minutes * 60_000) / names.length;

it.skipIf(!(minutes > 0))(`fuzz for ${minutes} minute(s)`, () => {
  const base = 20221128;
  for (const name of names) {
    const property = PROPERTIES[name]!;
    const start = performance.now();
    let round = 0;
    while (performance.now() - start < share) {
      fc.assert(property, { seed: base + round, numRuns: 50 });
      round++;
    }
    console.log(`fuzz ${name}: ${counts[name] ?? 0} cases (${round} rounds, seeds ${base}..${base + round - 1})`);
  }
  const total = names.reduce((n, name) => n + (counts[name] ?? 0), 0);
  console.log(`fuzz total: ${total} cases, ${counts['codegen-rejected'] ?? 0} random rubrics rejected by the checker before codegen; no findings`);
  expect(total).toBeGreaterThan(0);
});
