/**
 * `parameter` statements (values with dated periods and conditional overrides) and the
 * `pass mark` statement (a parameter name, or a number that declares the parameter
 * `pass_mark`, exactly as the YAML format's numeric `pass_mark` does).
 */
import type { CstNode, IToken } from 'chevrotain';
import type { Parameter, ParameterOverride, ParameterPeriod } from '@rubric/model';
import { Identifier, Text } from './tokens.js';
import { Description, Value, When } from './dsl-tokens.js';
import { checkArrow } from './build-shared.js';
import {
  child,
  join,
  rangeOf,
  rangeOfNode,
  readDate,
  readNumber,
  setOpt,
  sub,
  subs,
  textOf,
  tok,
  type BuildContext,
  type Range,
} from './build-context.js';

/** Name of the parameter a numeric pass mark declares (as in the YAML format). */
export const PASS_MARK_PARAMETER = 'pass_mark';

/** Reads a `parameter` statement (and its clauses recovered after an unknown one). */
export function buildParameter(ctx: BuildContext, node: CstNode, extra: readonly CstNode[], ptr: string): Parameter {
  const keyword = tok(node, 'Parameter')!;
  const idTok = tok(node, Identifier.name)!;
  ctx.anchor(ptr, keyword);
  ctx.mark(ptr, rangeOf(idTok));
  ctx.mark(child(ptr, 'id'), rangeOf(idTok));
  const param: Parameter = { id: idTok.image, periods: [] };
  const noun = `parameter \`${idTok.image}\``;
  const labelTok = tok(node, Text.name);
  if (labelTok) {
    ctx.mark(child(ptr, 'label'), rangeOf(labelTok));
    param.label = textOf(labelTok);
  }
  const periodsPtr = child(ptr, 'periods');
  let description: IToken | undefined;
  const clauses = [...subs(node, 'parameterClause'), ...extra.flatMap((n) => subs(n, 'parameterClause'))];
  for (const clause of clauses) {
    const d = tok(clause, Description.name);
    if (d) {
      if (description) {
        ctx.error('dsl/duplicate-clause', `${noun} has a second description`, rangeOf(d), `the first is on line ${ctx.lines.position(description.startOffset).line}; keep one`);
        continue;
      }
      description = d;
      const t = tok(clause, Text.name)!;
      ctx.mark(child(ptr, 'description'), rangeOf(t));
      ctx.anchor(child(ptr, 'description'), d);
      param.description = textOf(t);
      continue;
    }
    const v = tok(clause, Value.name);
    if (v) {
      const p = child(periodsPtr, param.periods.length);
      if (param.periods.length === 0) ctx.mark(periodsPtr, rangeOf(v));
      ctx.mark(p, rangeOfNode(clause));
      ctx.anchor(p, v);
      const period: ParameterPeriod = { value: 0, overrides: [] };
      const n = readNumber(ctx, sub(clause, 'signedNumber'), { what: `the value of ${noun}` });
      if (n) {
        ctx.mark(child(p, 'value'), n.range);
        period.value = n.value;
      }
      const fromTok = tok(clause, 'from');
      const untilTok = tok(clause, 'until');
      if (fromTok) ctx.mark(child(p, 'from'), rangeOf(fromTok));
      if (untilTok) ctx.mark(child(p, 'until'), rangeOf(untilTok));
      setOpt(period, 'from', readDate(ctx, fromTok, `the first day of this value of ${noun}`));
      setOpt(period, 'until', readDate(ctx, untilTok, `the last day of this value of ${noun}`));
      param.periods.push(period);
      continue;
    }
    const w = tok(clause, When.name)!;
    const period = param.periods[param.periods.length - 1];
    if (!period) {
      if (!ctx.partial) ctx.error('dsl/misplaced-clause', `an override of ${noun} comes before any \`value\``, rangeOf(w), 'an override `when … -> …` follows the `value` it changes, e.g. `value 85` then `when district_risk is low -> 80`');
      continue;
    }
    const op = child(child(child(periodsPtr, param.periods.length - 1), 'overrides'), period.overrides.length);
    ctx.mark(op, rangeOfNode(clause));
    ctx.anchor(op, w);
    checkArrow(ctx, sub(clause, 'arrow'));
    const when = ctx.expression(sub(clause, 'expression'), child(op, 'when'));
    const n = readNumber(ctx, sub(clause, 'signedNumber'), { what: `the value of an override of ${noun}` });
    if (n) ctx.mark(child(op, 'value'), n.range);
    const override: ParameterOverride = { when: when ?? { kind: 'boolean', value: false }, value: n?.value ?? 0 };
    period.overrides.push(override);
  }
  if (!ctx.partial && param.periods.length === 0) {
    ctx.error('dsl/missing-clause', `${noun} has no \`value\``, rangeOf(idTok), 'e.g. `value 85`, or dated values `value 48 from 2022-05-01 until 2022-06-05`');
  }
  return param;
}

/** What a `pass mark` statement says. */
export interface PassMark {
  /** The parameter named, or undefined for a number. */
  name?: string;
  value?: number;
  keyword: IToken;
  /** The name or the number, for the source map. */
  at: Range;
}

/** Reads a `pass mark` statement. */
export function buildPassMark(ctx: BuildContext, node: CstNode): PassMark {
  const keyword = tok(node, 'Pass')!;
  ctx.anchor('/passMark', keyword);
  const id = tok(node, Identifier.name);
  if (id) {
    ctx.mark('/passMark', rangeOf(id));
    return { name: id.image, keyword, at: rangeOf(id) };
  }
  const numNode = sub(node, 'signedNumber')!;
  const at = rangeOfNode(numNode);
  ctx.mark('/passMark', at);
  const n = readNumber(ctx, numNode, { what: 'the pass mark' });
  const mark: PassMark = { keyword, at };
  if (n) mark.value = n.value;
  return mark;
}

/**
 * Adds the parameter a numeric pass mark declares (last, as the YAML format does) and
 * returns the pass-mark parameter's id.
 */
export function resolvePassMark(ctx: BuildContext, mark: PassMark, params: Parameter[]): string {
  if (mark.name !== undefined) return mark.name;
  if (params.some((p) => p.id === PASS_MARK_PARAMETER)) {
    ctx.error('dsl/conflict', '`pass mark` is a number, but a parameter named `pass_mark` is also declared', mark.at, 'write `pass mark pass_mark` to use the parameter, or remove the parameter');
    return PASS_MARK_PARAMETER;
  }
  const ptr = child('/parameters', params.length);
  const words = join(rangeOf(mark.keyword), mark.at);
  ctx.mark(ptr, mark.at);
  ctx.mark(child(ptr, 'id'), words);
  ctx.mark(child(ptr, 'periods'), mark.at);
  ctx.mark(child(child(ptr, 'periods'), 0), mark.at);
  ctx.mark(`${ptr}/periods/0/value`, mark.at);
  if (params.length === 0) ctx.mark('/parameters', mark.at);
  params.push({ id: PASS_MARK_PARAMETER, periods: [{ value: mark.value ?? 0, overrides: [] }] });
  return PASS_MARK_PARAMETER;
}
