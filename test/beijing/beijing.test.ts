/**
 * End-to-end check of the Beijing sample rubric: the real CLI (`rubric eval`) against an
 * independent hand-written scorer (reference-scorer.ts), record by record, over both
 * sample files; plus proof that the sample data exercises every outcome and edge.
 *
 * The CLI tests run the built `packages/cli/dist/bin.js` (`pnpm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FACT_IDS,
  INDICATORS,
  SECTION_MAX,
  TOTAL_MAX,
  scoreCsvRow,
  scoreJsonLine,
  splitCsv,
  splitJsonl,
  type RefResult,
} from './reference-scorer.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = 'rubrics/beijing-epidemic-free-community';
const RUBRIC = `${DIR}/2022-06.yaml`;
const CSV = `${DIR}/sample.csv`;
const JSONL = `${DIR}/sample.jsonl`;
const BIN = 'packages/cli/dist/bin.js';
const AS_OF = '2022-06-20';

// ---------------------------------------------------------------- the sample, through the reference

interface Sample {
  /** What the reference makes of each record, in file order. */
  results: RefResult[];
  /** The raw record: CSV cells by header, or the parsed JSON object (undefined for a non-JSON line). */
  raw: (Record<string, unknown> | undefined)[];
  /** Raw text of each record (CSV row or JSONL line). */
  text: string[];
}

function readCsvSample(): Sample & { header: string[] } {
  const { header, rows } = splitCsv(readFileSync(join(ROOT, CSV), 'utf8'));
  return {
    header,
    results: rows.map((cells) => scoreCsvRow(header, cells)),
    raw: rows.map((cells) => Object.fromEntries(cells.map((c, i) => [header[i] ?? `#${i}`, c]))),
    text: rows.map((cells) => cells.join(',')),
  };
}

function readJsonlSample(): Sample {
  const lines = splitJsonl(readFileSync(join(ROOT, JSONL), 'utf8'));
  return {
    results: lines.map(scoreJsonLine),
    raw: lines.map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    }),
    text: lines,
  };
}

const csv = readCsvSample();
const jsonl = readJsonlSample();

function byId(s: Sample, id: string): { result: RefResult; raw: Record<string, unknown> } {
  const i = s.results.findIndex((r) => r.id === id);
  if (i < 0) throw new Error(`no record ${id} in the sample`);
  return { result: s.results[i]!, raw: s.raw[i] ?? {} };
}

/** Sum of indicator points (before deductions and the floor). */
function indicatorSum(r: RefResult): number {
  return Object.values(r.indicators).reduce((a, b) => a + b, 0);
}

type EdgePredicate = (r: RefResult, raw: Record<string, unknown>) => boolean;

