/**
 * Reading the subject in generated code: each top-level fact read and converted once per
 * function (scaled from the data on the fast path, to decimals on the exact path), list
 * fields inside aggregates, and the recording of reads for explanations.
 */
import { type Fact, type FactValue } from '@rubric/model';
import { _, type Block, type Code, literal, type Name, setProp } from './code.js';
import { DATA_SCALE, type Fn, type NumericPlan, SAFE, type Scope, type Val } from './emit-context.js';
import { kindOf, ValueEmitter } from './emit-values.js';
import { CodegenError } from './errors.js';

/** A {@link ValueEmitter} that also reads facts and list fields. */
export class FactEmitter extends ValueEmitter {
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

  protected recordRead(name: string, json: Code, out: Block, sc: Scope): void {
    const fn = sc.fn;
    if (!sc.recordReads || fn.reads === 'none') return;
    if (fn.reads === 'static') out.push(setProp(fn.R!, name, json));
    else {
      const inner = out.child();
      inner.push(setProp(fn.R!, name, json));
      out.wrap(_`if (${fn.R!} !== null)`, inner);
    }
  }

  protected factValue(f: Fact, out: Block, sc: Scope): Val {
    const local = this.factLocal(f, sc.fn);
    const kind = kindOf(f);
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
    const kind = kindOf(field);
    if (!this.fast) return { kind, code: _`${rec}[${name}]`, scale: 0, bound: 0 };
    const raw = this.g.names.next('fv');
    out.push(_`let ${raw} = ${rec}[${name}];`);
    if (field.default !== undefined) out.push(_`if (${raw} === undefined) ${raw} = ${literal(field.default)};`);
    if (kind !== 'num') return { kind, code: raw, scale: 0, bound: 0 };
    return this.scaledFromData(raw, this.g.names.next('fm'), field, list, out, fn);
  }
}
