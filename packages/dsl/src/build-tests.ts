/**
 * `test` statements: a name, an optional as-of date, the subject's data (any JSON) and
 * what to expect (outcome, total, pass mark, indicator points, reasons).
 */
import type { CstNode, IToken } from 'chevrotain';
import { OUTCOMES, didYouMean, type Outcome, type TestCase, type TestExpectation } from '@rubric/model';
import { Identifier, Text } from './tokens.js';
import { DateLiteral, Expect, Indicators, Outcome as OutcomeKw, Pass, Reasons, Subject, Total } from './dsl-tokens.js';
import { readJson, recordEntries } from './build-shared.js';
import {
  child,
  defineKey,
  rangeOf,
  rangeOfNode,
  readDate,
  readNumber,
  sub,
  subs,
  textOf,
  tok,
  type BuildContext,
} from './build-context.js';

/** Reads a `test` statement (and its clauses recovered after an unknown one). */
export function buildTest(ctx: BuildContext, node: CstNode, extra: readonly CstNode[], ptr: string): TestCase {
  const keyword = tok(node, 'Test')!;
  const nameTok = tok(node, Text.name)!;
  ctx.anchor(ptr, keyword);
  ctx.mark(ptr, rangeOf(nameTok));
  ctx.mark(child(ptr, 'name'), rangeOf(nameTok));
  const test: TestCase = { name: textOf(nameTok), subject: {}, expect: {} };
  const noun = `test ${JSON.stringify(test.name)}`;
  const asOf = tok(node, DateLiteral.name);
  if (asOf) {
    ctx.mark(child(ptr, 'asOf'), rangeOf(asOf));
    const d = readDate(ctx, asOf, `the date of ${noun}`);
    if (d) test.asOf = d;
  }
  let subjectSeen: IToken | undefined;
  const seen = new Map<string, IToken>();
  const clauses = [...subs(node, 'testClause'), ...extra.flatMap((n) => subs(n, 'testClause'))];
  for (const clause of clauses) {
    const s = tok(clause, Subject.name);
    if (s) {
      if (subjectSeen) {
        ctx.error('dsl/duplicate-clause', `${noun} has a second subject`, rangeOf(s), `the first is on line ${ctx.lines.position(subjectSeen.startOffset).line}; keep one`);
        continue;
      }
      subjectSeen = s;
      const sp = child(ptr, 'subject');
      ctx.anchor(sp, s);
      const record = sub(clause, 'record')!;
      ctx.mark(sp, rangeOfNode(record));
      const subject: Record<string, unknown> = {};
      const keys = new Set<string>();
      for (const e of recordEntries(record)) {
        if (keys.has(e.key)) {
          ctx.error('dsl/duplicate-key', `the key \`${e.key}\` appears twice in the subject of ${noun}`, rangeOf(e.token), 'each key may appear only once in a record');
          continue;
        }
        keys.add(e.key);
        ctx.anchor(child(sp, e.key), e.token);
        defineKey(subject, e.key, readJson(ctx, e.value, child(sp, e.key), `the subject of ${noun}`));
      }
      test.subject = subject;
      continue;
    }
    const ex = tok(clause, Expect.name)!;
    const ep = child(ptr, 'expect');
    if (seen.size === 0) ctx.mark(ep, rangeOf(ex));
    const items = subs(clause, 'expectItem');
    items.forEach((item, i) => {
      const key = readExpectItem(ctx, test.expect, item, ep, noun, seen);
      if (i === 0 && key) ctx.anchor(child(ep, key), ex);
    });
  }
  if (!ctx.partial && !subjectSeen) {
    ctx.error('dsl/missing-clause', `${noun} has no subject`, rangeOf(nameTok), 'give the data to score: `subject {id: "c1", checkpoint_24h: full, …}`');
  }
  return test;
}

/** Reads one expectation into `x`; returns its IR key. */
function readExpectItem(ctx: BuildContext, x: TestExpectation, item: CstNode, ptr: string, noun: string, seen: Map<string, IToken>): keyof TestExpectation | undefined {
  const kw = (tok(item, OutcomeKw.name) ?? tok(item, Total.name) ?? tok(item, Pass.name) ?? tok(item, Indicators.name) ?? tok(item, Reasons.name))!;
  const key: keyof TestExpectation =
    kw.tokenType === OutcomeKw ? 'outcome' : kw.tokenType === Total ? 'total' : kw.tokenType === Pass ? 'passMark' : kw.tokenType === Indicators ? 'indicators' : 'reasons';
  const first = seen.get(key);
  if (first) {
    ctx.error('dsl/duplicate-clause', `${noun} expects \`${kw.image}\` twice`, rangeOf(kw), `the first is on line ${ctx.lines.position(first.startOffset).line}; keep one`);
    return undefined;
  }
  seen.set(key, kw);
  const p = child(ptr, key);
  switch (key) {
    case 'outcome': {
      const w = tok(item, Identifier.name)!;
      ctx.mark(p, rangeOf(w));
      if ((OUTCOMES as readonly string[]).includes(w.image)) x.outcome = w.image as Outcome;
      else ctx.error('dsl/bad-value', `\`${w.image}\` is not an outcome`, rangeOf(w), didYouMean(w.image, OUTCOMES) ?? `use one of ${OUTCOMES.join(', ')}`);
      break;
    }
    case 'total':
    case 'passMark': {
      const n = readNumber(ctx, sub(item, 'signedNumber'), { what: `the expected ${key === 'total' ? 'total' : 'pass mark'} of ${noun}` });
      if (n) {
        ctx.mark(p, n.range);
        x[key] = n.value;
      }
      break;
    }
    case 'indicators': {
      const record = sub(item, 'record')!;
      ctx.mark(p, rangeOfNode(record));
      const indicators: Record<string, number> = {};
      for (const e of recordEntries(record)) {
        if (Object.prototype.hasOwnProperty.call(indicators, e.key)) {
          ctx.error('dsl/duplicate-key', `indicator \`${e.key}\` is expected twice in ${noun}`, rangeOf(e.token), 'give each indicator once');
          continue;
        }
        ctx.mark(child(p, e.key), rangeOfNode(e.value));
        const n = e.value.children['signedNumber'] ? readNumber(ctx, sub(e.value, 'signedNumber'), { what: `the expected points of indicator \`${e.key}\`` }) : undefined;
        if (!e.value.children['signedNumber']) {
          ctx.error('dsl/wrong-type', `the expected points of indicator \`${e.key}\` must be a number`, rangeOfNode(e.value), 'e.g. `expect indicators {checkpoint_24h: 10}`');
        }
        if (n) defineKey(indicators, e.key, n.value);
      }
      x.indicators = indicators;
      break;
    }
    case 'reasons': {
      const list = sub(item, 'valueList')!;
      ctx.mark(p, rangeOfNode(list));
      const reasons: string[] = [];
      subs(list, 'value').forEach((v, i) => {
        ctx.mark(child(p, i), rangeOfNode(v));
        const t = tok(v, Text.name);
        const w = tok(v, Identifier.name);
        if (t) reasons.push(textOf(t));
        else if (w) reasons.push(w.image);
        else ctx.error('dsl/wrong-type', 'an expected reason is text in double quotes', rangeOfNode(v), 'e.g. `expect reasons ["veto:media", "below-pass-mark"]`');
      });
      x.reasons = reasons;
      break;
    }
    default:
      break;
  }
  return key;
}
