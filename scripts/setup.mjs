#!/usr/bin/env node
// Brings a fresh clone to a runnable state with nothing but Node 20 and npm:
// installs the workspace with the pinned pnpm (through npx) when node_modules is
// missing or older than the lockfile, then, with --build, compiles every package
// with `tsc -b` (incremental, so a second run costs well under a second).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = 'pnpm@12.4.2';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`setup: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

const marker = join(root, 'node_modules', '.modules.yaml');
const lock = join(root, 'pnpm-lock.yaml');
const manifests = ['package.json', 'pnpm-workspace.yaml'].map((f) => join(root, f));
const stale = !existsSync(marker) || [lock, ...manifests].some((f) => mtime(f) > mtime(marker));
if (stale) {
  const frozen = existsSync(lock) ? ['--frozen-lockfile'] : [];
  run('npx', ['-y', PNPM, 'install', ...frozen]);
}
if (process.argv.includes('--build')) {
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
}
