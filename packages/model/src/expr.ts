/**
 * The expression language's abstract syntax tree, as it is stored in the IR.
 *
 * Expressions carry no source positions: front ends keep a source map from the
 * JSON pointer of each node to its span, so the IR stays plain, canonical data.
 */

/** Binary operators. `==`/`!=` compare any two values of one type. */
export type BinaryOp = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

/** Built-in functions over numbers. `round*` take `(x, step)` and round to a multiple of step. */
export type CallFn = 'min' | 'max' | 'round' | 'round_down' | 'round_up' | 'clamp' | 'abs';

/** Aggregates over a list fact; inside `where` and the value, names resolve to record fields first. */
export type AggregateFn = 'count' | 'sum' | 'all' | 'any';

/** An expression node. */
export type Expr =
  /** A decimal literal; `value` is its exact decimal text (`"0.5"`, `"-3"`), never an exponent. */
  | { kind: 'number'; value: string }
  | { kind: 'boolean'; value: boolean }
  /** A text literal; also a level value (`is full`, `in [low, medium]`). */
  | { kind: 'text'; value: string }
  /** A date literal, `YYYY-MM-DD`. */
  | { kind: 'date'; value: string }
  /** A fact, a parameter, or (inside an aggregate) a field of the current record. */
  | { kind: 'ref'; name: string }
  | { kind: 'unary'; op: 'neg' | 'not'; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'if'; cond: Expr; then: Expr; else: Expr }
  /** Membership in a list of literals. */
  | { kind: 'in'; value: Expr; options: Expr[] }
  | { kind: 'call'; fn: CallFn; args: Expr[] }
  /** `count(list where c)`, `sum(list where c, value)`, `all(list, cond)`, `any(list, cond)`. */
  | { kind: 'aggregate'; fn: AggregateFn; list: string; where?: Expr; value?: Expr };

export const CALL_FNS: readonly CallFn[] = ['min', 'max', 'round', 'round_down', 'round_up', 'clamp', 'abs'];
export const AGGREGATE_FNS: readonly AggregateFn[] = ['count', 'sum', 'all', 'any'];

/** Arity of each function: [min, max] argument count (max Infinity for variadic). */
export const CALL_ARITY: Record<CallFn, readonly [number, number]> = {
  min: [2, Infinity],
  max: [2, Infinity],
  round: [2, 2],
  round_down: [2, 2],
  round_up: [2, 2],
  clamp: [3, 3],
  abs: [1, 1],
};

/**
 * Words that cannot be names: the expression language's own, and the names that
 * change a plain JavaScript object's prototype when used as a key (facts become
 * object keys in subjects, schemas and results).
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'and', 'or', 'not', 'if', 'then', 'else', 'in', 'is', 'where', 'true', 'false', 'date',
  ...CALL_FNS,
  ...AGGREGATE_FNS,
  '__proto__', 'constructor', 'prototype',
]);

/** Identifier syntax shared by facts, parameters, indicators and every other id. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Rubric ids may also use `-` and `.` (`beijing-epidemic-free-community`). */
export const RUBRIC_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Whether a string is a valid identifier that is not a reserved word. */
export function isIdentifier(s: string): boolean {
  return IDENTIFIER.test(s) && !RESERVED_WORDS.has(s);
}

