/**
 * The expression type checker: one for the whole system (the checker uses it on every
 * expression of a rubric; the compiler may use it to pick representations).
 *
 * Types: number (integer, decimal, ratio facts and every parameter), boolean, text,
 * date, level (of one fact, with its values) and list (of records). Messages speak the
 * rubric's words: "`four_piece_check_rate` is a ratio (a number); `and` needs true/false values".
 */
import {
  CALL_ARITY,
  didYouMean,
  formatExpr,
  type CallFn,
  type Expr,
  type Fact,
  type FactType,
  type IrIssue,
} from '@rubric/model';
import { isCalendarDate } from '@rubric/model';
import { constantNumber } from './fold.js';
import type { Binding, Scope } from './scope.js';

/** The type of an expression's value. `unknown` stands for a value whose type could not be found (an error was already reported). */
export type ValueType =
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'text' }
  | { kind: 'date' }
  /** A value of a level fact (or level field): `fact` is its id, `levels` its values. */
  | { kind: 'level'; fact: string; levels: readonly string[] }
  /** A list fact's records. */
  | { kind: 'list'; fact: string; fields: readonly Fact[] }
  | { kind: 'unknown' };

/** A type's kind: what the checker expects at a place (`number` for points, `boolean` for conditions, …). */
export type TypeKind = ValueType['kind'];

/** The result of type checking one expression: its type and every problem found inside it. */
export interface TypeCheckResult {
  type: ValueType;
  /** Issues with JSON pointers that start with the `path` given to the checker. */
  issues: IrIssue[];
}

/** The value type of a fact (or list field) declared with `type`; `name` is the fact's id. */
export function typeOfFactType(type: FactType, name: string): ValueType {
  switch (type.kind) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'integer':
    case 'decimal':
    case 'ratio':
      return { kind: 'number' };
    case 'level':
      return { kind: 'level', fact: name, levels: type.levels.map((l) => l.value) };
    case 'date':
      return { kind: 'date' };
    case 'text':
      return { kind: 'text' };
    case 'list':
      return { kind: 'list', fact: name, fields: type.fields };
  }
}

/** The value type of a name: parameters are numbers; facts and fields have their declared type. */
export function typeOfBinding(b: Binding): ValueType {
  switch (b.kind) {
    case 'parameter':
      return { kind: 'number' };
    case 'fact':
      return typeOfFactType(b.fact.type, b.name);
    case 'field':
      return typeOfFactType(b.field.type, b.name);
  }
}

/** A type in words: "a number", "true/false", "a level of `checkpoint_24h`". */
export function describeType(t: ValueType): string {
  switch (t.kind) {
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    case 'text':
      return 'text';
    case 'date':
      return 'a date';
    case 'level':
      return `a level of \`${t.fact}\` (${listWords(t.levels)})`;
    case 'list':
      return `a list of records`;
    case 'unknown':
      return 'a value of unknown type';
  }
}

/** A fact type in words: "a ratio (a number)", "a level (full, partial, none)". */
export function describeFactType(t: FactType): string {
  switch (t.kind) {
    case 'boolean':
      return 'true/false';
    case 'integer':
      return 'an integer (a number)';
    case 'decimal':
      return 'a decimal (a number)';
    case 'ratio':
      return 'a ratio (a number)';
    case 'level':
      return `a level (${listWords(t.levels.map((l) => l.value))})`;
    case 'date':
      return 'a date';
    case 'text':
      return 'text';
    case 'list':
      return 'a list of records';
  }
}

/** What a name is, in words: "a ratio (a number)", "a parameter (a number)". */
export function describeBinding(b: Binding): string {
  switch (b.kind) {
    case 'parameter':
      return 'a parameter (a number)';
    case 'fact':
      return describeFactType(b.fact.type);
    case 'field':
      return describeFactType(b.field.type);
  }
}

/** Source text of an expression for a message, shortened when long. */
export function shortExpr(e: Expr): string {
  const s = formatExpr(e);
  return s.length > 48 ? `${s.slice(0, 45)}…` : s;
}

