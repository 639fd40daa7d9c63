/**
 * `section` and `indicator` statements. An indicator has exactly one scoring rule:
 * `score …`, `when … -> …` cases (with `otherwise`), or a `checklist` of items.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { Case, ChecklistItem, Expr, Indicator, Rule, Section } from '@rubric/model';
import { didYouMean } from '@rubric/model';
import { Identifier, Text } from './tokens.js';
import { Checklist, Item, Method, Otherwise, Per, Score, Standard, When } from './dsl-tokens.js';
import { checkArrow } from './build-shared.js';
import { child, join, rangeOf, rangeOfNode, readNumber, sub, subs, textOf, tok, type BuildContext } from './build-context.js';

const ZERO: Expr = { kind: 'number', value: '0' };
const FALSE: Expr = { kind: 'boolean', value: false };
const MODES = ['award', 'deduct'] as const;

/** Reads a `section` statement as section `ptr`. */
export function buildSection(ctx: BuildContext, node: CstNode, ptr: string): Section {
  const keyword = tok(node, 'Section')!;
  const idTok = tok(node, Identifier.name)!;
  const titleTok = tok(node, Text.name)!;
  ctx.anchor(ptr, keyword);
  ctx.mark(ptr, rangeOf(idTok));
  ctx.mark(child(ptr, 'id'), rangeOf(idTok));
  ctx.mark(child(ptr, 'title'), rangeOf(titleTok));
  ctx.mark(child(ptr, 'indicators'), rangeOf(idTok));
  const section: Section = { id: idTok.image, title: textOf(titleTok), indicators: [] };
  const max = readNumber(ctx, sub(node, 'signedNumber'), { what: `the points of section \`${idTok.image}\``, min: 0 });
  if (max) {
    ctx.mark(child(ptr, 'max'), max.range);
    section.max = max.value;
  }
  return section;
}

/** What kind of rule a clause gives. */
type RuleKind = 'score' | 'cases' | 'checklist';

/** Reads an `indicator` statement (and its clauses recovered after an unknown one). */
export function buildIndicator(ctx: BuildContext, node: CstNode, extra: readonly CstNode[], ptr: string): Indicator {
  const keyword = tok(node, 'Indicator')!;
  const idTok = tok(node, Identifier.name)!;
  const titleTok = tok(node, Text.name)!;
  ctx.anchor(ptr, keyword);
  ctx.mark(ptr, rangeOf(idTok));
  ctx.mark(child(ptr, 'id'), rangeOf(idTok));
  ctx.mark(child(ptr, 'title'), rangeOf(titleTok));
  const noun = `indicator \`${idTok.image}\``;
  const ind: Indicator = { id: idTok.image, title: textOf(titleTok), max: 0, rule: { kind: 'expression', points: ZERO } };
  const max = readNumber(ctx, sub(node, 'signedNumber'), { what: `the points of ${noun}`, min: 0 });
  if (max) {
    ctx.mark(child(ptr, 'max'), max.range);
    ind.max = max.value;
  }

  const rulePtr = child(ptr, 'rule');
  const seen: Record<string, IToken | undefined> = {};
  let kind: { kind: RuleKind; token: IToken } | undefined;
  let score: Expr | undefined;
  const cases: Case[] = [];
  let otherwise: Expr | undefined;
  let checklist: Rule | undefined;
  let conflictReported = false;

  const once = (kw: IToken, what: string): boolean => {
    const first = seen[what];
    if (first) {
      ctx.error('dsl/duplicate-clause', `${noun} has a second \`${what}\``, rangeOf(kw), `the first is on line ${ctx.lines.position(first.startOffset).line}; keep one`);
      return false;
    }
    seen[what] = kw;
    return true;
  };
  const ruleIs = (k: RuleKind, kw: IToken): boolean => {
    if (!kind) {
      kind = { kind: k, token: kw };
      ctx.mark(rulePtr, rangeOf(kw));
      return true;
    }
    if (kind.kind === k) return true;
    if (conflictReported) return false;
    conflictReported = true;
    const names: Record<RuleKind, string> = { score: '`score`', cases: '`when … ->` cases', checklist: 'a `checklist`' };
    ctx.error(
      'dsl/conflicting-rule',
      `${noun} has both ${names[kind.kind]} and ${names[k]}`,
      rangeOf(kw),
      'an indicator has one scoring rule: `score …`, `when … -> …` cases ending with `otherwise -> …`, or a `checklist`',
    );
    return false;
  };

  const clauses = [...subs(node, 'indicatorClause'), ...extra.flatMap((n) => subs(n, 'indicatorClause'))];
  for (const clause of clauses) {
    const std = tok(clause, Standard.name);
    const method = tok(clause, Method.name);
    if (std || method) {
      const kw = (std ?? method)!;
      if (!once(kw, kw.image)) continue;
      const key = std ? 'standard' : 'method';
      const t = tok(clause, Text.name)!;
      ctx.mark(child(ptr, key), rangeOf(t));
      ctx.anchor(child(ptr, key), kw);
      ind[key] = textOf(t);
      continue;
    }
    const sc = tok(clause, Score.name);
    if (sc) {
      if (!once(sc, 'score') || !ruleIs('score', sc)) continue;
      ctx.anchor(rulePtr, sc);
      score = ctx.expression(sub(clause, 'expression'), child(rulePtr, 'points')) ?? ZERO;
      continue;
    }
    const w = tok(clause, When.name);
    if (w) {
      if (!ruleIs('cases', w)) continue;
      const cptr = child(child(rulePtr, 'cases'), cases.length);
      if (cases.length === 0) ctx.mark(child(rulePtr, 'cases'), rangeOf(w));
      ctx.mark(cptr, join(rangeOf(w), rangeOfNode(clause)));
      ctx.anchor(cptr, w);
      checkArrow(ctx, sub(clause, 'arrow'));
      const when = ctx.expression(sub(clause, 'condition'), child(cptr, 'when')) ?? FALSE;
      const points = ctx.expression(sub(clause, 'points'), child(cptr, 'points')) ?? ZERO;
      cases.push({ when, points });
      continue;
    }
    const ow = tok(clause, Otherwise.name);
    if (ow) {
      if (!once(ow, 'otherwise') || !ruleIs('cases', ow)) continue;
      ctx.anchor(child(rulePtr, 'otherwise'), ow);
      checkArrow(ctx, sub(clause, 'arrow'));
      otherwise = ctx.expression(sub(clause, 'expression'), child(rulePtr, 'otherwise')) ?? ZERO;
      continue;
    }
    const cl = tok(clause, Checklist.name);
    if (cl) {
      if (!once(cl, 'checklist') || !ruleIs('checklist', cl)) continue;
      ctx.anchor(rulePtr, cl);
      checklist = readChecklist(ctx, clause, rulePtr, noun, cl);
    }
  }

  if (!kind) {
    if (!ctx.partial) ctx.error(
      'dsl/missing-clause',
      `${noun} has no scoring rule`,
      rangeOf(idTok),
      'add `score round(10 * rate, 0.5)`, or cases `when x is full -> 10` … `otherwise -> 0`, or `checklist deduct` with its items',
    );
  } else if (kind.kind === 'score') {
    ind.rule = { kind: 'expression', points: score ?? ZERO };
  } else if (kind.kind === 'cases') {
    ind.rule = { kind: 'cases', cases, otherwise: otherwise ?? ZERO };
  } else if (checklist) {
    ind.rule = checklist;
  }
  return ind;
}

