#!/usr/bin/env node
// `npm run bench`: every benchmark of the project, each part in a process of its own, then
// one report. Never part of `npm test`. Parts (each also runs alone; see its header):
//
//   parts/engines.mjs        the Beijing rubric in-process: generated evaluator, reference
//                            interpreter, hand-written JS, json-rules-engine, json-logic-js,
//                            zen-engine; agreement first, then interleaved rounds; compile time
//   parts/engine-memory.mjs  peak memory of each evaluator, one process each
//   parts/batch.mjs          `rubric eval` on a 1,000,000-line JSON Lines file, --jobs 1 and 2
//   parts/scaling.mjs        compile time from 14 to 10,000 indicators
//
//   node bench/run.mjs [--quick] [--markdown FILE] [--only engines,memory,batch,scaling]
//
// --quick runs smaller sizes (a smoke test of the benchmark itself). The report ends with the
// Markdown that docs/benchmarks.md keeps, with the date and the machine.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './lib/beijing.mjs';
import { fixed, grouped, markdown, table } from './lib/stats.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    markdown: { type: 'string' },
    only: { type: 'string', default: 'engines,memory,batch,scaling' },
  },
});
const only = new Set(args.only.split(','));
const q = args.quick;
const started = Date.now();

/** Runs a part with --json; its progress goes to our stderr. */
function part(script, argv, nodeArgs = []) {
  const r = spawnSync(process.execPath, [...nodeArgs, join(ROOT, 'bench/parts', script), ...argv, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench/parts/${script} failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}`;
const loadAtStart = loadavg()[0];
const md = [`Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`];
const say = (title, rows) => {
  console.log(`\n${title}\n${table(rows)}`);
  md.push(`\n### ${title}\n\n${markdown(rows)}`);
};

let engines;
if (only.has('engines')) {
  console.error('— engines (in-process, interleaved rounds)');
  engines = part('engines.mjs', q ? ['--subjects', '2000', '--slow-subjects', '200', '--rounds', '3'] : ['--subjects', '20000', '--slow-subjects', '2000', '--rounds', '15'], ['--expose-gc']);
  const rows = [['evaluator', 'subjects', 'µs / subject', 'range over rounds', 'subjects / s', '× hand-written', 'compile ms', 'agrees with the reference on']];
  for (const r of engines.rows) {
    const a = r.agreement;
    rows.push([r.label, grouped(r.subjects), fixed(r.usPerSubject, 2), `${fixed(r.usRange[0], 2)}–${fixed(r.usRange[1], 2)}`, grouped(r.perSecond), fixed(r.vsHandWritten, 3), r.compileMs === null ? '—' : fixed(r.compileMs, 2), a ? `${grouped(a.checked)} subjects, ${a.compared}${a.rounded ? ` (${a.rounded} only after rounding to 2 decimals)` : ', exactly'}` : '—']);
  }
  say(`Evaluating the Beijing rubric (median of ${engines.rounds} interleaved rounds${engines.generatedAvailable ? '' : '; NO generated evaluator: compileRubric gave the reference interpreter'})`, rows);
}

if (only.has('memory')) {
  console.error('— peak memory per evaluator');
  const n = q ? '1000' : '5000';
  const base = part('engine-memory.mjs', ['none', n], ['--expose-gc']);
  const rows = [['evaluator', 'peak RSS MB', 'over loading rubric + data, MB', 'heap after, MB']];
  rows.push(['(none: rubric and data loaded)', fixed(base.peakRssMb, 0), '0', fixed(base.finalHeapMb, 1)]);
  for (const e of ['generated', 'reference', 'hand-written', 'json-logic-js', 'json-rules-engine', 'zen-engine']) {
    const m = part('engine-memory.mjs', [e, n], ['--expose-gc']);
    rows.push([e, fixed(m.peakRssMb, 0), fixed(m.peakRssMb - m.baselineRssMb, 1), fixed(m.finalHeapMb, 1)]);
  }
  say(`Peak memory, one process per evaluator (${grouped(Number(n))} subjects evaluated 3 times)`, rows);
}

let batch;
if (only.has('batch')) {
  console.error('— rubric eval end to end');
  batch = part('batch.mjs', q ? ['--lines', '50000', '--small-lines', '5000', '--repeat', '1'] : []);
  const rows = [['run', 'lines', 'seconds', 'records / s', 'peak RSS MB', 'same bytes as the first run']];
  for (const r of batch.rows) rows.push([`--jobs ${r.jobs}${r.evaluator ? ` --evaluator ${r.evaluator}` : ''}`, grouped(r.lines), fixed(r.seconds, 2), grouped(r.perSecond), fixed(r.rssMb, 0), r.sameBytes ? 'yes' : 'NO']);
  say(`\`rubric eval --format jsonl --out FILE\` on JSON Lines (${grouped(batch.inputBytes / 1e6)} MB for ${grouped(batch.lines)} lines; best of ${batch.repeat} runs, highest peak RSS, by ${batch.measuredWith})`, rows);
}

let scaling;
if (only.has('scaling')) {
  console.error('— compile time growth');
  scaling = part('scaling.mjs', q ? ['--sizes', '14,100,1000'] : []);
  const ms = (v) => (v === undefined || v === null ? '—' : fixed(v, 1));
  const rows = [['indicators', 'check ms', 'compile, generated, ms', 'µs / indicator', 'compile in a fresh process, ms', 'hash, input schema, whole source ms', 'whole source in a fresh process, ms', 'compile, reference, ms', 'µs / indicator']];
  for (const r of scaling.rows) rows.push([grouped(r.indicators), fixed(r.checkMs, 1), fixed(r.generatedMs, 1), fixed((r.generatedMs * 1000) / r.indicators, 0), ms(r.coldMs), `${fixed(r.hashMs, 1)}, ${fixed(r.schemaMs, 1)}, ${fixed(r.codegenMs, 1)}`, ms(r.coldSourceMs), fixed(r.referenceMs, 1), fixed((r.referenceMs * 1000) / r.indicators, 0)]);
  say('Compile time by rubric size (median of 3–15 runs)', rows);
}

// The issue's targets, each with the figure measured.
const targets = [['target', 'measured', 'met']];
const t = (name, value, ok) => targets.push([name, value, ok === undefined ? '—' : ok ? 'yes' : 'NO']);
if (engines) {
  const x = engines.targets;
  t('generated ≥ 0.8× hand-written throughput', `${fixed(x.generatedVsHandWritten, 2)}×`, x.generatedVsHandWritten >= 0.8);
  t('generated ≥ 100× json-rules-engine', `${fixed(x.generatedVsJsonRulesEngine, 0)}×`, x.generatedVsJsonRulesEngine >= 100);
  t('generated ≥ 10× json-logic-js', `${fixed(x.generatedVsJsonLogic, 1)}×`, x.generatedVsJsonLogic >= 10);
  t('generated ≥ 10× zen-engine', `${fixed(x.generatedVsZen, 1)}×`, x.generatedVsZen >= 10);
  t('explanations on ≤ 3× the cost', `${fixed(x.explainCost, 2)}× (reference: ${fixed(x.referenceExplainCost, 2)}×)`, x.explainCost <= 3);
}
if (batch) {
  const big = batch.rows.filter((r) => r.lines === batch.lines);
  const two = big.filter((r) => r.jobs === 2);
  const best = two.reduce((a, b) => (a && a.seconds < b.seconds ? a : b), undefined);
  if (best) {
    t(`rubric eval of ${grouped(batch.lines)} subjects < 10 s with --jobs 2`, `${fixed(best.seconds, 2)} s${best.evaluator ? ` (${best.evaluator})` : ''}`, best.seconds < 10 && batch.lines >= 1e6);
    // The default evaluator (generated) is the one the target is about; the others are shown.
    const main = two.find((r) => r.evaluator === 'generated') ?? two[0];
    const others = big.filter((r) => r !== main).map((r) => `${fixed(r.rssMb, 0)} MB --jobs ${r.jobs}${r.evaluator ? ` ${r.evaluator}` : ''}`);
    t('peak RSS < 300 MB (--jobs 2, default evaluator)', `${fixed(main.rssMb, 0)} MB (${others.join('; ')})`, main.rssMb < 300);
  }
  t('same bytes out whatever --jobs is', batch.rows.every((r) => r.sameBytes) ? 'identical (sha256)' : 'DIFFERENT', batch.rows.every((r) => r.sameBytes));
}
if (scaling) {
  const last = scaling.rows[scaling.rows.length - 1];
  const first = scaling.rows.find((r) => r.indicators >= 100) ?? scaling.rows[0];
  const growth = last.generatedMs / last.indicators / (first.generatedMs / first.indicators);
  t(`compile time linear in size (µs per indicator, ${grouped(first.indicators)} → ${grouped(last.indicators)})`, `${fixed((first.generatedMs * 1000) / first.indicators, 0)} → ${fixed((last.generatedMs * 1000) / last.indicators, 0)} µs (×${fixed(growth, 2)})`, growth < 2);
  if (last.indicators >= 10000) {
    const worst = Math.max(last.generatedMs, last.coldMs ?? 0);
    t('10,000 indicators compile in < 1 s', `${fixed(last.generatedMs, 0)} ms (${last.coldMs === undefined ? 'not measured' : `${fixed(last.coldMs, 0)} ms`} in a fresh process)`, worst < 1000);
  }
}
say('Targets (issue 4)', targets);

// The machine may be shared: say how busy it was (1-minute load average; 2 cores = 2.0 when full).
md[0] += ` Load average at start ${loadAtStart.toFixed(1)}, at end ${loadavg()[0].toFixed(1)}.`;
console.log(`\n${md[0]}`);
const text = `${md.join('\n')}\n`;
if (args.markdown) writeFileSync(args.markdown, text);
console.log(`\n(${fixed((Date.now() - started) / 1000, 0)} s)${args.markdown ? ` Markdown written to ${args.markdown}` : ''}`);