function listWords(xs: readonly string[]): string {
  return xs.length > 8 ? `${xs.slice(0, 8).join(', ')}, …` : xs.join(', ');
}

/**
 * Infers the type of `expr` in `scope` and reports every unknown name, type mismatch,
 * unknown level, bad rounding step and bad date literal inside it. `path` is the JSON
 * pointer of `expr` in the IR; issues point below it (`…/left`, `…/name`). Never throws.
 */
export function typeOfExpr(expr: Expr, scope: Scope, path = ''): TypeCheckResult {
  const checker = new TypeChecker();
  const type = checker.infer(expr, path, scope);
  return { type, issues: checker.issues };
}

/**
 * Type checks `expr` where a value of kind `expected` belongs (`number` for points and
 * counts, `boolean` for conditions). `role` names the place for the message, e.g.
 * "the points of indicator `four_piece_check`" → "… must be a number".
 */
export function checkExprType(expr: Expr, expected: 'number' | 'boolean', scope: Scope, path: string, role: string): TypeCheckResult {
  const checker = new TypeChecker();
  const type = checker.infer(expr, path, scope);
  if (type.kind !== 'unknown' && type.kind !== expected) {
    const hint =
      expected === 'number'
        ? type.kind === 'boolean'
          ? 'to give points for a condition, write e.g. `if … then 10 else 0`'
          : undefined
        : type.kind === 'number'
          ? 'compare it, e.g. `… >= 0.9`'
          : type.kind === 'level'
            ? `test a level with \`is\`, e.g. \`${type.fact} is ${type.levels[0] ?? 'full'}\``
            : undefined;
    checker.report(path, 'rubric/type-error', `${checker.describe(expr, type, scope)}; ${role} must be ${expected === 'number' ? 'a number' : 'true/false'}`, hint);
  }
  return { type, issues: checker.issues };
}

const ARITHMETIC = new Set(['+', '-', '*', '/']);
const ORDERING = new Set(['<', '<=', '>', '>=']);

/** The operator as the person wrote it (`is` for `== word`). */
function opName(e: Extract<Expr, { kind: 'binary' }>): string {
  if ((e.op === '==' || e.op === '!=') && e.right.kind === 'text' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(e.right.value)) {
    return e.op === '==' ? 'is' : 'is not';
  }
  return e.op;
}

const UNKNOWN: ValueType = { kind: 'unknown' };
const NUMBER: ValueType = { kind: 'number' };
const BOOLEAN: ValueType = { kind: 'boolean' };

class TypeChecker {
  readonly issues: IrIssue[] = [];

  report(path: string, code: string, message: string, hint?: string): void {
    const issue: IrIssue = { severity: 'error', code, message, path };
    if (hint !== undefined) issue.hint = hint;
    this.issues.push(issue);
  }

  /** "`rate` is a ratio (a number)" for a name; "`10 * rate` is a number" otherwise. */
  describe(e: Expr, t: ValueType, scope: Scope): string {
    if (e.kind === 'ref') {
      const b = scope.resolve(e.name);
      if (b) return `\`${e.name}\` is ${describeBinding(b)}`;
    }
    return `\`${shortExpr(e)}\` is ${describeType(t)}`;
  }

  /** Reports `e` (of type `t`) unless it is of one of the `ok` kinds. Returns whether it was fine. */
  private need(e: Expr, t: ValueType, path: string, scope: Scope, ok: readonly TypeKind[], requirement: string, hint?: string): boolean {
    if (t.kind === 'unknown' || ok.includes(t.kind)) return true;
    this.report(path, 'rubric/type-error', `${this.describe(e, t, scope)}; ${requirement}`, hint);
    return false;
  }

