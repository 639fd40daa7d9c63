/**
 * Runs the test cases of a rubric (its own `tests:` and any from test files): each case's
 * subject is evaluated on its as-of date, the listed expectations are compared with the
 * result, and coverage is counted in rubric terms — indicators whose points a case pins,
 * rule branches taken, hard requirements, vetoes and deductions fired, pass-mark values used.
 */
import type { CompiledRubric } from '@rubric/engine';
import { Decimal, dayNumber, formatExpr, type EvaluationResult, type Rubric, type Span, type TestCase } from '@rubric/model';
import type { LocatedTestCase } from './test-files.js';

/** One expectation that did not hold. */
export interface TestMismatch {
  /** What was compared: `outcome`, `total`, `passMark`, `indicators.<id>`, `reasons`. */
  field: string;
  expected: unknown;
  actual: unknown;
}

/** The result of one test case. */
export interface TestCaseResult {
  name: string;
  passed: boolean;
  mismatches: TestMismatch[];
  result: EvaluationResult;
  /** Where the case is written, when known. */
  file?: string;
  span?: Span;
}

/** The kinds of things coverage counts. */
export type CoverageKind = 'indicator' | 'branch' | 'hard-requirement' | 'veto' | 'deduction' | 'pass-mark';

/** Every coverage kind, in report order. */
export const COVERAGE_KINDS: readonly CoverageKind[] = ['indicator', 'branch', 'hard-requirement', 'veto', 'deduction', 'pass-mark'];

/** One thing a test suite should reach. */
export interface CoverageItem {
  kind: CoverageKind;
  /** Its name: `four_piece_check`, `publicity: case 2`, `pass_mark: override 1 (district_risk is low)`. */
  key: string;
  covered: boolean;
}

/** Coverage of one rubric by its tests. */
export interface Coverage {
  items: CoverageItem[];
  /** Covered / total per kind (kinds with nothing to cover are left out). */
  byKind: Partial<Record<CoverageKind, { covered: number; total: number }>>;
  covered: number;
  total: number;
  /** covered / total × 100, to two decimals (100 when there is nothing to cover). */
  percent: number;
}

/** All test cases of one rubric, with what they cover. */
export interface RubricTestReport {
  cases: TestCaseResult[];
  /** Rule branches (`publicity: case 3`), and those no case reached. */
  branches: { total: number; reached: number; uncovered: string[] };
  coverage: Coverage;
}

/** Options of {@link runRubricTests}. */
export interface RunTestsOptions {
  /** The cases to run; default: the rubric's own `tests:`. */
  cases?: readonly (TestCase | LocatedTestCase)[];
}

/** Runs test cases of the compiled rubric, in order, with explanations, and measures coverage. */
export function runRubricTests(compiled: CompiledRubric, options: RunTestsOptions = {}): RubricTestReport {
  const inputs = options.cases ?? compiled.rubric.tests;
  const cases = inputs.map((c) => ('test' in c && 'span' in c ? runTestCase(compiled, c.test, c) : runTestCase(compiled, c as TestCase)));
  const coverage = measureCoverage(compiled.rubric, inputs.map((c) => ('test' in c && 'span' in c ? c.test : (c as TestCase))), cases.map((c) => c.result));
  const branchItems = coverage.items.filter((i) => i.kind === 'branch' && !i.key.includes(': item '));
  const uncovered = branchItems.filter((i) => !i.covered).map((i) => i.key);
  return { cases, branches: { total: branchItems.length, reached: branchItems.length - uncovered.length, uncovered }, coverage };
}

/** Every rule branch of the rubric's indicators, named as explanations name them (`id: case 2`). */
export function ruleBranches(rubric: Rubric): string[] {
  return rubric.sections.flatMap((s) =>
    s.indicators.flatMap((ind) => {
      const r = ind.rule;
      if (r.kind === 'cases') return [...r.cases.map((_, i) => `${ind.id}: case ${i + 1}`), `${ind.id}: otherwise`];
      return [`${ind.id}: ${r.kind === 'expression' ? 'expression' : `checklist (${r.mode})`}`];
    }),
  );
}

/** The pass-mark values a subject can meet while the rubric is in force: each period's base value and each override. */
export function passMarkChoices(rubric: Rubric): { key: string; period: { from?: string; until?: string }; override?: number }[] {
  const p = rubric.parameters.find((x) => x.id === rubric.passMark);
  if (!p) return [];
  const from = dayNumber(rubric.effective.from) ?? -Infinity;
  const until = rubric.effective.until === undefined ? Infinity : (dayNumber(rubric.effective.until) ?? Infinity);
  const several = p.periods.length > 1;
  return p.periods.flatMap((per) => {
    // A period wholly outside the rubric's own cannot be met while this version is in force.
    const pf = per.from === undefined ? -Infinity : (dayNumber(per.from) ?? -Infinity);
    const pu = per.until === undefined ? Infinity : (dayNumber(per.until) ?? Infinity);
    if (pu < from || pf > until) return [];
    const period: { from?: string; until?: string } = {};
    if (per.from !== undefined) period.from = per.from;
    if (per.until !== undefined) period.until = per.until;
    const when = several ? ` (${per.from ? `from ${per.from}` : 'always'}${per.until ? ` until ${per.until}` : ''})` : '';
    return [
      { key: `${p.id}: ${per.value}${when}`, period },
      ...per.overrides.map((o, i) => ({ key: `${p.id}: ${o.value} where ${formatExpr(o.when)}${when}`, period, override: i })),
    ];
  });
}

