#!/usr/bin/env node
// How long the rubric DSL takes to parse and check, in-process, and the parse share of it:
// the Beijing rubric (14 indicators) and a generated rubric of 10,000 indicators.
// Run after a build: `node test/dsl/parse-speed.mjs [indicators]`. Prints medians (and the
// minimum, and the CPU time of parsing) of several rounds: on a busy machine the minimum and
// the CPU time are the better guide. "parse+check" is `loadRubricText`, what `rubric check` does.
import { readFileSync } from 'node:fs';
import { parseDslRubric } from '../../packages/dsl/dist/index.js';
import { checkRubric } from '../../packages/engine/dist/index.js';
import { loadRubricText } from '../../packages/rubric/dist/index.js';

const N = Number(process.argv[2] ?? 10_000);

/** A rubric of `n` indicators in sections of 50, over 200 facts, every rule kind, checker-clean. */
function generate(n) {
  const lines = [];
  const facts = 200;
  const sections = Math.ceil(n / 50);
  lines.push(`rubric generated "Generated ${n}"`, '  version "1"', '  effective from 2022-01-01', `  total ${n * 10} points`, '');
  for (let f = 0; f < facts; f++) {
    if (f % 3 === 0) lines.push(`fact r${f} "比率 ${f}" ratio`);
    else if (f % 3 === 1) lines.push(`fact l${f} "等级 ${f}" level full "完全落实" | partial "部分落实" | none "未落实"`);
    else lines.push(`fact b${f} "是否 ${f}" boolean`, `  description "说明 ${f}"`);
  }
  lines.push('', `pass mark ${Math.round(n * 8.5)}`);
  let i = 0;
  for (let s = 0; s < sections; s++) {
    const count = Math.min(50, n - i);
    lines.push('', `section s${s} "第${s}部分" ${count * 10} points`);
    for (let k = 0; k < count; k++, i++) {
      const f = i % facts;
      lines.push('', `  indicator i${i} "指标 ${i}" 10 points`, `    standard "评价标准 ${i}"`, '    method "现场查看"');
      if (f % 3 === 0) lines.push(`    score round(10 * r${f}, 0.5)`);
      else if (f % 3 === 1) lines.push(`    when l${f} is full -> 10`, `    when l${f} is partial -> 5`, '    otherwise -> 0');
      else lines.push(`    score if b${f} then 10 else 0`);
    }
  }
  lines.push('', 'veto v "一票否决" when b2 and b5');
  return `${lines.join('\n')}\n`;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs `f`, returning [wall ms, CPU ms of this thread's process] (CPU time is steadier on a busy machine). */
function timed(f) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [value, wall, (c.user + c.system) / 1000];
}

function measure(name, text, rounds) {
  const file = `${name}.rubric`;
  const parse = [];
  const check = [];
  const total = [];
  const parseCpu = [];
  for (let r = 0; r < rounds; r++) {
    const [parsed, pw, pc] = timed(() => parseDslRubric(text, file));
    parse.push(pw);
    parseCpu.push(pc);
    if (!parsed.rubric) throw new Error(`${name} does not parse: ${parsed.diagnostics[0]?.message}`);
    const [issues, cw] = timed(() => checkRubric(parsed.rubric));
    check.push(cw);
    if (issues.some((i) => i.severity === 'error')) throw new Error(`${name} has checker errors: ${issues[0].message}`);
    const [loaded, tw] = timed(() => loadRubricText(text, file, 'dsl'));
    total.push(tw);
    if (!loaded.rubric) throw new Error(`${name} does not load`);
  }
  const p = median(parse);
  const c = median(check);
  const lines = text.split('\n').length;
  const f = (x) => x.toFixed(2).padStart(8);
  console.log(
    `${name.padEnd(22)} ${String(lines).padStart(6)} lines | parse ${f(p)} ms (min ${f(Math.min(...parse))}, CPU ${f(median(parseCpu))}) | ` +
      `check ${f(c)} ms | parse+check ${f(median(total))} ms (min ${f(Math.min(...total))}) | parse share ${((100 * p) / (p + c)).toFixed(0)}%`,
  );
}

// The first parse also builds the lexer and the parser (Chevrotain's grammar analysis).
const beijing = readFileSync(new URL('../../rubrics/beijing-epidemic-free-community/2022-06.rubric', import.meta.url), 'utf8');
const t0 = performance.now();
parseDslRubric(beijing, 'cold.rubric');
console.log(`first parse in a fresh process (builds the lexer and parser): ${(performance.now() - t0).toFixed(1)} ms`);

measure('beijing 2022-06 (14)', beijing, 21);
measure(`generated (${N})`, generate(N), 5);