  infer(e: Expr, path: string, scope: Scope): ValueType {
    switch (e.kind) {
      case 'number':
        return NUMBER;
      case 'boolean':
        return BOOLEAN;
      case 'text':
        return { kind: 'text' };
      case 'date':
        if (!isCalendarDate(e.value)) {
          this.report(`${path}/value`, 'rubric/bad-date', `\`${e.value}\` is not a calendar date`, 'write a real day as YYYY-MM-DD');
        }
        return { kind: 'date' };
      case 'ref':
        return this.inferRef(e.name, path, scope);
      case 'unary': {
        const t = this.infer(e.operand, `${path}/operand`, scope);
        if (e.op === 'not') {
          this.need(e.operand, t, `${path}/operand`, scope, ['boolean'], '`not` needs a true/false value');
          return BOOLEAN;
        }
        this.need(e.operand, t, `${path}/operand`, scope, ['number'], '`-` needs a number');
        return NUMBER;
      }
      case 'binary':
        return this.inferBinary(e, path, scope);
      case 'if': {
        const c = this.infer(e.cond, `${path}/cond`, scope);
        this.need(e.cond, c, `${path}/cond`, scope, ['boolean'], 'the condition of `if` must be true/false');
        const a = this.infer(e.then, `${path}/then`, scope);
        const b = this.infer(e.else, `${path}/else`, scope);
        if (a.kind === 'unknown') return b;
        if (b.kind === 'unknown') return a;
        if (a.kind === 'level' && e.else.kind === 'text') {
          this.checkLevelLiteral(a, e.else, `${path}/else`);
          return a;
        }
        if (b.kind === 'level' && e.then.kind === 'text') {
          this.checkLevelLiteral(b, e.then, `${path}/then`);
          return b;
        }
        if (!sameType(a, b)) {
          this.report(
            `${path}/else`,
            'rubric/type-error',
            `\`if\` gives ${describeType(a)} after \`then\` but ${describeType(b)} after \`else\`; both branches must give the same type`,
          );
          return UNKNOWN;
        }
        return a;
      }
      case 'in':
        return this.inferIn(e, path, scope);
      case 'call':
        return this.inferCall(e.fn, e.args, path, scope);
      case 'aggregate':
        return this.inferAggregate(e, path, scope);
    }
  }

  private inferRef(name: string, path: string, scope: Scope): ValueType {
    const b = scope.resolve(name);
    if (b) return typeOfBinding(b);
    const what = scope.list ? `field of \`${scope.list.id}\`, fact or parameter` : 'fact or parameter';
    this.report(
      `${path}/name`,
      'rubric/unknown-name',
      `there is no ${what} named \`${name}\``,
      didYouMean(name, scope.visibleNames()) ?? (scope.list ? undefined : 'declare it under `facts` or `parameters`'),
    );
    return UNKNOWN;
  }