/** Measures what the given cases and their results reach (invalid results reach nothing but their expectations). */
export function measureCoverage(rubric: Rubric, tests: readonly TestCase[], results: readonly EvaluationResult[]): Coverage {
  const items: CoverageItem[] = [];
  const add = (kind: CoverageKind, key: string, covered: boolean): void => void items.push({ kind, key, covered });

  const pinned = new Set(tests.flatMap((t) => Object.keys(t.expect.indicators ?? {})));
  const taken = new Set<string>();
  const itemsHit = new Set<string>();
  const hardFailed = new Set<string>();
  const vetoed = new Set<string>();
  const deducted = new Set<string>();
  const passMarks = new Set<string>();
  for (const r of results) {
    for (const [id, x] of Object.entries(r.explanation?.indicators ?? {})) {
      taken.add(`${id}: ${x.branch}`);
      for (const it of x.items ?? []) if (it.hits > 0) itemsHit.add(`${id}: item ${it.id}`);
    }
    for (const h of r.hardRequirementsFailed) hardFailed.add(h);
    for (const v of r.vetoes) vetoed.add(v);
    for (const d of r.deductions) if (d.amount > 0) deducted.add(d.id);
    const src = r.passMarkSource;
    if (src) passMarks.add(passMarkKey(src.period, src.override));
  }

  for (const s of rubric.sections) for (const ind of s.indicators) add('indicator', ind.id, pinned.has(ind.id));
  for (const s of rubric.sections) {
    for (const ind of s.indicators) {
      const r = ind.rule;
      if (r.kind === 'cases') {
        r.cases.forEach((_, i) => add('branch', `${ind.id}: case ${i + 1}`, taken.has(`${ind.id}: case ${i + 1}`)));
        add('branch', `${ind.id}: otherwise`, taken.has(`${ind.id}: otherwise`));
      } else if (r.kind === 'expression') {
        add('branch', `${ind.id}: expression`, taken.has(`${ind.id}: expression`));
      } else {
        add('branch', `${ind.id}: checklist (${r.mode})`, taken.has(`${ind.id}: checklist (${r.mode})`));
        for (const it of r.items) add('branch', `${ind.id}: item ${it.id}`, itemsHit.has(`${ind.id}: item ${it.id}`));
      }
    }
  }
  for (const h of rubric.hardRequirements) add('hard-requirement', h.id, hardFailed.has(h.id));
  for (const v of rubric.vetoes) add('veto', v.id, vetoed.has(v.id));
  for (const d of rubric.deductions) add('deduction', d.id, deducted.has(d.id));
  for (const c of passMarkChoices(rubric)) add('pass-mark', c.key, passMarks.has(passMarkKey(c.period, c.override)));

  const byKind: Coverage['byKind'] = {};
  for (const it of items) {
    const k = (byKind[it.kind] ??= { covered: 0, total: 0 });
    k.total++;
    if (it.covered) k.covered++;
  }
  const covered = items.filter((i) => i.covered).length;
  return { items, byKind, covered, total: items.length, percent: percentOf(covered, items.length) };
}

/** covered / total × 100 to two decimals, exactly (100 when total is 0). */
export function percentOf(covered: number, total: number): number {
  if (total === 0) return 100;
  const d = Decimal.fromInteger(covered * 100).div(Decimal.fromInteger(total));
  return d.roundTo(Decimal.from("0.01")).toNumber();
}

/** Whether coverage reaches `min` percent, compared exactly (covered × 100 ≥ min × total). */
export function meetsCoverage(coverage: Pick<Coverage, 'covered' | 'total'>, min: number): boolean {
  const minD = Decimal.parse(String(min));
  if (!minD) return false;
  return Decimal.fromInteger(coverage.covered * 100).gte(minD.mul(Decimal.fromInteger(coverage.total)));
}

function passMarkKey(period: { from?: string; until?: string }, override: number | undefined): string {
  return `${period.from ?? ''}…${period.until ?? ''}#${override ?? 'base'}`;
}

function runTestCase(compiled: CompiledRubric, t: TestCase, where?: { file: string; span: Span }): TestCaseResult {
  const result = compiled.evaluate(t.subject, { asOf: t.asOf ?? compiled.rubric.effective.from, explain: true });
  const mismatches: TestMismatch[] = [];
  const compare = (field: string, expected: unknown, actual: unknown) => {
    if (expected !== undefined && expected !== actual) mismatches.push({ field, expected, actual });
  };
  const e = t.expect;
  compare('outcome', e.outcome, result.outcome);
  compare('total', e.total, result.total);
  compare('passMark', e.passMark, result.passMark);
  for (const [id, points] of Object.entries(e.indicators ?? {})) compare(`indicators.${id}`, points, result.indicators[id]);
  // Expected reasons must be among the result's reasons; others may be there too.
  const keys = result.reasons.map((r) => r.key);
  if (e.reasons && e.reasons.some((k) => !keys.includes(k))) mismatches.push({ field: 'reasons', expected: e.reasons, actual: keys });
  const out: TestCaseResult = { name: t.name, passed: mismatches.length === 0, mismatches, result };
  if (where) {
    out.file = where.file;
    out.span = where.span;
  }
  return out;
}
