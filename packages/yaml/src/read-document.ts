/**
 * The YAML front end's driver: parses the text, reports YAML syntax errors, then reads
 * the top-level keys into the IR, collecting every diagnostic and the source map.
 */
import { isMap, isScalar, isSeq, parseDocument, type YAMLError } from 'yaml';
import {
  IR_FORMAT,
  sortDiagnostics,
  type Diagnostic,
  type IndicatorMapping,
  type Period,
  type Replaces,
  type Rubric,
  type SourceMap,
} from '@rubric/model';
import { asList, asMap, child, describeNode, isNull, ordinal, readMapList, Reader, type Entry } from './node-reader.js';
import { readFacts } from './read-facts.js';
import { readDeductions, readGrades, readHardRequirements, readVetoes } from './read-gates.js';
import { readParameters, readPassMark } from './read-parameters.js';
import { readSections } from './read-sections.js';
import { readTests } from './read-tests.js';
import { field, idOf, numberOf, readDate, readId, readNumber, readText, setOpt, valOf } from './read-values.js';

/** The top-level keys, in the order the printer writes them. */
export const TOP_KEYS = [
  'rubric', 'title', 'version', 'description', 'effective', 'replaces', 'total', 'facts', 'parameters', 'pass_mark',
  'sections', 'hard_requirements', 'vetoes', 'deductions', 'deduction_cap', 'floor', 'grades', 'tests',
] as const;

/** What the front end returns (mirrors the package's `FrontEndResult`). */
export interface ReadResult {
  rubric?: Rubric;
  diagnostics: Diagnostic[];
  sourceMap: SourceMap;
}

const SYNTAX_HINTS: Partial<Record<YAMLError['code'], string>> = {
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'keys of one map must line up at the same indentation',
  MULTILINE_IMPLICIT_KEY: 'a value with `: ` in it must be quoted; a key must fit on one line',
  BLOCK_AS_IMPLICIT_KEY: 'a value with `: ` in it must be quoted',
  MISSING_CHAR: 'a quote or bracket is not closed',
  BAD_DQ_ESCAPE: 'inside "double quotes" a backslash starts an escape; use \'single quotes\' for plain backslashes',
  MULTIPLE_DOCS: 'one rubric per file: remove the `---` line and what follows, or split the file',
  UNEXPECTED_TOKEN: 'quote text that starts with a special character (`[`, `{`, `*`, `&`, `!`, `|`, `>`, `%`, `@`)',
};

