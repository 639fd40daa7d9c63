/**
 * Helpers for the CLI's end-to-end tests: they run the built `packages/cli/dist/bin.js`
 * (`npm test` builds first) on small rubric and data files in a temporary directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'packages/cli/dist/bin.js');

/** A small valid rubric (docs/yaml-format.md): total = round(10 × rate, 0.5) + level points; pass at 15; a veto. */
export const TINY_RUBRIC = `rubric: tiny
title: 小测试量表
version: "1"
effective:
  from: 2022-01-01
  until: 2022-12-31
total: 20
facts:
  rate: { label: 比率, type: ratio }
  level: { label: 等级, type: level, levels: [full, partial, none] }
  exposed: { label: 媒体曝光, type: boolean, required: false, default: false }
pass_mark: 15
sections:
  - id: s1
    title: 第一部分
    indicators:
      - id: rate_points
        title: 比率指标
        points: 10
        score: round(10 * rate, 0.5)
      - id: level_points
        title: 等级指标
        points: 10
        cases:
          - { when: level is full, score: 10 }
          - { when: level is partial, score: 5 }
        otherwise: 0
vetoes:
  - id: media
    reason: 媒体曝光
    when: exposed
`;

/** The same rubric with a misspelt key on line 9 (`lable`). */
export const BROKEN_RUBRIC = TINY_RUBRIC.replace('rate: { label: 比率, type: ratio }', 'rate: { lable: 比率, type: ratio }');

/**
 * Five subjects in CSV: c1 pass (20), c2 fail (10), c3 a ragged row, c4 a rate that is not a
 * number, c5 vetoed; with a BOM and a description comment row as a template has.
 */
export const DATA_CSV = [
  '\ufeffid,rate,level,exposed',
  '# 说明,比率 0..1,full | partial | none,true | false',
  'c1,1,full,false',
  'c2,0.5,partial,false',
  'c3,1',
  'c4,abc,full,false',
  'c5,1,full,true',
  '',
].join('\n');

/** The same subjects in JSON Lines, with a line that is not JSON in the middle (line 3) and a blank line. */
export const DATA_JSONL = [
  '{"id":"c1","rate":1,"level":"full","exposed":false}',
  '{"id":"c2","rate":0.5,"level":"partial"}',
  '{"id":"c3", oops',
  '',
  '{"id":"c4","rate":"abc","level":"full"}',
  '{"id":"c5","rate":1,"level":"full","exposed":true}',
  '',
].join('\n');

/** Only valid subjects. */
export const VALID_JSON = JSON.stringify([
  { id: 'c1', rate: 1, level: 'full' },
  { id: 'c2', rate: 0.5, level: 'partial' },
  { id: 'c5', rate: 1, level: 'full', exposed: true },
]);

/** The outcomes expected for DATA_CSV / DATA_JSONL, in order. */
export const EXPECTED = [
  ['c1', 'pass'],
  ['c2', 'fail'],
  ['c3', 'invalid'],
  ['c4', 'invalid'],
  ['c5', 'vetoed'],
] as const;

const made: string[] = [];

/** A fresh temporary directory holding the given files (removed by {@link removeWorkdirs}). */
export function workdir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'rubric-cli-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** What one run of the command gave. */
export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `rubric …args` in `cwd`, with colour off unless `env` says otherwise. */
export function rubric(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Run {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (npm run build)`);
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', RUBRIC_DEBUG: '', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Parses JSON Lines output. */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Removes the directories {@link workdir} made (call from `afterAll`). */
export function removeWorkdirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
