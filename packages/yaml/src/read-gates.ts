/**
 * Hard requirements, vetoes, deductions (told apart by their keys) and grade bands.
 */
import { isSeq } from 'yaml';
import type { Deduction, Expr, GradeBand, HardRequirement, Veto } from '@rubric/model';
import { child, describeNode, ordinal, readMapList, type Entry, type MapView, type Reader } from './node-reader.js';
import { readExpr } from './read-expression.js';
import { readItemId } from './read-sections.js';
import { field, idOf, numberOf, readNumber, readText, setOpt, valOf } from './read-values.js';

const HARD_KEYS = ['id', 'title', 'indicator', 'require'];
const VETO_KEYS = ['id', 'reason', 'when'];
const DEDUCTION_KEYS = ['id', 'reason', 'per', 'when', 'amount', 'fact', 'field', 'range', 'cap'];
const GRADE_KEYS = ['label', 'min'];

const FALSE: Expr = { kind: 'boolean', value: false };

/** Reads `hard_requirements`. */
export function readHardRequirements(r: Reader, e: Entry | undefined): HardRequirement[] {
  return readMapList(r, e, '/hardRequirements', (i) => `the ${ordinal(i)} hard requirement`, (view, ptr) => {
    view.checkKeys(HARD_KEYS);
    const id = readItemId(view, ptr, 'hard requirement');
    const title = field(view, 'title', child(ptr, 'title'), readText, { required: true }) ?? '';
    const ie = view.get('indicator');
    const re = view.get('require');
    if (ie && re) {
      r.report(re.keySpan, 'yaml/conflicting-keys', `${view.what} has both \`indicator\` and \`require\``, 'use `indicator` for an indicator that must reach full points, `require` for a condition');
    } else if (!ie && !re) {
      r.report(view.at, 'yaml/missing-key', `${view.what} needs \`indicator\` or \`require\``, 'e.g. `indicator: checkpoint_24h` (must reach full points) or `require: all(checkpoints, staffed_24h)`');
    }
    if (ie) {
      const indicator = field(view, 'indicator', child(ptr, 'indicator'), idOf('id')) ?? '';
      return { id, title, kind: 'indicator-full', indicator };
    }
    const require = re ? readExpr(r, valOf(re), child(ptr, 'require'), `\`require\` of ${view.what}`) : undefined;
    return { id, title, kind: 'condition', require: require ?? FALSE };
  });
}

/** Reads `vetoes`. */
export function readVetoes(r: Reader, e: Entry | undefined): Veto[] {
  return readMapList(r, e, '/vetoes', (i) => `the ${ordinal(i)} veto`, (view, ptr) => {
    view.checkKeys(VETO_KEYS);
    const id = readItemId(view, ptr, 'veto');
    const reason = field(view, 'reason', child(ptr, 'reason'), readText, { required: true }) ?? '';
    const we = view.need('when', 'the condition that vetoes, e.g. `when: reported_by_media`');
    const when = we ? readExpr(r, valOf(we), child(ptr, 'when'), `\`when\` of ${view.what}`) : undefined;
    return { id, reason, when: when ?? FALSE };
  });
}

/** Reads `deductions`, each by its shape: `per` + `amount`, `when` + `amount`, or `fact` + `range`. */
export function readDeductions(r: Reader, e: Entry | undefined): Deduction[] {
  return readMapList(r, e, '/deductions', (i) => `the ${ordinal(i)} deduction`, (view, ptr) => readDeduction(r, view, ptr));
}

const SHAPE_HINT = 'give `per` + `amount` (per unit), `when` + `amount` (fixed), or `fact` + `range` (recorded by the assessor)';

