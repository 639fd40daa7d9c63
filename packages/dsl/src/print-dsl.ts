/**
 * IR → canonical DSL text: one layout for every rubric (the formatter's output), with the
 * comments of the source put back beside the lines of the nodes they belong to. Parsing
 * the output gives the same IR back.
 */
import {
  Decimal,
  formatExpr,
  pointerSegment,
  type Deduction,
  type Expr,
  type Fact,
  type FactType,
  type Indicator,
  type Parameter,
  type Rubric,
  type Section,
  type TestCase,
} from '@rubric/model';
import type { DslComment } from './comments.js';
import { PASS_MARK_PARAMETER } from './build-parameters.js';

/** Options of {@link printDslRubric}. */
export interface PrintDslOptions {
  /** Comments to put back (as {@link parseDslRubric} returns them). */
  comments?: readonly DslComment[];
}

/** Longest line (in characters) a test subject is filled to before it wraps. */
const WIDTH = 100;

/** Characters that are escaped in printed text even though JSON allows them raw: invisible or line-breaking ones. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/** Quotes text the way the DSL reads it back: JSON escapes, and invisible characters escaped too. */
export function quote(s: string): string {
  return JSON.stringify(s).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A number as exact decimal text (`0.0000001`, never `1e-7`). */
export function num(n: number): string {
  return Decimal.fromNumber(n).toString();
}

/** `1 point`, `10 points`. */
function points(n: number): string {
  return `${num(n)} ${n === 1 ? 'point' : 'points'}`;
}

/** Words that cannot stand bare as a value: the expression language's, and `null`. */
const NOT_BARE = new Set(['if', 'then', 'else', 'and', 'or', 'not', 'in', 'is', 'where', 'true', 'false', 'null']);

/** Whether a text value can be written as a bare word. */
export function isBareWord(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !NOT_BARE.has(s);
}

function word(s: string): string {
  return isBareWord(s) ? s : quote(s);
}

function expr(e: Expr): string {
  return formatExpr(e).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A data value on one line: numbers, text (bare when it is a plain word or a date), lists, records. */
export function value(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : word(v);
  if (Array.isArray(v)) return `[${v.map(value).join(', ')}]`;
  return `{${Object.keys(v as object).map((k) => `${word(k)}: ${value((v as Record<string, unknown>)[k])}`).join(', ')}}`;
}

/** One output line, and the IR nodes it shows (for placing comments). */
interface Line {
  indent: number;
  text: string;
  pointers: string[];
}

/** Builds the lines of a rubric. */
class Printer {
  readonly lines: (Line | null)[] = [];
  readonly printed = new Set<string>();

  constructor(readonly commented: ReadonlySet<string>) {}

  line(indent: number, text: string, ...pointers: string[]): void {
    for (const p of pointers) this.printed.add(p);
    this.lines.push({ indent, text, pointers });
  }

  blank(): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== null) this.lines.push(null);
  }
}

const ptr = (...segs: (string | number)[]): string => segs.map((s) => `/${pointerSegment(s)}`).join('');

/**
 * Prints a rubric in the DSL's canonical layout. Comments (from {@link parseDslRubric}) go
 * back beside the lines of their nodes; a comment whose node is not printed goes with the
 * nearest enclosing node that is, so no comment is ever dropped.
 */
export function printDslRubric(rubric: Rubric, options: PrintDslOptions = {}): string {
  const comments = options.comments ?? [];
  const p = new Printer(new Set(comments.map((c) => c.pointer)));
  printHeader(p, rubric);
  printFacts(p, rubric.facts);
  const shorthand = passMarkShorthand(rubric);
  printParameters(p, shorthand === undefined ? rubric.parameters : rubric.parameters.slice(0, -1));
  p.blank();
  const declared = shorthand === undefined ? [] : [ptr('parameters', rubric.parameters.length - 1)];
  p.line(0, `pass mark ${shorthand === undefined ? rubric.passMark : num(shorthand)}`, '/passMark', ...declared);
  rubric.sections.forEach((s, i) => printSection(p, s, i));
  printGates(p, rubric);
  printTests(p, rubric.tests);
  return render(p, comments);
}

