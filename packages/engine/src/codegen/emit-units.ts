/**
 * The generator of one rubric's evaluator: checks names once, plans the parameters, holds the
 * constants hoisted into each unit, and emits the units — `main` (input check, `invalid`,
 * `evaluate` loading the scoring units on first use) and one unit per scoring function.
 */
import { Decimal, type Fact, type Rubric } from '@rubric/model';
import { _, Block, type Code, join, literal, Name, NameGen, objectLiteral } from './code.js';
import { coefAt, decimalsOf } from './decimal-constants.js';
import { type EmitContext, MAX_SCALE, NoFastPath, type NumericPlan, type ParamInfo, SAFE } from './emit-context.js';
import { Emitter } from './emit-expression.js';
import { emitParamFn, emitParamSource, planParam } from './emit-parameters.js';
import { emitPrecheck } from './emit-precheck.js';
import { emitInvalid } from './emit-result.js';
import { emitScore } from './emit-score.js';
import { CodegenError } from './errors.js';

/** The scoring units: the fast path without and with explanations, and the exact path. */
export type UnitKind = 'fast' | 'fastExplain' | 'exact';

/** Generates one rubric's evaluator units (see `EvaluatorParts`); the concept modules emit through it as their {@link EmitContext}. */
export class Generator implements EmitContext {
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
    for (const p of rubric.parameters) this.params.set(p.id, planParam(this.names, p));
    if (!this.params.has(rubric.passMark)) throw new CodegenError(`the pass mark \`${rubric.passMark}\` is not a parameter`);
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
    for (const info of this.params.values()) fns.push(emitParamSource(info));
    if (kind === 'exact') {
      for (const info of this.params.values()) {
        fns.push(_`const ${info.decimals} = [${join(info.combos.map((c) => this.dec(decimalsOf(c.value))))}];`);
        fns.push(emitParamFn(this, new Emitter(this, false), info, false));
      }
      fns.push(emitScore(this, name, false, 'dynamic'));
    } else {
      try {
        for (const info of this.params.values()) {
          if (!Number.isFinite(info.bound) || info.scale > MAX_SCALE) throw new NoFastPath();
          fns.push(_`const ${info.scaled} = ${literal(info.combos.map((c) => coefAt(decimalsOf(c.value), info.scale)!))};`);
          fns.push(_`const ${info.numbers} = ${literal(info.combos.map((c) => decimalsOf(c.value).toNumber()))};`);
          fns.push(emitParamFn(this, new Emitter(this, true), info, true));
        }
        fns.push(emitScore(this, name, true, kind === 'fast' ? 'none' : 'static'));
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
    out.push(...pre.hoisted, pre.fn, emitInvalid(this));
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
}
