/**
 * `sections:` — sections of indicators, each indicator with exactly one scoring rule:
 * `score`, `cases` (+ `otherwise`) or `checklist`.
 */
import { didYouMean, type Case, type ChecklistItem, type Expr, type Indicator, type Rule, type Section } from '@rubric/model';
import { asMap, child, ordinal, readMapList, type Entry, type MapView, type Reader } from './node-reader.js';
import { readExpr } from './read-expression.js';
import { field, idOf, numberOf, readText, setOpt, valOf } from './read-values.js';

const SECTION_KEYS = ['id', 'title', 'points', 'indicators'];
const INDICATOR_KEYS = ['id', 'title', 'standard', 'method', 'points', 'score', 'cases', 'otherwise', 'checklist'];
const CASE_KEYS = ['when', 'score'];
const CHECKLIST_KEYS = ['mode', 'items'];
const ITEM_KEYS = ['id', 'title', 'points', 'when', 'count'];
const RULE_KEYS = ['score', 'cases', 'checklist'] as const;
const MODES = ['award', 'deduct'] as const;

const FALSE: Expr = { kind: 'boolean', value: false };
const ZERO: Expr = { kind: 'number', value: '0' };

/** Reads `sections`. */
export function readSections(r: Reader, e: Entry | undefined): Section[] {
  return readMapList(r, e, '/sections', (i) => `the ${ordinal(i)} section`, (view, ptr) => readSection(r, view, ptr));
}

/** Reads an `id` and names the view after it for later messages. */
export function readItemId(view: MapView, ptr: string, noun: string): string {
  const id = field(view, 'id', child(ptr, 'id'), idOf('id'), { required: true, what: `the id of ${view.what}` });
  if (id !== undefined) view.what = `${noun} \`${id}\``;
  return id ?? '';
}

function readSection(r: Reader, view: MapView, ptr: string): Section {
  view.checkKeys(SECTION_KEYS);
  const id = readItemId(view, ptr, 'section');
  const title = field(view, 'title', child(ptr, 'title'), readText, { required: true }) ?? '';
  const section: Section = { id, title, indicators: [] };
  setOpt(section, 'max', field(view, 'points', child(ptr, 'max'), numberOf({ min: 0 })));
  const ie = view.need('indicators', 'list the indicators of the section, each with `id`, `title`, `points` and a rule');
  section.indicators = readMapList(r, ie, child(ptr, 'indicators'), (i) => `the ${ordinal(i)} indicator of ${view.what}`, (iv, p) => readIndicator(r, iv, p));
  return section;
}

function readIndicator(r: Reader, view: MapView, ptr: string): Indicator {
  view.checkKeys(INDICATOR_KEYS);
  const id = readItemId(view, ptr, 'indicator');
  const title = field(view, 'title', child(ptr, 'title'), readText, { required: true }) ?? '';
  const ind: Indicator = { id, title, max: 0, rule: { kind: 'expression', points: ZERO } };
  setOpt(ind, 'standard', field(view, 'standard', child(ptr, 'standard'), readText));
  setOpt(ind, 'method', field(view, 'method', child(ptr, 'method'), readText));
  ind.max = field(view, 'points', child(ptr, 'max'), numberOf({ min: 0 }), { required: true, hint: 'the maximum points as printed on the scale, e.g. `points: 10`' }) ?? 0;
  ind.rule = readRule(r, view, child(ptr, 'rule'));
  return ind;
}