/** Visits every node (pre-order) with its JSON pointer relative to the root. */
export function walkExpr(expr: Expr, visit: (node: Expr, pointer: string) => void, pointer = ''): void {
  visit(expr, pointer);
  switch (expr.kind) {
    case 'unary':
      walkExpr(expr.operand, visit, `${pointer}/operand`);
      break;
    case 'binary':
      walkExpr(expr.left, visit, `${pointer}/left`);
      walkExpr(expr.right, visit, `${pointer}/right`);
      break;
    case 'if':
      walkExpr(expr.cond, visit, `${pointer}/cond`);
      walkExpr(expr.then, visit, `${pointer}/then`);
      walkExpr(expr.else, visit, `${pointer}/else`);
      break;
    case 'in':
      walkExpr(expr.value, visit, `${pointer}/value`);
      expr.options.forEach((o, i) => walkExpr(o, visit, `${pointer}/options/${i}`));
      break;
    case 'call':
      expr.args.forEach((a, i) => walkExpr(a, visit, `${pointer}/args/${i}`));
      break;
    case 'aggregate':
      if (expr.where) walkExpr(expr.where, visit, `${pointer}/where`);
      if (expr.value) walkExpr(expr.value, visit, `${pointer}/value`);
      break;
    default:
      break;
  }
}

// Binding strength, loosest first; the printer parenthesises by it.
const PREC = { if: 1, or: 2, and: 3, not: 4, compare: 5, add: 6, mul: 7, neg: 8, atom: 9 } as const;

function precOf(e: Expr): number {
  switch (e.kind) {
    case 'if':
      return PREC.if;
    case 'binary':
      if (e.op === 'or') return PREC.or;
      if (e.op === 'and') return PREC.and;
      if (e.op === '+' || e.op === '-') return PREC.add;
      if (e.op === '*' || e.op === '/') return PREC.mul;
      return PREC.compare;
    case 'in':
      return PREC.compare;
    case 'unary':
      return e.op === 'not' ? PREC.not : PREC.neg;
    case 'number':
      return e.value.startsWith('-') ? PREC.neg : PREC.atom;
    default:
      return PREC.atom;
  }
}

/** Quotes a text literal the way the expression lexer reads it back. */
export function quoteText(s: string): string {
  return JSON.stringify(s);
}

function isBareWord(e: Expr): e is { kind: 'text'; value: string } {
  return e.kind === 'text' && isIdentifier(e.value);
}

/**
 * Prints an expression as canonical source text: ASCII operators, single spaces,
 * only the parentheses precedence needs. `x == "full"` prints as `x is full`.
 * Parsing the output gives back the same tree.
 */
export function formatExpr(e: Expr): string {
  const wrap = (child: Expr, min: number): string => {
    const s = formatExpr(child);
    return precOf(child) < min ? `(${s})` : s;
  };
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'boolean':
      return e.value ? 'true' : 'false';
    case 'text':
      return quoteText(e.value);
    case 'date':
      return `date(${quoteText(e.value)})`;
    case 'ref':
      return e.name;
    case 'unary':
      return e.op === 'not' ? `not ${wrap(e.operand, PREC.not)}` : `-${wrap(e.operand, PREC.neg + 1)}`;
    case 'binary': {
      const p = precOf(e);
      if ((e.op === '==' || e.op === '!=') && isBareWord(e.right) && precOf(e.left) > PREC.compare) {
        return `${wrap(e.left, p + 1)} ${e.op === '==' ? 'is' : 'is not'} ${e.right.value}`;
      }
      // Comparisons do not chain; arithmetic and logic are left-associative.
      const leftMin = p === PREC.compare ? p + 1 : p;
      return `${wrap(e.left, leftMin)} ${e.op} ${wrap(e.right, p + 1)}`;
    }
    case 'if':
      return `if ${wrap(e.cond, PREC.or)} then ${wrap(e.then, PREC.or)} else ${wrap(e.else, PREC.if)}`;
    case 'in': {
      const opts = e.options.map((o) => (isBareWord(o) ? o.value : formatExpr(o)));
      return `${wrap(e.value, PREC.compare + 1)} in [${opts.join(', ')}]`;
    }
    case 'call':
      return `${e.fn}(${e.args.map((a) => formatExpr(a)).join(', ')})`;
    case 'aggregate': {
      let s = e.list;
      if (e.where) s += ` where ${formatExpr(e.where)}`;
      if (e.value) s += `, ${formatExpr(e.value)}`;
      return `${e.fn}(${s})`;
    }
  }
}
