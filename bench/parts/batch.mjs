#!/usr/bin/env node
// `rubric eval` end to end on large JSON Lines files: the built CLI in a child process, its
// wall time and peak RSS (GNU time, or process.resourceUsage in a wrapper), with --jobs 1
// and 2 and each evaluator; the outputs must be byte-identical. The data is generated into
// a temporary directory and removed afterwards. Prints JSON with --json.
//
//   node bench/parts/batch.mjs [--lines N] [--small-lines N] [--json] [--keep]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AS_OF, BEIJING_FILE, ROOT, loadBeijing, subjectStream } from '../lib/beijing.mjs';
import { fixed, grouped, table } from '../lib/stats.mjs';

const { values: args } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    'small-lines': { type: 'string', default: '100000' },
    repeat: { type: 'string', default: '2' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const LINES = Number(args.lines);
const SMALL = Number(args['small-lines']);
const REPEAT = Number(args.repeat);
const log = (s) => process.stderr.write(`${s}\n`);
const BIN = join(ROOT, 'packages/cli/dist/bin.js');
const GNU_TIME = !process.env.RUBRIC_BENCH_NO_GNU_TIME && existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0 ? '/usr/bin/time' : undefined;

async function writeData(file, n) {
  const rubric = await loadBeijing();
  const out = createWriteStream(file);
  let buf = '';
  for (const s of subjectStream(rubric, n, 7)) {
    buf += `${JSON.stringify(s)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

async function sha256(file) {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk);
  return h.digest('hex');
}

/** Runs `rubric eval` and returns wall seconds and peak RSS in MB. */
function run(argv) {
  const start = process.hrtime.bigint();
  let rssKb;
  if (GNU_TIME) {
    const r = spawnSync(GNU_TIME, ['-f', '%M', process.execPath, BIN, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`rubric ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
    rssKb = Number(r.stderr.trim().split('\n').pop());
  } else {
    const rssFile = join(tmpdir(), `rubric-bench-rss-${process.pid}`);
    const r = spawnSync(process.execPath, [join(ROOT, 'bench/lib/rss-wrapper.mjs'), ...argv], { encoding: 'utf8', env: { ...process.env, RUBRIC_BENCH_RSS_FILE: rssFile }, maxBuffer: 1 << 26 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`rubric ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
    rssKb = Number(readFileSync(rssFile, 'utf8'));
    rmSync(rssFile, { force: true });
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, rssMb: (rssKb * 1024) / 1e6 };
}

const dir = mkdtempSync(join(tmpdir(), 'rubric-bench-'));
try {
  const big = join(dir, 'subjects.jsonl');
  const small = join(dir, 'subjects-small.jsonl');
  log(`generating ${grouped(LINES)} and ${grouped(SMALL)} subjects in ${dir}`);
  await writeData(big, LINES);
  await writeData(small, SMALL);
  const help = spawnSync(process.execPath, [BIN, 'eval', '--help'], { encoding: 'utf8' }).stdout;
  const evaluators = help.includes('--evaluator') ? ['generated', 'reference'] : [undefined];
  const configs = [];
  for (const evaluator of evaluators) for (const jobs of [1, 2]) configs.push({ evaluator, jobs, file: big, lines: LINES });
  configs.push({ evaluator: evaluators[0], jobs: 2, file: small, lines: SMALL });
  const rows = [];
  const hashes = new Map();
  for (const c of configs) {
    const out = join(dir, `out-${c.evaluator ?? 'default'}-${c.jobs}-${c.lines}.jsonl`);
    const argv = ['eval', BEIJING_FILE, '--data', c.file, '--as-of', AS_OF, '--format', 'jsonl', '--out', out, '--jobs', String(c.jobs)];
    if (c.evaluator) argv.push('--evaluator', c.evaluator);
    log(`rubric ${argv.slice(0, 1).join(' ')} … --jobs ${c.jobs}${c.evaluator ? ` --evaluator ${c.evaluator}` : ''} (${grouped(c.lines)} lines)`);
    // Best of REPEAT runs for the time (noise only ever adds); the highest peak RSS.
    const runs = Array.from({ length: REPEAT }, () => run(argv));
    const m = { seconds: Math.min(...runs.map((x) => x.seconds)), rssMb: Math.max(...runs.map((x) => x.rssMb)), runs };
    const hash = await sha256(out);
    const key = c.lines;
    if (!hashes.has(key)) hashes.set(key, hash);
    const same = hashes.get(key) === hash;
    if (!same) throw new Error(`the output of --jobs ${c.jobs} ${c.evaluator ?? ''} differs from the first run's on the same data`);
    rows.push({ ...c, file: undefined, ...m, perSecond: c.lines / m.seconds, outputBytes: statSync(out).size, sameBytes: same, sha256: hash });
    rmSync(out);
  }
  const result = { lines: LINES, repeat: REPEAT, inputBytes: statSync(big).size, measuredWith: GNU_TIME ? 'GNU time %M' : 'process.resourceUsage().maxRSS', rows };
  if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const t = [['run', 'lines', 'seconds', 'records/s', 'peak RSS MB', 'same bytes']];
    for (const r of rows) t.push([`--jobs ${r.jobs}${r.evaluator ? ` --evaluator ${r.evaluator}` : ''}`, grouped(r.lines), fixed(r.seconds, 2), grouped(r.perSecond), fixed(r.rssMb, 0), r.sameBytes ? 'yes' : 'NO']);
    console.log(table(t));
  }
} finally {
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
}