  private inferBinary(e: Extract<Expr, { kind: 'binary' }>, path: string, scope: Scope): ValueType {
    const lp = `${path}/left`;
    const rp = `${path}/right`;
    const lt = this.infer(e.left, lp, scope);
    const rt = this.infer(e.right, rp, scope);
    const op = opName(e);
    if (ARITHMETIC.has(e.op)) {
      this.need(e.left, lt, lp, scope, ['number'], `\`${op}\` needs numbers`);
      this.need(e.right, rt, rp, scope, ['number'], `\`${op}\` needs numbers`);
      return NUMBER;
    }
    if (e.op === 'and' || e.op === 'or') {
      const hint = (t: ValueType): string | undefined =>
        t.kind === 'number' ? 'compare it, e.g. `… >= 0.9`' : t.kind === 'level' ? `test it with \`is\`, e.g. \`${t.fact} is ${t.levels[0] ?? 'full'}\`` : undefined;
      this.need(e.left, lt, lp, scope, ['boolean'], `\`${op}\` needs true/false values`, hint(lt));
      this.need(e.right, rt, rp, scope, ['boolean'], `\`${op}\` needs true/false values`, hint(rt));
      return BOOLEAN;
    }
    if (ORDERING.has(e.op)) {
      if (!this.need(e.left, lt, lp, scope, ['number', 'date'], `\`${op}\` compares numbers or dates`)) return BOOLEAN;
      if (lt.kind === 'unknown') {
        this.need(e.right, rt, rp, scope, ['number', 'date'], `\`${op}\` compares numbers or dates`);
      } else if (rt.kind !== 'unknown' && rt.kind !== lt.kind) {
        this.report(
          rp,
          'rubric/type-error',
          `${this.describe(e.right, rt, scope)} but ${this.describe(e.left, lt, scope)}; \`${op}\` compares two numbers or two dates`,
        );
      }
      return BOOLEAN;
    }
    // == and !=
    if (lt.kind === 'unknown' || rt.kind === 'unknown') return BOOLEAN;
    if (lt.kind === 'level' && e.right.kind === 'text') {
      this.checkLevelLiteral(lt, e.right, rp);
    } else if (rt.kind === 'level' && e.left.kind === 'text') {
      this.checkLevelLiteral(rt, e.left, lp);
    } else if (lt.kind === 'list' || rt.kind === 'list') {
      const [le, lty, lpath] = lt.kind === 'list' ? [e.left, lt, lp] : [e.right, rt, rp];
      this.report(lpath, 'rubric/type-error', `${this.describe(le, lty, scope)}; \`${op}\` cannot compare lists`, 'use `count`, `all` or `any` over the list');
    } else if (!sameType(lt, rt)) {
      this.report(rp, 'rubric/type-error', `${this.describe(e.right, rt, scope)} but ${this.describe(e.left, lt, scope)}; \`${op}\` compares two values of the same type`);
    }
    return BOOLEAN;
  }

  private inferIn(e: Extract<Expr, { kind: 'in' }>, path: string, scope: Scope): ValueType {
    const vt = this.infer(e.value, `${path}/value`, scope);
    const okValue = this.need(e.value, vt, `${path}/value`, scope, ['number', 'boolean', 'text', 'date', 'level'], '`in` needs a single value to look for');
    e.options.forEach((o, i) => {
      const op = `${path}/options/${i}`;
      const ot = this.infer(o, op, scope);
      if (!okValue || vt.kind === 'unknown' || ot.kind === 'unknown') return;
      if (vt.kind === 'level' && o.kind === 'text') this.checkLevelLiteral(vt, o, op);
      else if (!sameType(vt, ot)) {
        this.report(op, 'rubric/type-error', `${this.describe(o, ot, scope)} but ${this.describe(e.value, vt, scope)}; the options of \`in\` must be of the same type as the value`);
      }
    });
    return BOOLEAN;
  }

  private inferCall(fn: CallFn, args: Expr[], path: string, scope: Scope): ValueType {
    const [lo, hi] = CALL_ARITY[fn];
    if (args.length < lo || args.length > hi) {
      const want =
        fn === 'min' || fn === 'max'
          ? 'at least 2 arguments'
          : fn === 'abs'
            ? '1 argument'
            : fn === 'clamp'
              ? '3 arguments (a value, the lowest and the highest)'
              : '2 arguments (a value and a step)';
      this.report(path, 'rubric/wrong-arity', `\`${fn}\` takes ${want}, not ${args.length}`, fn.startsWith('round') ? `e.g. \`${fn}(10 * rate, 0.5)\`` : undefined);
    }
    args.forEach((a, i) => {
      const t = this.infer(a, `${path}/args/${i}`, scope);
      this.need(a, t, `${path}/args/${i}`, scope, ['number'], `\`${fn}\` needs numbers`);
    });
    if ((fn === 'round' || fn === 'round_down' || fn === 'round_up') && args[1]) {
      const step = constantNumber(args[1]);
      if (step && step.coef <= 0n) {
        this.report(`${path}/args/1`, 'rubric/bad-step', `the step of \`${fn}\` must be positive, not ${step.toString()}`, `e.g. \`${fn}(10 * rate, 0.5)\` rounds to halves`);
      }
    }
    if (fn === 'clamp' && args[1] && args[2]) {
      const a = constantNumber(args[1]);
      const b = constantNumber(args[2]);
      if (a && b && a.gt(b)) {
        this.report(`${path}/args/2`, 'rubric/bad-range', `\`clamp\` has its lowest value ${a.toString()} above its highest ${b.toString()}`, 'write clamp(value, lowest, highest)');
      }
    }
    return NUMBER;
  }

