/**
 * Test helpers: a minimal valid rubric with overrides, fact/indicator builders, and a
 * small parser for expression text (the DSL's parser lives in another package), so
 * tests read like rubric files: `x('checkpoint_24h is full')`.
 */
import { expect } from 'vitest';
import {
  IR_FORMAT,
  type Expr,
  type Fact,
  type FactType,
  type Indicator,
  type IrIssue,
  type Rule,
  type Rubric,
  type Section,
} from '@rubric/model';
import { checkRubric } from '../../src/check/check-rubric.js';

// ------------------------------------------------------------------ expressions

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|("(?:[^"\\]|\\.)*")|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|[-+*/<>()[\],]))/y;

type Tok = { kind: 'num' | 'str' | 'id' | 'op'; text: string };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new Error(`cannot lex ${JSON.stringify(src.slice(pos))}`);
    pos = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'str', text: JSON.parse(m[2]) as string });
    else if (m[3] !== undefined) out.push({ kind: 'id', text: m[3] });
    else out.push({ kind: 'op', text: m[4]! });
  }
  return out;
}

const CALLS = new Set(['min', 'max', 'round', 'round_down', 'round_up', 'clamp', 'abs']);
const AGGS = new Set(['count', 'sum', 'all', 'any']);

/** Parses expression text into the IR's AST (test-only; enough of the language for the tests). */
export function x(src: string): Expr {
  const toks = lex(src);
  let i = 0;
  const peek = (t?: string): boolean => toks[i] !== undefined && (t === undefined || toks[i]!.text === t);
  const take = (t?: string): Tok => {
    const tok = toks[i];
    if (!tok || (t !== undefined && tok.text !== t)) throw new Error(`expected ${t ?? 'a token'} at ${i} in ${src}`);
    i++;
    return tok;
  };
  const bareOrExpr = (): Expr => {
    const t = toks[i];
    if (t?.kind === 'id' && !['true', 'false', 'not', 'if', 'date'].includes(t.text) && !CALLS.has(t.text) && !AGGS.has(t.text)) {
      const next = toks[i + 1];
      if (!next || [',', ']', ')'].includes(next.text) || ['and', 'or', 'then', 'else'].includes(next.text)) {
        i++;
        return { kind: 'text', value: t.text };
      }
    }
    return add();
  };
  const expr = (): Expr => {
    if (peek('if')) {
      take('if');
      const cond = or();
      take('then');
      const then = or();
      take('else');
      return { kind: 'if', cond, then, else: expr() };
    }
    return or();
  };
  const or = (): Expr => {
    let l = and();
    while (peek('or')) {
      take();
      l = { kind: 'binary', op: 'or', left: l, right: and() };
    }
    return l;
  };
  const and = (): Expr => {
    let l = not();
    while (peek('and')) {
      take();
      l = { kind: 'binary', op: 'and', left: l, right: not() };
    }
    return l;
  };
  const not = (): Expr => {
    if (peek('not')) {
      take();
      return { kind: 'unary', op: 'not', operand: not() };
    }
    return cmp();
  };
  const cmp = (): Expr => {
    const l = add();
    const t = toks[i]?.text;
    if (t === 'is') {
      take();
      const neg = peek('not') ? (take(), true) : false;
      return { kind: 'binary', op: neg ? '!=' : '==', left: l, right: bareOrExpr() };
    }
    if (t === 'in') {
      take();
      take('[');
      const options: Expr[] = [];
      while (!peek(']')) {
        options.push(bareOrExpr());
        if (peek(',')) take();
      }
      take(']');
      return { kind: 'in', value: l, options };
    }
    if (t && ['==', '!=', '<', '<=', '>', '>='].includes(t)) {
      take();
      return { kind: 'binary', op: t as '==', left: l, right: add() };
    }
    return l;
  };
  const add = (): Expr => {
    let l = mul();
    while (peek('+') || peek('-')) {
      const op = take().text as '+';
      l = { kind: 'binary', op, left: l, right: mul() };
    }
    return l;
  };
  const mul = (): Expr => {
    let l = unary();
    while (peek('*') || peek('/')) {
      const op = take().text as '*';
      l = { kind: 'binary', op, left: l, right: unary() };
    }
    return l;
  };
  const unary = (): Expr => {
    if (peek('-')) {
      take();
      return { kind: 'unary', op: 'neg', operand: unary() };
    }
    return atom();
  };
  const atom = (): Expr => {
    const t = take();
    if (t.kind === 'num') return { kind: 'number', value: t.text };
    if (t.kind === 'str') return { kind: 'text', value: t.text };
    if (t.text === '(') {
      const e = expr();
      take(')');
      return e;
    }
    if (t.text === 'true' || t.text === 'false') return { kind: 'boolean', value: t.text === 'true' };
    if (t.text === 'date') {
      take('(');
      const s = take();
      take(')');
      return { kind: 'date', value: s.text };
    }
    if (CALLS.has(t.text) && peek('(')) {
      take('(');
      const args: Expr[] = [];
      while (!peek(')')) {
        args.push(expr());
        if (peek(',')) take();
      }
      take(')');
      return { kind: 'call', fn: t.text as 'min', args };
    }
    if (AGGS.has(t.text) && peek('(')) {
      take('(');
      const list = take().text;
      const e: Expr = { kind: 'aggregate', fn: t.text as 'count', list };
      if (peek('where')) {
        take();
        e.where = expr();
      }
      if (peek(',')) {
        take();
        e.value = expr();
      }
      take(')');
      return e;
    }
    if (t.kind === 'id') return { kind: 'ref', name: t.text };
    throw new Error(`unexpected ${t.text} in ${src}`);
  };
  const e = expr();
  if (i !== toks.length) throw new Error(`trailing tokens in ${src}`);
  return e;
}

