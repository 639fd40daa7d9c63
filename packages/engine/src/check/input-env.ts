/**
 * What the range analysis knows of the inputs at one point of a rule: one entry per fact,
 * field or parameter (a range of numbers, or a set of possible values), starting from the
 * declarations and narrowed by the conditions assumed on the way there.
 */
import { Decimal, type Fact } from '@rubric/model';
import type { Cmp } from './comparisons.js';
import { dec } from './fold.js';
import type { Interval } from './intervals.js';

/** What is known of one number fact, field or parameter: a range with open or closed ends. */
export interface NumberEntry {
  kind: 'number';
  lo: Decimal | null;
  hi: Decimal | null;
  loOpen: boolean;
  hiOpen: boolean;
  integer: boolean;
  /** The entry describes exactly the values still possible (not just a superset of them). */
  precise: boolean;
}

/** What is known of one true/false or level fact: the values still possible (`"true"`/`"false"` for booleans). */
export interface SetEntry {
  kind: 'set';
  values: ReadonlySet<string>;
  precise: boolean;
}

/** A value the analysis does not track (text, dates, lists) that a condition has constrained. */
export interface OpaqueEntry {
  kind: 'opaque';
  precise: false;
}

/** What the analysis knows of one binding. */
export type Entry = NumberEntry | SetEntry | OpaqueEntry;

/**
 * What is known of the inputs at one point of a rule: the declared ranges, narrowed by the
 * conditions assumed on the way there. Immutable.
 */
export class Env {
  constructor(
    private readonly base: ReadonlyMap<string, Entry>,
    /** Entries changed from the declarations. */
    readonly overrides: ReadonlyMap<string, Entry> = new Map(),
  ) {}

  /** What is known of a binding (by {@link bindingKey}). */
  get(key: string): Entry | undefined {
    return this.overrides.get(key) ?? this.base.get(key);
  }

  /** This environment with one entry replaced. */
  with(key: string, entry: Entry): Env {
    const o = new Map(this.overrides);
    o.set(key, entry);
    return new Env(this.base, o);
  }

  /** This environment with the given bindings' entries marked imprecise (a condition constrained them in a way the analysis cannot represent). */
  imprecise(keys: Iterable<string>): Env {
    let o: Map<string, Entry> | undefined;
    for (const k of keys) {
      const e = this.get(k);
      if (e && !e.precise) continue;
      o ??= new Map(this.overrides);
      o.set(k, e ? { ...e, precise: false } as Entry : { kind: 'opaque', precise: false });
    }
    return o ? new Env(this.base, o) : this;
  }

  /** This environment with every entry whose key starts with `prefix` back to its declaration. */
  reset(prefix: string): Env {
    if (![...this.overrides.keys()].some((k) => k.startsWith(prefix))) return this;
    return new Env(this.base, new Map([...this.overrides].filter(([k]) => !k.startsWith(prefix))));
  }

  /**
   * Whether every assumption made so far is represented exactly: then the environment's
   * inputs really occur (each entry is non-empty and facts are independent).
   */
  certain(): boolean {
    for (const e of this.overrides.values()) if (!e.precise) return false;
    return true;
  }

  /**
   * Whether this environment (narrowed from `from`) holds an assumption that the analysis
   * could not represent exactly, beyond those `from` already had: then it is not known
   * whether any input gets here, and values computed here claim no tight bounds.
   */
  lessCertainThan(from: Env): boolean {
    for (const [k, e] of this.overrides) if (!e.precise && from.get(k)?.precise !== false) return true;
    return false;
  }

  /** Inputs in either environment (after `or`, or after the two branches of `if`). */
  static join(a: Env | null, b: Env | null): Env | null {
    if (!a) return b;
    if (!b) return a;
    const keys = new Set([...a.overrides.keys(), ...b.overrides.keys()]);
    const differing = [...keys].filter((k) => !sameEntry(a.get(k), b.get(k)));
    const o = new Map<string, Entry>();
    for (const k of keys) {
      const ea = a.get(k);
      const eb = b.get(k);
      if (!ea || !eb) {
        o.set(k, { kind: 'opaque', precise: false });
        continue;
      }
      if (!differing.includes(k)) {
        o.set(k, ea.precise && eb.precise ? ea : eb.precise ? ea : eb);
        continue;
      }
      o.set(k, unionEntry(ea, eb, differing.length === 1));
    }
    return new Env(a.base, o);
  }
}

function sameEntry(a: Entry | undefined, b: Entry | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'set' && b.kind === 'set') return a.values.size === b.values.size && [...a.values].every((v) => b.values.has(v));
  if (a.kind === 'number' && b.kind === 'number') {
    const eq = (x: Decimal | null, y: Decimal | null): boolean => (x === null ? y === null : y !== null && x.eq(y));
    return eq(a.lo, b.lo) && eq(a.hi, b.hi) && a.loOpen === b.loOpen && a.hiOpen === b.hiOpen;
  }
  return false;
}