/** Parses a YAML rubric into the IR with diagnostics and a source map. */
export function readDocument(text: string, file: string): ReadResult {
  const doc = parseDocument(text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  const r = new Reader(text, file, doc);
  let hardSyntaxError = false;
  for (const err of doc.errors) {
    const [start, end] = err.pos;
    const at = r.spanAt(start, end);
    if (err.code === 'DUPLICATE_KEY') {
      const key = keyAt(text, start) || text.slice(start, end).trim();
      r.report(r.spanAt(start, Math.max(end, start + key.length)), 'yaml/duplicate-key', `the key \`${key}\` appears twice in this map`, 'each key (each fact id, parameter id…) may appear only once in its map; rename or merge them');
      continue;
    }
    hardSyntaxError = true;
    if (/call stack/i.test(err.message)) {
      r.report(at, 'yaml/syntax', 'the document nests too deeply to read', 'a rubric needs only a few levels of nesting; look for runaway brackets');
    } else {
      r.report(at, 'yaml/syntax', plainMessage(err.message), SYNTAX_HINTS[err.code]);
    }
  }
  for (const w of doc.warnings) {
    const [start, end] = w.pos;
    r.report(r.spanAt(start, end), 'yaml/syntax', plainMessage(w.message), w.code === 'TAG_RESOLVE_FAILED' ? 'tags (`!name`) are not used in rubric files; remove it' : undefined, 'warning');
  }
  if (hardSyntaxError) return { diagnostics: sortDiagnostics(r.diagnostics), sourceMap: r.sourceMap };

  const rubric = readRubric(r);
  const diagnostics = sortDiagnostics(r.diagnostics);
  return r.hasErrors() || !rubric ? { diagnostics, sourceMap: r.sourceMap } : { rubric, diagnostics, sourceMap: r.sourceMap };
}

/** The key text around a duplicate-key error position. */
function keyAt(text: string, start: number): string {
  const m = /^(?:"[^"\n]*"|'[^'\n]*'|[^:,{}\[\]\n]*)/.exec(text.slice(start, start + 1024));
  return (m?.[0] ?? '').trim();
}

/** The yaml library's message, first line only, without a trailing position note. */
function plainMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

function readRubric(r: Reader): Rubric | undefined {
  const root = r.resolve(r.doc.contents);
  const fileStart = r.spanAt(0, 0);
  if (root === undefined || isNull(root)) {
    r.report(fileStart, 'yaml/wrong-type', 'the file is empty: a rubric is a map of keys', 'start with `rubric: <id>`, `title:`, `version:`, `effective:`, `total:`, `facts:`, `pass_mark:` and `sections:`');
    return undefined;
  }
  const startOffset = root.range?.[0] ?? 0;
  const view = asMap(r, root, r.spanOf(root), 'the rubric', r.spanAt(startOffset, startOffset));
  if (!view) return undefined;
  view.checkKeys(TOP_KEYS);
  r.mark('', r.spanAt(startOffset, startOffset));

  const rubric: Rubric = {
    format: IR_FORMAT,
    id: field(view, 'rubric', '/id', idOf('rubric'), { required: true, hint: 'the rubric\'s id, e.g. `rubric: beijing-epidemic-free-community`', what: 'the rubric id' }) ?? '',
    title: field(view, 'title', '/title', readText, { required: true, hint: 'the title as printed on the scale' }) ?? '',
    version: '',
    effective: { from: '' },
    total: 0,
    facts: [],
    parameters: [],
    passMark: '',
    sections: [],
    hardRequirements: [],
    vetoes: [],
    deductions: [],
    floor: 0,
    grades: [],
    tests: [],
  };
  const version = field(view, 'version', '/version', readText, { required: true, hint: 'e.g. `version: "2022-06"`' });
  if (version === '') r.report(view.get('version')!.valueSpan, 'yaml/bad-value', 'the version is empty', 'e.g. `version: "2022-06"`');
  rubric.version = version ?? '';
  setOpt(rubric, 'description', field(view, 'description', '/description', readText));
  const effective = view.need('effective', 'the period in force, e.g. `effective: { from: 2022-06-14 }`');
  if (effective) rubric.effective = readEffective(r, effective);
  const replaces = view.get('replaces');
  if (replaces) setOpt(rubric, 'replaces', readReplaces(r, replaces));
  rubric.total = field(view, 'total', '/total', numberOf({ min: 0 }), { required: true, hint: 'the declared total points, e.g. `total: 100`' }) ?? 0;

  const facts = view.need('facts', 'declare the inputs, e.g. `facts: { rate: { label: 查验率, type: ratio } }`');
  rubric.facts = readFacts(r, facts);
  rubric.parameters = readParameters(r, view.get('parameters'));
  const passMark = view.need('pass_mark', 'a parameter id, or a number, e.g. `pass_mark: 85`');
  rubric.passMark = readPassMark(r, passMark, rubric.parameters);
  if (rubric.parameters.length > 0 && !view.get('parameters')) r.mark('/parameters', passMark?.keySpan ?? fileStart);

  rubric.sections = readSections(r, view.need('sections', 'list the sections, each with `id`, `title` and `indicators`'));
  rubric.hardRequirements = readHardRequirements(r, view.get('hard_requirements'));
  rubric.vetoes = readVetoes(r, view.get('vetoes'));
  rubric.deductions = readDeductions(r, view.get('deductions'));
  setOpt(rubric, 'deductionCap', field(view, 'deduction_cap', '/deductionCap', numberOf({ min: 0 })));
  const floor = view.get('floor');
  if (floor) rubric.floor = readFloor(r, floor);
  rubric.grades = readGrades(r, view.get('grades'));
  rubric.tests = readTests(r, view.get('tests'));
  return orderKeys(rubric);
}

function readEffective(r: Reader, e: Entry): Period {
  r.mark('/effective', e.valueSpan);
  const period: Period = { from: '' };
  const view = asMap(r, e.valueNode, e.valueSpan, '`effective`', e.keySpan);
  if (!view) return period;
  view.checkKeys(['from', 'until']);
  period.from = field(view, 'from', '/effective/from', readDate, { required: true, hint: 'the first day in force, e.g. `from: 2022-06-14`' }) ?? '';
  setOpt(period, 'until', field(view, 'until', '/effective/until', readDate));
  return period;
}

function readReplaces(r: Reader, e: Entry): Replaces | undefined {
  r.mark('/replaces', e.valueSpan);
  const view = asMap(r, e.valueNode, e.valueSpan, '`replaces`', e.keySpan);
  if (!view) return undefined;
  view.checkKeys(['version', 'mapping']);
  const version = field(view, 'version', '/replaces/version', readText, { required: true, hint: 'the version this one replaces, e.g. `version: "2022-05"`' }) ?? '';
  const mapping = readMapList(r, view.get('mapping'), '/replaces/mapping', (i) => `the ${ordinal(i)} mapping of \`replaces\``, (mv, ptr): IndicatorMapping => {
    mv.checkKeys(['from', 'to', 'note']);
    const m: IndicatorMapping = { from: readIdList(r, mv.need('from', 'the old indicator ids, e.g. `from: [old_a]` (`[]` for an added one)'), child(ptr, 'from')), to: readIdList(r, mv.need('to', 'the new indicator ids, e.g. `to: [new_a]` (`[]` for a dropped one)'), child(ptr, 'to')) };
    setOpt(m, 'note', field(mv, 'note', child(ptr, 'note'), readText));
    return m;
  });
  return { version, mapping };
}

function readIdList(r: Reader, e: Entry | undefined, ptr: string): string[] {
  if (!e) return [];
  r.mark(ptr, e.valueSpan);
  const items = asList(r, e.valueNode, e.valueSpan, `\`${e.key}\``);
  if (!items) return [];
  const ids: string[] = [];
  items.forEach((item, i) => {
    r.mark(child(ptr, i), item.span);
    const id = readId(r, item, 'an indicator id', 'id');
    if (id !== undefined) ids.push(id);
  });
  return ids;
}

function readFloor(r: Reader, e: Entry): number | null {
  r.mark('/floor', e.valueSpan);
  const n = e.valueNode;
  if (n && isScalar(n) && n.value === 'none') return null;
  if (n && isScalar(n) && typeof n.value === 'number') return readNumber(r, valOf(e), '`floor`') ?? 0;
  const shown = n && isScalar(n) && typeof n.value === 'string' ? `\`${n.value}\`` : describeNode(n);
  r.report(e.valueSpan, n && !isMap(n) && !isSeq(n) && !isNull(n) ? 'yaml/bad-value' : 'yaml/wrong-type', `\`floor\` must be a number or \`none\`, not ${shown}`, 'e.g. `floor: 0` (the default), or `floor: none` to let the total go negative');
  return 0;
}

const KEY_ORDER = [
  'format', 'id', 'title', 'version', 'description', 'effective', 'replaces', 'total', 'facts', 'parameters', 'passMark',
  'sections', 'hardRequirements', 'vetoes', 'deductions', 'deductionCap', 'floor', 'grades', 'tests',
] as const;

/** Puts the rubric's keys in the IR's documented order (optional ones only when present). */
function orderKeys(r: Rubric): Rubric {
  const ordered: Record<string, unknown> = {};
  for (const k of KEY_ORDER) if (r[k] !== undefined) ordered[k] = r[k];
  return ordered as unknown as Rubric;
}
