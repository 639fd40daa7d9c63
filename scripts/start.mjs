#!/usr/bin/env node
// `npm start`: the main job. On a terminal, the TUI on every Beijing version with the sample
// data (`rubric tui`); when standard output is not a terminal (piped, redirected, CI), the
// dry-run table of the current version instead (`rubric eval --format table`). Extra
// arguments go to whichever runs. The sample deliberately holds invalid records, so
// `rubric eval`'s exit code 1 ("some records invalid") is the expected result, not a failure.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join('rubrics', 'beijing-epidemic-free-community');
const bin = join(root, 'packages', 'cli', 'dist', 'bin.js');
const data = join(dir, 'sample.csv');
const extra = process.argv.slice(2);
const terminal = process.stdout.isTTY === true && process.stdin.isTTY === true;

const args = terminal
  ? [bin, 'tui', dir, '--data', data, ...extra]
  : [bin, 'eval', join(dir, '2022-06.yaml'), '--data', data, '--as-of', '2022-06-20', ...extra];
const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(!terminal && r.status === 1 ? 0 : (r.status ?? 1));
