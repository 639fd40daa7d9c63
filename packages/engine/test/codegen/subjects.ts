/**
 * Random subjects for differential tests, from a rubric's facts: mostly valid data with the
 * values where exact arithmetic matters (rounding ties like 0.575, tenths that floats get
 * wrong, more decimals than the fast path keeps, numbers past 2^53), and a share of broken
 * records (missing, mistyped, unknown fields, not an object). Seeded: every run sees the same
 * subjects.
 */
import type { Fact, Rubric } from '@rubric/model';

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIES = [0.575, 0.525, 0.025, 0.25, 0.05, 0.75, 0.125, 0.95, 0.45, 0.35, 0.1, 0.2, 0.3, 0.7];
const NOISY = [0.1 + 0.2, 0.7 + 0.1, 1 / 3, 2 / 3, 0.123456789, 1e-7, 5e-324, 0.9999999999999999];
const TEXTS = ['ok', 'fine', 'none', 'a"b', 'a"b\\c\u2028d', '*/ ${x} "', '</script>', '"', '${x}', '', '完全落实'];

/** A random generator of subjects for one rubric. */
export class SubjectGenerator {
  private readonly rand: () => number;

  private readonly seeds: readonly Record<string, unknown>[];
  private readonly brokenShare: number;
  private readonly noise: number;