function readDeduction(r: Reader, view: MapView, ptr: string): Deduction {
  view.checkKeys(DEDUCTION_KEYS);
  const id = readItemId(view, ptr, 'deduction');
  const reason = field(view, 'reason', child(ptr, 'reason'), readText, { required: true }) ?? '';
  const shapes = (['per', 'when', 'fact'] as const).filter((k) => view.has(k));
  const shape = shapes[0];
  for (const extra of shapes.slice(1)) {
    r.report(view.get(extra)!.keySpan, 'yaml/conflicting-keys', `${view.what} has both \`${shape}\` and \`${extra}\``, SHAPE_HINT);
  }
  if (!shape) r.report(view.at, 'yaml/missing-key', `${view.what} needs \`per\`, \`when\` or \`fact\``, SHAPE_HINT);
  const misplaced = (key: string, why: string): void => {
    const k = view.get(key);
    if (k) r.report(k.keySpan, 'yaml/conflicting-keys', `\`${key}\` does not go with \`${shape}\` in ${view.what}`, why);
  };
  const cap = (d: Deduction): Deduction => {
    setOpt(d, 'cap', field(view, 'cap', child(ptr, 'cap'), numberOf({ min: 0 })));
    return d;
  };
  const amountHint = 'the points taken off, e.g. `amount: 1`';
  if (shape === 'fact') {
    misplaced('amount', 'the assessor records the amount; `range` bounds it');
    const fact = field(view, 'fact', child(ptr, 'fact'), idOf('id')) ?? '';
    const d: Deduction = { id, reason, kind: 'discretionary', fact, min: 0, max: 0 };
    setOpt(d, 'field', field(view, 'field', child(ptr, 'field'), idOf('id')));
    const re = view.need('range', 'the allowed amounts, e.g. `range: [0.5, 2]`');
    if (re) {
      const range = readRange(r, re, `\`range\` of ${view.what}`);
      r.mark(child(ptr, 'min'), range.spans[0] ?? re.valueSpan);
      r.mark(child(ptr, 'max'), range.spans[1] ?? re.valueSpan);
      d.min = range.min ?? 0;
      d.max = range.max ?? 0;
    }
    return cap(d);
  }
  misplaced('range', '`range` goes with `fact`, for amounts the assessor records');
  misplaced('field', '`field` goes with `fact`, naming the field of each record that holds the amount');
  const amount = field(view, 'amount', child(ptr, 'amount'), numberOf({ min: 0 }), { required: shape !== undefined, hint: amountHint }) ?? 0;
  if (shape === 'when') {
    const when = readExpr(r, valOf(view.get('when')!), child(ptr, 'when'), `\`when\` of ${view.what}`) ?? FALSE;
    return cap({ id, reason, kind: 'conditional', when, amount });
  }
  const pe = view.get('per');
  const count = pe ? readExpr(r, valOf(pe), child(ptr, 'count'), `\`per\` of ${view.what}`) : undefined;
  return cap({ id, reason, kind: 'per-unit', count: count ?? { kind: 'number', value: '0' }, amount });
}

/** Reads `[min, max]`. */
function readRange(r: Reader, e: Entry, what: string): { min?: number; max?: number; spans: Entry['valueSpan'][] } {
  const n = e.valueNode;
  if (!n || !isSeq(n) || n.items.length !== 2) {
    r.report(e.valueSpan, 'yaml/wrong-type', `${what} must be a list of two numbers [min, max], not ${n && isSeq(n) ? `${n.items.length} item(s)` : describeNode(n)}`, 'e.g. `range: [0.5, 2]`');
    return { spans: [] };
  }
  const items = n.items.map((it) => {
    const node = r.resolve(it);
    return { node, span: node ? r.spanOf(node) : e.valueSpan };
  });
  const min = readNumber(r, items[0]!, `the lower end of ${what}`, { min: 0 });
  const max = readNumber(r, items[1]!, `the upper end of ${what}`, { min: 0 });
  return { min, max, spans: items.map((i) => i.span) };
}

/** Reads `grades`. */
export function readGrades(r: Reader, e: Entry | undefined): GradeBand[] {
  return readMapList(r, e, '/grades', (i) => `the ${ordinal(i)} grade band`, (view, ptr) => {
    view.checkKeys(GRADE_KEYS);
    const label = field(view, 'label', child(ptr, 'label'), readText, { required: true }) ?? '';
    const min = field(view, 'min', child(ptr, 'min'), numberOf({}), { required: true, hint: 'the lowest total of the band, e.g. `min: 95`' }) ?? 0;
    return { label, min };
  });
}
