/**
 * Resource limits at the facade (packages/rubric/src/limits.ts, docs/limits.md): each gives a
 * located `limits/<name>` error naming the limit, never a stack overflow or a throw.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, checkRubricLimits, compileRubric, loadRubric, loadRubricText, type Diagnostic } from '@rubric/rubric';
import { TINY_RUBRIC, removeWorkdirs, rubric, workdir } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'rubric-limits-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeWorkdirs();
});

function only(diagnostics: Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  expect(found, JSON.stringify(diagnostics.map((d) => d.code))).toHaveLength(1);
  return found[0]!;
}

/** TINY_RUBRIC with its first indicator's score replaced. */
function withScore(score: string): string {
  return TINY_RUBRIC.replace('score: round(10 * rate, 0.5)', `score: ${score}`);
}

describe('resource limits', () => {
  it('a normal rubric is within every limit', () => {
    const loaded = loadRubricText(TINY_RUBRIC, 'tiny.yaml', 'yaml');
    expect(loaded.diagnostics.filter((d) => d.code.startsWith('limits/'))).toEqual([]);
    expect(loaded.rubric).toBeDefined();
  });

  it('refuses a file over the size limit before reading it', async () => {
    const file = join(dir, 'big.yaml');
    writeFileSync(file, TINY_RUBRIC + `# ${'x'.repeat(1000)}\n`.repeat(Math.ceil(DEFAULT_LIMITS.fileBytes / 1000)));
    const loaded = await loadRubric(file);
    const d = only(loaded.diagnostics, 'limits/fileBytes');
    expect(d.message).toMatch(/over the limit of 5,242,880 bytes \(5 MiB\)/);
    expect(d.file).toBe(file);
    expect(d.span.start.line).toBe(1);
    expect(loaded.rubric).toBeUndefined();
  });

  it('refuses text over the size limit (in UTF-8 bytes, not characters)', () => {
    // 2 million CJK characters are 6 MB of UTF-8.
    const loaded = loadRubricText(TINY_RUBRIC + `# ${'字'.repeat(1000)}\n`.repeat(2000), 'big.yaml', 'yaml');
    expect(only(loaded.diagnostics, 'limits/fileBytes').message).toMatch(/^the file is [\d,]+ bytes, over the limit of 5,242,880 bytes \(5 MiB\)$/);
  });

  it('names the line that is too long, at the column where the limit is passed', () => {
    const text = TINY_RUBRIC.replace('title: 小测试量表', `title: ${'长'.repeat(2500)}`);
    const d = only(loadRubricText(text, 'long.yaml', 'yaml').diagnostics, 'limits/lineLength');
    expect(d.span.start.line).toBe(2);
    expect(d.span.start.column).toBe(DEFAULT_LIMITS.lineLength + 1);
    expect(d.message).toBe(`this line is 2,507 characters long, over the limit of 2,000`);
    expect(d.hint).toBeTruthy();
  });

  it('IR JSON on one long line is accepted (machine-written), its nesting still limited', () => {
    const ir = loadRubricText(TINY_RUBRIC.replace('title: 小测试量表', `title: ${'长'.repeat(2500)}`), 'long.yaml', 'yaml');
    expect(ir.diagnostics.map((d) => d.code)).toEqual(['limits/lineLength']);
    const json = JSON.stringify(loadRubricText(TINY_RUBRIC, 't.yaml', 'yaml').rubric).replace('"小测试量表"', `"${'长'.repeat(2500)}"`);
    const loaded = loadRubricText(json, 'long.json', 'json');
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.rubric?.title).toHaveLength(2500);
  });

  it('stops deeply nested brackets in YAML and in the DSL without a stack overflow', () => {
    const deep = `${'[\n'.repeat(5000)}1${']'.repeat(5000)}`;
    for (const [text, file, format] of [
      [withScore(`min(10, ${'('.repeat(150)}1${')'.repeat(150)})`), 'deep.yaml', 'yaml'],
      [`tags: ${deep}\n`, 'deep2.yaml', 'yaml'],
      [`rubric r "R"\ntotal 10\nfact x "X" ${'('.repeat(120)}\n`, 'deep.rubric', 'dsl'],
      [`{"a": ${deep}}`, 'deep.json', 'json'],
    ] as const) {
      const d = only(loadRubricText(text, file, format).diagnostics, 'limits/nesting');
      expect(d.message).toMatch(/nested 101 deep, over the limit of 100/);
      expect(d.span.start.line).toBeGreaterThanOrEqual(1);
    }
  });

  it('quoted brackets and comments do not count as nesting', () => {
    const text = TINY_RUBRIC.replace('title: 小测试量表', `title: "${'('.repeat(500)}" # ${'['.repeat(500)}`);
    expect(loadRubricText(text, 'q.yaml', 'yaml').diagnostics.filter((d) => d.code === 'limits/nesting')).toEqual([]);
  });

  it('stops deep indentation', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `${'  '.repeat(i)}k${i}:`);
    const d = only(loadRubricText(`${lines.join('\n')} 1\n`, 'indent.yaml', 'yaml').diagnostics, 'limits/nesting');
    expect(d.span.start.line).toBe(102);
    expect(d.message).toMatch(/indented 202 columns deep/);
  });

  it('stops an expression deeper than the limit, located at its indicator', () => {
    const score = `min(10, ${Array.from({ length: 150 }, () => 'rate').join(' + ')})`;
    const loaded = loadRubricText(withScore(score), 'expr.yaml', 'yaml');
    const d = only(loaded.diagnostics, 'limits/expressionDepth');
    expect(d.message).toMatch(/an expression nested 101 deep, over the limit of 100/);
    expect(d.span.start.line).toBe(TINY_RUBRIC.split('\n').findIndex((l) => l.includes('score: round')) + 1);
    expect(loaded.rubric).toBeUndefined();
  });

  it('an expression just within the limit loads, and evaluating it terminates', () => {
    // min(…) is one level, + is left-nested: 98 additions make 99 + 1 levels.
    const score = `min(10, ${Array.from({ length: 99 }, () => 'rate').join(' + ')})`;
    const loaded = loadRubricText(withScore(score), 'ok.yaml', 'yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const result = compileRubric(loaded.rubric!).evaluate({ rate: 0.1, level: 'full' }, { asOf: '2022-06-01' });
    expect(result.outcome).toBe('pass');
  });

  it('counts indicators, facts and list items against their limits', () => {
    const rubric = loadRubricText(TINY_RUBRIC, 'tiny.yaml', 'yaml').rubric!;
    const limits = { ...DEFAULT_LIMITS, indicators: 1, facts: 2, listItems: 2 };
    const codes = checkRubricLimits(rubric, 'tiny.yaml', new Map(), limits).map((d) => `${d.code}: ${d.message}`);
    expect(codes).toEqual([
      'limits/indicators: the rubric has 2 indicators, over the limit of 1',
      'limits/facts: the rubric has 3 facts, over the limit of 2',
      'limits/listItems: a list of 3 items, over the limit of 2',
    ]);
  });

  it('refuses more than 10,000 indicators through the facade', () => {
    const indicators = Array.from({ length: DEFAULT_LIMITS.indicators + 1 }, (_, i) => `      - { id: i${i}, title: I, points: 0, score: 0 }`).join('\n');
    const text = TINY_RUBRIC.replace(/    indicators:\n[\s\S]*?\nvetoes:/, `    indicators:\n${indicators}\nvetoes:`);
    const d = only(loadRubricText(text, 'many.yaml', 'yaml').diagnostics, 'limits/indicators');
    expect(d.message).toBe('the rubric has 10,001 indicators, over the limit of 10,000');
  });

  it('`rubric check` reports a limit as a located error, without a stack trace', () => {
    const d = workdir({ 'deep.yaml': withScore(`min(10, ${'('.repeat(150)}1${')'.repeat(150)})`) });
    const run = rubric(['check', 'deep.yaml'], { cwd: d });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/deep\.yaml:\d+:\d+ error limits\/nesting: brackets nested 101 deep, over the limit of 100/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