  private inferAggregate(e: Extract<Expr, { kind: 'aggregate' }>, path: string, scope: Scope): ValueType {
    const result = e.fn === 'count' || e.fn === 'sum' ? NUMBER : BOOLEAN;
    const b = scope.resolve(e.list);
    if (!b || b.kind !== 'fact' || b.fact.type.kind !== 'list') {
      const lists = scope.listNames();
      if (!b) {
        this.report(
          `${path}/list`,
          'rubric/unknown-list',
          `there is no list fact \`${e.list}\``,
          didYouMean(e.list, lists) ?? (lists.length > 0 ? `the list facts are ${lists.map((l) => `\`${l}\``).join(', ')}` : 'declare a fact of `type: list`'),
        );
      } else {
        this.report(`${path}/list`, 'rubric/unknown-list', `\`${e.list}\` is ${describeBinding(b)}, not a list; \`${e.fn}\` works over a list fact`, didYouMean(e.list, lists));
      }
      return result;
    }
    const inner = scope.enterList(b.fact, b.path);
    if (e.where) {
      const wt = this.infer(e.where, `${path}/where`, inner);
      this.need(e.where, wt, `${path}/where`, inner, ['boolean'], `the \`where\` condition of \`${e.fn}\` must be true/false`);
    }
    const vp = `${path}/value`;
    switch (e.fn) {
      case 'count':
        if (e.value) {
          this.infer(e.value, vp, inner);
          this.report(vp, 'rubric/type-error', '`count` counts records and takes no value', `to add values up, write \`sum(${e.list}, …)\``);
        }
        break;
      case 'sum':
        if (!e.value) {
          this.report(path, 'rubric/type-error', '`sum` needs a value to add up', `e.g. \`sum(${e.list}, ${firstField(b.fact, ['integer', 'decimal', 'ratio']) ?? 'amount'})\``);
        } else {
          const vt = this.infer(e.value, vp, inner);
          this.need(e.value, vt, vp, inner, ['number'], '`sum` adds up numbers');
        }
        break;
      case 'all':
      case 'any':
        if (!e.value) {
          this.report(path, 'rubric/type-error', `\`${e.fn}\` needs a condition to test on each record`, `e.g. \`${e.fn}(${e.list}, ${firstField(b.fact, ['boolean']) ?? '…'})\``);
        } else {
          const vt = this.infer(e.value, vp, inner);
          this.need(e.value, vt, vp, inner, ['boolean'], `\`${e.fn}\` needs a true/false condition`);
        }
        break;
    }
    return result;
  }

  /** A text literal compared with a level must be one of its values. */
  private checkLevelLiteral(t: Extract<ValueType, { kind: 'level' }>, lit: Extract<Expr, { kind: 'text' }>, path: string): void {
    if (t.levels.includes(lit.value)) return;
    this.report(
      `${path}/value`,
      'rubric/unknown-level',
      `\`${lit.value}\` is not a level of \`${t.fact}\` (${listWords(t.levels)})`,
      didYouMean(lit.value, t.levels) ?? `the levels of \`${t.fact}\` are ${listWords(t.levels)}`,
    );
  }
}

function firstField(list: Fact, kinds: readonly string[]): string | undefined {
  return list.type.kind === 'list' ? list.type.fields.find((f) => kinds.includes(f.type.kind))?.id : undefined;
}

/** Whether two known types may be compared with `==` (levels: the same set of values). */
export function sameType(a: ValueType, b: ValueType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'level' && b.kind === 'level') {
    return a.fact === b.fact || (a.levels.length === b.levels.length && a.levels.every((l) => b.levels.includes(l)));
  }
  return a.kind !== 'list';
}
