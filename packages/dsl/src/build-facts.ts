/**
 * `fact` statements: id, label, type (with levels, range or fields), default, description.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { Fact, FactKind, FactType, LevelValue } from '@rubric/model';
import { Identifier, Text } from './tokens.js';
import { Description, Field, Least, Level, TypeWord, keywordWord } from './dsl-tokens.js';
import { readFactValue } from './build-shared.js';
import {
  child,
  join,
  rangeOf,
  rangeOfNode,
  readNumber,
  setOpt,
  sub,
  subs,
  textOf,
  tok,
  toks,
  type BuildContext,
} from './build-context.js';

/** Reads a `fact` statement (and its clauses recovered after an unknown one) as fact number `index`. */
export function buildFact(ctx: BuildContext, node: CstNode, extra: readonly CstNode[], ptr: string): Fact {
  const keyword = tok(node, 'Fact')!;
  ctx.anchor(ptr, keyword);
  const fact = readDeclaration(ctx, node, ptr, undefined);
  const clauses = [...subs(node, 'factClause'), ...extra.flatMap((n) => subs(n, 'factClause'))];
  const fields: Fact[] = [];
  let description: IToken | undefined;
  for (const clause of clauses) {
    const d = tok(clause, Description.name);
    if (d) {
      const t = tok(clause, Text.name)!;
      if (description) {
        ctx.error('dsl/duplicate-clause', `fact \`${fact.id}\` has a second description`, rangeOf(d), `the first is on line ${ctx.lines.position(description.startOffset).line}; keep one`);
        continue;
      }
      description = d;
      ctx.mark(child(ptr, 'description'), rangeOf(t));
      ctx.anchor(child(ptr, 'description'), d);
      fact.description = textOf(t);
      continue;
    }
    const decl = sub(clause, 'fieldDeclaration')!;
    const fieldKw = tok(decl, Field.name)!;
    if (fact.type.kind !== 'list') {
      ctx.error('dsl/misplaced-clause', `fact \`${fact.id}\` is not a list, so it has no fields`, rangeOf(fieldKw), 'declare it as `list` to give each record fields');
      continue;
    }
    const fptr = child(child(child(ptr, 'type'), 'fields'), fields.length);
    if (fields.length === 0) ctx.mark(child(child(ptr, 'type'), 'fields'), rangeOf(fieldKw));
    ctx.anchor(fptr, fieldKw);
    const field = readDeclaration(ctx, decl, fptr, fact.id);
    const fd = tok(decl, 'description');
    if (fd) {
      ctx.mark(child(fptr, 'description'), rangeOf(fd));
      ctx.anchor(child(fptr, 'description'), toks(decl, Description.name)[0]!);
      field.description = textOf(fd);
    }
    if (fields.some((f) => f.id === field.id)) {
      ctx.error('dsl/bad-value', `list \`${fact.id}\` has two fields named \`${field.id}\``, rangeOf(tok(decl, Identifier.name)!), 'give each field its own name');
    }
    fields.push(field);
  }
  if (fact.type.kind === 'list') fact.type = { kind: 'list', fields };
  // The default of a list is read once its fields are known.
  const def = sub(sub(node, 'factRest'), 'value');
  if (def && fact.type.kind === 'list') {
    const value = readFactValue(ctx, def, fact.type, `the default of fact \`${fact.id}\``, child(ptr, 'default'));
    if (value !== undefined) fact.default = value;
  }
  return fact;
}

/** Reads what a fact and a field share: id, label, type, range and default (a list's default is left to the caller). */
function readDeclaration(ctx: BuildContext, node: CstNode, ptr: string, listOf: string | undefined): Fact {
  const idTok = toks(node, Identifier.name)[0]!;
  const labelTok = toks(node, Text.name)[0]!;
  ctx.mark(ptr, rangeOf(idTok));
  ctx.mark(child(ptr, 'id'), rangeOf(idTok));
  ctx.mark(child(ptr, 'label'), rangeOf(labelTok));
  const noun = listOf ? `field \`${idTok.image}\` of \`${listOf}\`` : `fact \`${idTok.image}\``;
  const fact: Fact = { id: idTok.image, label: textOf(labelTok), type: { kind: 'text' }, required: true };
  const type = readType(ctx, sub(node, 'factType')!, child(ptr, 'type'), noun, listOf !== undefined);
  if (type) fact.type = type;
  const rest = sub(node, 'factRest');
  readRange(ctx, sub(rest, 'range'), fact, child(ptr, 'type'), noun);
  const def = sub(rest, 'value');
  if (def) {
    fact.required = false;
    if (fact.type.kind !== 'list') {
      const value = readFactValue(ctx, def, fact.type, `the default of ${noun}`, child(ptr, 'default'));
      if (value !== undefined) fact.default = value;
    }
  }
  return fact;
}

