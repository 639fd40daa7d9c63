/**
 * Scale planning for the fast path: the scale of an expression's value and of an indicator's
 * points, worked out without emitting code, and the scale of totals (the largest scale among
 * points, amounts, caps, floor, pass marks and grades).
 */
import type { Expr, Fact, Indicator } from '@rubric/model';
import { _, Block, Name } from './code.js';
import { coefAt, decimalsOf, parseDecimal } from './decimal-constants.js';
import { DATA_SCALE, type EmitContext, Fn, type Kind, MAX_SCALE, NoFastPath } from './emit-context.js';
import { Emitter } from './emit-expression.js';
import { kindOf } from './emit-values.js';

const BOOL_SCALE: { kind: Kind; scale: number } = { kind: 'bool', scale: 0 };
const STR_SCALE: { kind: Kind; scale: number } = { kind: 'str', scale: 0 };

/** The fast path's scale of totals: the largest scale among points, amounts, caps, floor, pass marks, grades. */
export function planTotalScale(g: EmitContext): number {
  const r = g.rubric;
  let s = 0;
  const see = (n: number): void => {
    s = Math.max(s, decimalsOf(n).scale);
  };
  for (const sec of r.sections) for (const ind of sec.indicators) {
    see(ind.max);
    s = Math.max(s, scaleOfRule(g, ind));
  }
  for (const d of r.deductions) {
    if (d.cap !== undefined) see(d.cap);
    if (d.kind === 'per-unit') s = Math.max(s, decimalsOf(d.amount).scale + scaleOf(g, d.count, undefined));
    else if (d.kind === 'conditional') see(d.amount);
    else s = Math.max(s, DATA_SCALE);
  }
  if (r.deductionCap !== undefined) see(r.deductionCap);
  if (r.floor !== null) see(r.floor);
  for (const gb of r.grades) see(gb.min);
  s = Math.max(s, g.params.get(r.passMark)!.scale);
  if (s > MAX_SCALE) throw new NoFastPath();
  return s;
}

/** The scale of an expression's value on the fast path (without emitting code). */
export function scaleOf(g: EmitContext, e: Expr, fields: ReadonlyMap<string, Fact> | undefined): number {
  if (!fields) {
    const quick = quickScale(g, e);
    if (quick !== undefined) return quick.scale;
  }
  const probe = new Emitter(g, true);
  const fn = new Fn(new Name('s'), new Name('asOf'), _`return;`, 'none', undefined);
  const v = probe.expr(e, new Block(), { fn, recordReads: false, ...(fields ? { fields: new Map(fields), rec: new Name('rec') } : {}) });
  return v.scale;
}

/**
 * The kind and fast-path scale of a top-level expression worked out from the expression
 * alone, as `Emitter.expr` would find them, for the forms rules are mostly made of; undefined
 * for the others (division, aggregates, numbers that do not fit) and for anything ill-typed,
 * which {@link scaleOf} compiles into a throwaway block instead — that also throws the same
 * errors as before. Planning a large rubric's scales by compiling every rule an extra time
 * took a quarter of the time of generating its fast path.
 */
function quickScale(g: EmitContext, e: Expr): { kind: Kind; scale: number } | undefined {
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
      const f = g.facts.get(e.name);
      if (f) {
        const kind = kindOf(f);
        if (kind === 'list') return undefined;
        return kind === 'num' ? { kind, scale: f.type.kind === 'integer' ? 0 : DATA_SCALE } : kind === 'bool' ? BOOL_SCALE : STR_SCALE;
      }
      const p = g.params.get(e.name);
      return p ? { kind: 'num', scale: p.scale } : undefined;
    }
    case 'unary': {
      const x = quickScale(g, e.operand);
      if (x === undefined) return undefined;
      if (e.op === 'not') return x.kind === 'bool' ? BOOL_SCALE : undefined;
      return x.kind === 'num' ? x : undefined;
    }
    case 'binary': {
      if (e.op === '/') return undefined;
      const l = quickScale(g, e.left);
      const r = l && quickScale(g, e.right);
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
      const c = quickScale(g, e.cond);
      const a = c && quickScale(g, e.then);
      const b = a && quickScale(g, e.else);
      if (c?.kind !== 'bool' || a === undefined || b === undefined || a.kind !== b.kind) return undefined;
      return a.kind === 'num' ? { kind: 'num', scale: Math.max(a.scale, b.scale) } : a;
    }
    case 'in': {
      const v = quickScale(g, e.value);
      if (v === undefined) return undefined;
      for (const o of e.options) if (quickScale(g, o)?.kind !== v.kind) return undefined;
      return BOOL_SCALE;
    }
    case 'call': {
      const args: { kind: Kind; scale: number }[] = [];
      // Arguments are compiled step first for rounding, in order otherwise: any order will do
      // here, as every argument must be a well-typed number for an answer.
      for (const a of e.args) {
        const x = quickScale(g, a);
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
export function scaleOfRule(g: EmitContext, ind: Indicator): number {
  const r = ind.rule;
  switch (r.kind) {
    case 'expression':
      return scaleOf(g, r.points, undefined);
    case 'cases':
      return Math.max(...r.cases.map((c) => scaleOf(g, c.points, undefined)), scaleOf(g, r.otherwise, undefined));
    case 'checklist':
      return Math.max(decimalsOf(ind.max).scale, ...r.items.map((it) => decimalsOf(it.points).scale + (it.count ? scaleOf(g, it.count, undefined) : 0)));
  }
}