function readChecklist(ctx: BuildContext, clause: CstNode, ptr: string, noun: string, keyword: IToken): Rule {
  const modeTok = tok(clause, 'mode')!;
  ctx.mark(child(ptr, 'mode'), rangeOf(modeTok));
  ctx.mark(ptr, join(rangeOf(keyword), rangeOf(modeTok)));
  let mode: 'award' | 'deduct' = 'award';
  if ((MODES as readonly string[]).includes(modeTok.image)) mode = modeTok.image as 'award' | 'deduct';
  else {
    ctx.error(
      'dsl/bad-value',
      `\`${modeTok.image}\` is not a checklist mode`,
      rangeOf(modeTok),
      didYouMean(modeTok.image, MODES) ?? '`checklist award` adds up the items\' points; `checklist deduct` takes them off the maximum, down to zero',
    );
  }
  const items = subs(clause, 'checklistItem');
  ctx.mark(child(ptr, 'items'), items[0] ? rangeOf(tok(items[0], Item.name)!) : rangeOf(keyword));
  return {
    kind: 'checklist',
    mode,
    items: items.map((item, i) => readItem(ctx, item, child(child(ptr, 'items'), i), noun)),
  };
}

function readItem(ctx: BuildContext, node: CstNode, ptr: string, noun: string): ChecklistItem {
  const keyword = tok(node, Item.name)!;
  const idTok = tok(node, Identifier.name)!;
  const titleTok = tok(node, Text.name)!;
  ctx.anchor(ptr, keyword);
  ctx.mark(ptr, rangeOf(idTok));
  ctx.mark(child(ptr, 'id'), rangeOf(idTok));
  ctx.mark(child(ptr, 'title'), rangeOf(titleTok));
  const item: ChecklistItem = { id: idTok.image, title: textOf(titleTok), points: 0 };
  const points = readNumber(ctx, sub(node, 'signedNumber'), { what: `the points of item \`${idTok.image}\` of ${noun}`, min: 0 });
  if (points) {
    ctx.mark(child(ptr, 'points'), points.range);
    item.points = points.value;
  }
  const key = tok(node, Per.name) ? 'count' : 'when';
  const e = ctx.expression(sub(node, 'expression'), child(ptr, key));
  item[key] = e ?? (key === 'when' ? FALSE : ZERO);
  return item;
}