/** One of two entries; exact for sets when it is the only binding on which two environments differ. */
function unionEntry(a: Entry, b: Entry, onlyDifference: boolean): Entry {
  if (a.kind === 'set' && b.kind === 'set') {
    return { kind: 'set', values: new Set([...a.values, ...b.values]), precise: onlyDifference && a.precise && b.precise };
  }
  if (a.kind === 'number' && b.kind === 'number') {
    const lo = a.lo === null || b.lo === null ? null : Decimal.min(a.lo, b.lo);
    const hi = a.hi === null || b.hi === null ? null : Decimal.max(a.hi, b.hi);
    const loOpen = lo !== null && (a.lo?.eq(lo) ? a.loOpen : true) && (b.lo?.eq(lo) ? b.loOpen : true);
    const hiOpen = hi !== null && (a.hi?.eq(hi) ? a.hiOpen : true) && (b.hi?.eq(hi) ? b.hiOpen : true);
    return { kind: 'number', lo, hi, loOpen, hiOpen, integer: a.integer, precise: false };
  }
  return { kind: 'opaque', precise: false };
}

/** The entry a fact (or field) declaration gives, before any condition. */
export function declaredEntry(fact: Fact): Entry | undefined {
  const e = declaredEntry0(fact);
  // A fact declared with min > max is reported elsewhere; analyse it as unbounded.
  if (e?.kind === 'number' && e.lo !== null && e.hi !== null && e.lo.gt(e.hi)) return { ...e, lo: null, hi: null, precise: false };
  return e;
}

function declaredEntry0(fact: Fact): Entry | undefined {
  const t = fact.type;
  switch (t.kind) {
    case 'boolean':
      return { kind: 'set', values: new Set(['true', 'false']), precise: true };
    case 'level':
      return { kind: 'set', values: new Set(t.levels.map((l) => l.value)), precise: true };
    case 'ratio':
      return { kind: 'number', lo: Decimal.ZERO, hi: Decimal.ONE, loOpen: false, hiOpen: false, integer: false, precise: true };
    case 'integer':
      return {
        kind: 'number',
        lo: t.min === undefined ? null : dec(t.min).roundTo(Decimal.ONE, 'up'),
        hi: t.max === undefined ? null : dec(t.max).roundTo(Decimal.ONE, 'down'),
        loOpen: false,
        hiOpen: false,
        integer: true,
        precise: true,
      };
    case 'decimal':
      return {
        kind: 'number',
        lo: t.min === undefined ? null : dec(t.min),
        hi: t.max === undefined ? null : dec(t.max),
        loOpen: false,
        hiOpen: false,
        integer: false,
        precise: true,
      };
    default:
      return undefined;
  }
}

/** Narrows a number entry by `x op c`; null when no value is left. */
export function narrowNumber(e: NumberEntry, op: Cmp, c: Decimal): NumberEntry | null {
  let { lo, hi, loOpen, hiOpen, precise } = e;
  const upper = (v: Decimal, open: boolean): void => {
    if (hi === null || v.lt(hi)) {
      hi = v;
      hiOpen = open;
    } else if (v.eq(hi)) hiOpen ||= open;
  };
  const lower = (v: Decimal, open: boolean): void => {
    if (lo === null || v.gt(lo)) {
      lo = v;
      loOpen = open;
    } else if (v.eq(lo)) loOpen ||= open;
  };
  switch (op) {
    case '<':
      upper(c, true);
      break;
    case '<=':
      upper(c, false);
      break;
    case '>':
      lower(c, true);
      break;
    case '>=':
      lower(c, false);
      break;
    case '==':
      lower(c, false);
      upper(c, false);
      break;
    case '!=':
      if (lo !== null && lo.eq(c)) lower(c, true);
      else if (hi !== null && hi.eq(c)) upper(c, true);
      else if ((lo === null || lo.lt(c)) && (hi === null || hi.gt(c)) && !(e.integer && !c.isInteger())) precise = false; // a hole
      break;
  }
  if (e.integer) {
    if (hi !== null) {
      const f: Decimal = hi.roundTo(Decimal.ONE, 'down');
      hi = hiOpen && f.eq(hi) ? f.sub(Decimal.ONE) : f;
      hiOpen = false;
    }
    if (lo !== null) {
      const c2: Decimal = lo.roundTo(Decimal.ONE, 'up');
      lo = loOpen && c2.eq(lo) ? c2.add(Decimal.ONE) : c2;
      loOpen = false;
    }
  }
  if (lo !== null && hi !== null && (lo.gt(hi) || (lo.eq(hi) && (loOpen || hiOpen)))) return null;
  return { kind: 'number', lo, hi, loOpen, hiOpen, integer: e.integer, precise };
}

/** An entry's values as an interval; bounds are tight when the entry is precise and the end closed. */
export function entryInterval(e: NumberEntry): Interval {
  return { lo: e.lo, hi: e.hi, loTight: e.precise && !e.loOpen, hiTight: e.precise && !e.hiOpen };
}
