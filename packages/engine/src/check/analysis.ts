/**
 * Abstract evaluation of expressions: what values an expression can take over all
 * inputs the fact declarations allow (ratio 0..1, integer min..max, a level's values…).
 *
 * Numbers become {@link Interval}s; true/false, levels and text literals become sets of
 * possible values. Conditions are handled by *assuming* them: `assume(rate < 0.5, true)`
 * narrows what is known of `rate`, so a case's points are analysed only over the inputs
 * that reach that case, and `rate > 0.5 and rate < 0.3` is found impossible.
 *
 * Everything here is a sound over-approximation: "impossible" and "always" are proofs;
 * "possible" only means "not proven impossible". Expressions with type errors give
 * "anything" (they are reported elsewhere).
 *
 * This module holds the evaluator itself ({@link RangeAnalyzer}), kept whole: evaluating
 * an expression and assuming a condition call each other throughout (an `if` evaluates
 * under assumed branches; a comparison is assumed by evaluating its operands), so
 * splitting the class would scatter one recursion. What it knows of inputs lives in
 * `input-env.ts`, its values in `abstract-values.ts`, comparisons in `comparisons.ts`;
 * the names importers use from those are re-exported here.
 */
import { Decimal, type Expr, type Rubric } from '@rubric/model';
import { NO_DEPS, asSet, constantOf, disjoint, joinValues, union, type AbstractValue, type Possibility } from './abstract-values.js';
import { FLIP, NEGATE, isCmp, mayHold, type Cmp } from './comparisons.js';
import { dec } from './fold.js';
import { Env, declaredEntry, entryInterval, narrowNumber, type Entry } from './input-env.js';
import {
  UNBOUNDED,
  absI,
  addI,
  divI,
  loosen,
  maxI,
  minI,
  mulI,
  negI,
  point,
  roundI,
  roundVarI,
  subI,
  type Interval,
} from './intervals.js';
import { bindingKey, type Binding, type Scope } from './scope.js';

export { type AbstractValue, type Possibility } from './abstract-values.js';
export {
  Env,
  declaredEntry,
  entryInterval,
  narrowNumber,
  type Entry,
  type NumberEntry,
  type OpaqueEntry,
  type SetEntry,
} from './input-env.js';

const STEP_BUDGET = 50_000;

/**
 * Abstract evaluator for one rubric. Each public call has a step budget; past it the
 * answer is "anything", so pathological expressions cannot stall the checker.
 */
export class RangeAnalyzer {
  private readonly base = new Map<string, Entry>();
  private steps = 0;

  constructor(
    rubric: Rubric,
    /** The rubric's top-level scope. */
    readonly scope: Scope,
  ) {
    rubric.facts.forEach((f) => {
      const key = `fact:${f.id}`;
      if (this.base.has(key)) return;
      const e = declaredEntry(f);
      if (e) this.base.set(key, e);
      if (f.type.kind === 'list') {
        for (const field of f.type.fields) {
          const fe = declaredEntry(field);
          const fk = `field:${f.id}.${field.id}`;
          if (fe && !this.base.has(fk)) this.base.set(fk, fe);
        }
      }
    });
    rubric.parameters.forEach((p) => {
      const key = `parameter:${p.id}`;
      if (this.base.has(key)) return;
      const values = p.periods.flatMap((per) => [per.value, ...per.overrides.map((o) => o.value)]).map(dec);
      if (values.length === 0) return;
      const lo = values.reduce((a, b) => Decimal.min(a, b));
      const hi = values.reduce((a, b) => Decimal.max(a, b));
      this.base.set(key, { kind: 'number', lo, hi, loOpen: false, hiOpen: false, integer: false, precise: false });
    });
  }

  /** What the declarations alone allow. */
  baseEnv(): Env {
    return new Env(this.base);
  }

  /** The abstract value of `e` in `env` (names resolved in `scope`, the rubric's by default). */
  evaluate(e: Expr, env: Env, scope: Scope = this.scope): AbstractValue {
    this.steps = 0;
    return this.eval(e, env, scope);
  }

  /** The range of a number expression (unbounded when it is not a number). */
  numberRange(e: Expr, env: Env, scope: Scope = this.scope): Interval {
    const v = this.evaluate(e, env, scope);
    return v.kind === 'number' ? v.range : UNBOUNDED;
  }