/** Reads the one scoring rule of an indicator. */
function readRule(r: Reader, view: MapView, ptr: string): Rule {
  const present = RULE_KEYS.filter((k) => view.has(k));
  const otherwise = view.get('otherwise');
  if (present.length === 0) {
    r.report(view.at, 'yaml/missing-key', `${view.what} needs a scoring rule: \`score\`, \`cases\` or \`checklist\``, 'e.g. `score: round(10 * four_piece_check_rate, 0.5)`');
  }
  for (const extra of present.slice(1)) {
    r.report(view.get(extra)!.keySpan, 'yaml/conflicting-keys', `${view.what} has both \`${present[0]}\` and \`${extra}\``, 'give exactly one of `score`, `cases` (with `otherwise`) and `checklist`');
  }
  if (otherwise && !view.has('cases')) {
    r.report(otherwise.keySpan, 'yaml/conflicting-keys', `\`otherwise\` goes with \`cases\`, which ${view.what} does not have`, present[0] ? `remove \`otherwise\`; \`${present[0]}\` gives the points` : 'add `cases`, or use `score`');
  }
  const first = present[0];
  if (first === 'score') {
    const e = view.get('score')!;
    r.mark(ptr, e.keySpan);
    return { kind: 'expression', points: readExpr(r, valOf(e), child(ptr, 'points'), `\`score\` of ${view.what}`) ?? ZERO };
  }
  if (first === 'cases') {
    const e = view.get('cases')!;
    r.mark(ptr, e.keySpan);
    const cases = readMapList(r, e, child(ptr, 'cases'), (i) => `the ${ordinal(i)} case of ${view.what}`, (cv, p) => readCase(r, cv, p));
    let otherwiseExpr: Expr = ZERO;
    if (otherwise) {
      otherwiseExpr = readExpr(r, valOf(otherwise), child(ptr, 'otherwise'), `\`otherwise\` of ${view.what}`) ?? ZERO;
    }
    return { kind: 'cases', cases, otherwise: otherwiseExpr };
  }
  if (first === 'checklist') {
    const e = view.get('checklist')!;
    r.mark(ptr, e.keySpan);
    return readChecklist(r, e, ptr, view.what);
  }
  return { kind: 'expression', points: ZERO };
}

function readCase(r: Reader, view: MapView, ptr: string): Case {
  view.checkKeys(CASE_KEYS);
  const we = view.need('when', 'the condition, e.g. `when: checkpoint_24h is full`');
  const se = view.need('score', 'the points when the condition holds, e.g. `score: 10`');
  const when = we ? readExpr(r, valOf(we), child(ptr, 'when'), `\`when\` of ${view.what}`) : undefined;
  const points = se ? readExpr(r, valOf(se), child(ptr, 'points'), `\`score\` of ${view.what}`) : undefined;
  return { when: when ?? FALSE, points: points ?? ZERO };
}

function readChecklist(r: Reader, e: Entry, ptr: string, owner: string): Rule {
  const noun = `the checklist of ${owner}`;
  const rule: Rule = { kind: 'checklist', mode: 'award', items: [] };
  const view = asMap(r, e.valueNode, e.valueSpan, noun, e.keySpan);
  if (!view) return rule;
  view.checkKeys(CHECKLIST_KEYS);
  const mode = field(view, 'mode', child(ptr, 'mode'), readText, {
    required: true,
    hint: '`mode: award` adds up the items\' points; `mode: deduct` takes them off the maximum, down to zero',
  });
  if (mode !== undefined) {
    if ((MODES as readonly string[]).includes(mode)) rule.mode = mode as (typeof MODES)[number];
    else r.report(view.get('mode')!.valueSpan, 'yaml/bad-value', `\`${mode}\` is not a checklist mode`, didYouMean(mode, MODES) ?? 'use `award` or `deduct`');
  }
  const ie = view.need('items', 'list the items, e.g. `- { id: missing_log, title: 缺少台账, points: 2, when: log_missing }`');
  rule.items = readMapList(r, ie, child(ptr, 'items'), (i) => `the ${ordinal(i)} item of ${noun}`, (iv, p) => readItem(r, iv, p));
  return rule;
}

function readItem(r: Reader, view: MapView, ptr: string): ChecklistItem {
  view.checkKeys(ITEM_KEYS);
  const id = readItemId(view, ptr, 'checklist item');
  const title = field(view, 'title', child(ptr, 'title'), readText, { required: true }) ?? '';
  const points = field(view, 'points', child(ptr, 'points'), numberOf({ min: 0 }), { required: true, hint: 'the points per hit, e.g. `points: 2`' }) ?? 0;
  const item: ChecklistItem = { id, title, points };
  const we = view.get('when');
  const ce = view.get('count');
  if (we && ce) {
    r.report(ce.keySpan, 'yaml/conflicting-keys', `${view.what} has both \`when\` and \`count\``, 'use `when` for a yes/no item, `count` for a number of hits');
  } else if (!we && !ce) {
    r.report(view.at, 'yaml/missing-key', `${view.what} needs \`when\` or \`count\``, 'e.g. `when: log_missing` (hit once) or `count: defective_doc_count` (hit per unit)');
  }
  if (we) setOpt(item, 'when', readExpr(r, valOf(we), child(ptr, 'when'), `\`when\` of ${view.what}`));
  if (ce && !we) setOpt(item, 'count', readExpr(r, valOf(ce), child(ptr, 'count'), `\`count\` of ${view.what}`));
  return item;
}
