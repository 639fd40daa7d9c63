/**
 * `tests:` — named cases with a subject (kept as plain JSON) and expectations.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { OUTCOMES, didYouMean, type Outcome, type TestCase, type TestExpectation } from '@rubric/model';
import { asList, asMap, child, ordinal, readMapList, scalarText, type Entry, type MapView, type Reader, type YNode } from './node-reader.js';
import { exactNumber, field, numberOf, readDate, readNumber, readText, setOpt, valOf } from './read-values.js';

const TEST_KEYS = ['name', 'as_of', 'subject', 'expect'];
const EXPECT_KEYS = ['outcome', 'total', 'pass_mark', 'indicators', 'reasons'];

/** Most nodes a subject may expand to (aliases can multiply them). */
const SUBJECT_NODE_LIMIT = 100_000;

/** Defines an own enumerable property (so keys like `__proto__` stay data). */
export function defineKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Reads `tests`. */
export function readTests(r: Reader, e: Entry | undefined): TestCase[] {
  return readMapList(r, e, '/tests', (i) => `the ${ordinal(i)} test`, (view, ptr) => {
    view.checkKeys(TEST_KEYS);
    const name = field(view, 'name', child(ptr, 'name'), readText, { required: true }) ?? '';
    if (name) view.what = `test \`${name}\``;
    const test: TestCase = { name, subject: {}, expect: {} };
    setOpt(test, 'asOf', field(view, 'as_of', child(ptr, 'asOf'), readDate));
    const se = view.need('subject', 'the subject\'s facts, e.g. `subject: { id: c1, checkpoint_24h: full }`');
    if (se) {
      r.mark(child(ptr, 'subject'), se.valueSpan);
      const sv = se.valueNode;
      if (sv && isMap(sv)) {
        const budget = { left: SUBJECT_NODE_LIMIT };
        const subject = toJson(r, sv, `the subject of ${view.what}`, child(ptr, 'subject'), new Set(), budget);
        if (subject && typeof subject === 'object' && !Array.isArray(subject)) test.subject = subject as Record<string, unknown>;
      } else {
        r.report(se.valueSpan, 'yaml/wrong-type', `the subject of ${view.what} must be a map of facts`, 'e.g. `subject: { id: c1, checkpoint_24h: full }`');
      }
    }
    const ee = view.get('expect');
    if (ee) {
      r.mark(child(ptr, 'expect'), ee.keySpan);
      const ev = asMap(r, ee.valueNode, ee.valueSpan, `\`expect\` of ${view.what}`, ee.keySpan);
      if (ev) test.expect = readExpect(r, ev, child(ptr, 'expect'));
    }
    return test;
  });
}

function readExpect(r: Reader, view: MapView, ptr: string): TestExpectation {
  view.checkKeys(EXPECT_KEYS);
  const x: TestExpectation = {};
  const outcome = field(view, 'outcome', child(ptr, 'outcome'), readText);
  if (outcome !== undefined) {
    if ((OUTCOMES as readonly string[]).includes(outcome)) x.outcome = outcome as Outcome;
    else r.report(view.get('outcome')!.valueSpan, 'yaml/bad-value', `\`${outcome}\` is not an outcome`, didYouMean(outcome, OUTCOMES) ?? `use one of ${OUTCOMES.join(', ')}`);
  }
  setOpt(x, 'total', field(view, 'total', child(ptr, 'total'), numberOf({})));
  setOpt(x, 'passMark', field(view, 'pass_mark', child(ptr, 'passMark'), numberOf({})));
  const ie = view.get('indicators');
  if (ie) {
    const ip = child(ptr, 'indicators');
    r.mark(ip, ie.keySpan);
    const iv = asMap(r, ie.valueNode, ie.valueSpan, `the expected indicators of ${view.what}`, ie.keySpan);
    if (iv) {
      const indicators: Record<string, number> = {};
      for (const ke of iv.entries) {
        r.mark(child(ip, ke.key), ke.valueSpan);
        const n = readNumber(r, valOf(ke), `the expected points of indicator \`${ke.key}\``);
        if (n !== undefined) defineKey(indicators, ke.key, n);
      }
      x.indicators = indicators;
    }
  }
  const re = view.get('reasons');
  if (re) {
    const rp = child(ptr, 'reasons');
    r.mark(rp, re.keySpan);
    const items = asList(r, re.valueNode, re.valueSpan, `the expected reasons of ${view.what}`);
    if (items) {
      x.reasons = [];
      items.forEach((item, i) => {
        r.mark(child(rp, i), item.span);
        const s = readText(r, item, `an expected reason`);
        if (s !== undefined) x.reasons!.push(s);
      });
    }
  }
  return x;
}

/**
 * Converts a YAML node to plain JSON: maps to objects (keys as written), lists to
 * arrays, scalars to their values (numbers checked for exactness). Guards against
 * alias cycles and alias bombs.
 */
function toJson(r: Reader, node: YNode, what: string, ptr: string, path: Set<YNode>, budget: { left: number }): unknown {
  if (--budget.left < 0) {
    if (budget.left === -1) r.report(r.spanOf(node), 'yaml/bad-value', `${what} is too large`, 'write fewer aliases (`*name`)');
    return undefined;
  }
  r.mark(ptr, r.spanOf(node));
  if (path.has(node)) {
    r.report(r.spanOf(node), 'yaml/bad-value', `${what} refers to itself through an alias`);
    return undefined;
  }
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'number') return exactNumber(r, v, node.source, r.spanOf(node), `a number in ${what}`);
    if (typeof v === 'bigint') return Number(v);
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    return scalarText(node);
  }
  path.add(node);
  try {
    if (isSeq(node)) {
      return node.items.map((it, i) => {
        const n = r.resolve(it);
        return n ? toJson(r, n, what, child(ptr, i), path, budget) : null;
      });
    }
    const obj: Record<string, unknown> = {};
    for (const pair of node.items) {
      const k = r.resolve(pair.key);
      if (!k || !isScalar(k)) {
        r.report(r.spanOf(k ?? node), 'yaml/wrong-type', `a key in ${what} must be plain text`);
        continue;
      }
      const key = k.value === null ? '' : scalarText(k);
      const v = r.resolve(pair.value);
      defineKey(obj, key, v ? toJson(r, v, what, child(ptr, key), path, budget) : null);
    }
    return obj;
  } finally {
    path.delete(node);
  }
}
