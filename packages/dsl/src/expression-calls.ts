/**
 * The calls an expression can make: the function names and how each is written, and the
 * checks for calls to functions, aggregates (`count`, `sum`, `all`, `any`) and `date`
 * (arity, the list argument, misplaced `where`, date text).
 */
import { AGGREGATE_FNS, CALL_ARITY, CALL_FNS, isCalendarDate, type AggregateFn, type CallFn, type Expr } from '@rubric/model';
import type { IToken } from 'chevrotain';
import { endOf, startOf, isReal, type Argument, type BuildSink, type BuiltExpr } from './expression-cst.js';
import { shorten } from './tokens.js';

/** How each function is written, for hints. */
export const FUNCTION_SIGNATURES: Readonly<Record<CallFn | AggregateFn | 'date', string>> = {
  min: 'min(a, b, ...)',
  max: 'max(a, b, ...)',
  round: 'round(x, step)',
  round_down: 'round_down(x, step)',
  round_up: 'round_up(x, step)',
  clamp: 'clamp(x, low, high)',
  abs: 'abs(x)',
  count: 'count(list) or count(list where condition)',
  sum: 'sum(list, value) or sum(list where condition, value)',
  all: 'all(list, condition) or all(list where condition, condition)',
  any: 'any(list, condition) or any(list where condition, condition)',
  date: 'date("2022-06-01")',
};

/** Every name that can be called: the functions, the aggregates and `date`. */
export const FUNCTION_NAMES: readonly string[] = [...CALL_FNS, ...AGGREGATE_FNS, 'date'];

/** Whether `s` names a plain function (`min`, `round`, …). */
export const isCallFn = (s: string): s is CallFn => (CALL_FNS as readonly string[]).includes(s);
/** Whether `s` names an aggregate over a list (`count`, `sum`, `all`, `any`). */
export const isAggregateFn = (s: string): s is AggregateFn => (AGGREGATE_FNS as readonly string[]).includes(s);

/** Reports a function name (or `date`) used as a plain name. */
export function reportReservedName(sink: BuildSink, id: IToken): void {
  const name = id.image;
  const hint =
    name === 'date'
      ? `write a date as ${FUNCTION_SIGNATURES.date}`
      : isCallFn(name) || isAggregateFn(name)
        ? `\`${name}\` is a function: call it as ${FUNCTION_SIGNATURES[name]}`
        : undefined;
  sink.issue('expr/reserved-word', `\`${name}\` is a reserved word and cannot be used as a name`, startOf(id), endOf(id), hint);
}

/** Reports a `where` in an argument that cannot take one. */
export function noWhere(sink: BuildSink, a: Argument, fn: string): void {
  if (!isReal(a.whereToken)) return;
  sink.issue(
    'expr/misplaced-where',
    `\`where\` cannot be used here in \`${fn}\``,
    startOf(a.whereToken),
    endOf(a.whereToken),
    '`where` can only follow the list name in count, sum, all or any: `count(list where condition)`',
  );
}

/** Builds a call to a plain function, checking its arity. */
export function buildCall(sink: BuildSink, fn: CallFn, args: Argument[], start: number, end: number, complete: boolean): BuiltExpr | undefined {
  for (const a of args) noWhere(sink, a, fn);
  const [lo, hi] = CALL_ARITY[fn];
  if (complete && (args.length < lo || args.length > hi)) {
    const wanted =
      hi === Infinity ? `at least ${lo} arguments` : lo === hi ? `${lo} argument${lo === 1 ? '' : 's'}` : `${lo} to ${hi} arguments`;
    sink.issue(
      'expr/arity',
      `\`${fn}\` takes ${wanted}, not ${args.length}`,
      start,
      end,
      `write ${FUNCTION_SIGNATURES[fn]}`,
    );
  }
  const values: BuiltExpr[] = [];
  for (const a of args) {
    if (!a.value) return undefined;
    values.push(a.value);
  }
  return sink.make({ kind: 'call', fn, args: values.map((v) => v.expr) }, start, end, values);
}

/** Builds an aggregate over a list, checking its list argument and its value or condition. */
export function buildAggregate(sink: BuildSink, fn: AggregateFn, args: Argument[], start: number, end: number, complete: boolean): BuiltExpr | undefined {
  const usage = `write ${FUNCTION_SIGNATURES[fn]}`;
  args.slice(1).forEach((a) => noWhere(sink, a, fn));
  const first = args[0];
  if (!first) {
    if (complete) sink.issue('expr/arity', `\`${fn}\` needs the name of a list`, start, end, usage);
    return undefined;
  }
  let list: string | undefined;
  if (first.value) {
    if (first.value.expr.kind === 'ref') list = first.value.expr.name;
    else {
      sink.issue(
        'expr/aggregate-list',
        `the first argument of \`${fn}\` must be the name of a list`,
        first.value.start,
        first.value.end,
        usage,
      );
    }
  }
  if (complete) {
    if (fn === 'count' && args.length > 1) {
      const extra = args[1]!;
      sink.issue(
        'expr/aggregate-value',
        '`count` takes no value: it counts the records',
        extra.start,
        args[args.length - 1]!.end,
        `write ${FUNCTION_SIGNATURES.count}`,
      );
    } else if (fn !== 'count' && args.length === 1) {
      sink.issue(
        'expr/aggregate-value',
        fn === 'sum' ? '`sum` needs a value to add up for each record' : `\`${fn}\` needs a condition to test on each record`,
        start,
        end,
        usage,
      );
    } else if (fn !== 'count' && args.length > 2) {
      sink.issue('expr/arity', `\`${fn}\` takes a list and one ${fn === 'sum' ? 'value' : 'condition'}, not ${args.length} arguments`, start, end, usage);
    }
  }
  if (list === undefined || (first.whereToken && !first.where)) return undefined;
  const value = args[1]?.value;
  const expr: Expr = { kind: 'aggregate', fn, list };
  const kids: BuiltExpr[] = [];
  if (first.where) {
    expr.where = first.where.expr;
    kids.push(first.where);
  }
  if (value && fn !== 'count') {
    expr.value = value.expr;
    kids.push(value);
  }
  return sink.make(expr, start, end, kids);
}

/** Builds `date("YYYY-MM-DD")`, checking that the argument is real calendar date text. */
export function buildDate(sink: BuildSink, args: Argument[], start: number, end: number, complete: boolean): BuiltExpr | undefined {
  const usage = `write ${FUNCTION_SIGNATURES.date}`;
  for (const a of args) noWhere(sink, a, 'date');
  if (args.length !== 1) {
    if (complete) sink.issue('expr/bad-date', `\`date\` takes one argument, not ${args.length}`, start, end, usage);
    return undefined;
  }
  const arg = args[0]!.value;
  if (!arg) return undefined;
  const src = sink.text.slice(arg.start, arg.end);
  if (arg.expr.kind !== 'text') {
    sink.issue(
      'expr/bad-date',
      'a date is written as text in double quotes',
      arg.start,
      arg.end,
      /^[\d\s-]+$/.test(src) ? `write date("${src.replace(/\s+/g, '')}")` : usage,
    );
    return undefined;
  }
  const value = arg.expr.value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    sink.issue('expr/bad-date', `\`${shorten(value)}\` is not a date in the form YYYY-MM-DD`, arg.start, arg.end, usage);
    return undefined;
  }
  if (!isCalendarDate(value)) {
    sink.issue('expr/bad-date', `\`${value}\` is not a real calendar date`, arg.start, arg.end, 'check the month and the day');
    return undefined;
  }
  return sink.make({ kind: 'date', value }, start, end, []);
}