/** The edge cases the sample is meant to cover, with the ids that exhibit them (README.md lists the same). */
const CSV_EDGES: { edge: string; ids: string[]; holds: EdgePredicate }[] = [
  { edge: 'pass with a high score (≥ 95)', ids: ['BJ-DC-001', 'BJ-DC-002', 'BJ-DC-003'], holds: (r) => r.outcome === 'pass' && r.total! >= 95 },
  {
    edge: 'fail just below 85 (84.5)',
    ids: ['BJ-XC-001'],
    holds: (r) => r.outcome === 'fail' && r.total === 84.5 && r.passMark === 85 && r.reasons.join() === 'below-pass-mark',
  },
  { edge: 'pass at exactly 85, medium risk', ids: ['BJ-XC-002', 'BJ-HD-001'], holds: (r, raw) => r.outcome === 'pass' && r.total === 85 && raw['district_risk'] === 'medium' },
  { edge: 'pass at exactly 85, high risk', ids: ['BJ-XC-003', 'BJ-HD-002', 'BJ-SY-003'], holds: (r, raw) => r.outcome === 'pass' && r.total === 85 && raw['district_risk'] === 'high' },
  { edge: 'pass at exactly 80, low risk', ids: ['BJ-CY-001'], holds: (r, raw) => r.outcome === 'pass' && r.total === 80 && r.passMark === 80 && raw['district_risk'] === 'low' },
  { edge: 'fail at 79.5, low risk', ids: ['BJ-CY-002'], holds: (r, raw) => r.outcome === 'fail' && r.total === 79.5 && r.passMark === 80 && raw['district_risk'] === 'low' },
  { edge: '84.5 passes in a low-risk district', ids: ['BJ-CY-003'], holds: (r) => r.outcome === 'pass' && r.total === 84.5 && r.passMark === 80 },
  { edge: '80 fails outside a low-risk district', ids: ['BJ-CY-004'], holds: (r) => r.outcome === 'fail' && r.total === 80 && r.passMark === 85 },
  {
    edge: 'ratio 0.575 × 10 = 5.75 rounds half-up to 6 (and decides a pass at 85)',
    ids: ['BJ-HD-001', 'BJ-HD-002'],
    holds: (r, raw) =>
      ((raw['four_piece_check_rate'] === '0.575' && r.indicators['four_piece_check'] === 6) ||
        (raw['ledger_update_rate'] === '0.575' && r.indicators['population_ledger'] === 6)) &&
      r.total === 85 &&
      r.outcome === 'pass',
  },
  { edge: 'ratio 0.525 × 6 = 3.15 rounds to 3', ids: ['BJ-HD-003'], holds: (r, raw) => raw['garbage_sorting_rate'] === '0.525' && r.indicators['garbage_sorting'] === 3 },
  { edge: 'ratio 0.25 × 6 = 1.5 (a half point)', ids: ['BJ-HD-004', 'BJ-MTG-001'], holds: (r, raw) => raw['garbage_sorting_rate'] === '0.25' && r.indicators['garbage_sorting'] === 1.5 },
  {
    edge: 'ratios 0.125 × 6 = 0.75 → 1, 0.74 × 10 = 7.4 → 7.5, 0.72 × 10 = 7.2 → 7',
    ids: ['BJ-FT-001'],
    holds: (r) => r.indicators['garbage_sorting'] === 1 && r.indicators['four_piece_check'] === 7.5 && r.indicators['population_ledger'] === 7,
  },
  {
    edge: 'ratios near the ends: 0.9999 → 10, 0.0416 × 6 → 0, 0.975 × 10 = 9.75 → 10',
    ids: ['BJ-FT-002'],
    holds: (r) => r.indicators['four_piece_check'] === 10 && r.indicators['garbage_sorting'] === 0 && r.indicators['population_ledger'] === 10,
  },
  { edge: 'veto city_or_media_report alone', ids: ['BJ-SJS-001', 'BJ-MTG-002'], holds: (r) => r.outcome === 'vetoed' && r.vetoes.join() === 'city_or_media_report' },
  { edge: 'veto case_spread_lapse alone', ids: ['BJ-SJS-002', 'BJ-FS-001'], holds: (r) => r.outcome === 'vetoed' && r.vetoes.join() === 'case_spread_lapse' },
  { edge: 'both vetoes together', ids: ['BJ-MTG-001'], holds: (r) => r.outcome === 'vetoed' && r.vetoes.join() === 'city_or_media_report,case_spread_lapse' },
  { edge: 'vetoed with a high total (≥ 85)', ids: ['BJ-SJS-001', 'BJ-SJS-002', 'BJ-MTG-001', 'BJ-FS-001'], holds: (r) => r.outcome === 'vetoed' && r.total! >= r.passMark! },
  { edge: 'vetoed with a total below the pass mark', ids: ['BJ-MTG-002'], holds: (r) => r.outcome === 'vetoed' && r.total! < r.passMark! },
  { edge: 'vetoed and the hard requirement failed', ids: ['BJ-FS-001'], holds: (r) => r.outcome === 'vetoed' && r.hardRequirementsFailed.join() === 'checkpoint_24h_full' },
  {
    edge: 'hard fail (checkpoint_24h partial) with total ≥ 85',
    ids: ['BJ-FS-002', 'BJ-TZ-002'],
    holds: (r, raw) => r.outcome === 'fail' && raw['checkpoint_24h'] === 'partial' && r.total! >= 85 && r.reasons.join() === 'hard:checkpoint_24h_full',
  },
  {
    edge: 'hard fail (checkpoint_24h none) with total ≥ 85',
    ids: ['BJ-FS-003'],
    holds: (r, raw) => r.outcome === 'fail' && raw['checkpoint_24h'] === 'none' && r.total! >= 85 && r.reasons.join() === 'hard:checkpoint_24h_full',
  },
  { edge: 'hard fail and below the pass mark', ids: ['BJ-TZ-001'], holds: (r) => r.reasons.join() === 'hard:checkpoint_24h_full,below-pass-mark' },
  { edge: 'deduction of 1', ids: ['BJ-TZ-003'], holds: (r, raw) => raw['hotline_bad_count'] === '1' && r.deductionTotal === 1 && r.total === 99 },
  { edge: 'deduction of 5 (at the cap)', ids: ['BJ-SY-001'], holds: (r, raw) => raw['hotline_bad_count'] === '5' && r.deductionTotal === 5 && r.total === 95 },
  { edge: 'deduction of 9 capped at 5', ids: ['BJ-SY-002'], holds: (r, raw) => raw['hotline_bad_count'] === '9' && r.deductionTotal === 5 && r.total === 95 },
  { edge: 'deductions of 6 and 120 capped at 5', ids: ['BJ-SY-003', 'BJ-DX-003'], holds: (r, raw) => Number(raw['hotline_bad_count']) > 5 && r.deductionTotal === 5 },
  { edge: 'a deduction turns a pass into a fail (88 − 4 = 84)', ids: ['BJ-CP-001'], holds: (r) => indicatorSum(r) >= 85 && r.outcome === 'fail' && r.total === 84 },
  { edge: 'floor: deductions exceed the points, total 0', ids: ['BJ-CP-002', 'BJ-CP-003'], holds: (r) => r.total === 0 && indicatorSum(r) - r.deductionTotal < 0 },
  { edge: 'deductions exactly use up the points (5 − 5 = 0)', ids: ['BJ-DX-002'], holds: (r) => r.total === 0 && indicatorSum(r) === 5 && r.deductionTotal === 5 },
  { edge: 'zero points, no deductions', ids: ['BJ-DX-001'], holds: (r) => r.total === 0 && r.deductionTotal === 0 && r.outcome === 'fail' },
  { edge: 'invalid: wrong type (four_piece_check_rate = abc)', ids: ['BJ-HR-001'], holds: (r, raw) => r.outcome === 'invalid' && raw['four_piece_check_rate'] === 'abc' },
  { edge: 'invalid: missing field (empty ledger_update_rate)', ids: ['BJ-HR-002'], holds: (r, raw) => r.outcome === 'invalid' && raw['ledger_update_rate'] === '' },
  { edge: 'invalid: unknown level (fulll)', ids: ['BJ-HR-003'], holds: (r, raw) => r.outcome === 'invalid' && raw['checkpoint_24h'] === 'fulll' },
  { edge: 'invalid: negative count (-2)', ids: ['BJ-PG-001'], holds: (r, raw) => r.outcome === 'invalid' && raw['hotline_bad_count'] === '-2' },
  { edge: 'invalid: ratio above 1 (1.2)', ids: ['BJ-PG-002'], holds: (r, raw) => r.outcome === 'invalid' && raw['garbage_sorting_rate'] === '1.2' },
  { edge: 'invalid: malformed row (too few cells)', ids: ['BJ-PG-003'], holds: (r, raw) => r.outcome === 'invalid' && Object.keys(raw).length < FACT_IDS.length + 1 },
  { edge: 'invalid: a count that is not whole (1.5)', ids: ['BJ-MY-001'], holds: (r, raw) => r.outcome === 'invalid' && raw['hotline_bad_count'] === '1.5' },
  { edge: 'invalid: two bad cells in one record', ids: ['BJ-MY-002'], holds: (r) => r.outcome === 'invalid' && r.errors.length === 2 },
  {
    edge: 'invalid beats vetoed (bad data with both veto facts true)',
    ids: ['BJ-MY-003'],
    holds: (r, raw) => r.outcome === 'invalid' && raw['checkpoint_reported_by_city_or_media'] === 'true' && raw['case_with_management_lapse'] === 'true',
  },
];

