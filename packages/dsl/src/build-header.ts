/**
 * The `rubric` statement: id, title, and the clauses `version`, `description`,
 * `effective`, `replaces` and `total`.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { IndicatorMapping, Period, Replaces } from '@rubric/model';
import { Identifier, Text } from './tokens.js';
import { Description, Effective, Replaces as ReplacesKw, RubricId, Total, Version } from './dsl-tokens.js';
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
  toks,
  type BuildContext,
} from './build-context.js';

/** What the header gives the rubric. */
export interface Header {
  id: string;
  title: string;
  version?: string;
  description?: string;
  effective?: Period;
  replaces?: Replaces;
  total?: number;
  /** The `rubric` keyword, for reporting missing clauses. */
  keyword: IToken;
}

/** Reads a `rubric` statement (and the clauses recovered after an unknown one). */
export function buildHeader(ctx: BuildContext, node: CstNode, extra: readonly CstNode[]): Header {
  const keyword = tok(node, 'Rubric')!;
  const idTok = tok(node, RubricId.name)!;
  const titleTok = tok(node, Text.name)!;
  ctx.mark('', join(rangeOf(keyword), rangeOf(idTok)));
  ctx.mark('/id', rangeOf(idTok));
  ctx.mark('/title', rangeOf(titleTok));
  ctx.anchor('/id', keyword);
  const header: Header = { id: idTok.image, title: textOf(titleTok), keyword };
  const seen = new Map<string, IToken>();
  const clauses = [...subs(node, 'rubricClause'), ...extra.flatMap((n) => subs(n, 'rubricClause'))];
  for (const clause of clauses) {
    const kw = (tok(clause, Version.name) ?? tok(clause, Description.name) ?? tok(clause, Effective.name) ?? tok(clause, ReplacesKw.name) ?? tok(clause, Total.name))!;
    const first = seen.get(kw.image);
    if (first) {
      ctx.error('dsl/duplicate-clause', `the rubric has a second \`${kw.image}\``, rangeOf(kw), `the first is on line ${ctx.lines.position(first.startOffset).line}; keep one`);
      continue;
    }
    seen.set(kw.image, kw);
    readClause(ctx, header, clause, kw);
  }
  return header;
}

function readClause(ctx: BuildContext, header: Header, clause: CstNode, kw: IToken): void {
  switch (kw.tokenType) {
    case Version: {
      const t = tok(clause, Text.name)!;
      ctx.mark('/version', rangeOf(t));
      ctx.anchor('/version', kw);
      const version = textOf(t);
      if (version === '') ctx.error('dsl/bad-value', 'the version is empty', rangeOf(t), 'e.g. `version "2022-06"`');
      else header.version = version;
      return;
    }
    case Description: {
      const t = tok(clause, Text.name)!;
      ctx.mark('/description', rangeOf(t));
      ctx.anchor('/description', kw);
      header.description = textOf(t);
      return;
    }
    case Effective: {
      ctx.mark('/effective', rangeOfNode(clause));
      ctx.anchor('/effective', kw);
      const fromTok = tok(clause, 'from');
      const untilTok = tok(clause, 'until');
      if (fromTok) ctx.mark('/effective/from', rangeOf(fromTok));
      if (untilTok) ctx.mark('/effective/until', rangeOf(untilTok));
      const from = readDate(ctx, fromTok, 'the first day in force');
      const until = readDate(ctx, untilTok, 'the last day in force');
      const period: Period = { from: from ?? '' };
      setOpt(period, 'until', until);
      header.effective = period;
      return;
    }
    case ReplacesKw: {
      ctx.mark('/replaces', rangeOf(kw));
      ctx.anchor('/replaces', kw);
      const t = tok(clause, Text.name)!;
      ctx.mark('/replaces/version', rangeOf(t));
      const mappings = subs(clause, 'mapping');
      ctx.mark('/replaces/mapping', mappings[0] ? rangeOfNode(mappings[0]) : rangeOf(kw));
      header.replaces = { version: textOf(t), mapping: mappings.map((m, i) => readMapping(ctx, m, child('/replaces/mapping', i))) };
      return;
    }
    case Total: {
      ctx.anchor('/total', kw);
      const n = readNumber(ctx, sub(clause, 'signedNumber'), { what: 'the total', min: 0 });
      if (n) {
        ctx.mark('/total', n.range);
        header.total = n.value;
      } else {
        ctx.mark('/total', rangeOf(kw));
      }
      return;
    }
    default:
      return;
  }
}

function readMapping(ctx: BuildContext, node: CstNode, ptr: string): IndicatorMapping {
  ctx.mark(ptr, rangeOfNode(node));
  const first = sub(node, 'from')!;
  ctx.anchor(ptr, tok(first, 'LBracket')!);
  checkArrow(ctx, sub(node, 'arrow'));
  const m: IndicatorMapping = { from: readNames(ctx, first, child(ptr, 'from')), to: readNames(ctx, sub(node, 'to')!, child(ptr, 'to')) };
  const note = tok(node, Text.name);
  if (note) {
    ctx.mark(child(ptr, 'note'), rangeOf(note));
    m.note = textOf(note);
  }
  return m;
}

function readNames(ctx: BuildContext, node: CstNode, ptr: string): string[] {
  ctx.mark(ptr, rangeOfNode(node));
  return toks(node, Identifier.name).map((t, i) => {
    ctx.mark(child(ptr, i), rangeOf(t));
    return t.image;
  });
}
