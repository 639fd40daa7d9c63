/**
 * Hard requirements, vetoes, deductions (per unit, fixed when a condition holds, or a
 * range the assessor records), the overall deduction cap, the floor and grade bands.
 */
import type { CstNode } from 'chevrotain';
import type { Deduction, Expr, GradeBand, HardRequirement, Veto } from '@rubric/model';
import { Identifier, Text } from './tokens.js';
import { Per, Recorded, When } from './dsl-tokens.js';
import { child, join, rangeOf, rangeOfNode, readNumber, setOpt, sub, textOf, tok, toks, type BuildContext, type Range } from './build-context.js';

const FALSE: Expr = { kind: 'boolean', value: false };

/** Reads a `hard requirement` statement. */
export function buildHardRequirement(ctx: BuildContext, node: CstNode, ptr: string): HardRequirement {
  const keyword = tok(node, 'Hard')!;
  const idTok = tok(node, Identifier.name)!;
  const titleTok = tok(node, Text.name)!;
  ctx.anchor(ptr, keyword);
  ctx.mark(ptr, rangeOf(idTok));
  ctx.mark(child(ptr, 'id'), rangeOf(idTok));
  ctx.mark(child(ptr, 'title'), rangeOf(titleTok));
  const id = idTok.image;
  const title = textOf(titleTok);
  const indicator = tok(node, 'indicator');
  if (indicator) {
    const words = toks(node, 'words');
    const said = words.map((w) => w.image).join(' ');
    if (said !== 'full marks on') {
      const at: Range = join(rangeOf(words[0]!), rangeOf(words[words.length - 1]!));
      ctx.error('dsl/unexpected-token', `expected \`full marks on\` before the indicator, found \`${said}\``, at, 'write `requires full marks on <indicator id>`');
    }
    ctx.mark(child(ptr, 'indicator'), rangeOf(indicator));
    return { id, title, kind: 'indicator-full', indicator: indicator.image };
  }
  const require = ctx.expression(sub(node, 'expression'), child(ptr, 'require')) ?? FALSE;
  return { id, title, kind: 'condition', require };
}

/** Reads a `veto` statement. */
export function buildVeto(ctx: BuildContext, node: CstNode, ptr: string): Veto {
  const keyword = tok(node, 'Veto')!;
  const idTok = tok(node, Identifier.name)!;
  const reasonTok = tok(node, Text.name)!;
  ctx.anchor(ptr, keyword);
  ctx.mark(ptr, rangeOf(idTok));
  ctx.mark(child(ptr, 'id'), rangeOf(idTok));
  ctx.mark(child(ptr, 'reason'), rangeOf(reasonTok));
  const when = ctx.expression(sub(node, 'expression'), child(ptr, 'when')) ?? FALSE;
  return { id: idTok.image, reason: textOf(reasonTok), when };
}