const JSONL_EDGES: { edge: string; ids: (string | null)[]; holds: EdgePredicate }[] = [
  { edge: 'a line that is not JSON', ids: [null], holds: (r) => r.outcome === 'invalid' && r.errors[0]?.path === '' },
  { edge: 'a string where a ratio belongs ("0.95")', ids: ['BJ-YQ-902'], holds: (r, raw) => r.outcome === 'invalid' && raw['four_piece_check_rate'] === '0.95' },
  { edge: 'a missing field (no district_risk key)', ids: ['BJ-YQ-903'], holds: (r, raw) => r.outcome === 'invalid' && !('district_risk' in raw) },
  { edge: 'a string where an integer belongs ("2")', ids: ['BJ-YQ-904'], holds: (r, raw) => r.outcome === 'invalid' && raw['hotline_bad_count'] === '2' },
];

describe('Beijing sample data (reference scorer only)', () => {
  it('has at least 60 CSV records with unique ASCII ids carrying a district code', () => {
    expect(csv.header).toEqual(['id', ...FACT_IDS]);
    expect(csv.results.length).toBeGreaterThanOrEqual(60);
    const ids = csv.raw.map((r) => r?.['id']);
    for (const id of ids) expect(id).toMatch(/^BJ-[A-Z]{2,3}-\d{3}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers every outcome in both files', () => {
    for (const s of [csv, jsonl]) {
      const outcomes = new Set(s.results.map((r) => r.outcome));
      expect([...outcomes].sort()).toEqual(['fail', 'invalid', 'pass', 'vetoed']);
    }
  });

  it.each(CSV_EDGES)('CSV edge: $edge', ({ ids, holds }) => {
    for (const id of ids) {
      const { result, raw } = byId(csv, id);
      expect(holds(result, raw), `${id}: ${JSON.stringify(result)}`).toBe(true);
    }
  });

  it.each(JSONL_EDGES)('JSONL edge: $edge', ({ ids, holds }) => {
    for (const id of ids) {
      const i = jsonl.results.findIndex((r) => r.id === id);
      expect(i, `no record ${id}`).toBeGreaterThanOrEqual(0);
      expect(holds(jsonl.results[i]!, jsonl.raw[i] ?? {}), `${id}: ${jsonl.text[i]}`).toBe(true);
    }
  });

  it('the JSONL file holds exactly the valid CSV subjects, in order, scoring the same', () => {
    const fromCsv = csv.results.filter((r) => r.outcome !== 'invalid');
    const fromJsonl = jsonl.results.filter((r) => r.outcome !== 'invalid');
    expect(fromJsonl).toEqual(fromCsv);
    // … and JSON numbers and booleans are typed, not text.
    for (const raw of jsonl.raw) {
      if (!raw || scoreJsonLine(JSON.stringify(raw)).outcome === 'invalid') continue;
      expect(typeof raw['four_piece_check_rate']).toBe('number');
      expect(typeof raw['hotline_bad_count']).toBe('number');
      expect(typeof raw['checkpoint_facilities_ok']).toBe('boolean');
    }
  });

  it('the reference agrees with the rubric shape (14 indicators, 44/26/30, 100)', () => {
    expect(INDICATORS).toHaveLength(14);
    const bySection: Record<string, number> = {};
    for (const i of INDICATORS) bySection[i.section] = (bySection[i.section] ?? 0) + i.max;
    expect(bySection).toEqual(SECTION_MAX);
    expect(Object.values(bySection).reduce((a, b) => a + b, 0)).toBe(TOTAL_MAX);
  });
});

// ---------------------------------------------------------------- the CLI against the reference

interface CliRun {
  status: number | null;
  stderr: string;
  results: Record<string, unknown>[];
}

function runEval(data: string): CliRun {
  const bin = join(ROOT, BIN);
  if (!existsSync(bin)) throw new Error(`${BIN} is missing: build first (pnpm build)`);
  const r = spawnSync(process.execPath, [BIN, 'eval', RUBRIC, '--data', data, '--as-of', AS_OF, '--format', 'jsonl'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = (r.stdout ?? '').split('\n').filter((l) => l.trim() !== '');
  const results = lines.map((l, i) => {
    try {
      return JSON.parse(l) as Record<string, unknown>;
    } catch {
      throw new Error(`stdout line ${i + 1} is not JSON: ${l}\nstderr: ${r.stderr}`);
    }
  });
  return { status: r.status, stderr: r.stderr ?? '', results };
}

/** The fields compared, projected the same way from the CLI result and the reference. */
function projectCli(res: Record<string, unknown>, ref: RefResult): Record<string, unknown> {
  if (ref.outcome === 'invalid' || res['outcome'] === 'invalid') {
    const errors = (res['errors'] ?? []) as { path?: string; message?: string }[];
    return {
      // A record that could not be read at all (malformed row, non-JSON line) may lose its id.
      id: ref.errors.some((e) => e.path === '') && res['id'] === null ? ref.id : res['id'],
      outcome: res['outcome'],
      total: res['total'],
      hasErrors: errors.length > 0,
      // Each fact the reference finds bad is named by the CLI (in the error's path or message).
      factsNamed: ref.errors
        .filter((e) => e.path !== '')
        .map((e) => e.path.slice(1))
        .filter((f) => errors.some((x) => x.path === `/${f}` || (x.message ?? '').includes(f))),
    };
  }
  const reasons = ((res['reasons'] ?? []) as { key?: string }[]).map((x) => x.key);
  const sum = indicatorSum(ref);
  return {
    id: res['id'],
    outcome: res['outcome'],
    total: res['total'],
    sections: res['sections'],
    indicators: res['indicators'],
    passMark: res['passMark'],
    hardRequirementsFailed: res['hardRequirementsFailed'],
    vetoes: res['vetoes'],
    // Every reason for a pass or fail; for a veto, at least the vetoes (other reasons may or may not be listed).
    reasons: ref.outcome === 'vetoed' ? reasons.filter((k) => k?.startsWith('veto:')).sort() : [...reasons].sort(),
    // The deduction total is compared where the floor does not bite.
    ...(sum - ref.deductionTotal >= 0 ? { deductionTotal: res['deductionTotal'] } : {}),
  };
}

function projectRef(ref: RefResult): Record<string, unknown> {
  if (ref.outcome === 'invalid') {
    return {
      id: ref.id,
      outcome: 'invalid',
      total: null,
      hasErrors: true,
      factsNamed: ref.errors.filter((e) => e.path !== '').map((e) => e.path.slice(1)),
    };
  }
  return {
    id: ref.id,
    outcome: ref.outcome,
    total: ref.total,
    sections: ref.sections,
    indicators: ref.indicators,
    passMark: ref.passMark,
    hardRequirementsFailed: ref.hardRequirementsFailed,
    vetoes: ref.vetoes,
    reasons: (ref.outcome === 'vetoed' ? ref.reasons.filter((k) => k.startsWith('veto:')) : ref.reasons).sort(),
    ...(indicatorSum(ref) - ref.deductionTotal >= 0 ? { deductionTotal: ref.deductionTotal } : {}),
  };
}

describe.each([
  { file: CSV, sample: csv },
  { file: JSONL, sample: jsonl },
])('rubric eval $file matches the reference scorer', ({ file, sample }) => {
  let run: CliRun;
  beforeAll(() => {
    run = runEval(file);
  });

  it('exits 1 (the sample holds invalid records) and prints one JSON result per record, in order', () => {
    expect(run.status, run.stderr).toBe(1);
    expect(run.results.length, run.stderr).toBe(sample.results.length);
  });

  it('agrees with the reference on every record', () => {
    const got = sample.results.map((ref, i) => projectCli(run.results[i] ?? {}, ref));
    const want = sample.results.map(projectRef);
    expect(got).toEqual(want);
  });

  it('is invalid exactly where the reference is', () => {
    const cliInvalid = run.results.map((r, i) => [i, r['outcome'] === 'invalid'] as const).filter(([, b]) => b).map(([i]) => sample.text[i]);
    const refInvalid = sample.results.map((r, i) => [i, r.outcome === 'invalid'] as const).filter(([, b]) => b).map(([i]) => sample.text[i]);
    expect(cliInvalid).toEqual(refInvalid);
  });

  it('stamps every result with the rubric id, version and content hash, and the as-of date', () => {
    const hashes = new Set<unknown>();
    for (const res of run.results) {
      const rubric = res['rubric'] as { id: string; version: string; hash: string };
      expect(rubric.id).toBe('beijing-epidemic-free-community');
      expect(rubric.version).toBe('2022-06');
      expect(rubric.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(res['asOf']).toBe(AS_OF);
      expect(res['format']).toBe('rubric-result/1');
      hashes.add(rubric.hash);
    }
    expect(hashes.size).toBe(1);
  });
});

describe('the CSV and JSONL runs agree', () => {
  it('gives the same hash and the same results for the subjects both files hold', () => {
    const a = runEval(CSV).results;
    const b = runEval(JSONL).results;
    expect((a[0]!['rubric'] as { hash: string }).hash).toBe((b[0]!['rubric'] as { hash: string }).hash);
    const strip = (r: Record<string, unknown>) => {
      const { explanation: _e, ...rest } = r;
      return rest;
    };
    const validA = a.filter((r) => r['outcome'] !== 'invalid').map(strip);
    const validB = b.filter((r) => r['outcome'] !== 'invalid').map(strip);
    expect(validB).toEqual(validA);
  });
});

describe('rubric test', () => {
  it('passes the tests kept in the rubric file', () => {
    const bin = join(ROOT, BIN);
    if (!existsSync(bin)) throw new Error(`${BIN} is missing: build first (pnpm build)`);
    const r = spawnSync(process.execPath, [BIN, 'test', RUBRIC], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  });

  it('fails (exit 1) when a kept test expects the wrong total', () => {
    const text = readFileSync(join(ROOT, RUBRIC), 'utf8');
    const wrong = text.replace('outcome: pass\n      total: 100\n', 'outcome: pass\n      total: 99\n');
    expect(wrong).not.toBe(text);
    const dir = mkdtempSync(join(tmpdir(), 'beijing-'));
    try {
      const file = join(dir, '2022-06.yaml');
      writeFileSync(file, wrong);
      const r = spawnSync(process.execPath, [BIN, 'test', file], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