function printHeader(p: Printer, r: Rubric): void {
  p.line(0, `rubric ${r.id} ${quote(r.title)}`, '/id', '/title');
  p.line(2, `version ${quote(r.version)}`, '/version');
  if (r.description !== undefined) p.line(2, `description ${quote(r.description)}`, '/description');
  p.line(2, `effective from ${r.effective.from}${r.effective.until !== undefined ? ` until ${r.effective.until}` : ''}`, '/effective');
  if (r.replaces) {
    p.line(2, `replaces ${quote(r.replaces.version)}`, '/replaces', '/replaces/mapping');
    r.replaces.mapping.forEach((m, i) => {
      p.line(4, `[${m.from.join(', ')}] -> [${m.to.join(', ')}]${m.note !== undefined ? ` ${quote(m.note)}` : ''}`, ptr('replaces', 'mapping', i));
    });
  }
  p.line(2, `total ${points(r.total)}`, '/total');
}

function typeText(t: FactType): string {
  switch (t.kind) {
    case 'level':
      return `level ${t.levels.map((l) => `${word(l.value)}${l.label !== undefined ? ` ${quote(l.label)}` : ''}`).join(' | ')}`;
    case 'integer':
    case 'decimal': {
      const { min, max } = t;
      if (min !== undefined && max !== undefined) return `${t.kind} from ${num(min)} to ${num(max)}`;
      if (min !== undefined) return `${t.kind} at least ${num(min)}`;
      if (max !== undefined) return `${t.kind} at most ${num(max)}`;
      return t.kind;
    }
    default:
      return t.kind;
  }
}

function declaration(keyword: string, f: Fact): string {
  const def = f.default !== undefined ? `, default ${value(f.default)}` : '';
  return `${keyword} ${f.id} ${quote(f.label)} ${typeText(f.type)}${def}`;
}

function printFacts(p: Printer, facts: readonly Fact[]): void {
  if (facts.length > 0) p.blank();
  facts.forEach((f, i) => {
    const fp = ptr('facts', i);
    p.line(0, declaration('fact', f), fp, '/facts');
    if (f.description !== undefined) p.line(2, `description ${quote(f.description)}`, `${fp}/description`);
    if (f.type.kind === 'list') {
      f.type.fields.forEach((field, j) => {
        const ffp = `${fp}/type/fields/${j}`;
        p.line(2, declaration('field', field), ffp);
        if (field.description !== undefined) p.line(4, `description ${quote(field.description)}`, `${ffp}/description`);
      });
    }
  });
}

/** The pass mark as a number when it is the parameter a numeric `pass mark` declares (the last, plain, named `pass_mark`). */
function passMarkShorthand(r: Rubric): number | undefined {
  const last = r.parameters[r.parameters.length - 1];
  if (r.passMark !== PASS_MARK_PARAMETER || !last || last.id !== PASS_MARK_PARAMETER) return undefined;
  if (last.label !== undefined || last.description !== undefined || last.periods.length !== 1) return undefined;
  const only = last.periods[0]!;
  if (only.from !== undefined || only.until !== undefined || only.overrides.length > 0) return undefined;
  return only.value;
}

function printParameters(p: Printer, params: readonly Parameter[]): void {
  params.forEach((param, i) => {
    p.blank();
    const pp = ptr('parameters', i);
    p.line(0, `parameter ${param.id}${param.label !== undefined ? ` ${quote(param.label)}` : ''}`, pp, '/parameters');
    if (param.description !== undefined) p.line(2, `description ${quote(param.description)}`, `${pp}/description`);
    param.periods.forEach((period, j) => {
      const prp = `${pp}/periods/${j}`;
      const dates = `${period.from !== undefined ? ` from ${period.from}` : ''}${period.until !== undefined ? ` until ${period.until}` : ''}`;
      p.line(2, `value ${num(period.value)}${dates}`, prp);
      period.overrides.forEach((o, k) => p.line(4, `when ${expr(o.when)} -> ${num(o.value)}`, `${prp}/overrides/${k}`));
    });
  });
}