/** Reads a `deduct` statement. */
export function buildDeduction(ctx: BuildContext, node: CstNode, ptr: string): Deduction {
  const keyword = tok(node, 'Deduct')!;
  const idTok = toks(node, Identifier.name)[0]!;
  const reasonTok = tok(node, Text.name)!;
  ctx.anchor(ptr, keyword);
  ctx.mark(ptr, rangeOf(idTok));
  ctx.mark(child(ptr, 'id'), rangeOf(idTok));
  ctx.mark(child(ptr, 'reason'), rangeOf(reasonTok));
  const id = idTok.image;
  const reason = textOf(reasonTok);
  const noun = `deduction \`${id}\``;
  const amountNode = sub(node, 'amount');
  const upperNode = sub(node, 'upper');
  const amount = readNumber(ctx, amountNode, { what: `the amount of ${noun}`, min: 0 });
  const upper = readNumber(ctx, upperNode, { what: `the largest amount of ${noun}`, min: 0 });
  const cap = readNumber(ctx, sub(node, 'cap'), { what: `the cap of ${noun}`, min: 0 });
  if (cap) ctx.mark(child(ptr, 'cap'), cap.range);
  const withCap = (d: Deduction): Deduction => {
    setOpt(d, 'cap', cap?.value);
    return d;
  };
  const per = tok(node, Per.name);
  const when = tok(node, When.name);
  const recorded = tok(node, Recorded.name);
  const amountAt = amountNode ? rangeOfNode(amountNode) : rangeOf(idTok);

  if (recorded) {
    const fact = tok(node, 'fact')!;
    const field = tok(node, 'field');
    ctx.mark(child(ptr, 'fact'), rangeOf(fact));
    if (field) ctx.mark(child(ptr, 'field'), rangeOf(field));
    if (amount) ctx.mark(child(ptr, 'min'), amount.range);
    if (upper) ctx.mark(child(ptr, 'max'), upper.range);
    if (!upperNode) {
      ctx.error('dsl/bad-value', `the amount of ${noun} is recorded by the assessor, so it needs a range`, amountAt, 'write the smallest and largest amount: `0.5 to 2 points recorded in …`');
    }
    const d: Deduction = { id, reason, kind: 'discretionary', fact: fact.image, min: amount?.value ?? 0, max: upper?.value ?? 0 };
    setOpt(d, 'field', field?.image);
    return withCap(d);
  }
  if (upperNode) {
    ctx.error('dsl/bad-value', `a range of amounts is for a deduction the assessor records`, join(amountAt, rangeOfNode(upperNode)), 'write one amount (`1 point per …`), or `0.5 to 2 points recorded in <fact>`');
  }
  if (amount) ctx.mark(child(ptr, 'amount'), amount.range);
  if (per) {
    const count = ctx.expression(sub(node, 'expression'), child(ptr, 'count')) ?? { kind: 'number', value: '0' };
    return withCap({ id, reason, kind: 'per-unit', count, amount: amount?.value ?? 0 });
  }
  if (!when) {
    ctx.error(
      'dsl/missing-clause',
      `${noun} does not say when it applies`,
      amountAt,
      'follow the amount with `per <count>` (per unit), `when <condition>` (fixed), or write `0.5 to 2 points recorded in <fact>` (by the assessor)',
    );
  }
  const cond = when ? (ctx.expression(sub(node, 'expression'), child(ptr, 'when')) ?? FALSE) : FALSE;
  return withCap({ id, reason, kind: 'conditional', when: cond, amount: amount?.value ?? 0 });
}

/** Reads `deductions at most N`. */
export function buildDeductionCap(ctx: BuildContext, node: CstNode): number | undefined {
  ctx.anchor('/deductionCap', tok(node, 'Deductions')!);
  const n = readNumber(ctx, sub(node, 'signedNumber'), { what: 'the cap on all deductions', min: 0 });
  if (n) ctx.mark('/deductionCap', n.range);
  return n?.value;
}

/** Reads `floor N` or `floor none`; undefined when it is neither. */
export function buildFloor(ctx: BuildContext, node: CstNode): { value: number | null } | undefined {
  ctx.anchor('/floor', tok(node, 'Floor')!);
  const word = tok(node, Identifier.name);
  if (word) {
    ctx.mark('/floor', rangeOf(word));
    if (word.image === 'none') return { value: null };
    ctx.error('dsl/bad-value', `\`floor\` must be a number or \`none\`, not \`${word.image}\``, rangeOf(word), 'write `floor 0` (the default) or `floor none` to let the total go negative');
    return undefined;
  }
  const n = readNumber(ctx, sub(node, 'signedNumber'), { what: 'the floor' });
  if (n) ctx.mark('/floor', n.range);
  return n ? { value: n.value } : undefined;
}

/** Reads a `grade` statement. */
export function buildGrade(ctx: BuildContext, node: CstNode, ptr: string): GradeBand {
  const labelTok = tok(node, Text.name)!;
  ctx.anchor(ptr, tok(node, 'Grade')!);
  ctx.mark(ptr, rangeOf(labelTok));
  ctx.mark(child(ptr, 'label'), rangeOf(labelTok));
  const n = readNumber(ctx, sub(node, 'signedNumber'), { what: 'the lowest total of the grade' });
  if (n) ctx.mark(child(ptr, 'min'), n.range);
  return { label: textOf(labelTok), min: n?.value ?? 0 };
}
