/**
 * IR → the JavaScript source of one evaluator (see docs/compile.md for the design).
 *
 * Two scoring paths are generated from the same walk of the IR:
 *
 * - the **fast path** keeps every number as a scaled integer in a plain JS number, with the
 *   scale known at compile time (`0.5` is 5 at scale 1; a ratio from the data is read at scale
 *   {@link DATA_SCALE}). It tracks a bound on every value and guards each operation that could
 *   leave the range of exact integers (2^53). Whenever exactness is not certain — a data value
 *   with more decimals than its scale, an overflow, a division that does not terminate — or
 *   the subject meets an error (division by zero, points out of range), it gives up on the
 *   subject (`return;`) and…
 * - the **exact path** scores it again with BigInt decimals, statement for statement what the
 *   reference interpreter does, errors and their messages included.
 *
 * Both paths read the facts straight from the subject once a generated check (compiled from
 * the input schema) has accepted it; a subject the check rejects goes to `fallback`, which
 * reports its errors (the reference evaluator in the library, ajv in a standalone module).
 *
 * The code comes in units: `main` (the input check, `evaluate`, `invalid`) and one unit per
 * scoring function (fast, fast with explanations, exact), each self-contained, so that the
 * library generates and builds a unit only when a subject first needs it
 * ({@link emitEvaluatorParts}); {@link emitEvaluatorBody} puts them all in one body of
 * `function (rt, fallback)` returning `{ evaluate, invalid, paths }`, as standalone modules hold it.
 *
 * Every rubric string enters the source through the `_` template as a JSON literal; every
 * identifier is generated.
 */
import {
  Decimal,
  RESULT_FORMAT,
  contentHash,
  formatExpr,
  type Expr,
  type Fact,
  type FactValue,
  type Indicator,
  type Parameter,
  type Rubric,
} from '@rubric/model';
import { _, Block, join, literal, objectLiteral, setProp, type Code, Name, NameGen } from './code.js';
import { emitPrecheck } from './emit-precheck.js';
import { CodegenError } from './errors.js';

/** Decimal places at which the fast path reads decimals and ratios from the data. */
export const DATA_SCALE = 6;
/** Largest scale the fast path uses (10^15 is still an exact double). */
const MAX_SCALE = 15;
const SAFE = Number.MAX_SAFE_INTEGER;

/** Options of {@link emitEvaluatorBody}. */
export interface EmitOptions {
  /** Generate the fast path (default true). False leaves only the exact path: for tests. */
  fastPath?: boolean;
}

/** The generated evaluator body and what it contains. */
export interface EmittedEvaluator {
  /** Body of `function (rt, fallback)`; returns `{ evaluate, invalid, paths }`. */
  body: string;
  /** Whether a fast path was generated (false when the rubric's numbers do not fit one). */
  fastPath: boolean;
  /** The rubric's content hash, as the results carry it. */
  hash: string;
}

/** The scoring units: the fast path without and with explanations, and the exact path. */
export type UnitKind = 'fast' | 'fastExplain' | 'exact';

/** A generated evaluator in parts, so a library can generate and build each scoring unit when first needed. */
export interface EvaluatorParts {
  hash: string;
  /** Body of `function (rt, fallback, units)` returning `{ evaluate, invalid, paths }`; `units[kind](invalid)` gives a scoring function, or null for a fast kind the rubric has none of. */
  main: string;
  /** Body of `function (rt, invalid)` returning the scoring function of that kind; undefined for a fast kind the rubric has none of. */
  unit(kind: UnitKind): string | undefined;
}

/**
 * Generates the evaluator in parts (see {@link EvaluatorParts}). Throws {@link CodegenError} on
 * what it does not compile. `hash`, when given, is the rubric's content hash, already worked out.
 */
export function emitEvaluatorParts(rubric: Rubric, schema: Record<string, unknown>, options: EmitOptions = {}, hash: string = contentHash(rubric)): EvaluatorParts {
  // Checks names and parameters once, now, so that a rubric that cannot be compiled fails here.
  const main = new Generator(rubric, schema, hash).main();
  return { hash, main, unit: emitUnits(rubric, schema, hash, options) };
}

/**
 * The scoring units alone (see {@link EvaluatorParts.unit}), for a rubric whose main part was
 * generated already: `hash` is its content hash, not computed again.
 */
export function emitUnits(rubric: Rubric, schema: Record<string, unknown>, hash: string, options: EmitOptions = {}): (kind: UnitKind) => string | undefined {
  const wantFast = options.fastPath !== false;
  return (kind) => (kind !== 'exact' && !wantFast ? undefined : new Generator(rubric, schema, hash).unit(kind));
}

/** Generates the evaluator as one body (every unit inline). Throws {@link CodegenError} on what it does not compile. */
export function emitEvaluatorBody(rubric: Rubric, schema: Record<string, unknown>, options: EmitOptions = {}): EmittedEvaluator {
  const parts = emitEvaluatorParts(rubric, schema, options);
  const unit = (kind: UnitKind): string => {
    const body = parts.unit(kind);
    return body === undefined ? 'null' : `function (rt, invalid) {\n${body}\n}`;
  };
  const fast = unit('fast');
  const body = [
    '"use strict";',
    `const units = { fast: ${fast}, fastExplain: ${fast === 'null' ? 'null' : unit('fastExplain')}, exact: ${unit('exact')} };`,
    'const load = (u) => (invalid) => (u === null ? null : u(rt, invalid));',
    `return (function (rt, fallback, units) {\n${parts.main}\n})(rt, fallback, { fast: load(units.fast), fastExplain: load(units.fastExplain), exact: load(units.exact) });`,
  ].join('\n');
  return { body, fastPath: fast !== 'null', hash: parts.hash };
}

type Kind = 'num' | 'bool' | 'str' | 'list';

/** A compiled value: code that evaluates it (cheap, side-effect free) and, on the fast path, its scale and a bound on |coefficient|. */
interface Val {
  kind: Kind;
  code: Code;
  scale: number;
  bound: number;
  /** The list fact, for list values. */
  fact?: Fact;
}

/** How the fast path reads a numeric fact or field: its scale, a bound on it, and whether the bound must be checked. */
interface NumericPlan {
  scale: number;
  bound: number;
  checkMagnitude: boolean;
}

/** One generated function: its parameters, facts read so far, parameter caches. */
class Fn {
  readonly prologue = new Block();
  readonly facts = new Map<string, { raw: Name; val: Name }>();
  readonly params = new Map<string, Name>();
  constructor(
    readonly s: Name,
    readonly asOf: Name,
    /** The statement that gives up on the subject (fast path only). */
    readonly bail: Code,
    /** How reads are recorded: not at all, always (fast + explain), or when `R !== null` (exact). */
    readonly reads: 'none' | 'static' | 'dynamic',
    readonly R: Name | undefined,
  ) {}
}

/** Where an expression is compiled. */
interface Scope {
  fn: Fn;
  /** Inside an aggregate: the current record and its fields. */
  rec?: Name;
  fields?: Map<string, Fact>;
  /** False inside parameter overrides: their reads are not the rule's. */
  recordReads: boolean;
}

interface ParamInfo {
  p: Parameter;
  /** Every value the parameter can take: [period, override?] in order. */
  combos: { value: number; period: number; override?: number; when?: string }[];
  scale: number;
  bound: number;
  /** Constants: scaled values (fast), numbers for JSON, Decimal values (exact). */
  scaled: Name;
  numbers: Name;
  decimals: Name;
  source: Name;
  fastFn: Name;
  exactFn: Name;
}

const ROUNDING: Record<string, 'half-up' | 'down' | 'up'> = { round: 'half-up', round_down: 'down', round_up: 'up' };

/*
 * A rubric uses a few distinct numbers many times over (each indicator's maximum, its points):
 * they are parsed once. Decimals are immutable, so the caches can be shared; they are bounded
 * so that compiling many rubrics cannot grow them without end.
 */
const CACHE_LIMIT = 10_000;
const fromNumbers = new Map<number, Decimal>();
const fromTexts = new Map<string, Decimal | null>();

function decimalsOf(n: number): Decimal {
  let d = fromNumbers.get(n);
  if (d === undefined) {
    d = Decimal.fromNumber(n);
    if (fromNumbers.size >= CACHE_LIMIT) fromNumbers.clear();
    // -0 and 0 are one key of a Map, and one decimal.
    fromNumbers.set(n, d);
  }
  return d;
}

/** `Decimal.parse` of a number literal's text, cached. */
function parseDecimal(text: string): Decimal | undefined {
  let d = fromTexts.get(text);
  if (d === undefined) {
    d = Decimal.parse(text) ?? null;
    if (fromTexts.size >= CACHE_LIMIT) fromTexts.clear();
    fromTexts.set(text, d);
  }
  return d ?? undefined;
}

const SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/** Coefficient of `d` at scale `s` (≥ d.scale) as a JS number, or undefined when it is not a safe integer. */
function coefAt(d: Decimal, s: number): number | undefined {
  if (s < d.scale || s > MAX_SCALE) return undefined;
  if (d.coef <= SAFE_BIG && d.coef >= -SAFE_BIG) {
    // Both factors are exact doubles (10^k is for k ≤ 22): the product is exact when it is a
    // safe integer, and rounds to an unsafe one when it is not — as the BigInt product says.
    const n = Number(d.coef) * 10 ** (s - d.scale);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  const c = d.coef * 10n ** BigInt(s - d.scale);
  const n = Number(c);
  return Number.isSafeInteger(n) && BigInt(n) === c ? n : undefined;
}

/** Thrown inside the fast-path walk when the rubric's numbers cannot all be scaled integers. */
class NoFastPath extends Error {}


class Generator {
  readonly names = new NameGen();
  readonly hoisted = new Block('');
  readonly facts = new Map<string, Fact>();
  readonly params = new Map<string, ParamInfo>();
  /** The fast path's plan of each top-level numeric fact (see `Emitter.numericPlan`). */
  readonly numericPlans = new Map<Fact, NumericPlan>();
  readonly rt = new Name('rt');
  readonly fallback = new Name('fallback');
  readonly SAFE = new Name('SAFE');
  private readonly listJson = new Map<string, Name>();
  private readonly listConv = new Map<string, Name>();
  private readonly decConsts = new Map<string, Name>();
  readonly hash: string;
  /** Scale of totals on the fast path. */
  totalScale = 0;

  constructor(
    readonly rubric: Rubric,
    readonly schema: Record<string, unknown>,
    hash: string,
  ) {
    this.hash = hash;
    const seen = new Set<string>();
    const unique = (what: string, ids: string[]): void => {
      for (const id of ids) {
        const k = `${what}:${id}`;
        if (seen.has(k)) throw new CodegenError(`${what} \`${id}\` is declared twice`);
        seen.add(k);
      }
    };
    unique('name', [...rubric.facts.map((f) => f.id), ...rubric.parameters.map((p) => p.id)]);
    unique('section', rubric.sections.map((s) => s.id));
    unique('indicator', rubric.sections.flatMap((s) => s.indicators.map((i) => i.id)));
    unique('veto', rubric.vetoes.map((v) => v.id));
    unique('hard requirement', rubric.hardRequirements.map((h) => h.id));
    unique('deduction', rubric.deductions.map((d) => d.id));
    for (const f of rubric.facts) {
      this.facts.set(f.id, f);
      if (f.type.kind === 'list') unique(`field of ${f.id}`, f.type.fields.map((x) => x.id));
    }
    for (const p of rubric.parameters) this.params.set(p.id, this.planParam(p));
    if (!this.params.has(rubric.passMark)) throw new CodegenError(`the pass mark \`${rubric.passMark}\` is not a parameter`);
  }

  private planParam(p: Parameter): ParamInfo {
    const combos: ParamInfo['combos'] = [];
    p.periods.forEach((per, i) => {
      per.overrides.forEach((o, k) => combos.push({ value: o.value, period: i, override: k, when: formatExpr(o.when) }));
      combos.push({ value: per.value, period: i });
    });
    let scale = 0;
    for (const c of combos) scale = Math.max(scale, decimalsOf(c.value).scale);
    let bound = 0;
    for (const c of combos) bound = Math.max(bound, Math.abs(coefAt(decimalsOf(c.value), scale) ?? Infinity));
    const n = this.names;
    return { p, combos, scale, bound, scaled: n.next('PV'), numbers: n.next('PN'), decimals: n.next('PD'), source: n.next('PS'), fastFn: n.next('PF'), exactFn: n.next('PE') };
  }

  private readonly constTables = new Map<string, Name>();

  /** A hoisted constant table (plain data), shared by every function that uses the same one. */
  table(value: unknown, prefix: string): Name {
    const k = JSON.stringify(value);
    let name = this.constTables.get(k);
    if (!name) {
      name = this.names.next(prefix);
      this.hoisted.push(_`const ${name} = ${literal(value)};`);
      this.constTables.set(k, name);
    }
    return name;
  }

  /** A hoisted exact decimal constant. */
  dec(d: Decimal): Name {
    const text = d.toString();
    let name = this.decConsts.get(text);
    if (!name) {
      name = this.names.next('D');
      this.hoisted.push(_`const ${name} = ${this.rt}.dec(${text});`);
      this.decConsts.set(text, name);
    }
    return name;
  }

  /** The JSON Schema of a fact (`/properties/x`) or list field, for its bounds. */
  schemaOf(fact: Fact, list?: Fact): Record<string, unknown> {
    const props = this.schema.properties as Record<string, Record<string, unknown>>;
    if (!list) return props[fact.id] ?? {};
    const items = (props[list.id]?.items ?? {}) as Record<string, unknown>;
    return ((items.properties ?? {}) as Record<string, Record<string, unknown>>)[fact.id] ?? {};
  }

  /**
   * One scoring unit: the body of `function (rt, invalid)` that returns the scoring function
   * of that kind, with its own constants and parameter functions. Undefined for a fast kind
   * when the rubric's numbers do not fit the fast path.
   */
  unit(kind: UnitKind): string | undefined {
    const out = new Block('');
    out.push(_`"use strict";`, _`const ${this.SAFE} = ${SAFE};`);
    const fns: Code[] = [];
    const name = this.names.next(kind === 'exact' ? 'exact' : kind === 'fast' ? 'fast' : 'fastx');
    for (const info of this.params.values()) fns.push(this.emitParamSource(info));
    if (kind === 'exact') {
      for (const info of this.params.values()) {
        fns.push(_`const ${info.decimals} = [${join(info.combos.map((c) => this.dec(decimalsOf(c.value))))}];`);
        fns.push(this.emitParamFn(info, false));
      }
      fns.push(this.emitScore(name, false, 'dynamic'));
    } else {
      try {
        for (const info of this.params.values()) {
          if (!Number.isFinite(info.bound) || info.scale > MAX_SCALE) throw new NoFastPath();
          fns.push(_`const ${info.scaled} = ${literal(info.combos.map((c) => coefAt(decimalsOf(c.value), info.scale)!))};`);
          fns.push(_`const ${info.numbers} = ${literal(info.combos.map((c) => decimalsOf(c.value).toNumber()))};`);
          fns.push(this.emitParamFn(info, true));
        }
        fns.push(this.emitScore(name, true, kind === 'fast' ? 'none' : 'static'));
      } catch (e) {
        if (e instanceof NoFastPath) return undefined;
        throw e;
      }
    }
    out.append(this.hoisted);
    out.push(...fns, _`return ${name};`);
    return out.text();
  }

  /**
   * The body of `function (rt, fallback, units)` returning `{ evaluate, invalid, paths }`:
   * the input check, `invalid`, and `evaluate`, which loads each scoring unit on first use
   * (`units.fast(invalid)` gives the function, or null when there is no fast path).
   */
  main(): string {
    const out = new Block('');
    out.push(_`"use strict";`);
    const precheckName = this.names.next('precheck');
    const pre = emitPrecheck(this.schema, precheckName, this.names, this.rt);
    out.push(...pre.hoisted, pre.fn, this.emitInvalid());
    out.push(_`let F;
let FX;
let E;
const loadFast = () => (F === undefined ? (F = units.fast(invalid)) : F);
const loadFastExplain = () => (FX === undefined ? (FX = units.fastExplain(invalid)) : FX);
const loadExact = () => (E === undefined ? (E = units.exact(invalid)) : E);
function evaluate(subject, options) {
  if (options === undefined) options = {};
  const pre = options.inputErrors;
  if ((pre !== undefined && pre !== null && pre.length > 0) || subject === null || typeof subject !== "object" || Array.isArray(subject) || !${precheckName}(subject)) {
    return ${this.fallback}.evaluate(subject, options);
  }
  const asOf = options.asOf ?? ${this.rubric.effective.from};
  const explain = options.explain === true;
  const id = ${this.rt}.idOf(subject);
  const fast = explain ? (FX === undefined ? loadFastExplain() : FX) : F === undefined ? loadFast() : F;
  if (fast !== null) {
    const r = fast(subject, asOf, id);
    if (r !== undefined) return r;
  }
  return (E === undefined ? loadExact() : E)(subject, asOf, id, explain);
}`);
    // `paths` exposes the parts for white-box tests (which path scored a subject).
    out.push(_`return { evaluate, invalid, paths: { precheck: ${precheckName}, get fast() { return loadFast() ?? undefined; }, get fastExplain() { return loadFastExplain() ?? undefined; }, get exact() { return loadExact(); } } };`);
    return out.text();
  }

  // ------------------------------------------------------------ top level

  private meta(): Code {
    return _`{ id: ${this.rubric.id}, version: ${this.rubric.version}, hash: ${this.hash} }`;
  }

  private emitInvalid(): Code {
    return _`function invalid(id, errors, options) {
  const asOf = (options === undefined ? {} : options).asOf ?? ${this.rubric.effective.from};
  return { format: ${RESULT_FORMAT}, id, outcome: "invalid", total: null, sections: {}, indicators: {}, deductions: [], deductionTotal: 0, passMark: null, passMarkSource: null, hardRequirementsFailed: [], vetoes: [], reasons: [], grade: null, errors, asOf, rubric: ${this.meta()} };
}`;
  }

  /** `PS(k)`: a fresh pass-mark source object for combination k. */
  private emitParamSource(info: ParamInfo): Code {
    const cases = info.combos.map((c, k) => {
      const per = info.p.periods[c.period]!;
      const period: [string, Code][] = [];
      if (per.from !== undefined) period.push(['from', _`${per.from}`]);
      if (per.until !== undefined) period.push(['until', _`${per.until}`]);
      const entries: [string, Code][] = [
        ['parameter', _`${info.p.id}`],
        ['period', objectLiteral(period)],
      ];
      if (c.override !== undefined) entries.push(['override', _`${c.override}`], ['when', _`${c.when!}`]);
      return _`case ${k}: return ${objectLiteral(entries)};`;
    });
    return _`function ${info.source}(k) {
  switch (k) {
    ${join(cases, _`\n    `)}
  }
}`;
  }

  /**
   * The parameter's resolution for one subject: the period in force, then its first override
   * that holds. Fast: returns the combination index, -1 when no period is in force, -2 to give
   * up. Exact: returns the index or throws `eval/no-parameter-value`.
   */
  private emitParamFn(info: ParamInfo, fast: boolean): Code {
    const s = this.names.next('s');
    const asOf = this.names.next('asOf');
    const fn = new Fn(s, asOf, _`return -2;`, 'none', undefined);
    const em = new Emitter(this, fast);
    const body = new Block();
    let k = 0;
    info.p.periods.forEach((per) => {
      const conds: Code[] = [];
      if (per.from !== undefined) conds.push(_`${per.from} <= ${asOf}`);
      if (per.until !== undefined) conds.push(_`${asOf} <= ${per.until}`);
      const inner = body.child();
      for (const o of per.overrides) {
        const c = em.expr(o.when, inner, { fn, recordReads: false });
        em.need(c, 'bool', o.when);
        inner.push(_`if (${c.code}) return ${k};`);
        k++;
      }
      inner.push(_`return ${k};`);
      k++;
      body.wrap(_`if (${conds.length > 0 ? join(conds, _` && `) : _`true`})`, inner);
    });
    if (fast) body.push(_`return -1;`);
    else body.push(_`throw new ${this.rt}.EvalError("eval/no-parameter-value", "no value of \`" + ${info.p.id} + "\` is in force on " + ${asOf});`);
    return _`function ${fast ? info.fastFn : info.exactFn}(${s}, ${asOf}) {\n${fn.prologue.code()}\n${body.code()}\n}`;
  }

  /** Converter of a list fact's records to JSON for explanations (fast path: raw records, defaults filled). */
  listJsonFn(f: Fact): Name {
    return this.listConverter(f, this.listJson, 'LJ', (v) => _`${v} + 0`);
  }

  /** Converter of a list fact's records to runtime values (exact path), as the reference reader converts them. */
  listConvFn(f: Fact): Name {
    return this.listConverter(f, this.listConv, 'LC', (v) => _`${this.rt}.fromNumber(${v})`);
  }

  /** A hoisted function mapping a list fact's records (defaults filled) to new records, numbers through `numeric`; one per fact and kind. */
  private listConverter(f: Fact, cache: Map<string, Name>, prefix: string, numeric: (v: Name) => Code): Name {
    let name = cache.get(f.id);
    if (name) return name;
    name = this.names.next(prefix);
    cache.set(f.id, name);
    const fields = f.type.kind === 'list' ? f.type.fields : [];
    const L = this.names.next('L');
    const rec = this.names.next('r');
    const loop = new Block('    ');
    const entries: [string, Code][] = [];
    for (const field of fields) {
      const v = this.names.next('v');
      loop.push(_`let ${v} = ${rec}[${field.id}];`);
      if (field.default !== undefined) loop.push(_`if (${v} === undefined) ${v} = ${literal(field.default)};`);
      const isNumber = field.type.kind === 'integer' || field.type.kind === 'decimal' || field.type.kind === 'ratio';
      entries.push([field.id, isNumber ? numeric(v) : v]);
    }
    loop.push(_`out.push(${objectLiteral(entries)});`);
    this.hoisted.push(_`function ${name}(${L}) {
  const out = [];
  for (let i = 0; i < ${L}.length; i++) {
    const ${rec} = ${L}[i];
${loop.code()}
  }
  return out;
}`);
    return name;
  }

  // ------------------------------------------------------------ scoring

  /**
   * One scoring function: `(s, asOf, id)` on the fast path (returns undefined to give up),
   * `(s, asOf, id, explain)` on the exact path (throws EvalError → invalid result).
   */
  private emitScore(name: Name, fast: boolean, reads: 'none' | 'static' | 'dynamic'): Code {
    const s = this.names.next('s');
    const asOf = this.names.next('asOf');
    const id = this.names.next('id');
    const explainArg = this.names.next('explain');
    const R = reads === 'none' ? undefined : this.names.next('R');
    const fn = new Fn(s, asOf, _`return;`, reads, R);
    const em = new Emitter(this, fast);
    const body = new Block();
    const X = reads === 'none' ? undefined : this.names.next('X');
    const explaining = X ? (reads === 'static' ? _`true` : _`${X} !== null`) : _`false`;
    if (R) body.push(_`let ${R} = null;`);
    if (X) {
      const x = _`{ indicators: {}, vetoes: {}, hardRequirements: {}, deductions: {} }`;
      body.push(reads === 'static' ? _`const ${X} = ${x};` : _`const ${X} = ${explainArg} ? ${x} : null;`);
    }
    const startReads = (out: Block): void => {
      if (!R) return;
      out.push(reads === 'static' ? _`${R} = {};` : _`${R} = ${X!} !== null ? {} : null;`);
    };
    const explainSet = (out: Block, map: string, key: string, value: Code): void => {
      const target = _`${X!}.${new Name(map)}`;
      if (reads === 'static') out.push(setProp(target, key, value));
      else {
        const inner = out.child();
        inner.push(setProp(target, key, value));
        out.wrap(_`if (${X!} !== null)`, inner);
      }
    };

    // The scale of totals: every amount that is added or compared with the total.
    if (fast) this.totalScale = this.planTotalScale(em);

    // Indicators.
    const indicatorVals = new Map<string, Val>();
    const sectionEntries: [string, Code][] = [];
    const indicatorEntries: [string, Code][] = [];
    const sectionVals: Val[] = [];
    for (const section of this.rubric.sections) {
      const inSection: Val[] = [];
      for (const ind of section.indicators) {
        startReads(body);
        const v = this.emitIndicator(em, ind, body, fn, explaining, X ? (value) => explainSet(body, 'indicators', ind.id, value) : undefined);
        indicatorVals.set(ind.id, v);
        inSection.push(v);
        indicatorEntries.push([ind.id, em.toNumber(v)]);
      }
      const sv = em.sum(inSection, body, fn);
      const t = em.materialize(sv, body, 'sec');
      sectionVals.push(t);
      sectionEntries.push([section.id, em.toNumber(t)]);
    }
    const raw = em.materialize(em.sum(sectionVals, body, fn), body, 'raw');

    // Deductions: each capped, then the overall cap, then the floor.
    const applied = this.names.next('applied');
    body.push(_`const ${applied} = [];`);
    let deducted = em.zero(body, 'ded');
    for (const d of this.rubric.deductions) {
      startReads(body);
      const { uncapped, rule } = this.emitDeductionAmount(em, d, body, fn);
      const u = em.materialize(em.alignTotal(uncapped, body, fn), body, 'u');
      let amount = u;
      if (d.cap !== undefined) {
        const cap = em.constant(decimalsOf(d.cap), body, fn, true);
        amount = em.materialize(em.select(em.cmp(u, cap, '>', body, fn), cap, u, body, fn), body, 'a');
      }
      if (X) explainSet(body, 'deductions', d.id, _`{ rule: ${rule}, reads: ${R!} }`);
      const add = body.child();
      add.push(_`${applied}.push({ id: ${d.id}, reason: ${d.reason}, amount: ${em.toNumber(amount)}, uncapped: ${em.toNumber(u)} });`);
      const next = em.add(deducted, amount, add, fn);
      add.push(em.assign(deducted, next));
      body.wrap(_`if (${em.nonZero(amount)})`, add);
      deducted = { ...deducted, bound: next.bound };
    }
    if (this.rubric.deductionCap !== undefined) {
      const cap = em.constant(decimalsOf(this.rubric.deductionCap), body, fn, true);
      const inner = body.child();
      inner.push(em.assign(deducted, cap));
      body.wrap(_`if (${em.cmp(deducted, cap, '>', body, fn).code})`, inner);
    }
    const total = em.mutable(em.sub(raw, deducted, body, fn), body, 'total');
    if (this.rubric.floor !== null) {
      const floor = em.constant(decimalsOf(this.rubric.floor), body, fn, true);
      const inner = body.child();
      inner.push(em.assign(total, em.maxOf(total, em.minOf(raw, floor, inner, fn), inner, fn)));
      body.wrap(_`if (${em.cmp(total, floor, '<', body, fn).code})`, inner);
    }

    // Gates: every veto, every hard requirement.
    const vetoes = this.names.next('vetoes');
    const reasons = this.names.next('reasons');
    const hardFailed = this.names.next('hard');
    body.push(_`const ${vetoes} = [];`, _`const ${reasons} = [];`, _`const ${hardFailed} = [];`);
    for (const v of this.rubric.vetoes) {
      startReads(body);
      const c = em.expr(v.when, body, { fn, recordReads: true });
      em.need(c, 'bool', v.when);
      const fired = em.materialize(c, body, 'fired');
      if (X) explainSet(body, 'vetoes', v.id, _`{ fired: ${fired.code}, rule: ${formatExpr(v.when)}, reads: ${R!} }`);
      const inner = body.child();
      inner.push(_`${vetoes}.push(${v.id});`, _`${reasons}.push({ key: ${`veto:${v.id}`}, kind: "veto", id: ${v.id}, message: ${`one-vote veto: ${v.reason}`} });`);
      body.wrap(_`if (${fired.code})`, inner);
    }
    for (const h of this.rubric.hardRequirements) {
      startReads(body);
      let met: Val;
      let rule: string;
      if (h.kind === 'indicator-full') {
        const ind = this.rubric.sections.flatMap((s) => s.indicators).find((i) => i.id === h.indicator);
        const max = ind ? decimalsOf(ind.max) : Decimal.ZERO;
        rule = `${h.indicator} at full marks (${max.toString()})`;
        const pts = indicatorVals.get(h.indicator);
        met = pts ? em.materialize(em.cmp(pts, em.constant(max, body, fn, true), '>=', body, fn), body, 'met') : { kind: 'bool', code: _`true`, scale: 0, bound: 0 };
      } else {
        rule = formatExpr(h.require);
        const c = em.expr(h.require, body, { fn, recordReads: true });
        em.need(c, 'bool', h.require);
        met = em.materialize(c, body, 'met');
      }
      if (X) explainSet(body, 'hardRequirements', h.id, _`{ met: ${met.code}, rule: ${rule}, reads: ${R!} }`);
      const inner = body.child();
      inner.push(_`${hardFailed}.push(${h.id});`, _`${reasons}.push({ key: ${`hard:${h.id}`}, kind: "hard-requirement", id: ${h.id}, message: ${`hard requirement not met: ${h.title}`} });`);
      body.wrap(_`if (!${met.code})`, inner);
    }

    // Pass mark, outcome, grade.
    const pm = this.params.get(this.rubric.passMark)!;
    const k = em.paramIndex(pm, body, fn);
    const pass = em.paramValue(pm, k, body, fn);
    const below = body.child();
    below.push(_`${reasons}.push({ key: "below-pass-mark", kind: "below-pass-mark", message: "total " + ${em.text(total)} + " is below the pass mark " + ${em.text(pass)} });`);
    body.wrap(_`if (${em.cmp(total, pass, '<', body, fn).code})`, below);
    const outcome = this.names.next('outcome');
    body.push(_`const ${outcome} = ${vetoes}.length > 0 ? "vetoed" : ${reasons}.length > 0 ? "fail" : "pass";`);
    const grade = this.names.next('grade');
    body.push(_`let ${grade} = null;`);
    if (this.rubric.grades.length > 0) {
      const chain = this.rubric.grades.map((gb) => _`if (${em.cmp(total, em.constant(decimalsOf(gb.min), body, fn, true), '>=', body, fn).code}) ${grade} = ${gb.label};`);
      const inner = body.child();
      inner.push(join(chain, _` else `));
      body.wrap(_`if (${outcome} !== "vetoed")`, inner);
    }
    const result = this.names.next('result');
    body.push(_`const ${result} = { format: ${RESULT_FORMAT}, id: ${id}, outcome: ${outcome}, total: ${em.toNumber(total)}, sections: ${objectLiteral(sectionEntries)}, indicators: ${objectLiteral(indicatorEntries)}, deductions: ${applied}, deductionTotal: ${em.toNumber(deducted)}, passMark: ${em.toNumber(pass)}, passMarkSource: ${pm.source}(${k}), hardRequirementsFailed: ${hardFailed}, vetoes: ${vetoes}, reasons: ${reasons}, grade: ${grade}, errors: [], asOf: ${asOf}, rubric: ${this.meta()} };`);
    if (X) {
      if (reads === 'static') body.push(_`${result}.explanation = ${X};`);
      else body.push(_`if (${X} !== null) ${result}.explanation = ${X};`);
    }
    body.push(_`return ${result};`);

    const params = fast ? _`${s}, ${asOf}, ${id}` : _`${s}, ${asOf}, ${id}, ${explainArg}`;
    if (fast) return _`function ${name}(${params}) {\n${fn.prologue.code()}\n${body.code()}\n}`;
    return _`function ${name}(${params}) {
  try {
${fn.prologue.code()}
${body.code()}
  } catch (e) {
    if (${this.rt}.isEvalError(e)) return invalid(${id}, [{ path: e.path, code: e.code, message: e.message }], { asOf: ${asOf} });
    throw e;
  }
}`;
  }

  /** The fast path's scale of totals: the largest scale among points, amounts, caps, floor, pass marks, grades. */
  private planTotalScale(em: Emitter): number {
    const r = this.rubric;
    let s = 0;
    const see = (n: number): void => {
      s = Math.max(s, decimalsOf(n).scale);
    };
    for (const sec of r.sections) for (const ind of sec.indicators) {
      see(ind.max);
      s = Math.max(s, em.scaleOfRule(ind));
    }
    for (const d of r.deductions) {
      if (d.cap !== undefined) see(d.cap);
      if (d.kind === 'per-unit') s = Math.max(s, decimalsOf(d.amount).scale + em.scaleOf(d.count, undefined));
      else if (d.kind === 'conditional') see(d.amount);
      else s = Math.max(s, DATA_SCALE);
    }
    if (r.deductionCap !== undefined) see(r.deductionCap);
    if (r.floor !== null) see(r.floor);
    for (const gb of r.grades) see(gb.min);
    s = Math.max(s, this.params.get(r.passMark)!.scale);
    if (s > MAX_SCALE) throw new NoFastPath();
    return s;
  }

  private emitIndicator(em: Emitter, ind: Indicator, out: Block, fn: Fn, explaining: Code, explain: ((value: Code) => void) | undefined): Val {
    const rule = ind.rule;
    const max = decimalsOf(ind.max);
    const sc: Scope = { fn, recordReads: true };
    let points: Val;
    let branch: Code;
    let ruleText: Code;
    let items: Name | undefined;
    switch (rule.kind) {
      case 'expression': {
        points = em.expr(rule.points, out, sc);
        em.need(points, 'num', rule.points);
        branch = _`"expression"`;
        // The rule's text is for explanations and the exact path's messages only.
        ruleText = em.fast && explain === undefined ? _`""` : _`${formatExpr(rule.points)}`;
        break;
      }
      case 'cases': {
        // Which branch was taken, its name and its rule's text matter for explanations and for
        // the exact path's error messages only: the fast path without explanations has no
        // tables of them (a tenth of the time of generating it for a large rubric).
        const needBranch = !em.fast || explain !== undefined;
        const br = this.names.next('br');
        if (needBranch) {
          const texts = [...rule.cases.map((c) => `${formatExpr(c.when)} -> ${formatExpr(c.points)}`), `otherwise -> ${formatExpr(rule.otherwise)}`];
          const branches = [...rule.cases.map((_c, i) => `case ${i + 1}`), 'otherwise'];
          branch = _`${this.table(branches, 'BR')}[${br}]`;
          ruleText = _`${this.table(texts, 'RU')}[${br}]`;
          out.push(_`let ${br} = ${rule.cases.length};`);
        } else {
          branch = _`""`;
          ruleText = _`""`;
        }
        // Compile every condition and branch in its own block, then nest them:
        // cond 1; if (c1) { points 1 } else { cond 2; if (c2) { … } else { otherwise } }.
        const arms = rule.cases.map((c, i) => {
          const condBlock = new Block();
          const cond = em.expr(c.when, condBlock, sc);
          em.need(cond, 'bool', c.when);
          const thenBlock = new Block();
          const val = em.expr(c.points, thenBlock, sc);
          em.need(val, 'num', c.points);
          return { condBlock, cond: cond.code, thenBlock, val, index: i };
        });
        const otherBlock = new Block();
        const otherVal = em.expr(rule.otherwise, otherBlock, sc);
        em.need(otherVal, 'num', rule.otherwise);
        const results = [...arms.map((a) => ({ block: a.thenBlock, val: a.val, index: a.index })), { block: otherBlock, val: otherVal, index: rule.cases.length }];
        // On the fast path, straight at the scale of totals (constant points then need no multiplication).
        const scale = Math.max(em.fast ? this.totalScale : 0, ...results.map((x) => x.val.scale));
        const p = em.declare('pts', out, scale);
        let bound = 0;
        for (const res of results) {
          const v = em.align(res.val, scale, res.block, fn);
          bound = Math.max(bound, v.bound);
          res.block.push(em.assign(p, v));
          if (needBranch && res.index < rule.cases.length) res.block.push(_`${br} = ${res.index};`);
        }
        const nest = (i: number, target: Block): void => {
          if (i === arms.length) {
            target.append(otherBlock);
            return;
          }
          const arm = arms[i]!;
          target.append(arm.condBlock);
          const rest = new Block();
          nest(i + 1, rest);
          target.ifElse(_`if (${arm.cond})`, arm.thenBlock, rest);
        };
        nest(0, out);
        points = { ...p, bound };
        break;
      }
      case 'checklist': {
        const deduct = rule.mode === 'deduct';
        branch = _`${`checklist (${rule.mode})`}`;
        ruleText = _`${deduct ? `${max.toString()} minus points per defect, down to zero` : 'sum of the items met'}`;
        if (explain || !em.fast) {
          items = this.names.next('items');
          out.push(_`const ${items} = [];`);
        }
        const parts: Val[] = [];
        for (const it of rule.items) {
          let hits: Val;
          if (it.count !== undefined) {
            hits = em.expr(it.count, out, sc);
            em.need(hits, 'num', it.count);
            hits = em.checkCount(hits, `checklist item \`${it.id}\``, out, fn);
          } else {
            const c = em.expr(it.when!, out, sc);
            em.need(c, 'bool', it.when!);
            hits = em.boolToHits(c, out);
          }
          const pts = em.materialize(em.mul(em.constant(decimalsOf(it.points), out, fn, false), hits, out, fn), out, 'ip');
          if (items) {
            const push = _`${items}.push({ id: ${it.id}, hits: ${em.toNumber(hits)}, points: ${em.toNumber(pts)} });`;
            if (em.fast) out.push(push);
            else {
              const inner = out.child();
              inner.push(push);
              out.wrap(_`if (${explaining})`, inner);
            }
          }
          parts.push(pts);
        }
        const sum = em.materialize(em.sum(parts, out, fn), out, 'sum');
        points = deduct ? em.materialize(em.maxOf(em.constant(Decimal.ZERO, out, fn, false), em.sub(em.constant(max, out, fn, false), sum, out, fn), out, fn), out, 'pts') : sum;
        break;
      }
    }
    // At the scale of totals (which is at least max's scale) before the range check.
    const pts = em.materialize(em.alignTotal(points, out, fn), out, 'pts');
    em.checkRange(pts, max, ind.id, branch, ruleText, out, fn);
    if (explain) {
      const entries: Code[] = [_`branch: ${branch}`, _`rule: ${ruleText}`, _`reads: ${fn.R!}`];
      if (items) entries.push(_`items: ${items}`);
      explain(_`{ ${join(entries)} }`);
    }
    // After the range check the points lie in [0, max].
    return em.fast ? { ...pts, bound: Math.min(pts.bound, coefAt(max, pts.scale) ?? pts.bound) } : pts;
  }

  private emitDeductionAmount(em: Emitter, d: Rubric['deductions'][number], out: Block, fn: Fn): { uncapped: Val; rule: string } {
    const sc: Scope = { fn, recordReads: true };
    switch (d.kind) {
      case 'per-unit': {
        const c = em.expr(d.count, out, sc);
        em.need(c, 'num', d.count);
        const hits = em.checkCount(c, `deduction \`${d.id}\``, out, fn);
        return { uncapped: em.mul(em.constant(decimalsOf(d.amount), out, fn, false), hits, out, fn), rule: `${d.amount} per ${formatExpr(d.count)}` };
      }
      case 'conditional': {
        const c = em.expr(d.when, out, sc);
        em.need(c, 'bool', d.when);
        const amount = em.constant(decimalsOf(d.amount), out, fn, false);
        return { uncapped: em.select(c, amount, em.constant(Decimal.ZERO, out, fn, false), out, fn), rule: `${d.amount} when ${formatExpr(d.when)}` };
      }
      case 'discretionary': {
        const rule = `amount recorded in ${d.field ? `${d.fact}.${d.field}` : d.fact}, each within [${d.min}, ${d.max}]`;
        const v = em.expr({ kind: 'ref', name: d.fact }, out, sc);
        if (d.field === undefined) {
          em.need(v, 'num', { kind: 'ref', name: d.fact });
          return { uncapped: v, rule };
        }
        if (v.kind !== 'list' || !v.fact) throw new CodegenError(`deduction \`${d.id}\` reads \`${d.fact}.${d.field}\` but \`${d.fact}\` is not a list`);
        const field = d.field;
        return { uncapped: em.aggregateSum(v, (rec, block) => em.fieldValue(v.fact!, field, rec, block, fn), out, fn), rule };
      }
    }
  }
}

/** Compiles expressions and numeric operations for one path (fast or exact). */
class Emitter {
  constructor(
    readonly g: Generator,
    readonly fast: boolean,
  ) {}

  private get rt(): Name {
    return this.g.rt;
  }

  need(v: Val, kind: Kind, e: Expr): void {
    if (v.kind !== kind) throw new CodegenError(`\`${formatExpr(e)}\` is ${v.kind === 'num' ? 'a number' : v.kind === 'bool' ? 'true/false' : v.kind === 'str' ? 'text' : 'a list'} where ${kind === 'num' ? 'a number' : 'true/false'} belongs`);
  }

  // ---------------------------------------------------------------- values and statements

  /** `const t = v` (cheap values are returned as they are). */
  materialize(v: Val, out: Block, prefix: string): Val {
    if (v.code instanceof Name || /^\(?-?[0-9.e]+\)?$|^true$|^false$/.test(v.code.toString())) return v;
    const t = this.g.names.next(prefix);
    out.push(_`const ${t} = ${v.code};`);
    return { ...v, code: t };
  }

  /** `let t = v`, for a value that statements reassign. */
  mutable(v: Val, out: Block, prefix: string): Val {
    const t = this.g.names.next(prefix);
    out.push(_`let ${t} = ${v.code};`);
    return { ...v, code: t };
  }

  /** `let t;` for a number assigned in branches. */
  declare(prefix: string, out: Block, scale: number): Val {
    const t = this.g.names.next(prefix);
    out.push(_`let ${t};`);
    return { kind: 'num', code: t, scale, bound: 0 };
  }

  assign(target: Val, v: Val): Code {
    return _`${target.code} = ${v.code};`;
  }

  /** Zero at the total scale, in a variable. */
  zero(out: Block, prefix: string): Val {
    return this.mutable(this.constant(Decimal.ZERO, out, undefined, true), out, prefix);
  }

  /** A constant number; `atTotal` puts it at the scale of totals (fast path). */
  constant(d: Decimal, _out: Block, _fn: Fn | undefined, atTotal: boolean): Val {
    if (!this.fast) return { kind: 'num', code: this.g.dec(d), scale: 0, bound: 0 };
    const scale = atTotal ? this.g.totalScale : d.scale;
    const c = coefAt(d, scale);
    if (c === undefined) throw new NoFastPath();
    return numberVal(c, scale);
  }

  /** Gives up on the subject unless |v| is a safe integer (fast path; v's bound may exceed 2^53). */
  private guard(v: Val, out: Block, fn: Fn): Val {
    if (v.bound <= SAFE) return v;
    const t = this.materialize(v, out, 't');
    out.push(_`if (!(${t.code} <= ${this.g.SAFE} && ${t.code} >= -${this.g.SAFE})) ${fn.bail}`);
    return { ...t, bound: SAFE };
  }

  /** The same number at a larger scale (fast path). */
  align(v: Val, scale: number, out: Block, fn: Fn): Val {
    if (!this.fast || v.scale === scale) return v;
    if (scale > MAX_SCALE || scale < v.scale) throw new NoFastPath();
    const f = 10 ** (scale - v.scale);
    const k = literalOf(v);
    if (k !== undefined && Number.isSafeInteger(k * f)) return numberVal(k * f, scale);
    return this.guard({ kind: 'num', code: _`(${v.code} * ${f})`, scale, bound: v.bound * f }, out, fn);
  }

  alignTotal(v: Val, out: Block, fn: Fn): Val {
    return this.align(v, this.g.totalScale, out, fn);
  }

  private alignPair(a: Val, b: Val, out: Block, fn: Fn): [Val, Val] {
    const s = Math.max(a.scale, b.scale);
    return [this.align(a, s, out, fn), this.align(b, s, out, fn)];
  }

  add(a: Val, b: Val, out: Block, fn: Fn): Val {
    if (!this.fast) return { kind: 'num', code: _`${a.code}.add(${b.code})`, scale: 0, bound: 0 };
    const [x, y] = this.alignPair(a, b, out, fn);
    return this.guard({ kind: 'num', code: _`(${x.code} + ${y.code})`, scale: x.scale, bound: x.bound + y.bound }, out, fn);
  }

  sub(a: Val, b: Val, out: Block, fn: Fn): Val {
    if (!this.fast) return { kind: 'num', code: _`${a.code}.sub(${b.code})`, scale: 0, bound: 0 };
    const [x, y] = this.alignPair(a, b, out, fn);
    return this.guard({ kind: 'num', code: _`(${x.code} - ${y.code})`, scale: x.scale, bound: x.bound + y.bound }, out, fn);
  }

  mul(a: Val, b: Val, out: Block, fn: Fn): Val {
    if (!this.fast) return { kind: 'num', code: _`${a.code}.mul(${b.code})`, scale: 0, bound: 0 };
    const scale = a.scale + b.scale;
    if (scale > MAX_SCALE) return this.giveUp(out, fn);
    const [x, y] = [literalOf(a), literalOf(b)];
    if (x !== undefined && y !== undefined && Number.isSafeInteger(x * y)) return numberVal(x * y, scale);
    return this.guard({ kind: 'num', code: _`(${a.code} * ${b.code})`, scale, bound: a.bound * b.bound }, out, fn);
  }

  /** Sum of values (0 for none); long sums go through a variable so no expression nests deeply. */
  sum(vs: Val[], out: Block, fn: Fn): Val {
    if (vs.length === 0) return this.constant(Decimal.ZERO, out, fn, this.fast);
    let acc = vs[0]!;
    if (vs.length <= 8) {
      for (const v of vs.slice(1)) acc = this.add(acc, v, out, fn);
      return acc;
    }
    const t = this.mutable(acc, out, 'acc');
    let bound = t.bound;
    for (const v of vs.slice(1)) {
      const next = this.add({ ...t, bound }, v, out, fn);
      out.push(this.assign(t, next));
      bound = next.bound;
    }
    return { ...t, bound };
  }

  /** Code that is true when v is not zero. */
  nonZero(v: Val): Code {
    return this.fast ? _`${v.code} !== 0` : _`!${v.code}.isZero()`;
  }

  /** `c ? a : b` for numbers. */
  select(c: Val, a: Val, b: Val, out: Block, fn: Fn): Val {
    if (!this.fast) return { kind: 'num', code: _`(${c.code} ? ${a.code} : ${b.code})`, scale: 0, bound: 0 };
    const [x, y] = this.alignPair(a, b, out, fn);
    return { kind: 'num', code: _`(${c.code} ? ${x.code} : ${y.code})`, scale: x.scale, bound: Math.max(x.bound, y.bound) };
  }

  maxOf(a: Val, b: Val, out: Block, fn: Fn): Val {
    if (!this.fast) return { kind: 'num', code: _`${this.rt}.max(${a.code}, ${b.code})`, scale: 0, bound: 0 };
    const [x, y] = this.alignPair(a, b, out, fn);
    return { kind: 'num', code: _`Math.max(${x.code}, ${y.code})`, scale: x.scale, bound: Math.max(x.bound, y.bound) };
  }

  minOf(a: Val, b: Val, out: Block, fn: Fn): Val {
    if (!this.fast) return { kind: 'num', code: _`${this.rt}.min(${a.code}, ${b.code})`, scale: 0, bound: 0 };
    const [x, y] = this.alignPair(a, b, out, fn);
    return { kind: 'num', code: _`Math.min(${x.code}, ${y.code})`, scale: x.scale, bound: Math.max(x.bound, y.bound) };
  }

  cmp(a: Val, b: Val, op: '<' | '<=' | '>' | '>=' | '==' | '!=', out: Block, fn: Fn): Val {
    if (!this.fast) {
      const c = op === '==' ? _`${a.code}.eq(${b.code})` : op === '!=' ? _`!${a.code}.eq(${b.code})` : _`(${a.code}.cmp(${b.code}) ${opCode(op)} 0)`;
      return { kind: 'bool', code: c, scale: 0, bound: 0 };
    }
    const [x, y] = this.alignPair(a, b, out, fn);
    const jsOp = op === '==' ? _`===` : op === '!=' ? _`!==` : opCode(op);
    return { kind: 'bool', code: _`(${x.code} ${jsOp} ${y.code})`, scale: 0, bound: 0 };
  }

  /** The number as a JS number for results (the nearest double to the decimal; never -0). */
  toNumber(v: Val): Code {
    if (!this.fast) return _`${v.code}.toNumber()`;
    return v.scale === 0 ? _`${v.code} + 0` : _`${v.code} / ${10 ** v.scale} + 0`;
  }

  /** The number's exact decimal text (for messages). */
  text(v: Val): Code {
    return this.fast ? _`${this.rt}.fmt(${v.code}, ${v.scale})` : _`${v.code}.toString()`;
  }

  /** Fast path: stop here for this subject; the value is a placeholder on a path never taken. */
  private giveUp(out: Block, fn: Fn): Val {
    out.push(fn.bail);
    return { kind: 'num', code: _`0`, scale: 0, bound: 0 };
  }

  private evalError(code: string, message: Code): Code {
    return _`throw new ${this.rt}.EvalError(${code}, ${message});`;
  }

  /** Points outside [0, max]: a rubric defect for this subject (fast path: let the exact path report it). */
  checkRange(p: Val, max: Decimal, id: string, branch: Code, rule: Code, out: Block, fn: Fn): void {
    if (this.fast) {
      const m = coefAt(max, p.scale);
      if (m === undefined) {
        out.push(fn.bail);
        return;
      }
      out.push(_`if (${p.code} < 0 || ${p.code} > ${m}) ${fn.bail}`);
      return;
    }
    const inner = out.child();
    inner.push(
      this.evalError(
        'eval/points-out-of-range',
        _`${`indicator \`${id}\` scored `} + ${p.code}.toString() + ${`, outside 0..${max.toString()} (a rubric defect: `} + ${branch} + ": " + ${rule} + ")"`,
      ),
    );
    out.wrap(_`if (${p.code}.isNegative() || ${p.code}.gt(${this.g.dec(max)}))`, inner);
  }

  /** A count must be a whole number ≥ 0 (`eval/bad-count`). Returns it at scale 0 on the fast path. */
  checkCount(v: Val, what: string, out: Block, fn: Fn): Val {
    const t = this.materialize(v, out, 'n');
    if (this.fast) {
      if (t.scale === 0) {
        out.push(_`if (${t.code} < 0) ${fn.bail}`);
        return t;
      }
      const f = 10 ** t.scale;
      out.push(_`if (${t.code} < 0 || ${t.code} % ${f} !== 0) ${fn.bail}`);
      return this.materialize({ kind: 'num', code: _`(${t.code} / ${f})`, scale: 0, bound: Math.ceil(t.bound / f) }, out, 'n');
    }
    const inner = out.child();
    inner.push(this.evalError('eval/bad-count', _`${`${what} counted `} + ${t.code}.toString() + ", which is not a whole number ≥ 0"`));
    out.wrap(_`if (${t.code}.isNegative() || !${t.code}.isInteger())`, inner);
    return t;
  }

  /** 1 or 0 for a condition. */
  boolToHits(c: Val, out: Block): Val {
    if (this.fast) return { kind: 'num', code: _`(${c.code} ? 1 : 0)`, scale: 0, bound: 1 };
    return this.materialize({ kind: 'num', code: _`(${c.code} ? ${this.rt}.ONE : ${this.rt}.ZERO)`, scale: 0, bound: 0 }, out, 'h');
  }

  // ---------------------------------------------------------------- facts and parameters

  /** A top-level fact's local variables in the current function (read and converted once, in its prologue). */
  private factLocal(f: Fact, fn: Fn): { raw: Name; val: Name } {
    let local = fn.facts.get(f.id);
    if (local) return local;
    const raw = this.g.names.next('f');
    const p = fn.prologue;
    p.push(_`let ${raw} = ${fn.s}[${f.id}];`);
    if (f.default !== undefined) p.push(_`if (${raw} === undefined) ${raw} = ${literal(f.default as FactValue)};`);
    let val = raw;
    const kind = f.type.kind;
    if (kind === 'integer' || kind === 'decimal' || kind === 'ratio') {
      if (this.fast) {
        val = this.g.names.next('m');
        this.scaledFromData(raw, val, f, undefined, p, fn);
      } else {
        val = this.g.names.next('d');
        p.push(_`const ${val} = ${this.rt}.fromNumber(${raw});`);
      }
    } else if (kind === 'list' && !this.fast) {
      val = this.g.names.next('l');
      p.push(_`const ${val} = ${this.g.listConvFn(f)}(${raw});`);
    }
    local = { raw, val };
    fn.facts.set(f.id, local);
    return local;
  }

  /** Scale and bound of a numeric fact or field on the fast path. */
  private numericPlan(f: Fact, list: Fact | undefined): NumericPlan {
    if (list) return this.planNumeric(f, list);
    // Asked for at every read of a fact: worked out once per fact.
    let plan = this.g.numericPlans.get(f);
    if (!plan) {
      plan = this.planNumeric(f, undefined);
      this.g.numericPlans.set(f, plan);
    }
    return plan;
  }

  private planNumeric(f: Fact, list: Fact | undefined): NumericPlan {
    const scale = f.type.kind === 'integer' ? 0 : DATA_SCALE;
    const schema = this.g.schemaOf(f, list);
    const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
    const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
    if (min === undefined || max === undefined) return { scale, bound: SAFE, checkMagnitude: true };
    const bound = Math.ceil(Math.max(Math.abs(min), Math.abs(max)) * 10 ** scale) + 1;
    return bound > SAFE ? { scale, bound: SAFE, checkMagnitude: true } : { scale, bound, checkMagnitude: false };
  }

  /** `const m = x` at the data scale, giving up when x has more decimals or is too large (fast path). */
  private scaledFromData(raw: Code, target: Name, f: Fact, list: Fact | undefined, out: Block, fn: Fn): Val {
    const plan = this.numericPlan(f, list);
    const SAFE_ = this.g.SAFE;
    if (plan.scale === 0) {
      out.push(_`const ${target} = ${raw};`);
      if (plan.checkMagnitude) out.push(_`if (!(${target} <= ${SAFE_} && ${target} >= -${SAFE_})) ${fn.bail}`);
    } else {
      const f10 = 10 ** plan.scale;
      out.push(_`const ${target} = Math.round(${raw} * ${f10});`);
      // m / 10^k === x exactly when x's shortest decimal has at most k places (see docs/compile.md).
      const magnitude = plan.checkMagnitude ? _` || !(${target} <= ${SAFE_} && ${target} >= -${SAFE_})` : _``;
      out.push(_`if (${target} / ${f10} !== ${raw}${magnitude}) ${fn.bail}`);
    }
    return { kind: 'num', code: target, scale: plan.scale, bound: plan.bound };
  }

  private kindOf(f: Fact): Kind {
    switch (f.type.kind) {
      case 'boolean':
        return 'bool';
      case 'integer':
      case 'decimal':
      case 'ratio':
        return 'num';
      case 'list':
        return 'list';
      default:
        return 'str';
    }
  }

  private recordRead(name: string, json: Code, out: Block, sc: Scope): void {
    const fn = sc.fn;
    if (!sc.recordReads || fn.reads === 'none') return;
    if (fn.reads === 'static') out.push(setProp(fn.R!, name, json));
    else {
      const inner = out.child();
      inner.push(setProp(fn.R!, name, json));
      out.wrap(_`if (${fn.R!} !== null)`, inner);
    }
  }

  private factValue(f: Fact, out: Block, sc: Scope): Val {
    const local = this.factLocal(f, sc.fn);
    const kind = this.kindOf(f);
    if (sc.recordReads && sc.fn.reads !== 'none') {
      let json: Code;
      if (kind === 'num') json = this.fast ? _`${local.raw} + 0` : _`${local.val}.toNumber()`;
      else if (kind === 'list') json = this.fast ? _`${this.g.listJsonFn(f)}(${local.raw})` : _`${this.rt}.toJson(${local.val})`;
      else json = local.raw;
      this.recordRead(f.id, json, out, sc);
    }
    if (kind === 'num' && this.fast) {
      const plan = this.numericPlan(f, undefined);
      return { kind, code: local.val, scale: plan.scale, bound: plan.bound };
    }
    return { kind, code: local.val, scale: 0, bound: 0, ...(kind === 'list' ? { fact: f } : {}) };
  }

  /** A field of the current record inside an aggregate. */
  fieldValue(list: Fact, name: string, rec: Name, out: Block, fn: Fn): Val {
    const field = list.type.kind === 'list' ? list.type.fields.find((x) => x.id === name) : undefined;
    if (!field) throw new CodegenError(`\`${list.id}\` has no field \`${name}\``);
    const kind = this.kindOf(field);
    if (!this.fast) return { kind, code: _`${rec}[${name}]`, scale: 0, bound: 0 };
    const raw = this.g.names.next('fv');
    out.push(_`let ${raw} = ${rec}[${name}];`);
    if (field.default !== undefined) out.push(_`if (${raw} === undefined) ${raw} = ${literal(field.default)};`);
    if (kind !== 'num') return { kind, code: raw, scale: 0, bound: 0 };
    return this.scaledFromData(raw, this.g.names.next('fm'), field, list, out, fn);
  }

  /** The combination index of a parameter for this subject, resolved on first use. */
  paramIndex(info: ParamInfo, out: Block, fn: Fn): Name {
    let k = fn.params.get(info.p.id);
    if (!k) {
      k = this.g.names.next('k');
      fn.prologue.push(_`let ${k} = -1;`);
      fn.params.set(info.p.id, k);
    }
    const inner = out.child();
    if (this.fast) inner.push(_`${k} = ${info.fastFn}(${fn.s}, ${fn.asOf});`, _`if (${k} < 0) ${fn.bail}`);
    else inner.push(_`${k} = ${info.exactFn}(${fn.s}, ${fn.asOf});`);
    out.wrap(_`if (${k} < 0)`, inner);
    return k;
  }

  paramValue(info: ParamInfo, k: Name, out: Block, _fn: Fn): Val {
    if (!this.fast) return this.materialize({ kind: 'num', code: _`${info.decimals}[${k}]`, scale: 0, bound: 0 }, out, 'p');
    return this.materialize({ kind: 'num', code: _`${info.scaled}[${k}]`, scale: info.scale, bound: info.bound }, out, 'p');
  }

  // ---------------------------------------------------------------- expressions

  /** Compiles an expression into statements on `out`; returns its value. Evaluation order is the reference's. */
  expr(e: Expr, out: Block, sc: Scope): Val {
    const fn = sc.fn;
    switch (e.kind) {
      case 'number': {
        const d = parseDecimal(e.value);
        if (!d) throw new CodegenError(`\`${e.value}\` is not a number`);
        if (!this.fast) return { kind: 'num', code: this.g.dec(d), scale: 0, bound: 0 };
        const c = coefAt(d, d.scale);
        if (c === undefined) return this.giveUp(out, fn);
        return numberVal(c, d.scale);
      }
      case 'boolean':
        return { kind: 'bool', code: _`${e.value}`, scale: 0, bound: 0 };
      case 'text':
      case 'date':
        return { kind: 'str', code: _`${e.value}`, scale: 0, bound: 0 };
      case 'ref':
        return this.ref(e.name, out, sc);
      case 'unary': {
        const x = this.expr(e.operand, out, sc);
        if (e.op === 'not') {
          this.need(x, 'bool', e.operand);
          return { kind: 'bool', code: _`!${x.code}`, scale: 0, bound: 0 };
        }
        this.need(x, 'num', e.operand);
        if (!this.fast) return { kind: 'num', code: _`${x.code}.neg()`, scale: 0, bound: 0 };
        return { ...x, code: _`(-${x.code})` };
      }
      case 'binary':
        return this.binary(e, out, sc);
      case 'if': {
        const c = this.expr(e.cond, out, sc);
        this.need(c, 'bool', e.cond);
        const thenBlock = out.child();
        const a = this.expr(e.then, thenBlock, sc);
        const elseBlock = out.child();
        const b = this.expr(e.else, elseBlock, sc);
        if (a.kind !== b.kind || a.kind === 'list') throw new CodegenError(`the branches of \`${formatExpr(e)}\` give different types`);
        const t = this.g.names.next('v');
        out.push(_`let ${t};`);
        let scale = 0;
        let bound = 0;
        if (a.kind === 'num' && this.fast) {
          scale = Math.max(a.scale, b.scale);
          const x = this.align(a, scale, thenBlock, fn);
          const y = this.align(b, scale, elseBlock, fn);
          bound = Math.max(x.bound, y.bound);
          thenBlock.push(_`${t} = ${x.code};`);
          elseBlock.push(_`${t} = ${y.code};`);
        } else {
          thenBlock.push(_`${t} = ${a.code};`);
          elseBlock.push(_`${t} = ${b.code};`);
        }
        out.ifElse(_`if (${c.code})`, thenBlock, elseBlock);
        return { kind: a.kind, code: t, scale, bound };
      }
      case 'in': {
        const v = this.materialize(this.expr(e.value, out, sc), out, 'x');
        if (v.kind === 'list') throw new CodegenError('`in` over a list');
        const t = this.g.names.next('found');
        const label = this.g.names.next('L');
        out.push(_`let ${t} = false;`);
        const inner = out.child();
        for (const o of e.options) {
          const ov = this.expr(o, inner, sc);
          if (ov.kind !== v.kind) throw new CodegenError(`the options of \`${formatExpr(e)}\` are not of the value's type`);
          const eq = v.kind === 'num' ? this.cmp(v, ov, '==', inner, fn).code : _`${v.code} === ${ov.code}`;
          inner.push(_`if (${eq}) { ${t} = true; break ${label}; }`);
        }
        out.wrap(_`${label}:`, inner);
        return { kind: 'bool', code: t, scale: 0, bound: 0 };
      }
      case 'call':
        return this.call(e, out, sc);
      case 'aggregate':
        return this.aggregate(e, out, sc);
    }
  }

  private ref(name: string, out: Block, sc: Scope): Val {
    if (sc.fields?.has(name)) {
      // Fields are the list's own values: not recorded as reads.
      return this.fieldValue(sc.fields.get(name)!, name, sc.rec!, out, sc.fn);
    }
    const f = this.g.facts.get(name);
    if (f) return this.factValue(f, out, sc);
    const p = this.g.params.get(name);
    if (p) {
      const k = this.paramIndex(p, out, sc.fn);
      const v = this.paramValue(p, k, out, sc.fn);
      this.recordRead(name, this.fast ? _`${p.numbers}[${k}]` : _`${v.code}.toNumber()`, out, sc);
      return v;
    }
    throw new CodegenError(`unknown name \`${name}\``);
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>, out: Block, sc: Scope): Val {
    const fn = sc.fn;
    if (e.op === 'and' || e.op === 'or') {
      const l = this.expr(e.left, out, sc);
      this.need(l, 'bool', e.left);
      const rBlock = out.child();
      const r = this.expr(e.right, rBlock, sc);
      this.need(r, 'bool', e.right);
      const jsOp = e.op === 'and' ? _`&&` : _`||`;
      if (rBlock.isEmpty()) return { kind: 'bool', code: _`(${l.code} ${jsOp} ${r.code})`, scale: 0, bound: 0 };
      const t = this.g.names.next('b');
      out.push(_`let ${t} = ${l.code};`);
      rBlock.push(_`${t} = ${r.code};`);
      out.wrap(e.op === 'and' ? _`if (${t})` : _`if (!${t})`, rBlock);
      return { kind: 'bool', code: t, scale: 0, bound: 0 };
    }
    if (e.op === '/') {
      // The reference evaluates the divisor first, checks it, then the dividend.
      const r = this.materialize(this.expr(e.right, out, sc), out, 'dv');
      this.need(r, 'num', e.right);
      if (this.fast) out.push(_`if (${r.code} === 0) ${fn.bail}`);
      else {
        const inner = out.child();
        inner.push(this.evalError('eval/division-by-zero', _`"division by zero"`));
        out.wrap(_`if (${r.code}.isZero())`, inner);
      }
      const l = this.expr(e.left, out, sc);
      this.need(l, 'num', e.left);
      if (!this.fast) return { kind: 'num', code: _`${l.code}.div(${r.code})`, scale: 0, bound: 0 };
      return this.fastDiv(l, r, out, fn);
    }
    const l = this.expr(e.left, out, sc);
    const r = this.expr(e.right, out, sc);
    switch (e.op) {
      case '+':
      case '-':
      case '*':
        this.need(l, 'num', e.left);
        this.need(r, 'num', e.right);
        return e.op === '+' ? this.add(l, r, out, fn) : e.op === '-' ? this.sub(l, r, out, fn) : this.mul(l, r, out, fn);
      case '==':
      case '!=':
        if (l.kind !== r.kind || l.kind === 'list') throw new CodegenError(`\`${formatExpr(e)}\` compares values of different types`);
        if (l.kind === 'num') return this.cmp(l, r, e.op, out, fn);
        return { kind: 'bool', code: _`(${l.code} ${e.op === '==' ? _`===` : _`!==`} ${r.code})`, scale: 0, bound: 0 };
      default: {
        if (l.kind !== r.kind || (l.kind !== 'num' && l.kind !== 'str')) throw new CodegenError(`\`${formatExpr(e)}\` orders values that are not two numbers or two dates`);
        if (l.kind === 'num') return this.cmp(l, r, e.op, out, fn);
        return { kind: 'bool', code: _`(${l.code} ${opCode(e.op)} ${r.code})`, scale: 0, bound: 0 };
      }
    }
  }

  /**
   * a / b on the fast path: exact when the quotient terminates within a few more places than
   * its operands have (else give up: the exact path keeps 20 places, as the reference does).
   */
  private fastDiv(a: Val, b: Val, out: Block, fn: Fn): Val {
    const q = Math.min(MAX_SCALE, Math.max(a.scale, b.scale) + 4);
    // (ma/10^sa) / (mb/10^sb) at scale q = ma·10^(q+sb−sa) / mb
    const numScale = q + b.scale;
    if (numScale > MAX_SCALE || numScale < a.scale) return this.giveUp(out, fn);
    const n = this.materialize(this.align(a, numScale, out, fn), out, 'nm');
    out.push(_`if (${n.code} % ${b.code} !== 0) ${fn.bail}`);
    return this.materialize({ kind: 'num', code: _`(${n.code} / ${b.code})`, scale: q, bound: n.bound }, out, 'q');
  }

  private call(e: Extract<Expr, { kind: 'call' }>, out: Block, sc: Scope): Val {
    const fn = sc.fn;
    const mode = ROUNDING[e.fn];
    if (mode) {
      if (e.args.length !== 2) throw new CodegenError(`\`${e.fn}\` takes 2 arguments`);
      // The reference evaluates the step first and checks it before the value.
      const step = this.materialize(this.expr(e.args[1]!, out, sc), out, 'st');
      this.need(step, 'num', e.args[1]!);
      if (!this.fast) {
        const inner = out.child();
        inner.push(this.evalError('eval/bad-step', _`${`${e.fn} needs a positive step, got `} + ${step.code}.toString()`));
        out.wrap(_`if (${step.code}.c <= 0n)`, inner);
        const x = this.expr(e.args[0]!, out, sc);
        this.need(x, 'num', e.args[0]!);
        return { kind: 'num', code: _`${x.code}.roundTo(${step.code}, ${mode})`, scale: 0, bound: 0 };
      }
      const k = literalOf(step);
      if (k === undefined || k <= 0) out.push(_`if (!(${step.code} > 0)) ${fn.bail}`);
      const x = this.expr(e.args[0]!, out, sc);
      this.need(x, 'num', e.args[0]!);
      return this.fastRound(x, step, mode, out, fn);
    }
    const args = e.args.map((a) => {
      const v = this.materialize(this.expr(a, out, sc), out, 'a');
      this.need(v, 'num', a);
      return v;
    });
    switch (e.fn) {
      case 'min':
      case 'max': {
        if (args.length === 0) throw new CodegenError(`\`${e.fn}\` needs arguments`);
        if (!this.fast) return args.reduce((m, x) => (e.fn === 'min' ? this.minOf(m, x, out, fn) : this.maxOf(m, x, out, fn)));
        const scale = Math.max(...args.map((a) => a.scale));
        const aligned = args.map((a) => this.align(a, scale, out, fn));
        const f = e.fn === 'min' ? _`Math.min` : _`Math.max`;
        return { kind: 'num', code: _`${f}(${join(aligned.map((a) => a.code))})`, scale, bound: Math.max(...aligned.map((a) => a.bound)) };
      }
      case 'abs': {
        if (args.length !== 1) throw new CodegenError('`abs` takes 1 argument');
        const x = args[0]!;
        if (!this.fast) return { kind: 'num', code: _`${x.code}.abs()`, scale: 0, bound: 0 };
        return { ...x, code: _`Math.abs(${x.code})` };
      }
      case 'clamp': {
        if (args.length !== 3) throw new CodegenError('`clamp` takes 3 arguments');
        const [x, lo, hi] = args as [Val, Val, Val];
        if (!this.fast) return this.minOf(this.maxOf(x, lo, out, fn), hi, out, fn);
        const scale = Math.max(x.scale, lo.scale, hi.scale);
        const [ax, alo, ahi] = [x, lo, hi].map((a) => this.align(a, scale, out, fn)) as [Val, Val, Val];
        return { kind: 'num', code: _`Math.min(Math.max(${ax.code}, ${alo.code}), ${ahi.code})`, scale, bound: Math.max(ax.bound, alo.bound, ahi.bound) };
      }
      default:
        throw new CodegenError(`unknown function \`${e.fn}\``);
    }
  }

  /**
   * round(x, step) on scaled integers: X and T at one scale, q = X / T rounded by the mode
   * (`%` is exact on integers, so `(X − X % T) / T` is the exact truncated quotient), result q × step.
   */
  private fastRound(x: Val, step: Val, mode: 'half-up' | 'down' | 'up', out: Block, fn: Fn): Val {
    const s = Math.max(x.scale, step.scale);
    const X = this.materialize(this.align(x, s, out, fn), out, 'X');
    const T = this.materialize(this.align(step, s, out, fn), out, 'T');
    const r = this.g.names.next('r');
    const q = this.g.names.next('q');
    out.push(_`const ${r} = ${X.code} % ${T.code};`, _`let ${q} = (${X.code} - ${r}) / ${T.code};`);
    if (mode === 'half-up') out.push(_`if (${r} !== 0 && (${r} < 0 ? -${r} : ${r}) * 2 >= ${T.code}) ${q} += ${X.code} < 0 ? -1 : 1;`);
    else if (mode === 'down') out.push(_`if (${r} !== 0 && ${X.code} < 0) ${q} -= 1;`);
    else out.push(_`if (${r} !== 0 && ${X.code} > 0) ${q} += 1;`);
    // |q × step| ≤ |x| + |step|, and at step's scale its coefficient is no larger than at s.
    return this.guard({ kind: 'num', code: _`(${q} * ${step.code})`, scale: step.scale, bound: X.bound + T.bound }, out, fn);
  }

  private aggregate(e: Extract<Expr, { kind: 'aggregate' }>, out: Block, sc: Scope): Val {
    const f = this.g.facts.get(e.list);
    if (!f || f.type.kind !== 'list') throw new CodegenError(`\`${e.list}\` is not a list fact`);
    const list = this.factValue(f, out, { ...sc, fields: undefined });
    const fields = new Map(f.type.fields.map((x) => [x.id, f] as const));
    const visit = (rec: Name, block: Block): { skip?: Code } => {
      const inner: Scope = { fn: sc.fn, rec, fields, recordReads: sc.recordReads };
      if (!e.where) return {};
      const w = this.expr(e.where, block, inner);
      this.need(w, 'bool', e.where);
      return { skip: _`if (!${w.code}) continue;` };
    };
    const innerScope = (rec: Name): Scope => ({ fn: sc.fn, rec, fields, recordReads: sc.recordReads });
    switch (e.fn) {
      case 'count': {
        const n = this.g.names.next('cnt');
        out.push(_`let ${n} = 0;`);
        this.loop(list, out, (rec, block) => {
          const { skip } = visit(rec, block);
          if (skip) block.push(skip);
          block.push(_`${n}++;`);
        });
        if (this.fast) return { kind: 'num', code: n, scale: 0, bound: 2 ** 32 };
        return { kind: 'num', code: _`${this.rt}.fromInteger(${n})`, scale: 0, bound: 0 };
      }
      case 'sum': {
        if (!e.value) throw new CodegenError('`sum` needs a value');
        const value = e.value;
        return this.aggregateSum(list, (rec, block) => {
          const { skip } = visit(rec, block);
          if (skip) block.push(skip);
          const v = this.expr(value, block, innerScope(rec));
          this.need(v, 'num', value);
          return v;
        }, out, sc.fn);
      }
      case 'all':
      case 'any': {
        if (!e.value) throw new CodegenError(`\`${e.fn}\` needs a condition`);
        const value = e.value;
        const t = this.g.names.next(e.fn);
        out.push(_`let ${t} = ${e.fn === 'all'};`);
        this.loop(list, out, (rec, block) => {
          const { skip } = visit(rec, block);
          if (skip) block.push(skip);
          const v = this.expr(value, block, innerScope(rec));
          this.need(v, 'bool', value);
          block.push(e.fn === 'all' ? _`if (!${v.code}) { ${t} = false; break; }` : _`if (${v.code}) { ${t} = true; break; }`);
        });
        return { kind: 'bool', code: t, scale: 0, bound: 0 };
      }
    }
  }

  private loop(list: Val, out: Block, body: (rec: Name, block: Block) => void): void {
    const i = this.g.names.next('i');
    const rec = this.g.names.next('rec');
    const block = out.child();
    block.push(_`const ${rec} = ${list.code}[${i}];`);
    body(rec, block);
    out.wrap(_`for (let ${i} = 0; ${i} < ${list.code}.length; ${i}++)`, block);
  }

  /** Σ over a list's records of a number computed per record. */
  aggregateSum(list: Val, value: (rec: Name, block: Block) => Val, out: Block, fn: Fn): Val {
    if (!this.fast) {
      const acc = this.g.names.next('sum');
      out.push(_`let ${acc} = ${this.rt}.ZERO;`);
      this.loop(list, out, (rec, block) => {
        const v = value(rec, block);
        block.push(_`${acc} = ${acc}.add(${v.code});`);
      });
      return { kind: 'num', code: acc, scale: 0, bound: 0 };
    }
    // 0 is 0 at any scale: the value's scale is known once the loop body is compiled.
    const acc = this.g.names.next('sum');
    out.push(_`let ${acc} = 0;`);
    let scale = 0;
    this.loop(list, out, (rec, block) => {
      const v = value(rec, block);
      scale = v.scale;
      const next = this.guard({ kind: 'num', code: _`(${acc} + ${v.code})`, scale, bound: Infinity }, block, fn);
      block.push(_`${acc} = ${next.code};`);
    });
    return { kind: 'num', code: acc, scale, bound: SAFE };
  }

  // ---------------------------------------------------------------- planning (fast path)

  /** The scale of an expression's value on the fast path (without emitting code). */
  scaleOf(e: Expr, fields: ReadonlyMap<string, Fact> | undefined): number {
    if (!fields) {
      const quick = this.quickScale(e);
      if (quick !== undefined) return quick.scale;
    }
    const probe = new Emitter(this.g, true);
    const fn = new Fn(new Name('s'), new Name('asOf'), _`return;`, 'none', undefined);
    const v = probe.expr(e, new Block(), { fn, recordReads: false, ...(fields ? { fields: new Map(fields), rec: new Name('rec') } : {}) });
    return v.scale;
  }

  /**
   * The kind and fast-path scale of a top-level expression worked out from the expression
   * alone, as {@link expr} would find them, for the forms rules are mostly made of; undefined
   * for the others (division, aggregates, numbers that do not fit) and for anything ill-typed,
   * which {@link scaleOf} compiles into a throwaway block instead — that also throws the same
   * errors as before. Planning a large rubric's scales by compiling every rule an extra time
   * took a quarter of the time of generating its fast path.
   */
  private quickScale(e: Expr): { kind: Kind; scale: number } | undefined {
    switch (e.kind) {
      case 'number': {
        const d = parseDecimal(e.value);
        return d && coefAt(d, d.scale) !== undefined ? { kind: 'num', scale: d.scale } : undefined;
      }
      case 'boolean':
        return BOOL_SCALE;
      case 'text':
      case 'date':
        return STR_SCALE;
      case 'ref': {
        const f = this.g.facts.get(e.name);
        if (f) {
          const kind = this.kindOf(f);
          if (kind === 'list') return undefined;
          return kind === 'num' ? { kind, scale: f.type.kind === 'integer' ? 0 : DATA_SCALE } : kind === 'bool' ? BOOL_SCALE : STR_SCALE;
        }
        const p = this.g.params.get(e.name);
        return p ? { kind: 'num', scale: p.scale } : undefined;
      }
      case 'unary': {
        const x = this.quickScale(e.operand);
        if (x === undefined) return undefined;
        if (e.op === 'not') return x.kind === 'bool' ? BOOL_SCALE : undefined;
        return x.kind === 'num' ? x : undefined;
      }
      case 'binary': {
        if (e.op === '/') return undefined;
        const l = this.quickScale(e.left);
        const r = l && this.quickScale(e.right);
        if (l === undefined || r === undefined) return undefined;
        switch (e.op) {
          case 'and':
          case 'or':
            return l.kind === 'bool' && r.kind === 'bool' ? BOOL_SCALE : undefined;
          case '+':
          case '-':
            return l.kind === 'num' && r.kind === 'num' ? { kind: 'num', scale: Math.max(l.scale, r.scale) } : undefined;
          case '*':
            return l.kind === 'num' && r.kind === 'num' && l.scale + r.scale <= MAX_SCALE ? { kind: 'num', scale: l.scale + r.scale } : undefined;
          case '==':
          case '!=':
            return l.kind === r.kind ? BOOL_SCALE : undefined;
          case '<':
          case '<=':
          case '>':
          case '>=':
            return l.kind === r.kind && (l.kind === 'num' || l.kind === 'str') ? BOOL_SCALE : undefined;
          default:
            return undefined;
        }
      }
      case 'if': {
        const c = this.quickScale(e.cond);
        const a = c && this.quickScale(e.then);
        const b = a && this.quickScale(e.else);
        if (c?.kind !== 'bool' || a === undefined || b === undefined || a.kind !== b.kind) return undefined;
        return a.kind === 'num' ? { kind: 'num', scale: Math.max(a.scale, b.scale) } : a;
      }
      case 'in': {
        const v = this.quickScale(e.value);
        if (v === undefined) return undefined;
        for (const o of e.options) if (this.quickScale(o)?.kind !== v.kind) return undefined;
        return BOOL_SCALE;
      }
      case 'call': {
        const args: { kind: Kind; scale: number }[] = [];
        // Arguments are compiled step first for rounding, in order otherwise: any order will do
        // here, as every argument must be a well-typed number for an answer.
        for (const a of e.args) {
          const x = this.quickScale(a);
          if (x?.kind !== 'num') return undefined;
          args.push(x);
        }
        const max = (): number => Math.max(...args.map((a) => a.scale));
        switch (e.fn) {
          case 'round':
          case 'round_down':
          case 'round_up':
            return args.length === 2 ? { kind: 'num', scale: args[1]!.scale } : undefined;
          case 'min':
          case 'max':
            return args.length > 0 ? { kind: 'num', scale: max() } : undefined;
          case 'abs':
            return args.length === 1 ? args[0] : undefined;
          case 'clamp':
            return args.length === 3 ? { kind: 'num', scale: max() } : undefined;
          default:
            return undefined;
        }
      }
      default:
        return undefined;
    }
  }

  /** The scale of an indicator's points on the fast path. */
  scaleOfRule(ind: Indicator): number {
    const r = ind.rule;
    switch (r.kind) {
      case 'expression':
        return this.scaleOf(r.points, undefined);
      case 'cases':
        return Math.max(...r.cases.map((c) => this.scaleOf(c.points, undefined)), this.scaleOf(r.otherwise, undefined));
      case 'checklist':
        return Math.max(decimalsOf(ind.max).scale, ...r.items.map((it) => decimalsOf(it.points).scale + (it.count ? this.scaleOf(it.count, undefined) : 0)));
    }
  }
}

const BOOL_SCALE: { kind: Kind; scale: number } = { kind: 'bool', scale: 0 };
const STR_SCALE: { kind: Kind; scale: number } = { kind: 'str', scale: 0 };

/** A fast-path number that is a compile-time constant. */
function numberVal(c: number, scale: number): Val {
  return { kind: 'num', code: _`${c}`, scale, bound: Math.abs(c) };
}

/** The value of a fast-path number whose code is an integer literal (`5`, `(-5)`), else undefined. */
function literalOf(v: Val): number | undefined {
  const m = /^\(?(-?\d+)\)?$/.exec(v.code.toString());
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : undefined;
}

function opCode(op: string): Code {
  switch (op) {
    case '<':
      return _`<`;
    case '<=':
      return _`<=`;
    case '>':
      return _`>`;
    case '>=':
      return _`>=`;
    default:
      throw new CodegenError(`unknown comparison ${op}`);
  }
}
