/**
 * Rubrics whose labels, titles, standards and reasons are built to break generated code or a
 * terminal: quotes, backslashes, U+2028/U+2029, `*\/`, `${`, backticks, ANSI escapes and
 * right-to-left marks. Compiled, they stay inert text; printed, they are escaped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compileRubric, loadRubricText, type Rubric } from '@rubric/rubric';
import { TINY_RUBRIC, removeWorkdirs, rubric, workdir } from '../cli/helpers.js';

/** Each payload tries to end a string, a comment or a template and run code that sets a global. */
const PAYLOADS = [
  `"; globalThis.__pwned = 1; //`,
  `'; globalThis.__pwned = 1; //`,
  '`; globalThis.__pwned = 1; //',
  '${globalThis.__pwned = 1}',
  '*/ globalThis.__pwned = 1; /*',
  '\\"; globalThis.__pwned = 1; //\\',
  '\u2028globalThis.__pwned = 1;\u2029',
  '</script><script>globalThis.__pwned = 1</script>',
  '\u001b[31mRED\u001b[0m\u001b]0;title\u0007',
  '\u202eevil\u202c \u200f rtl \u2066x\u2069',
  '| cell | **bold** [link](javascript:alert(1)) <b>x</b>\nnew line',
];
const HOSTILE = PAYLOADS.join(' ');

/** TINY_RUBRIC's IR with every free text replaced by the payloads. */
function hostileRubric(): Rubric {
  const ir = loadRubricText(TINY_RUBRIC, 'tiny.yaml', 'yaml').rubric!;
  const r = structuredClone(ir);
  r.title = HOSTILE;
  r.description = HOSTILE;
  r.facts.forEach((f, i) => {
    f.label = PAYLOADS[i % PAYLOADS.length]!;
    if (f.type.kind === 'level') f.type.levels.forEach((l, j) => (l.label = PAYLOADS[(i + j) % PAYLOADS.length]!));
  });
  r.sections.forEach((s) => {
    s.title = HOSTILE;
    s.indicators.forEach((ind, i) => {
      ind.title = PAYLOADS[i]!;
      (ind as { standard?: string }).standard = HOSTILE;
    });
  });
  r.vetoes.forEach((v) => (v.reason = HOSTILE));
  return r;
}

const SUBJECTS = [
  { id: 'c1', rate: 1, level: 'full', exposed: false },
  { id: 'c2', rate: 0.5, level: 'partial', exposed: false },
  { id: 'c3', rate: 1, level: 'full', exposed: true },
];

/** No raw ESC, C0/C1 control, line/paragraph separator or bidi control reaches the terminal. */
function expectInert(text: string): void {
  // eslint-disable-next-line no-control-regex
  expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
}

afterAll(removeWorkdirs);