  /** Whether a condition can be true, and whether it can be false, in `env`. */
  possible(e: Expr, env: Env, scope: Scope = this.scope): Possibility {
    this.steps = 0;
    return { canTrue: this.assume0(e, true, env, scope) !== null, canFalse: this.assume0(e, false, env, scope) !== null };
  }

  /** `env` narrowed by the condition having the value `truth`; null when that is impossible. */
  assume(e: Expr, truth: boolean, env: Env, scope: Scope = this.scope): Env | null {
    this.steps = 0;
    return this.assume0(e, truth, env, scope);
  }

  /** The bindings an expression reads (fields inside aggregates, the lists themselves). */
  depsOf(e: Expr, scope: Scope = this.scope): Set<string> {
    const out = new Set<string>();
    const walk = (x: Expr, s: Scope): void => {
      switch (x.kind) {
        case 'ref': {
          const b = s.resolve(x.name);
          if (b) out.add(bindingKey(b));
          return;
        }
        case 'unary':
          return walk(x.operand, s);
        case 'binary':
          walk(x.left, s);
          return walk(x.right, s);
        case 'if':
          walk(x.cond, s);
          walk(x.then, s);
          return walk(x.else, s);
        case 'in':
          walk(x.value, s);
          return x.options.forEach((o) => walk(o, s));
        case 'call':
          return x.args.forEach((a) => walk(a, s));
        case 'aggregate': {
          const b = s.resolve(x.list);
          if (b) out.add(bindingKey(b));
          const inner = b?.kind === 'fact' && b.fact.type.kind === 'list' ? s.enterList(b.fact, b.path) : s;
          if (x.where) walk(x.where, inner);
          if (x.value) walk(x.value, inner);
          return;
        }
        default:
          return;
      }
    };
    walk(e, scope);
    return out;
  }

  private overBudget(): boolean {
    return ++this.steps > STEP_BUDGET;
  }

  private eval(e: Expr, env: Env, scope: Scope): AbstractValue {
    if (this.overBudget()) return { kind: 'top', deps: this.depsOf(e, scope) };
    switch (e.kind) {
      case 'number': {
        const d = Decimal.parse(e.value);
        return d ? { kind: 'number', range: point(d), deps: NO_DEPS } : { kind: 'top', deps: NO_DEPS };
      }
      case 'boolean':
        return { kind: 'bool', canTrue: e.value, canFalse: !e.value, deps: NO_DEPS };
      case 'text':
        return { kind: 'set', values: new Set([e.value]), deps: NO_DEPS };
      case 'date':
        return { kind: 'top', deps: NO_DEPS };
      case 'ref':
        return this.evalRef(scope.resolve(e.name), env);
      case 'unary': {
        const v = this.eval(e.operand, env, scope);
        if (e.op === 'neg') return v.kind === 'number' ? { ...v, range: negI(v.range) } : { kind: 'top', deps: v.deps };
        return v.kind === 'bool' ? { ...v, canTrue: v.canFalse, canFalse: v.canTrue } : { kind: 'top', deps: v.deps };
      }
      case 'binary': {
        if (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/') {
          const a = this.eval(e.left, env, scope);
          const b = this.eval(e.right, env, scope);
          const deps = union(a.deps, b.deps);
          if (a.kind !== 'number' || b.kind !== 'number') return { kind: 'top', deps };
          const ind = disjoint([a.deps, b.deps]);
          const op = e.op === '+' ? addI : e.op === '-' ? subI : e.op === '*' ? mulI : divI;
          return { kind: 'number', range: op(a.range, b.range, ind), deps };
        }
        return this.evalCondition(e, env, scope);
      }
      case 'in':
        return this.evalCondition(e, env, scope);
      case 'if': {
        const tEnv = this.assume0(e.cond, true, env, scope);
        const fEnv = this.assume0(e.cond, false, env, scope);
        // A branch that may not be reached by any input reaches none of its bounds for sure.
        const branch = (x: Expr, at: Env | null): AbstractValue | undefined => {
          if (!at) return undefined;
          const v = this.eval(x, at, scope);
          return v.kind === 'number' && at.lessCertainThan(env) ? { ...v, range: loosen(v.range) } : v;
        };
        const a = branch(e.then, tEnv);
        const b = branch(e.else, fEnv);
        const condDeps = this.depsOf(e.cond, scope);
        const pick = a && b ? joinValues(a, b) : (a ?? b ?? { kind: 'top' as const, deps: NO_DEPS });
        return { ...pick, deps: union(pick.deps, condDeps) } as AbstractValue;
      }
      case 'call':
        return this.evalCall(e, env, scope);
      case 'aggregate':
        if (e.fn === 'all' || e.fn === 'any') return this.evalCondition(e, env, scope);
        return this.evalAggregateNumber(e, env, scope);
    }
  }

