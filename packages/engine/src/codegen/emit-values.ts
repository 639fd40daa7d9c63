/**
 * Numbers in generated code, for one path: {@link ValueEmitter} emits the arithmetic,
 * comparisons and conversions of compiled values — scaled integers with guarded bounds on the
 * fast path, BigInt decimals on the exact path — plus the helpers on values both paths share.
 */
import { Decimal, formatExpr, type Expr, type Fact } from '@rubric/model';
import { _, type Block, type Code, Name } from './code.js';
import { coefAt } from './decimal-constants.js';
import { type EmitContext, type Fn, type Kind, MAX_SCALE, NoFastPath, SAFE, type Scope, type Val } from './emit-context.js';
import { CodegenError } from './errors.js';

/** Emits values and numeric operations for one path (fast or exact); the expression compiler builds on it. */
export class ValueEmitter {
  constructor(
    readonly g: EmitContext,
    readonly fast: boolean,
  ) {}

  protected get rt(): Name {
    return this.g.rt;
  }

  /** Throws {@link CodegenError} unless the value is of the kind its place needs. */
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

  /** `target = v;` */
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
  protected guard(v: Val, out: Block, fn: Fn): Val {
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

  /** The same number at the scale of totals (fast path). */
  alignTotal(v: Val, out: Block, fn: Fn): Val {
    return this.align(v, this.g.totalScale, out, fn);
  }

  private alignPair(a: Val, b: Val, out: Block, fn: Fn): [Val, Val] {
    const s = Math.max(a.scale, b.scale);
    return [this.align(a, s, out, fn), this.align(b, s, out, fn)];
  }

  /** a + b. */
  add(a: Val, b: Val, out: Block, fn: Fn): Val {
    if (!this.fast) return { kind: 'num', code: _`${a.code}.add(${b.code})`, scale: 0, bound: 0 };
    const [x, y] = this.alignPair(a, b, out, fn);
    return this.guard({ kind: 'num', code: _`(${x.code} + ${y.code})`, scale: x.scale, bound: x.bound + y.bound }, out, fn);
  }

  /** a − b. */
  sub(a: Val, b: Val, out: Block, fn: Fn): Val {
    if (!this.fast) return { kind: 'num', code: _`${a.code}.sub(${b.code})`, scale: 0, bound: 0 };
    const [x, y] = this.alignPair(a, b, out, fn);
    return this.guard({ kind: 'num', code: _`(${x.code} - ${y.code})`, scale: x.scale, bound: x.bound + y.bound }, out, fn);
  }

  /** a × b (the fast path gives up past the largest scale). */
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

  /** The larger of a and b. */
  maxOf(a: Val, b: Val, out: Block, fn: Fn): Val {
    if (!this.fast) return { kind: 'num', code: _`${this.rt}.max(${a.code}, ${b.code})`, scale: 0, bound: 0 };
    const [x, y] = this.alignPair(a, b, out, fn);
    return { kind: 'num', code: _`Math.max(${x.code}, ${y.code})`, scale: x.scale, bound: Math.max(x.bound, y.bound) };
  }

  /** The smaller of a and b. */
  minOf(a: Val, b: Val, out: Block, fn: Fn): Val {
    if (!this.fast) return { kind: 'num', code: _`${this.rt}.min(${a.code}, ${b.code})`, scale: 0, bound: 0 };
    const [x, y] = this.alignPair(a, b, out, fn);
    return { kind: 'num', code: _`Math.min(${x.code}, ${y.code})`, scale: x.scale, bound: Math.max(x.bound, y.bound) };
  }

  /** A comparison of two numbers, as a boolean value. */
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
  protected giveUp(out: Block, fn: Fn): Val {
    out.push(fn.bail);
    return { kind: 'num', code: _`0`, scale: 0, bound: 0 };
  }


  /** A statement that throws the runtime's EvalError (exact path). */
  evalError(code: string, message: Code): Code {
    return _`throw new ${this.rt}.EvalError(${code}, ${message});`;
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
}

/** An emitter that also compiles expressions (see `Emitter` in emit-expression.ts), as parameter functions use it. */
export interface ExprEmitter extends ValueEmitter {
  /** Compiles an expression into statements on `out`; returns its value. */
  expr(e: Expr, out: Block, sc: Scope): Val;
}

/** The kind of value a fact or list field holds. */
export function kindOf(f: Fact): Kind {
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

/** A fast-path number that is a compile-time constant. */
export function numberVal(c: number, scale: number): Val {
  return { kind: 'num', code: _`${c}`, scale, bound: Math.abs(c) };
}

/** The value of a fast-path number whose code is an integer literal (`5`, `(-5)`), else undefined. */
export function literalOf(v: Val): number | undefined {
  const m = /^\(?(-?\d+)\)?$/.exec(v.code.toString());
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The JS operator of an ordering comparison. */
export function opCode(op: string): Code {
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