describe('hostile rubrics', () => {
  const ir = hostileRubric();
  const dir = workdir({
    'hostile.json': JSON.stringify(ir, null, 2),
    'tiny.yaml': TINY_RUBRIC,
    'data.jsonl': SUBJECTS.map((s) => JSON.stringify(s)).join('\n') + '\n',
  });

  it('pass the checker (the payloads are only text)', () => {
    const loaded = loadRubricText(JSON.stringify(ir, null, 2), 'hostile.json', 'json');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('compile to a module that imports, runs and gives the reference result, running none of the text', async () => {
    const run = rubric(['compile', 'hostile.json', '--target', 'js', '--out', 'out'], { cwd: dir });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    const file = join(dir, 'out', `${ir.id}.js`);
    const source = readFileSync(file, 'utf8');
    // U+2028/U+2029 and control characters are escaped in the module's string literals.
    // eslint-disable-next-line no-control-regex
    expect(source).not.toMatch(/[\u2028\u2029\u0000-\u0008\u001b]/);
    delete (globalThis as { __pwned?: unknown }).__pwned;
    // A copy per test run, so the module cache cannot hide a second import.
    const copy = join(dir, 'out', `copy-${Date.now()}.mjs`);
    writeFileSync(copy, source);
    const mod = (await import(pathToFileURL(copy).href)) as { evaluate: (s: unknown, o: unknown) => unknown };
    const reference = compileRubric(ir, { evaluator: 'reference' });
    for (const subject of SUBJECTS) {
      for (const explain of [false, true]) {
        const got = mod.evaluate(subject, { asOf: '2022-06-01', explain });
        expect(JSON.stringify(got)).toBe(JSON.stringify(reference.evaluate(subject, { asOf: '2022-06-01', explain })));
      }
    }
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  // Finding (packages/engine/src/codegen, done): JSON.stringify leaves bidi controls raw in the
  // module's string literals, so the generated file can display differently from what it does
  // ("Trojan Source", CVE-2021-42574). Inert when run, but misleading to a reviewer.
  it('the compiled module holds no raw bidi controls (Trojan Source; regression)', () => {
    const run = rubric(['compile', 'hostile.json', '--target', 'js', '--out', 'out-bidi'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'out-bidi', `${ir.id}.js`), 'utf8')).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
  });

  it('the in-process generated evaluator is just as inert', () => {
    delete (globalThis as { __pwned?: unknown }).__pwned;
    const generated = compileRubric(ir, { evaluator: 'generated' });
    const result = generated.evaluate(SUBJECTS[2], { asOf: '2022-06-01', explain: true });
    expect(JSON.stringify(result)).toContain(JSON.stringify(HOSTILE).slice(1, -1));
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('`rubric eval --format table` and `--explain` escape the text for the terminal', () => {
    for (const args of [[], ['--explain', 'c3'], ['--explain', 'c1']]) {
      const run = rubric(['eval', 'hostile.json', '--data', 'data.jsonl', '--as-of', '2022-06-01', '--format', 'table', ...args], { cwd: dir });
      expect(run.status, run.stderr).toBe(0);
      expectInert(run.stdout);
      expectInert(run.stderr);
    }
  });

  it('`rubric check` escapes hostile text in its diagnostics and source lines', () => {
    // Raw ESC and RLO in the file itself, on the line the diagnostic shows.
    const broken = TINY_RUBRIC.replace('  rate: { label: 比率, type: ratio }', '  rate: { lable: "\u001b[31mRED\u001b]0;pwn\u0007 \u202eevil", type: ratio }');
    const d = workdir({ 'broken.yaml': broken });
    const run = rubric(['check', 'broken.yaml'], { cwd: d });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/broken\.yaml:\d+:\d+/);
    expectInert(run.stdout);
    expectInert(run.stderr);
    expect(run.stderr).toContain('\\u001b');
  });

  it('`rubric eval --format md` escapes Markdown and control characters', () => {
    const run = rubric(['eval', 'hostile.json', '--data', 'data.jsonl', '--as-of', '2022-06-01', '--format', 'md', '--explain', 'c3'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expectInert(run.stdout);
    expect(run.stdout).not.toContain('<script>');
    // Every table row keeps its columns: no payload `|` or newline splits a cell.
    const rows = run.stdout.split('\n').filter((l) => l.startsWith('|'));
    expect(rows.length).toBeGreaterThan(0);
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    const header = rows[0]!;
    for (const row of rows.slice(0, SUBJECTS.length + 2)) expect(cells(row), row).toBe(cells(header));
  });

  // Finding (packages/cli output, done): `eval --format md` escapes `|`, `<`, `>` and newlines but
  // not Markdown syntax, so a label can add a link (`[x](javascript:…)`) or emphasis to a report.
  it('`rubric eval --format md` escapes Markdown links and emphasis (regression)', () => {
    const run = rubric(['eval', 'hostile.json', '--data', 'data.jsonl', '--as-of', '2022-06-01', '--format', 'md'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/\]\(javascript:/);
    expect(run.stdout).not.toContain('**bold**');
  });

  it('`rubric diff --format md` and text escape hostile titles and reasons', () => {
    for (const format of ['md', 'text']) {
      const run = rubric(['diff', 'tiny.yaml', 'hostile.json', '--format', format], { cwd: dir });
      expect([0, 1], run.stderr).toContain(run.status);
      expect(run.stdout.length).toBeGreaterThan(0);
      expectInert(run.stdout);
      expectInert(run.stderr);
      if (format === 'md') {
        expect(run.stdout).not.toContain('<script>');
      }
    }
  });
});
