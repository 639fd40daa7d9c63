/**
 * Expressions → code: {@link Emitter} compiles a rubric expression (arithmetic, comparisons,
 * conditionals, `in`, function calls, aggregates over lists) into statements and a value for
 * one path, evaluating in the reference interpreter's order and with its errors.
 */
import { formatExpr, type Expr } from '@rubric/model';
import { _, type Block, type Code, join, type Name } from './code.js';
import { coefAt, parseDecimal } from './decimal-constants.js';
import { MAX_SCALE, SAFE, type Fn, type Scope, type Val } from './emit-context.js';
import { FactEmitter } from './emit-facts.js';
import { paramIndex, paramValue } from './emit-parameters.js';
import { literalOf, numberVal, opCode } from './emit-values.js';
import { CodegenError } from './errors.js';

const ROUNDING: Record<string, 'half-up' | 'down' | 'up'> = { round: 'half-up', round_down: 'down', round_up: 'up' };

/** Compiles expressions and numeric operations for one path (fast or exact). */
export class Emitter extends FactEmitter {
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
      const k = paramIndex(this, p, out, sc.fn);
      const v = paramValue(this, p, k, out, sc.fn);
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
}
