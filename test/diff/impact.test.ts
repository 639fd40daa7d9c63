/**
 * Impact of the Beijing versions on the sample data, against an independent count: the
 * reference scorer of test/beijing for 2022-06, and hand-written scorers here for the
 * illustrative 2022-05 (20 pass/fail checks) and 2022-07 (12-point 四件套, 4-point facilities,
 * pass mark 80). Every flipped subject must be named with its causes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRubric, diffRubrics, loadRubricFolder, measureImpact, type Impact, type Rubric } from '@rubric/rubric';
import { ROOT, rubric as run } from '../cli/helpers.js';
import { parseDecimal, scoreJsonLine, splitJsonl, type RefOutcome, type RefResult } from '../beijing/reference-scorer.js';

const DIR = 'rubrics/beijing-epidemic-free-community';
const JSONL = `${DIR}/sample.jsonl`;
const lines = splitJsonl(readFileSync(join(ROOT, JSONL), 'utf8'));
let may: Rubric;
let june: Rubric;

beforeAll(async () => {
  const folder = await loadRubricFolder(join(ROOT, DIR));
  [may, june] = folder.versions.map((v) => v.rubric) as [Rubric, Rubric, Rubric];
});

interface Ref {
  id: string | null;
  outcome: RefOutcome;
  total: number | null;
}

function parsed(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** round(max × rate, 0.5) half-up, exactly, in points. */
function ratioPoints(max: number, rate: unknown): number {
  const d = parseDecimal(String(rate))!;
  const n = 2n * BigInt(max) * d.coef;
  const den = 10n ** BigInt(d.scale);
  return Number((2n * n + den) / (2n * den)) / 2;
}

/** 2022-07 by hand, from the 2022-06 reference result and the record. */
function july07(line: string, r06: RefResult): Ref {
  if (r06.outcome === 'invalid') return { id: r06.id, outcome: 'invalid', total: null };
  const rec = parsed(line)!;
  const raw = Object.entries(r06.indicators).reduce((s, [id, p]) => (id === 'four_piece_check' || id === 'checkpoint_facilities' ? s : s + p), 0) + ratioPoints(12, rec['four_piece_check_rate']) + (rec['checkpoint_facilities_ok'] === true ? 4 : 0);
  const total = Math.max(0, raw - r06.deductionTotal);
  const outcome: RefOutcome = r06.vetoes.length > 0 ? 'vetoed' : rec['checkpoint_24h'] !== 'full' || total < 80 ? 'fail' : 'pass';
  return { id: r06.id, outcome, total };
}

/** 2022-05 by hand: 20 checks, a pass only when all are met. */
function may05(line: string, r06: RefResult): Ref {
  if (r06.outcome === 'invalid') return { id: r06.id, outcome: 'invalid', total: null };
  const x = parsed(line)!;
  const rate = (k: string, min: string) => {
    const a = parseDecimal(String(x[k]))!;
    const b = parseDecimal(min)!;
    const scale = Math.max(a.scale, b.scale);
    return a.coef * 10n ** BigInt(scale - a.scale) >= b.coef * 10n ** BigInt(scale - b.scale);
  };
  const checks = [
    x['party_coordination_ok'] === true,
    x['property_management'] === 'full',
    x['emergency_system'] === 'full',
    x['case_with_management_lapse'] !== true,
    x['quarantine_management'] === 'full',
    rate('ledger_update_rate', '0.9'),
    x['checkpoint_24h'] === 'full',
    rate('four_piece_check_rate', '0.9'),
    rate('four_piece_check_rate', '0.95'),
    x['service_staff_access'] === 'full',
    x['checkpoint_facilities_ok'] === true && x['checkpoint_disinfection_ok'] === true,
    x['checkpoint_reported_by_city_or_media'] !== true,
    x['public_disinfection_ok'] === true,
    rate('garbage_sorting_rate', '0.9'),
    x['emergency_system'] === 'full' || x['emergency_system'] === 'partial',
    x['guard_protection_ok'] === true,
    x['hotline_bad_count'] === 0,
    true, // residents_protection_ok: not in the sample, default true
    true, // residents_pcr_rate: not in the sample, default 1
    x['publicity'] === 'full',
  ];
  const total = checks.filter(Boolean).length;
  return { id: r06.id, outcome: total >= 20 ? 'pass' : 'fail', total };
}