  private evalRef(b: Binding | undefined, env: Env): AbstractValue {
    if (!b) return { kind: 'top', deps: NO_DEPS };
    const key = bindingKey(b);
    const deps = new Set([key]);
    const entry = env.get(key);
    if (!entry || entry.kind === 'opaque') {
      return { kind: 'top', deps };
    }
    if (entry.kind === 'number') return { kind: 'number', range: entryInterval(entry), deps };
    const isBool = (b.kind === 'fact' ? b.fact : b.kind === 'field' ? b.field : undefined)?.type.kind === 'boolean';
    if (isBool) return { kind: 'bool', canTrue: entry.values.has('true'), canFalse: entry.values.has('false'), deps };
    return { kind: 'set', values: entry.values, deps };
  }

  private evalCondition(e: Expr, env: Env, scope: Scope): AbstractValue {
    return {
      kind: 'bool',
      canTrue: this.assume0(e, true, env, scope) !== null,
      canFalse: this.assume0(e, false, env, scope) !== null,
      deps: this.depsOf(e, scope),
    };
  }

  private evalCall(e: Extract<Expr, { kind: 'call' }>, env: Env, scope: Scope): AbstractValue {
    const vs = e.args.map((a) => this.eval(a, env, scope));
    const deps = union(...vs.map((v) => v.deps));
    if (vs.length === 0 || vs.some((v) => v.kind !== 'number')) return { kind: 'top', deps };
    const rs = vs.map((v) => (v as Extract<AbstractValue, { kind: 'number' }>).range);
    const ind = disjoint(vs.map((v) => v.deps));
    const [x, y, z] = rs;
    let range: Interval;
    switch (e.fn) {
      case 'min':
        range = minI(rs, ind);
        break;
      case 'max':
        range = maxI(rs, ind);
        break;
      case 'abs':
        range = rs.length === 1 && x ? absI(x) : UNBOUNDED;
        break;
      case 'clamp':
        range = rs.length === 3 && x && y && z ? minI([maxI([x, y], ind), z], ind) : UNBOUNDED;
        break;
      default: {
        if (rs.length !== 2 || !x || !y) {
          range = UNBOUNDED;
          break;
        }
        const mode = e.fn === 'round' ? 'half-up' : e.fn === 'round_down' ? 'down' : 'up';
        range = y.lo !== null && y.hi !== null && y.lo.eq(y.hi) && y.lo.gt(Decimal.ZERO) ? roundI(x, y.lo, mode) : roundVarI(x, y);
      }
    }
    return { kind: 'number', range, deps };
  }

  /** The scope and environment inside an aggregate, or undefined when its list is not a list fact. */
  private enter(e: Extract<Expr, { kind: 'aggregate' }>, env: Env, scope: Scope): { inner: Scope; env: Env; key: string } | undefined {
    const b = scope.resolve(e.list);
    if (!b || b.kind !== 'fact' || b.fact.type.kind !== 'list') return undefined;
    // A nested aggregate over the same list ranges over other records: forget what was assumed of its fields.
    return { inner: scope.enterList(b.fact, b.path), env: env.reset(`field:${b.fact.id}.`), key: bindingKey(b) };
  }

  private evalAggregateNumber(e: Extract<Expr, { kind: 'aggregate' }>, env: Env, scope: Scope): AbstractValue {
    const ctx = this.enter(e, env, scope);
    if (!ctx) return { kind: 'top', deps: NO_DEPS };
    const deps = new Set([ctx.key]);
    const whereEnv = e.where ? this.assume0(e.where, true, ctx.env, ctx.inner) : ctx.env;
    if (!whereEnv) return { kind: 'number', range: point(Decimal.ZERO), deps };
    if (e.fn === 'count') {
      // An empty list counts 0; a list can hold any number of matching records.
      return { kind: 'number', range: { lo: Decimal.ZERO, hi: null, loTight: true, hiTight: whereEnv.certain() }, deps };
    }
    if (!e.value) return { kind: 'top', deps };
    const v = this.eval(e.value, whereEnv, ctx.inner);
    if (v.kind !== 'number') return { kind: 'top', deps };
    const r = v.range;
    const lo = r.lo !== null && !r.lo.isNegative() ? { lo: Decimal.ZERO, t: true } : { lo: null, t: r.loTight };
    const hi = r.hi !== null && !r.hi.gt(Decimal.ZERO) ? { hi: Decimal.ZERO, t: true } : { hi: null, t: r.hiTight };
    return { kind: 'number', range: { lo: lo.lo, hi: hi.hi, loTight: lo.t, hiTight: hi.t }, deps };
  }

