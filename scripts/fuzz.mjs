#!/usr/bin/env node
/**
 * The long fuzz run: the properties of test/fuzz (the same ones `npm test` runs at a fixed
 * budget) run for a time budget with fresh seeds, through vitest (it resolves the TypeScript
 * sources). Usage: `npm run fuzz -- --minutes 10`. Prints the number of cases per property
 * and exits non-zero on the first finding, with its seed and input.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const at = args.indexOf('--minutes');
const minutes = at >= 0 ? Number(args[at + 1]) : 1;
if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error('usage: npm run fuzz -- --minutes N   (N > 0)');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/fuzz/long-run.test.ts', '--testTimeout', '0'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, RUBRIC_FUZZ_MINUTES: String(minutes) },
});
process.exit(result.status ?? 1);
