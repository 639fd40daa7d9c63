/**
 * An independent, hand-written scorer for the Beijing sample rubric
 * (`rubrics/beijing-epidemic-free-community/2022-06.yaml`).
 *
 * It implements the pinned rules directly, imports no project package, and does all
 * arithmetic exactly: every score of this rubric is a multiple of 0.5, so points are
 * kept as BigInt counts of half points ("halves") and ratios as BigInt decimals.
 * It is the oracle the end-to-end test compares the real CLI against; keep it dumb
 * and obviously right rather than clever.
 *
 * Rules (see the rubric file and its README):
 * - level indicator: full → max, partial → max/2, otherwise 0;
 * - ratio indicator: round(max × rate, 0.5), half-up (5.75 → 6, 3.15 → 3);
 * - boolean indicator: max if true else 0;
 * - total = Σ indicators − min(hotline_bad_count × 1, 5), never below 0;
 * - pass mark 85, or 80 when district_risk is low;
 * - hard requirement checkpoint_24h_full: indicator checkpoint_24h at full marks;
 * - vetoes city_or_media_report / case_spread_lapse on their boolean facts;
 * - outcome: invalid (bad data) > vetoed (any veto) > fail (hard requirement failed or
 *   total below the pass mark) > pass.
 */

export type RefOutcome = 'pass' | 'fail' | 'vetoed' | 'invalid';

export interface RefResult {
  /** The record's `id`, or null when it has none that can be read. */
  id: string | null;
  outcome: RefOutcome;
  /** null when invalid. */
  total: number | null;
  sections: Record<string, number>;
  indicators: Record<string, number>;
  /** Deductions after their cap (before the floor). */
  deductionTotal: number;
  passMark: number | null;
  hardRequirementsFailed: string[];
  vetoes: string[];
  /** Reason keys: `veto:<id>`, `hard:<id>`, `below-pass-mark` (all that apply, whatever the outcome). */
  reasons: string[];
  /** Why the record is invalid: one entry per problem, each naming the fact (`/fact: …`) or the record (`: …`). */
  errors: { path: string; message: string }[];
}

// ---------------------------------------------------------------- the rubric, by hand

export const LEVELS = ['full', 'partial', 'none'] as const;
export const RISKS = ['low', 'medium', 'high'] as const;

type FactKind = 'level' | 'risk' | 'ratio' | 'boolean' | 'count';

/** Every fact, in the order the CSV header lists them. All are required. */
export const FACTS: readonly { id: string; kind: FactKind }[] = [
  { id: 'checkpoint_24h', kind: 'level' },
  { id: 'four_piece_check_rate', kind: 'ratio' },
  { id: 'checkpoint_facilities_ok', kind: 'boolean' },
  { id: 'service_staff_access', kind: 'level' },
  { id: 'checkpoint_disinfection_ok', kind: 'boolean' },
  { id: 'guard_protection_ok', kind: 'boolean' },
  { id: 'ledger_update_rate', kind: 'ratio' },
  { id: 'quarantine_management', kind: 'level' },
  { id: 'publicity', kind: 'level' },
  { id: 'garbage_sorting_rate', kind: 'ratio' },
  { id: 'public_disinfection_ok', kind: 'boolean' },
  { id: 'property_management', kind: 'level' },
  { id: 'party_coordination_ok', kind: 'boolean' },
  { id: 'emergency_system', kind: 'level' },
  { id: 'checkpoint_reported_by_city_or_media', kind: 'boolean' },
  { id: 'case_with_management_lapse', kind: 'boolean' },
  { id: 'hotline_bad_count', kind: 'count' },
  { id: 'district_risk', kind: 'risk' },
];

export const FACT_IDS: readonly string[] = FACTS.map((f) => f.id);

type IndicatorKind = 'level' | 'ratio' | 'boolean';