function printSection(p: Printer, s: Section, i: number): void {
  const sp = ptr('sections', i);
  p.blank();
  p.line(0, `section ${s.id} ${quote(s.title)}${s.max !== undefined ? ` ${points(s.max)}` : ''}`, sp, '/sections');
  s.indicators.forEach((ind, j) => {
    p.blank();
    printIndicator(p, ind, `${sp}/indicators/${j}`);
  });
}

function printIndicator(p: Printer, ind: Indicator, ip: string): void {
  p.line(2, `indicator ${ind.id} ${quote(ind.title)} ${points(ind.max)}`, ip);
  if (ind.standard !== undefined) p.line(4, `standard ${quote(ind.standard)}`, `${ip}/standard`);
  if (ind.method !== undefined) p.line(4, `method ${quote(ind.method)}`, `${ip}/method`);
  const rp = `${ip}/rule`;
  const rule = ind.rule;
  switch (rule.kind) {
    case 'expression':
      p.line(4, `score ${expr(rule.points)}`, rp);
      break;
    case 'cases':
      rule.cases.forEach((c, k) => p.line(4, `when ${expr(c.when)} -> ${expr(c.points)}`, `${rp}/cases/${k}`, ...(k === 0 ? [rp] : [])));
      p.line(4, `otherwise -> ${expr(rule.otherwise)}`, `${rp}/otherwise`, ...(rule.cases.length === 0 ? [rp] : []));
      break;
    case 'checklist':
      p.line(4, `checklist ${rule.mode}`, rp);
      rule.items.forEach((it, k) => {
        const how = it.count !== undefined ? `per ${expr(it.count)}` : `when ${expr(it.when ?? { kind: 'boolean', value: false })}`;
        p.line(6, `item ${it.id} ${quote(it.title)} ${points(it.points)} ${how}`, `${rp}/items/${k}`);
      });
      break;
  }
}

function deductionText(d: Deduction): string {
  const cap = d.cap !== undefined ? `, at most ${num(d.cap)}` : '';
  switch (d.kind) {
    case 'per-unit':
      return `${points(d.amount)} per ${expr(d.count)}${cap}`;
    case 'conditional':
      return `${points(d.amount)} when ${expr(d.when)}${cap}`;
    case 'discretionary':
      return `${num(d.min)} to ${num(d.max)} points recorded in ${d.fact}${d.field !== undefined ? `.${d.field}` : ''}${cap}`;
  }
}

function printGates(p: Printer, r: Rubric): void {
  if (r.hardRequirements.length > 0) p.blank();
  r.hardRequirements.forEach((h, i) => {
    const how = h.kind === 'indicator-full' ? `full marks on ${h.indicator}` : expr(h.require);
    p.line(0, `hard requirement ${h.id} ${quote(h.title)} requires ${how}`, ptr('hardRequirements', i), '/hardRequirements');
  });
  if (r.vetoes.length > 0) p.blank();
  r.vetoes.forEach((v, i) => p.line(0, `veto ${v.id} ${quote(v.reason)} when ${expr(v.when)}`, ptr('vetoes', i), '/vetoes'));
  if (r.deductions.length > 0 || r.deductionCap !== undefined || r.floor !== 0) p.blank();
  r.deductions.forEach((d, i) => p.line(0, `deduct ${d.id} ${quote(d.reason)} ${deductionText(d)}`, ptr('deductions', i), '/deductions'));
  if (r.deductionCap !== undefined) p.line(0, `deductions at most ${num(r.deductionCap)}`, '/deductionCap');
  if (r.floor !== 0) p.line(0, `floor ${r.floor === null ? 'none' : num(r.floor)}`, '/floor');
  if (r.grades.length > 0) p.blank();
  r.grades.forEach((g, i) => p.line(0, `grade ${quote(g.label)} at least ${num(g.min)}`, ptr('grades', i), '/grades'));
}