// ------------------------------------------------------------------ rubric builders

/** A fact declaration; required unless `default` is given. */
export function fact(id: string, type: FactType, extra: Partial<Fact> = {}): Fact {
  const f: Fact = { id, label: id, type, required: extra.default === undefined };
  return { ...f, ...extra };
}

export const ratio = (id: string, extra: Partial<Fact> = {}): Fact => fact(id, { kind: 'ratio' }, extra);
export const bool = (id: string, extra: Partial<Fact> = {}): Fact => fact(id, { kind: 'boolean' }, extra);
export const integer = (id: string, min?: number, max?: number, extra: Partial<Fact> = {}): Fact => {
  const t: FactType = { kind: 'integer' };
  if (min !== undefined) t.min = min;
  if (max !== undefined) t.max = max;
  return fact(id, t, extra);
};
export const level = (id: string, levels: string[], extra: Partial<Fact> = {}): Fact =>
  fact(id, { kind: 'level', levels: levels.map((value) => ({ value })) }, extra);

/** An indicator whose points are an expression. */
export function scored(id: string, max: number, points: string): Indicator {
  return { id, title: id, max, rule: { kind: 'expression', points: x(points) } };
}

/** An indicator with a case table: `[[when, points], …]` and `otherwise`. */
export function cases(id: string, max: number, table: [string, string][], otherwise = '0'): Indicator {
  return { id, title: id, max, rule: { kind: 'cases', cases: table.map(([w, p]) => ({ when: x(w), points: x(p) })), otherwise: x(otherwise) } };
}

/** An indicator with a checklist; items are `[id, points, 'when: …' | 'count: …']`. */
export function checklist(id: string, max: number, mode: 'award' | 'deduct', items: [string, number, string][]): Indicator {
  const rule: Rule = {
    kind: 'checklist',
    mode,
    items: items.map(([iid, points, spec]) => {
      const [k, ...rest] = spec.split(':');
      const e = x(rest.join(':'));
      return k === 'count' ? { id: iid, title: iid, points, count: e } : { id: iid, title: iid, points, when: e };
    }),
  };
  return { id, title: id, max, rule };
}

/** One section holding the given indicators. */
export function section(id: string, indicators: Indicator[], max?: number): Section {
  const s: Section = { id, title: id, indicators };
  if (max !== undefined) s.max = max;
  return s;
}

/**
 * A minimal valid rubric (one ratio fact, one 10-point indicator `round(10 * rate, 0.5)`,
 * pass mark 6) with top-level overrides. Unless `total` is overridden, it is set to the
 * sum of the indicators' maxima.
 */
export function rubric(over: Partial<Rubric> = {}): Rubric {
  const base: Rubric = {
    format: IR_FORMAT,
    id: 'test',
    title: 'Test rubric',
    version: '1',
    effective: { from: '2022-06-01' },
    total: 10,
    facts: [ratio('rate')],
    parameters: [{ id: 'pass_mark', periods: [{ value: 6, overrides: [] }] }],
    passMark: 'pass_mark',
    sections: [section('s1', [scored('a', 10, 'round(10 * rate, 0.5)')])],
    hardRequirements: [],
    vetoes: [],
    deductions: [],
    floor: 0,
    grades: [],
    tests: [],
  };
  const r = { ...base, ...over };
  if (over.total === undefined) r.total = r.sections.flatMap((s) => s.indicators).reduce((a, i) => a + i.max, 0);
  return r;
}

/** A rubric whose only indicator is `ind`, with extra facts (besides `rate`) and a pass mark of half its points. */
export function withIndicator(ind: Indicator, facts: Fact[] = [], over: Partial<Rubric> = {}): Rubric {
  return rubric({
    facts: [ratio('rate'), ...facts],
    sections: [section('s1', [ind])],
    parameters: [{ id: 'pass_mark', periods: [{ value: ind.max / 2, overrides: [] }] }],
    ...over,
  });
}

// ------------------------------------------------------------------ assertions

/** Issues of a rubric with the given code. */
export function issuesWith(r: Rubric, code: string): IrIssue[] {
  return checkRubric(r).filter((i) => i.code === code);
}

/** Asserts that checking `r` gives an issue matching `want` (and returns it). */
export function expectIssue(r: Rubric, want: Partial<IrIssue> & { code: string }): IrIssue {
  const issues = checkRubric(r);
  const found = issues.find((i) => Object.entries(want).every(([k, v]) => (i as unknown as Record<string, unknown>)[k] === v));
  if (!found) {
    expect.fail(`no issue matching ${JSON.stringify(want)}; got:\n${issues.map((i) => `  ${i.severity} ${i.code} ${i.path}: ${i.message}${i.hint ? ` (${i.hint})` : ''}`).join('\n')}`);
  }
  return found;
}

/** Asserts that checking `r` gives no issue with `code` (any code when omitted). */
export function expectNo(r: Rubric, code?: string): void {
  const issues = checkRubric(r).filter((i) => code === undefined || i.code === code);
  expect(issues.map((i) => `${i.severity} ${i.code} ${i.path}: ${i.message}`)).toEqual([]);
}