/** Every indicator: section, id, maximum points (whole numbers), the fact it reads and how. */
export const INDICATORS: readonly { section: string; id: string; max: number; fact: string; kind: IndicatorKind }[] = [
  { section: 's1', id: 'checkpoint_24h', max: 10, fact: 'checkpoint_24h', kind: 'level' },
  { section: 's1', id: 'four_piece_check', max: 10, fact: 'four_piece_check_rate', kind: 'ratio' },
  { section: 's1', id: 'checkpoint_facilities', max: 6, fact: 'checkpoint_facilities_ok', kind: 'boolean' },
  { section: 's1', id: 'service_staff_access', max: 6, fact: 'service_staff_access', kind: 'level' },
  { section: 's1', id: 'checkpoint_disinfection', max: 6, fact: 'checkpoint_disinfection_ok', kind: 'boolean' },
  { section: 's1', id: 'guard_protection', max: 6, fact: 'guard_protection_ok', kind: 'boolean' },
  { section: 's2', id: 'population_ledger', max: 10, fact: 'ledger_update_rate', kind: 'ratio' },
  { section: 's2', id: 'quarantine_management', max: 10, fact: 'quarantine_management', kind: 'level' },
  { section: 's2', id: 'publicity', max: 6, fact: 'publicity', kind: 'level' },
  { section: 's3', id: 'garbage_sorting', max: 6, fact: 'garbage_sorting_rate', kind: 'ratio' },
  { section: 's3', id: 'public_disinfection', max: 6, fact: 'public_disinfection_ok', kind: 'boolean' },
  { section: 's3', id: 'property_management', max: 6, fact: 'property_management', kind: 'level' },
  { section: 's3', id: 'party_coordination', max: 6, fact: 'party_coordination_ok', kind: 'boolean' },
  { section: 's3', id: 'emergency_system', max: 6, fact: 'emergency_system', kind: 'level' },
];

export const SECTION_IDS = ['s1', 's2', 's3'] as const;
export const SECTION_MAX: Record<string, number> = { s1: 44, s2: 26, s3: 30 };
export const TOTAL_MAX = 100;

const HOTLINE_AMOUNT_HALVES = 2n; // 1 point per complaint
const HOTLINE_CAP_HALVES = 10n; // at most 5 points
const FLOOR_HALVES = 0n;

// ---------------------------------------------------------------- exact decimals

/** A non-negative or negative decimal `coef × 10^-scale`. */
interface Dec {
  coef: bigint;
  scale: number;
}

const DECIMAL_TEXT = /^([+-])?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Parses decimal text exactly (`0.575`, `1`, `1e-7`), or null. */
export function parseDecimal(text: string): Dec | null {
  const m = DECIMAL_TEXT.exec(text);
  if (!m) return null;
  const [, sign, int, frac = '', exp = '0'] = m;
  let coef = BigInt(int! + frac);
  let scale = frac.length - Number(exp);
  if (scale < 0) {
    coef *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (sign === '-') coef = -coef;
  return { coef, scale };
}

/** round(max × rate, 0.5) half-up, in halves; rate is in [0, 1] so everything is non-negative. */
function ratioHalves(max: number, rate: Dec): bigint {
  // max × rate × 2 = n / d; half-up to an integer: floor((2n + d) / 2d).
  const n = 2n * BigInt(max) * rate.coef;
  const d = 10n ** BigInt(rate.scale);
  return (2n * n + d) / (2n * d);
}

/** Halves → a JS number (exact: every multiple of 0.5 in range is a double). */
function num(halves: bigint): number {
  return Number(halves) / 2;
}

// ---------------------------------------------------------------- reading records

/** A fact's value after validation. */
type Value = { kind: 'level'; v: string } | { kind: 'ratio'; v: Dec } | { kind: 'boolean'; v: boolean } | { kind: 'count'; v: bigint };

type Read = { ok: true; value: Value } | { ok: false; message: string };

function readText(kind: FactKind, cell: string): Read {
  switch (kind) {
    case 'level':
    case 'risk': {
      const allowed: readonly string[] = kind === 'level' ? LEVELS : RISKS;
      return allowed.includes(cell) ? { ok: true, value: { kind: 'level', v: cell } } : { ok: false, message: `\`${cell}\` is not one of ${allowed.join(', ')}` };
    }
    case 'boolean':
      if (cell === 'true') return { ok: true, value: { kind: 'boolean', v: true } };
      if (cell === 'false') return { ok: true, value: { kind: 'boolean', v: false } };
      return { ok: false, message: `\`${cell}\` is not true or false` };
    case 'ratio': {
      const d = parseDecimal(cell);
      if (!d) return { ok: false, message: `\`${cell}\` is not a number` };
      return ratioInRange(d, cell);
    }
    case 'count': {
      if (!/^[+-]?\d+$/.test(cell)) return { ok: false, message: `\`${cell}\` is not a whole number` };
      return countInRange(BigInt(cell), cell);
    }
  }
}

function readJson(kind: FactKind, raw: unknown): Read {
  switch (kind) {
    case 'level':
    case 'risk': {
      const allowed: readonly string[] = kind === 'level' ? LEVELS : RISKS;
      return typeof raw === 'string' && allowed.includes(raw)
        ? { ok: true, value: { kind: 'level', v: raw } }
        : { ok: false, message: `${JSON.stringify(raw)} is not one of ${allowed.join(', ')}` };
    }
    case 'boolean':
      return typeof raw === 'boolean' ? { ok: true, value: { kind: 'boolean', v: raw } } : { ok: false, message: `${JSON.stringify(raw)} is not a boolean` };
    case 'ratio': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return { ok: false, message: `${JSON.stringify(raw)} is not a number` };
      // A JSON number stands for the decimal its shortest text spells (0.575, not 0.57499…).
      return ratioInRange(parseDecimal(String(raw))!, String(raw));
    }
    case 'count': {
      if (typeof raw !== 'number' || !Number.isInteger(raw)) return { ok: false, message: `${JSON.stringify(raw)} is not a whole number` };
      return countInRange(BigInt(raw), String(raw));
    }
  }
}