function printTests(p: Printer, tests: readonly TestCase[]): void {
  tests.forEach((t, i) => {
    const tp = ptr('tests', i);
    p.blank();
    p.line(0, `test ${quote(t.name)}${t.asOf !== undefined ? ` as of ${t.asOf}` : ''}`, tp, '/tests');
    printSubject(p, t.subject, `${tp}/subject`);
    const x = t.expect;
    const ep = `${tp}/expect`;
    const scalars: [string, string][] = [];
    if (x.outcome !== undefined) scalars.push([`outcome ${x.outcome}`, `${ep}/outcome`]);
    if (x.total !== undefined) scalars.push([`total ${num(x.total)}`, `${ep}/total`]);
    if (x.passMark !== undefined) scalars.push([`pass mark ${num(x.passMark)}`, `${ep}/passMark`]);
    let first = true;
    const own = (): string[] => (first ? ((first = false), [ep]) : []);
    if (scalars.length > 0) p.line(2, `expect ${scalars.map((s) => s[0]).join(', ')}`, ...scalars.map((s) => s[1]), ...own());
    if (x.indicators !== undefined) p.line(2, `expect indicators ${value(x.indicators)}`, `${ep}/indicators`, ...own());
    if (x.reasons !== undefined) p.line(2, `expect reasons [${x.reasons.map(quote).join(', ')}]`, `${ep}/reasons`, ...own());
  });
}

function printSubject(p: Printer, subject: Record<string, unknown>, sp: string): void {
  const keys = Object.keys(subject);
  const entries = keys.map((k) => ({ text: `${word(k)}: ${value(subject[k])}`, pointer: `${sp}/${pointerSegment(k)}` }));
  const oneLine = `subject {${entries.map((e) => e.text).join(', ')}}`;
  const withComments = entries.some((e) => p.commented.has(e.pointer));
  if (!withComments && 2 + oneLine.length <= WIDTH) {
    p.line(2, oneLine, sp, ...entries.map((e) => e.pointer));
    return;
  }
  p.line(2, 'subject {', sp);
  if (withComments) {
    entries.forEach((e, i) => p.line(4, `${e.text}${i < entries.length - 1 ? ',' : ''}`, e.pointer));
  } else {
    let current: typeof entries = [];
    let width = 4;
    const flush = (last: boolean): void => {
      if (current.length === 0) return;
      p.line(4, `${current.map((e) => e.text).join(', ')}${last ? '' : ','}`, ...current.map((e) => e.pointer));
      current = [];
      width = 4;
    };
    for (const e of entries) {
      const add = (current.length > 0 ? 2 : 0) + e.text.length + 1;
      if (current.length > 0 && width + add > WIDTH) flush(false);
      current.push(e);
      width += (current.length > 1 ? 2 : 0) + e.text.length + 1;
    }
    flush(true);
  }
  p.line(2, '}');
}

/** Joins the lines, with each comment before or after the line of its node. */
function render(p: Printer, comments: readonly DslComment[]): string {
  const before = new Map<string, string[]>();
  const trailing = new Map<string, string[]>();
  const top: string[] = [];
  const bottom: string[] = [];
  for (const c of comments) {
    const text = c.text.startsWith('#') ? c.text.replace(/\s+$/, '') : `# ${c.text}`.replace(/\s+$/, '');
    const single = text.replace(/[\r\n]+/g, ' ');
    let pointer = c.pointer;
    while (pointer !== '' && !p.printed.has(pointer)) pointer = pointer.slice(0, pointer.lastIndexOf('/'));
    if (pointer === '') {
      (c.placement === 'before' ? top : bottom).push(single);
      continue;
    }
    const map = c.placement === 'before' ? before : trailing;
    const list = map.get(pointer) ?? [];
    list.push(single);
    map.set(pointer, list);
  }
  const out: string[] = [...top];
  for (const l of p.lines) {
    if (l === null) {
      out.push('');
      continue;
    }
    const pad = ' '.repeat(l.indent);
    // A pointer may be on several lines (`/facts` on every fact): its comments go with the first.
    for (const x of l.pointers) {
      for (const c of before.get(x) ?? []) out.push(`${pad}${c}`);
      before.delete(x);
    }
    const trail = l.pointers.flatMap((x) => {
      const t = trailing.get(x) ?? [];
      trailing.delete(x);
      return t;
    });
    out.push(`${pad}${l.text}${trail.length > 0 ? `  ${trail[0]}` : ''}`);
    for (const c of trail.slice(1)) out.push(`${pad}${c}`);
  }
  if (bottom.length > 0) {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
    out.push(...bottom);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}
