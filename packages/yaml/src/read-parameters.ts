/**
 * `parameters:` (a map of id → `value`+`overrides` or `history`) and `pass_mark`
 * (a parameter id, or a number that declares the parameter `pass_mark`).
 */
import { isScalar, isSeq } from 'yaml';
import { Decimal, type Parameter, type ParameterOverride, type ParameterPeriod } from '@rubric/model';
import { asMap, child, isNull, ordinal, readMapList, type Entry, type MapView, type Reader } from './node-reader.js';
import { readExpr } from './read-expression.js';
import { checkId, field, readDate, readId, readNumber, readText, setOpt, valOf } from './read-values.js';

const PARAMETER_KEYS = ['label', 'description', 'value', 'overrides', 'history'];
const PERIOD_KEYS = ['from', 'until', 'value', 'overrides'];
const OVERRIDE_KEYS = ['when', 'value'];

/** Reads the `parameters` map (source order). */
export function readParameters(r: Reader, e: Entry | undefined): Parameter[] {
  if (!e) return [];
  r.mark('/parameters', e.keySpan);
  if (isNull(e.valueNode)) return [];
  const view = asMap(r, e.valueNode, e.valueSpan, '`parameters`');
  if (!view) return [];
  return view.entries.map((pe, i) => readParameter(r, pe, child('/parameters', i)));
}

function readParameter(r: Reader, e: Entry, ptr: string): Parameter {
  r.mark(ptr, e.keySpan);
  r.mark(child(ptr, 'id'), e.keySpan);
  const noun = `parameter \`${e.key}\``;
  checkId(r, e.key, e.keySpan, 'parameter id', 'id');
  const param: Parameter = { id: e.key, periods: [] };
  const view = asMap(r, e.valueNode, e.valueSpan, noun, e.keySpan);
  if (!view) return param;
  view.checkKeys(PARAMETER_KEYS);
  setOpt(param, 'label', field(view, 'label', child(ptr, 'label'), readText));
  setOpt(param, 'description', field(view, 'description', child(ptr, 'description'), readText));
  const value = view.get('value');
  const history = view.get('history');
  const periodsPtr = child(ptr, 'periods');
  if (value && history) {
    r.report(history.keySpan, 'yaml/conflicting-keys', `${noun} has both \`value\` and \`history\``, 'use `value` for one value in force at all dates, or `history` for dated periods');
  } else if (history) {
    const overrides = view.get('overrides');
    if (overrides) {
      r.report(overrides.keySpan, 'yaml/conflicting-keys', `${noun} has \`history\`, so its \`overrides\` belong inside each period`, 'move `overrides` into the history entries');
    }
    param.periods = readMapList(r, history, periodsPtr, (i) => `the ${ordinal(i)} period of ${noun}`, (pv, p) => readPeriod(r, pv, p, false));
    const hn = history.valueNode;
    if (isNull(hn) || (isSeq(hn) && hn.items.length === 0)) {
      r.report(history.valueSpan, 'yaml/bad-value', `the history of ${noun} is empty`, 'give at least one period, e.g. `- { from: 2022-06-01, value: 85 }`');
    }
  } else if (value) {
    r.mark(periodsPtr, value.keySpan);
    r.mark(child(periodsPtr, 0), value.keySpan);
    param.periods = [readPeriod(r, view, child(periodsPtr, 0), true)];
  } else {
    r.report(view.at, 'yaml/missing-key', `${noun} needs \`value\` or \`history\``, 'e.g. `value: 85`');
  }
  return param;
}

/**
 * Reads one period: `{from?, until?, value, overrides?}`, or, for the `value` shorthand,
 * the parameter map itself (whose keys the parameter already checked).
 */
function readPeriod(r: Reader, view: MapView, ptr: string, shorthand: boolean): ParameterPeriod {
  if (!shorthand) view.checkKeys(PERIOD_KEYS);
  const period: ParameterPeriod = { value: 0, overrides: [] };
  if (!shorthand) {
    setOpt(period, 'from', field(view, 'from', child(ptr, 'from'), readDate));
    setOpt(period, 'until', field(view, 'until', child(ptr, 'until'), readDate));
  }
  period.value = field(view, 'value', child(ptr, 'value'), (rr, v, what) => readNumber(rr, v, what), { required: true, hint: 'e.g. `value: 85`' }) ?? 0;
  period.overrides = readMapList(r, view.get('overrides'), child(ptr, 'overrides'), (i) => `the ${ordinal(i)} override of ${view.what}`, (ov, p) => readOverride(r, ov, p));
  return period;
}

function readOverride(r: Reader, view: MapView, ptr: string): ParameterOverride {
  view.checkKeys(OVERRIDE_KEYS);
  const we = view.need('when', 'the condition, e.g. `when: district_risk is low`');
  const when = we ? readExpr(r, valOf(we), child(ptr, 'when'), `\`when\` of ${view.what}`) : undefined;
  const value = field(view, 'value', child(ptr, 'value'), (rr, v, what) => readNumber(rr, v, what), { required: true, hint: 'e.g. `value: 80`' }) ?? 0;
  return { when: when ?? { kind: 'boolean', value: false }, value };
}

/** Name of the parameter a numeric `pass_mark` declares. */
export const PASS_MARK_PARAMETER = 'pass_mark';

/**
 * Reads `pass_mark`: a parameter id, or a number that adds the parameter `pass_mark`
 * (one period, no overrides) to `params`. Returns the pass-mark parameter id.
 */
export function readPassMark(r: Reader, e: Entry | undefined, params: Parameter[]): string {
  if (!e) return '';
  const v = valOf(e);
  r.mark('/passMark', e.valueSpan);
  const n = e.valueNode;
  if (n && isScalar(n) && typeof n.value === 'number') {
    const value = readNumber(r, v, '`pass_mark`');
    if (params.some((p) => p.id === PASS_MARK_PARAMETER)) {
      r.report(e.valueSpan, 'yaml/conflicting-keys', `\`pass_mark\` is a number, but a parameter named \`pass_mark\` is also declared`, 'write `pass_mark: pass_mark` to use the parameter, or remove the parameter');
      return PASS_MARK_PARAMETER;
    }
    const ptr = child('/parameters', params.length);
    r.mark(ptr, e.valueSpan);
    r.mark(child(ptr, 'id'), e.keySpan);
    r.mark(child(ptr, 'periods'), e.valueSpan);
    r.mark(child(child(ptr, 'periods'), 0), e.valueSpan);
    r.mark(`${ptr}/periods/0/value`, e.valueSpan);
    params.push({ id: PASS_MARK_PARAMETER, periods: [{ value: value ?? 0, overrides: [] }] });
    return PASS_MARK_PARAMETER;
  }
  if (n && isScalar(n) && typeof n.value === 'string' && n.type !== 'PLAIN' && Decimal.parse(n.value)) {
    r.report(e.valueSpan, 'yaml/wrong-type', `\`pass_mark\` must be a parameter id or a number, not the text "${n.value}"`, 'remove the quotes to use a number');
    return '';
  }
  const id = readId(r, v, '`pass_mark`', 'id');
  return id ?? '';
}