function ratioInRange(d: Dec, text: string): Read {
  if (d.coef < 0n || d.coef > 10n ** BigInt(d.scale)) return { ok: false, message: `${text} is outside 0..1` };
  return { ok: true, value: { kind: 'ratio', v: d } };
}

function countInRange(n: bigint, text: string): Read {
  if (n < 0n) return { ok: false, message: `${text} is below the minimum 0` };
  return { ok: true, value: { kind: 'count', v: n } };
}

// ---------------------------------------------------------------- scoring

function invalid(id: string | null, errors: { path: string; message: string }[]): RefResult {
  return {
    id,
    outcome: 'invalid',
    total: null,
    sections: {},
    indicators: {},
    deductionTotal: 0,
    passMark: null,
    hardRequirementsFailed: [],
    vetoes: [],
    reasons: [],
    errors,
  };
}

function score(id: string | null, values: Record<string, Value>): RefResult {
  const level = (f: string): string => (values[f] as { v: string }).v;
  const bool = (f: string): boolean => (values[f] as { v: boolean }).v;
  const ratio = (f: string): Dec => (values[f] as { v: Dec }).v;
  const count = (f: string): bigint => (values[f] as { v: bigint }).v;

  const indicatorHalves: Record<string, bigint> = {};
  const sectionHalves: Record<string, bigint> = { s1: 0n, s2: 0n, s3: 0n };
  for (const ind of INDICATORS) {
    let h: bigint;
    const maxHalves = BigInt(ind.max) * 2n;
    if (ind.kind === 'level') {
      const l = level(ind.fact);
      h = l === 'full' ? maxHalves : l === 'partial' ? maxHalves / 2n : 0n;
    } else if (ind.kind === 'boolean') {
      h = bool(ind.fact) ? maxHalves : 0n;
    } else {
      h = ratioHalves(ind.max, ratio(ind.fact));
    }
    indicatorHalves[ind.id] = h;
    sectionHalves[ind.section] = sectionHalves[ind.section]! + h;
  }
  const sum = Object.values(sectionHalves).reduce((a, b) => a + b, 0n);
  let deduction = count('hotline_bad_count') * HOTLINE_AMOUNT_HALVES;
  if (deduction > HOTLINE_CAP_HALVES) deduction = HOTLINE_CAP_HALVES;
  let total = sum - deduction;
  if (total < FLOOR_HALVES) total = FLOOR_HALVES;

  const passMark = level('district_risk') === 'low' ? 80 : 85;

  const vetoes: string[] = [];
  if (bool('checkpoint_reported_by_city_or_media')) vetoes.push('city_or_media_report');
  if (bool('case_with_management_lapse')) vetoes.push('case_spread_lapse');

  const hardRequirementsFailed: string[] = [];
  if (indicatorHalves['checkpoint_24h'] !== 20n) hardRequirementsFailed.push('checkpoint_24h_full');

  const below = total < BigInt(passMark) * 2n;
  const reasons = [...vetoes.map((v) => `veto:${v}`), ...hardRequirementsFailed.map((h) => `hard:${h}`), ...(below ? ['below-pass-mark'] : [])];
  const outcome: RefOutcome = vetoes.length > 0 ? 'vetoed' : hardRequirementsFailed.length > 0 || below ? 'fail' : 'pass';

  return {
    id,
    outcome,
    total: num(total),
    sections: Object.fromEntries(Object.entries(sectionHalves).map(([k, v]) => [k, num(v)])),
    indicators: Object.fromEntries(Object.entries(indicatorHalves).map(([k, v]) => [k, num(v)])),
    deductionTotal: num(deduction),
    passMark,
    hardRequirementsFailed,
    vetoes,
    reasons,
    errors: [],
  };
}