function refCounts(pairs: [Ref, Ref][]): Map<string, number> {
  const m = new Map<string, number>();
  for (const [a, b] of pairs) m.set(`${a.outcome} → ${b.outcome}`, (m.get(`${a.outcome} → ${b.outcome}`) ?? 0) + 1);
  return m;
}

function impactCounts(impact: Impact): Map<string, number> {
  return new Map(impact.counts.map((t) => [`${t.from} → ${t.to}`, t.count]));
}

describe('impact of 2022-06 → 2022-07 on the sample (each version on its own effective date)', () => {
  const ref06 = lines.map(scoreJsonLine);
  const pairs = lines.map((l, i): [Ref, Ref] => [ref06[i]!, july07(l, ref06[i]!)]);
  let impact: Impact;
  beforeAll(() => {
    const r = run(['diff', `${DIR}/2022-06.yaml`, `${DIR}/2022-07.yaml`, '--data', JSONL, '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    impact = JSON.parse(r.stdout).impact;
  });

  it('counts every transition as the independent scorers do', () => {
    expect(impact.asOf).toEqual({ old: '2022-06-14', new: '2022-07-01' });
    expect(impact.subjects).toBe(lines.length);
    expect(impactCounts(impact)).toEqual(refCounts(pairs));
    expect(impact.flipped).toBe(pairs.filter(([a, b]) => a.outcome !== b.outcome).length);
    expect(impact.flipped).toBeGreaterThan(0);
  });

  it('lists the flipped subjects first, each with the totals and causes', () => {
    const flippedIds = pairs.filter(([a, b]) => a.outcome !== b.outcome).map(([a]) => a.id);
    expect(impact.results.slice(0, impact.flipped).map((s) => s.id)).toEqual(flippedIds);
    for (const s of impact.results.slice(0, impact.flipped)) {
      const [a, b] = pairs[s.index - 1]!;
      expect([s.old.outcome, s.old.total, s.new.outcome, s.new.total]).toEqual([a.outcome, a.total, b.outcome, b.total]);
      expect(s.causes.length, s.id ?? '').toBeGreaterThan(0);
      // A flip to pass means the below-pass-mark reason went away, explained by points or the mark.
      if (s.new.outcome === 'pass') expect(s.causes).toContainEqual(expect.objectContaining({ kind: 'reason', change: 'removed', key: 'below-pass-mark' }));
      expect(s.causes.some((c) => c.kind === 'indicator' || c.kind === 'pass-mark')).toBe(true);
    }
  });

  it('names the rule behind each indicator cause', () => {
    const s = impact.results.find((x) => x.id === 'BJ-XC-001')!;
    expect(s).toMatchObject({ flipped: true, old: { outcome: 'fail', total: 84.5, passMark: 85 }, new: { outcome: 'pass', total: 86.5, passMark: 80 }, delta: 2 });
    expect(s.causes).toEqual([
      {
        kind: 'indicator',
        from: ['four_piece_check'],
        to: ['four_piece_check'],
        before: 9.5,
        after: 11.5,
        rulesBefore: ['four_piece_check = 9.5: round(10 * four_piece_check_rate, 0.5) [four_piece_check_rate = 0.95]'],
        rulesAfter: ['four_piece_check = 11.5: round(12 * four_piece_check_rate, 0.5) [four_piece_check_rate = 0.95]'],
      },
      { kind: 'pass-mark', before: 85, after: 80, ruleBefore: 'pass_mark = 85: base value (always)', ruleAfter: 'pass_mark = 80: base value (from 2022-07-01)' },
      { kind: 'reason', change: 'removed', key: 'below-pass-mark', message: 'total 84.5 is below the pass mark 85' },
    ]);
  });

  it('with --as-of, evaluates both versions on that date', () => {
    const r = run(['diff', `${DIR}/2022-06.yaml`, `${DIR}/2022-07.yaml`, '--data', JSONL, '--as-of', '2022-06-20', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('note: 2022-07 is evaluated as of 2022-06-20, outside its effective period 2022-07-01 … open-ended');
    const at = JSON.parse(r.stdout).impact as Impact;
    expect(at.asOf).toEqual({ old: '2022-06-20', new: '2022-06-20' });
    // On 2022-06-20 the July version's pass mark history still gives 85 (80 when low risk): only points differ.
    expect(at.results.every((s) => s.causes.every((c) => c.kind !== 'pass-mark'))).toBe(true);
  });
});

describe('impact of 2022-05 → 2022-06 on the sample', () => {
  it('counts every transition as the independent scorers do (library and CLI agree)', () => {
    const ref06 = lines.map(scoreJsonLine);
    const pairs = lines.map((l, i): [Ref, Ref] => [may05(l, ref06[i]!), ref06[i]!]);
    const r = run(['diff', `${DIR}/2022-05.yaml`, `${DIR}/2022-06.yaml`, '--data', JSONL, '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const impact = JSON.parse(r.stdout).impact as Impact;
    expect(impactCounts(impact)).toEqual(refCounts(pairs));
    expect(impact.flipped).toBe(pairs.filter(([a, b]) => a.outcome !== b.outcome).length);
    const subjects = lines.map(parsed).filter((x): x is Record<string, unknown> => x !== undefined);
    const lib = measureImpact(diffRubrics(may, june), compileRubric(may), compileRubric(june), subjects);
    expect(lib.flipped).toBe(pairs.filter(([a, b], i) => parsed(lines[i]!) !== undefined && a.outcome !== b.outcome).length);
    // One May check unmet (a hotline complaint) fails 2022-05; in 2022-06 it costs a point of 100.
    const s = impact.results.find((x) => x.id === 'BJ-DC-002')!;
    expect(s).toMatchObject({ flipped: true, old: { outcome: 'fail', total: 19 }, new: { outcome: 'pass', total: 98 } });
    expect(s.causes).toContainEqual(expect.objectContaining({ kind: 'indicator', from: ['pcr_certificate', 'scan_and_temperature'], to: ['four_piece_check'], before: 2, after: 10 }));
    expect(s.causes).toContainEqual({ kind: 'deduction', id: 'hotline', before: 0, after: 1 });
    expect(s.causes).toContainEqual(expect.objectContaining({ kind: 'reason', change: 'removed', key: 'below-pass-mark' }));
  });
});

describe('impact through the library', () => {
  it('measures plain subjects, with no flips between a version and itself', () => {
    const subjects = lines.map(parsed).filter((x): x is Record<string, unknown> => x !== undefined);
    const c = compileRubric(june);
    const same = measureImpact(diffRubrics(june, june), c, c, subjects, { asOf: '2022-06-20', data: 'sample.jsonl' });
    expect(same).toMatchObject({ data: 'sample.jsonl', subjects: subjects.length, flipped: 0, totalChanged: 0, unchanged: subjects.length });
    expect(same.counts.every((t) => t.from === t.to)).toBe(true);
  });
});

describe('the hand-written rounding', () => {
  it('agrees with the cases of 2022-07.test.yaml', () => {
    expect(ratioPoints(12, 0.96)).toBe(11.5);
    expect(ratioPoints(12, 0.8)).toBe(9.5);
    expect(ratioPoints(10, 0.575)).toBe(6);
  });
});