  private assume0(e: Expr, truth: boolean, env: Env, scope: Scope): Env | null {
    if (this.overBudget()) return env.imprecise(this.depsOf(e, scope));
    switch (e.kind) {
      case 'boolean':
        return e.value === truth ? env : null;
      case 'ref': {
        const b = scope.resolve(e.name);
        if (!b) return env;
        const key = bindingKey(b);
        const entry = env.get(key);
        const decl = b.kind === 'fact' ? b.fact : b.kind === 'field' ? b.field : undefined;
        if (!entry || entry.kind !== 'set' || decl?.type.kind !== 'boolean') return env.imprecise([key]);
        const v = String(truth);
        if (!entry.values.has(v)) return null;
        return entry.values.size === 1 ? env : env.with(key, { kind: 'set', values: new Set([v]), precise: entry.precise });
      }
      case 'unary':
        if (e.op === 'not') return this.assume0(e.operand, !truth, env, scope);
        return env.imprecise(this.depsOf(e, scope));
      case 'binary': {
        if (e.op === 'and' || e.op === 'or') {
          // a and b: true = a ∧ b; false = ¬a ∨ (a ∧ ¬b). a or b: true = a ∨ (¬a ∧ b); false = ¬a ∧ ¬b.
          const both = e.op === 'and' ? truth : !truth;
          if (both) {
            const l = this.assume0(e.left, truth, env, scope);
            return l && this.assume0(e.right, truth, l, scope);
          }
          const first = this.assume0(e.left, truth, env, scope);
          const l = this.assume0(e.left, !truth, env, scope);
          const second = l && this.assume0(e.right, truth, l, scope);
          return Env.join(first, second);
        }
        if (isCmp(e.op)) return this.assumeComparison(e.left, e.op, e.right, truth, env, scope);
        return env.imprecise(this.depsOf(e, scope));
      }
      case 'in':
        return this.assumeIn(e, truth, env, scope);
      case 'if': {
        const t = this.assume0(e.cond, true, env, scope);
        const f = this.assume0(e.cond, false, env, scope);
        return Env.join(t && this.assume0(e.then, truth, t, scope), f && this.assume0(e.else, truth, f, scope));
      }
      case 'aggregate': {
        const ctx = this.enter(e, env, scope);
        if (!ctx || !e.value || (e.fn !== 'all' && e.fn !== 'any')) return env.imprecise(this.depsOf(e, scope));
        // all: true for an empty list; false needs a record (matching `where`) whose value is false. any: the mirror.
        const needRecord = e.fn === 'all' ? !truth : truth;
        if (needRecord) {
          const w = e.where ? this.assume0(e.where, true, ctx.env, ctx.inner) : ctx.env;
          const v = w && this.assume0(e.value, e.fn === 'any', w, ctx.inner);
          if (!v) return null;
        }
        return env.imprecise([ctx.key]);
      }
      default:
        return env.imprecise(this.depsOf(e, scope));
    }
  }

  private assumeComparison(left: Expr, op0: Cmp, right: Expr, truth: boolean, env: Env, scope: Scope): Env | null {
    const op = truth ? op0 : NEGATE[op0];
    const l = this.eval(left, env, scope);
    const r = this.eval(right, env, scope);
    const deps = union(l.deps, r.deps);
    const bothNumbers = l.kind === 'number' && r.kind === 'number';
    if (bothNumbers) {
      if (!mayHold(op, l.range, r.range)) return null;
      const c = constantOf(r);
      if (c && left.kind === 'ref') return this.narrowRef(left, scope, env, op, c, deps);
      const c2 = constantOf(l);
      if (c2 && right.kind === 'ref') return this.narrowRef(right, scope, env, FLIP[op], c2, deps);
      return env.imprecise(deps);
    }
    const ls = asSet(l);
    const rs = asSet(r);
    if (ls !== undefined && rs !== undefined && (op === '==' || op === '!=')) {
      if (op === '==' && ls !== null && rs !== null && ![...ls].some((v) => rs.has(v))) return null;
      if (op === '!=' && ls !== null && rs !== null && ls.size === 1 && rs.size === 1 && [...ls][0] === [...rs][0]) return null;
      const lit = (x: AbstractValue, xs: ReadonlySet<string> | null): string | undefined =>
        x.deps.size === 0 && xs !== null && xs.size === 1 ? [...xs][0] : undefined;
      const rv = lit(r, rs);
      if (rv !== undefined && left.kind === 'ref') return this.narrowSet(left, scope, env, op === '==' ? [rv] : undefined, op === '!=' ? [rv] : undefined, deps);
      const lv = lit(l, ls);
      if (lv !== undefined && right.kind === 'ref') return this.narrowSet(right, scope, env, op === '==' ? [lv] : undefined, op === '!=' ? [lv] : undefined, deps);
    }
    return env.imprecise(deps);
  }