/** Scores one CSV data row given the header; cells are raw text (no quoting in the sample). */
export function scoreCsvRow(header: readonly string[], cells: readonly string[]): RefResult {
  const idIndex = header.indexOf('id');
  const id = idIndex >= 0 && cells[idIndex] !== undefined && cells[idIndex] !== '' ? cells[idIndex]! : null;
  if (cells.length !== header.length) {
    return invalid(id, [{ path: '', message: `the row has ${cells.length} cells, the header ${header.length}` }]);
  }
  const errors: { path: string; message: string }[] = [];
  const values: Record<string, Value> = {};
  for (const fact of FACTS) {
    const i = header.indexOf(fact.id);
    const cell = i >= 0 ? cells[i]! : '';
    if (cell === '') {
      errors.push({ path: `/${fact.id}`, message: 'required fact is missing' });
      continue;
    }
    const r = readText(fact.kind, cell);
    if (r.ok) values[fact.id] = r.value;
    else errors.push({ path: `/${fact.id}`, message: r.message });
  }
  return errors.length > 0 ? invalid(id, errors) : score(id, values);
}

/** Scores one JSONL line (the raw text of the line). */
export function scoreJsonLine(line: string): RefResult {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    return invalid(null, [{ path: '', message: 'not valid JSON' }]);
  }
  return scoreJsonObject(obj);
}

/** Scores one subject given as a JSON value. */
export function scoreJsonObject(obj: unknown): RefResult {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return invalid(null, [{ path: '', message: 'a subject must be a JSON object' }]);
  }
  const rec = obj as Record<string, unknown>;
  const id = typeof rec['id'] === 'string' ? rec['id'] : null;
  const errors: { path: string; message: string }[] = [];
  const values: Record<string, Value> = {};
  for (const fact of FACTS) {
    if (!(fact.id in rec)) {
      errors.push({ path: `/${fact.id}`, message: 'required fact is missing' });
      continue;
    }
    const r = readJson(fact.kind, rec[fact.id]);
    if (r.ok) values[fact.id] = r.value;
    else errors.push({ path: `/${fact.id}`, message: r.message });
  }
  return errors.length > 0 ? invalid(id, errors) : score(id, values);
}

// ---------------------------------------------------------------- reading the sample files

/**
 * Splits CSV text into rows of cells. The sample has no quoted fields, so a plain split
 * is exact; a quote anywhere is refused rather than mis-read.
 */
export function splitCsv(text: string): { header: string[]; rows: string[][] } {
  if (text.includes('"')) throw new Error('splitCsv: quoted CSV is not supported by this tiny reader');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const [head, ...rest] = lines;
  return { header: (head ?? '').split(','), rows: rest.map((l) => l.split(',')) };
}

/** Non-empty lines of a JSONL file. */
export function splitJsonl(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}