function readType(ctx: BuildContext, node: CstNode, ptr: string, noun: string, isField: boolean): FactType | undefined {
  const level = tok(node, Level.name);
  if (level) {
    ctx.mark(ptr, rangeOf(level));
    ctx.mark(child(ptr, 'kind'), rangeOf(level));
    return { kind: 'level', levels: readLevels(ctx, node, child(ptr, 'levels'), noun, level) };
  }
  const word = tok(node, TypeWord.name)!;
  ctx.mark(ptr, rangeOf(word));
  ctx.mark(child(ptr, 'kind'), rangeOf(word));
  const kind = keywordWord(word.tokenType) as FactKind;
  if (kind === 'list') {
    if (isField) {
      ctx.error('dsl/bad-value', 'a field of a list cannot itself be a list', rangeOf(word), 'fields are boolean, integer, decimal, ratio, level, date or text');
      return undefined;
    }
    ctx.mark(child(ptr, 'fields'), rangeOf(word));
    return { kind: 'list', fields: [] };
  }
  return { kind } as FactType;
}

function readLevels(ctx: BuildContext, node: CstNode, ptr: string, noun: string, keyword: IToken): LevelValue[] {
  ctx.mark(ptr, rangeOf(keyword));
  const levels: LevelValue[] = [];
  const seen = new Set<string>();
  subs(node, 'levelValue').forEach((lv, i) => {
    const p = child(ptr, i);
    const valueTok = (tok(lv, 'word') ?? tok(lv, 'quoted'))!;
    const labelTok = tok(lv, 'label');
    const value = tok(lv, 'word') ? valueTok.image : textOf(valueTok);
    ctx.mark(p, labelTok ? join(rangeOf(valueTok), rangeOf(labelTok)) : rangeOf(valueTok));
    ctx.mark(child(p, 'value'), rangeOf(valueTok));
    const level: LevelValue = { value };
    if (labelTok) {
      ctx.mark(child(p, 'label'), rangeOf(labelTok));
      level.label = textOf(labelTok);
    }
    if (value === '') ctx.error('dsl/bad-value', `a level of ${noun} is empty`, rangeOf(valueTok), 'a level needs a value, e.g. `full`');
    else if (seen.has(value)) ctx.error('dsl/bad-value', `level \`${value}\` of ${noun} is listed twice`, rangeOf(valueTok), 'list each level once');
    seen.add(value);
    levels.push(level);
  });
  return levels;
}

function readRange(ctx: BuildContext, node: CstNode | undefined, fact: Fact, ptr: string, noun: string): void {
  if (!node) return;
  const t = fact.type;
  if (t.kind !== 'integer' && t.kind !== 'decimal') {
    const hint = t.kind === 'ratio' ? 'a ratio always lies between 0 and 1' : 'only integer and decimal facts have a range';
    ctx.error('dsl/bad-value', `${noun} is a ${t.kind}, which takes no range`, rangeOfNode(node), hint);
    return;
  }
  const lo = sub(node, 'min');
  const hi = sub(node, 'max');
  if (lo || hi) {
    const min = readNumber(ctx, lo, { what: `the lower bound of ${noun}` });
    const max = readNumber(ctx, hi, { what: `the upper bound of ${noun}` });
    if (min) ctx.mark(child(ptr, 'min'), min.range);
    if (max) ctx.mark(child(ptr, 'max'), max.range);
    setOpt(t, 'min', min?.value);
    setOpt(t, 'max', max?.value);
    return;
  }
  const bound = readNumber(ctx, sub(node, 'signedNumber'), { what: `the bound of ${noun}` });
  if (!bound) return;
  const key = tok(node, Least.name) ? 'min' : 'max';
  ctx.mark(child(ptr, key), bound.range);
  t[key] = bound.value;
}