  private assumeIn(e: Extract<Expr, { kind: 'in' }>, truth: boolean, env: Env, scope: Scope): Env | null {
    const v = this.eval(e.value, env, scope);
    const os = e.options.map((o) => this.eval(o, env, scope));
    const deps = union(v.deps, ...os.map((o) => o.deps));
    const constant = os.every((o) => o.deps.size === 0);
    if (v.kind === 'number' && os.every((o) => o.kind === 'number')) {
      const ranges = os.map((o) => (o as Extract<AbstractValue, { kind: 'number' }>).range);
      if (truth && !ranges.some((r) => mayHold('==', v.range, r))) return null;
      const cs = os.map(constantOf);
      if (!constant || cs.some((c) => !c) || e.value.kind !== 'ref') return env.imprecise(deps);
      if (truth) {
        // One of the options: exact for a single value, else within their hull.
        const ds = cs as Decimal[];
        const lo = ds.reduce((p, q) => Decimal.min(p, q));
        const hi = ds.reduce((p, q) => Decimal.max(p, q));
        if (lo.eq(hi)) return this.narrowRef(e.value, scope, env, '==', lo, deps);
        const n = this.narrowRef(e.value, scope, env, '>=', lo, deps);
        const m = n && this.narrowRef(e.value, scope, n, '<=', hi, deps);
        return m && m.imprecise(deps);
      }
      let out: Env | null = env;
      for (const c of cs) out = out && this.narrowRef(e.value, scope, out, '!=', c!, deps);
      return out;
    }
    const vs = asSet(v);
    const sets = os.map(asSet);
    if (vs !== undefined && sets.every((s) => s !== undefined)) {
      const all = sets.some((s) => s === null) ? null : new Set(sets.flatMap((s) => [...(s as ReadonlySet<string>)]));
      if (truth && vs !== null && all !== null && ![...vs].some((x) => all.has(x))) return null;
      if (!truth && vs !== null && all !== null && constant && [...vs].every((x) => all.has(x))) return null;
      if (constant && all !== null && e.value.kind === 'ref') {
        return this.narrowSet(e.value, scope, env, truth ? [...all] : undefined, truth ? undefined : [...all], deps);
      }
    }
    return env.imprecise(deps);
  }

  private narrowRef(ref: Extract<Expr, { kind: 'ref' }>, scope: Scope, env: Env, op: Cmp, c: Decimal, deps: Iterable<string>): Env | null {
    const b = scope.resolve(ref.name);
    if (!b || b.kind === 'parameter') return env.imprecise(deps);
    const key = bindingKey(b);
    const entry = env.get(key);
    if (!entry || entry.kind !== 'number') return env.imprecise(deps);
    const n = narrowNumber(entry, op, c);
    return n && env.with(key, n);
  }

  private narrowSet(ref: Extract<Expr, { kind: 'ref' }>, scope: Scope, env: Env, keep: string[] | undefined, drop: string[] | undefined, deps: Iterable<string>): Env | null {
    const b = scope.resolve(ref.name);
    if (!b) return env.imprecise(deps);
    const key = bindingKey(b);
    const entry = env.get(key);
    if (!entry || entry.kind !== 'set') return env.imprecise(deps);
    let values = [...entry.values];
    if (keep) values = values.filter((v) => keep.includes(v));
    if (drop) values = values.filter((v) => !drop.includes(v));
    if (values.length === 0) return null;
    if (values.length === entry.values.size) return env;
    return env.with(key, { kind: 'set', values: new Set(values), precise: entry.precise });
  }
}