  constructor(
    private readonly rubric: Rubric,
    seed: number,
    options: {
      /**
       * Good subjects to start from (a rubric's test cases): most subjects are one of them with
       * a few facts changed, so every outcome comes up, not only the ones uniform data reaches.
       */
      seeds?: readonly Record<string, unknown>[];
      /** Share of records broken on purpose (default 0.04). */
      brokenShare?: number;
      /** How often numbers are noisy (floats like 0.1 + 0.2, many decimals), relative to the default 1. */
      noise?: number;
    } = {},
  ) {
    this.rand = prng(seed);
    this.seeds = options.seeds ?? [];
    this.brokenShare = options.brokenShare ?? 0.04;
    this.noise = options.noise ?? 1;
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)]!;
  }

  private chance(p: number): boolean {
    return this.rand() < p;
  }

  /** A number for a decimal or ratio fact within [min, max]. */
  private decimal(min: number, max: number): number {
    const r = this.rand();
    const noisy = this.rand() < this.noise;
    if (r < 0.05) return this.pick([min, max]);
    if (r < 0.1 && noisy) {
      const x = this.pick(NOISY) * (max - min > 2 ? 10 : 1);
      if (x >= min && x <= max) return x;
    }
    if (r < 0.13 && noisy) {
      // Many decimals: more than the fast path's scale.
      const x = min + this.rand() * (max - min);
      if (x >= min && x <= max) return x;
    }
    if (r < 0.3 && min <= 0 && max >= 1) return this.pick(TIES);
    const places = this.pick([0, 1, 1, 2, 2, 3, 4]);
    const f = 10 ** places;
    const x = Math.round((min + this.rand() * (max - min)) * f) / f;
    return Math.min(max, Math.max(min, x));
  }

  private integer(min: number | undefined, max: number | undefined): number {
    const lo = min ?? (this.chance(0.2) ? -50 : 0);
    const r = this.rand();
    if (max === undefined && r < 0.03) return this.pick([2 ** 53, 2 ** 53 + 2, 1e20, 9007199254740991, 1234567]);
    if (r < 0.08) return min !== undefined ? min : max ?? 0;
    const hi = max ?? lo + this.pick([3, 8, 20, 2000000]);
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }

  private date(): string {
    const y = this.pick([2021, 2022, 2022, 2022, 2023]);
    const m = 1 + Math.floor(this.rand() * 12);
    const d = 1 + Math.floor(this.rand() * 28);
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }

  /** A valid value of a fact. */
  value(f: Fact): unknown {
    const t = f.type;
    switch (t.kind) {
      case 'boolean':
        return this.chance(0.6);
      case 'integer':
        return this.integer(t.min, t.max);
      case 'decimal':
        return this.decimal(t.min ?? (this.chance(0.5) ? -1000 : 0), t.max ?? 1000);
      case 'ratio':
        return this.decimal(0, 1);
      case 'level':
        return this.pick(t.levels).value;
      case 'date':
        return this.date();
      case 'text':
        return this.pick(TEXTS);
      case 'list': {
        const count = this.pick([0, 1, 2, 3, 4]);
        return Array.from({ length: count }, () => this.record(t.fields));
      }
    }
  }

  private record(fields: readonly Fact[]): Record<string, unknown> {
    const rec: Record<string, unknown> = {};
    for (const f of fields) {
      if (!f.required && this.chance(0.3)) continue;
      rec[f.id] = this.value(f);
    }
    return rec;
  }

  /** Deduction ranges bound what the assessor may record. */
  private clampToDeductions(s: Record<string, unknown>): void {
    for (const d of this.rubric.deductions) {
      if (d.kind !== 'discretionary') continue;
      const fix = (v: unknown): unknown => (typeof v === 'number' ? Math.min(d.max, Math.max(d.min, v)) : v);
      if (d.field === undefined) s[d.fact] = fix(s[d.fact]);
      else if (Array.isArray(s[d.fact])) for (const r of s[d.fact] as Record<string, unknown>[]) if (d.field in r) r[d.field] = fix(r[d.field]);
    }
  }

  /** One subject (sometimes broken), with an id. */
  next(i: number): unknown {
    const s: Record<string, unknown> = {};
    const idKind = this.rand();
    if (idKind < 0.8) s.id = `S-${i}`;
    else if (idKind < 0.9) s.id = i;
    if (this.seeds.length > 0 && this.chance(0.7)) {
      const seed = JSON.parse(JSON.stringify(this.pick(this.seeds))) as Record<string, unknown>;
      delete seed.id;
      Object.assign(s, seed);
      const changes = Math.floor(this.rand() * 4);
      for (let c = 0; c < changes && this.rubric.facts.length > 0; c++) {
        const f = this.pick(this.rubric.facts);
        s[f.id] = this.value(f);
      }
    } else {
      for (const f of this.rubric.facts) {
        if (!f.required && this.chance(0.25)) continue;
        s[f.id] = this.value(f);
      }
    }
    this.clampToDeductions(s);
    if (this.chance(this.brokenShare)) return this.breakIt(s);
    return s;
  }

  private breakIt(s: Record<string, unknown>): unknown {
    const facts = this.rubric.facts;
    const f = facts.length > 0 ? this.pick(facts) : undefined;
    switch (Math.floor(this.rand() * 7)) {
      case 0:
        if (f) delete s[f.id];
        return s;
      case 1:
        if (f) s[f.id] = this.pick(['x', 3.5, true, null, [], {}]);
        return s;
      case 2:
        s[`${f?.id ?? 'x'}_typo`] = 1;
        return s;
      case 3:
        return this.pick([null, 3, 'subject', [s]]);
      case 4:
        if (f) s[f.id] = this.pick([Number.NaN, -1, 2, 1e400]);
        return s;
      case 5:
        if (f?.type.kind === 'date') s[f.id] = '2022-02-30';
        else if (f?.type.kind === 'level') s[f.id] = 'nonsense';
        else if (f) s[f.id] = -0;
        return s;
      default:
        s.name = this.pick(['ok', 7]);
        return s;
    }
  }
}

/** Dates to evaluate on: the rubric's start, every parameter period's ends and the days around them, one before everything. */
export function asOfDates(rubric: Rubric): string[] {
  const out = new Set<string>([rubric.effective.from, '2021-06-01', '2022-06-20']);
  for (const p of rubric.parameters) {
    for (const per of p.periods) {
      if (per.from) out.add(per.from);
      if (per.until) out.add(per.until);
    }
  }
  return [...out].sort();
}
