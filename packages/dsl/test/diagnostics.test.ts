import { describe, expect, it } from 'vitest';
import { DSL_ISSUE_CODES, parseDslRubric } from '../src/index.js';
import type { Diagnostic } from '@rubric/model';
import { MINI_DSL } from './fixtures.js';

/**
 * Malformed rubrics: the mini rubric with one mistake put in (or a small file of its own),
 * each asserting the code, the line and column, and the hint.
 */

/** Line and column (1-based) of the n-th occurrence of `needle` in `text`. */
function at(text: string, needle: string, nth = 1): [number, number] {
  let i = -1;
  for (let k = 0; k < nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`${JSON.stringify(needle)} not in the text`);
  }
  const before = text.slice(0, i).split('\n');
  return [before.length, before[before.length - 1]!.length + 1];
}

interface Case {
  name: string;
  /** The mini rubric with `from` replaced by `to`, or a whole file. */
  from?: string;
  to?: string;
  text?: string;
  code: string;
  /** Where the diagnostic starts: a needle in the broken text (and which occurrence), or a line and column. */
  where: string | [string, number] | { line: number; column: number };
  hint: RegExp;
}

const CASES: Case[] = [
  // ---- words and keywords
  { name: 'a misspelt clause', from: '    score round', to: '    standrd "x"\n    score round', code: 'dsl/unknown-clause', where: 'standrd', hint: /did you mean `standard`\?/ },
  { name: 'a misspelt `points`', from: 'total 20 points', to: 'total 20 pionts', code: 'dsl/unexpected-token', where: 'pionts', hint: /did you mean `points`\?/ },
  { name: 'a misspelt fact type', from: '"Duty" level', to: '"Duty" levle', code: 'dsl/unexpected-token', where: 'levle', hint: /did you mean `level`\?/ },
  { name: 'a misspelt statement keyword', from: 'indicator rate', to: 'indicatr rate', code: 'dsl/unknown-statement', where: 'indicatr', hint: /did you mean `indicator`\?/ },
  { name: 'a keyword in capitals', from: 'indicator rate', to: 'Indicator rate', code: 'dsl/unknown-statement', where: 'Indicator', hint: /keywords are written in lowercase: `indicator`/ },
  { name: 'a misspelt parameter clause', from: '  value 15', to: '  valeu 15', code: 'dsl/unknown-clause', where: 'valeu', hint: /did you mean `value`\?/ },
  { name: 'half of a two-word keyword', from: 'hard requirement', to: 'hard requirment', code: 'dsl/unknown-statement', where: 'hard requirment', hint: /write `hard requirement`/ },
  { name: 'a reserved word as a name', from: 'fact rate "Rate"', to: 'fact if "Rate"', code: 'dsl/unexpected-token', where: 'if "Rate"', hint: /`if` is a reserved word/ },
  { name: 'a clause of another statement', from: 'fact rate "Rate" ratio', to: 'fact rate "Rate" ratio\n  standard "x"', code: 'dsl/misplaced-clause', where: 'standard', hint: /an indicator/ },
  { name: 'two statements on one line', from: 'fact exposed "Exposed" boolean', to: 'fact exposed "Exposed" boolean fact x "X" ratio', code: 'dsl/statement-mid-line', where: 'fact x', hint: /a line of its own/ },
  { name: 'YAML in a .rubric file', text: 'rubric: mini\ntitle: Mini\n', code: 'dsl/unexpected-token', where: ':', hint: /not YAML/ },
  { name: 'a file that starts with something else', text: 'title "Mini"\nrubric mini "Mini"\n  version "1"\n  effective from 2022-01-01\n  total 0 points\npass mark 0\n', code: 'dsl/unknown-statement', where: 'title', hint: /the title follows the rubric id/ },
  // ---- text, numbers, dates, punctuation
  { name: 'a label without quotes', from: 'fact rate "Rate"', to: 'fact rate Rate', code: 'dsl/unexpected-token', where: 'Rate ratio', hint: /put it in double quotes: "Rate"/ },
  { name: 'a section without a title', from: 'section s1 "Part one" 20 points', to: 'section s1 20 points', code: 'dsl/unexpected-token', where: ['20 points', 2], hint: /double quotes/ },
  { name: 'a title in curly quotes', from: '"Part one"', to: '“Part one”', code: 'dsl/wrong-quotes', where: '“Part', hint: /straight double quotes: "Part one"/ },
  { name: 'a title in single quotes', from: '"Part one"', to: "'Part one'", code: 'dsl/wrong-quotes', where: "'Part", hint: /double quotes/ },
  { name: 'an unterminated text', from: '"Part one" 20 points', to: '"Part one 20 points', code: 'dsl/unterminated-text', where: '"Part', hint: /end the text with `"`/ },
  { name: 'a bad escape', from: '"Part one"', to: '"Part\\qone"', code: 'dsl/bad-escape', where: '\\q', hint: /escapes are those of JSON/ },
  { name: 'a full-width comma outside quotes', from: 'fact duty "Duty"', to: 'fact duty，"Duty"', code: 'dsl/full-width', where: '，', hint: /use the ASCII `,`/ },
  { name: 'an unknown character', from: 'round(10 * rate, 0.5)', to: 'round(10 * rate; 0.5)', code: 'dsl/unknown-character', where: ';', hint: /start each on a new line/ },
  { name: 'a number starting with a point', from: 'rate, 0.5)', to: 'rate, .5)', code: 'dsl/bad-number', where: '.5)', hint: /write 0\.5/ },
  { name: 'too many significant digits', from: 'total 20 points', to: 'total 20.0000000000000001 points', code: 'dsl/bad-number', where: '20.0000000000000001', hint: /15 significant digits/ },
  { name: 'a date without leading zeros', from: 'from 2022-06-14', to: 'from 2022-6-14', code: 'dsl/bad-date', where: '2022-6-14', hint: /2022-06-14/ },
  { name: 'a date not in the calendar', from: 'from 2022-06-14', to: 'from 2022-02-30', code: 'dsl/bad-date', where: '2022-02-30', hint: /check the month and the day/ },
  { name: 'an `=` after a keyword', from: 'total 20 points', to: 'total = 20 points', code: 'dsl/unexpected-token', where: '= 20', hint: /leave out the `=`/ },
  { name: 'too deeply nested brackets', from: 'score round(10 * rate, 0.5)', to: `score ${'('.repeat(150)}1${')'.repeat(150)}`, code: 'dsl/too-deep', where: ['(', 101], hint: /brackets that are never closed/ },
  // ---- expressions inside statements
  { name: '`=>` for `->`', from: 'full -> 10', to: 'full => 10', code: 'dsl/wrong-arrow', where: '=>', hint: /write `->`/ },
  { name: 'a case without its arrow', from: 'full -> 10', to: 'full 10', code: 'dsl/unexpected-token', where: '10\n', hint: /write `->` between the condition and its value/ },
  { name: 'an unclosed parenthesis', from: 'round(10 * rate, 0.5)', to: 'round(10 * rate, 0.5', code: 'expr/unexpected-end', where: '\n\nhard', hint: /add the missing `\)`/ },
  { name: '`=` in a condition', from: 'when risk is low', to: 'when risk = low', code: 'expr/wrong-operator', where: '= low', hint: /`risk is low`/ },
  { name: 'a date in an expression', from: 'round(10 * rate, 0.5)', to: 'round(10 * rate, 0.5) + 2022-06-14', code: 'expr/unexpected-token', where: ['2022-06-14', 2], hint: /date\("2022-06-14"\)/ },
  { name: 'an unknown function', from: 'round(10 * rate, 0.5)', to: 'rnd(10 * rate, 0.5)', code: 'expr/unknown-function', where: 'rnd', hint: /the functions are min, max, round/ },
  { name: 'a veto without `when`', from: '"Exposed by media" when exposed', to: '"Exposed by media" exposed', code: 'dsl/unexpected-token', where: 'exposed\n', hint: /when reported_by_media/ },
  // ---- structure and meaning
  { name: 'an indicator before any section', from: 'section s1 "Part one" 20 points\n', to: '', code: 'dsl/outside-section', where: 'indicator duty', hint: /add `section <id> "<title>"` above it/ },
  { name: 'an indicator without a rule', from: '    score round(10 * rate, 0.5)\n', to: '', code: 'dsl/missing-clause', where: 'rate "Rate" 10', hint: /score round/ },
  { name: 'two rules in one indicator', from: 'otherwise -> 0', to: 'otherwise -> 0\n    score 3', code: 'dsl/conflicting-rule', where: 'score 3', hint: /one scoring rule/ },
  { name: 'a clause given twice', from: '  total 20 points', to: '  total 20 points\n  version "2"', code: 'dsl/duplicate-clause', where: 'version "2"', hint: /the first is on line 3/ },
  { name: 'a second pass mark', from: 'pass mark pass_mark', to: 'pass mark pass_mark\npass mark 80', code: 'dsl/duplicate-statement', where: 'pass mark 80', hint: /the first is on line 17/ },
  { name: 'no pass mark', from: 'pass mark pass_mark\n', to: '', code: 'dsl/missing-statement', where: 'rubric mini', hint: /add `pass mark 85`/ },
  { name: 'no rubric statement', text: 'fact x "X" ratio\n', code: 'dsl/missing-statement', where: { line: 1, column: 1 }, hint: /start the file with the rubric's id and title/ },
  { name: 'no version', from: '  version "1"\n', to: '', code: 'dsl/missing-clause', where: 'rubric mini', hint: /version "2022-06"/ },
  { name: 'negative points', from: 'indicator rate "Rate" 10 points', to: 'indicator rate "Rate" -10 points', code: 'dsl/bad-value', where: '-10', hint: /at least 0/ },
  { name: 'a range on a ratio', from: 'fact rate "Rate" ratio', to: 'fact rate "Rate" ratio from 0 to 1', code: 'dsl/bad-value', where: 'from 0 to 1', hint: /between 0 and 1/ },
  { name: 'a default of the wrong type', from: 'fact exposed "Exposed" boolean', to: 'fact exposed "Exposed" boolean, default 1', code: 'dsl/wrong-type', where: '1\n', hint: /default true/ },
  { name: 'fields on a fact that is not a list', from: 'fact rate "Rate" ratio', to: 'fact rate "Rate" ratio\n  field x "X" text', code: 'dsl/misplaced-clause', where: 'field x', hint: /declare it as `list`/ },
  { name: 'an override before any value', from: '  value 15\n', to: '', code: 'dsl/misplaced-clause', where: 'when risk', hint: /follows the `value` it changes/ },
  { name: 'a parameter without a value', from: '  value 15\n    when risk is low -> 12   # low-risk districts\n', to: '', code: 'dsl/missing-clause', where: 'pass_mark\n', hint: /value 85/ },
  { name: 'a misspelt checklist mode', from: '    score round(10 * rate, 0.5)', to: '    checklist dedcut\n      item x "X" 1 point when exposed', code: 'dsl/bad-value', where: 'dedcut', hint: /did you mean `deduct`\?/ },
  { name: 'a range of amounts that is not recorded', from: '1 point per complaints', to: '1 to 2 points per complaints', code: 'dsl/bad-value', where: '1 to 2', hint: /recorded in/ },
  { name: 'a floor that is neither a number nor none', from: 'deduct hotline', to: 'floor zero\ndeduct hotline', code: 'dsl/bad-value', where: 'zero', hint: /floor none/ },
  { name: 'a misspelt outcome', from: 'deduct hotline "Complaints" 1 point per complaints, at most 5', to: 'deduct hotline "Complaints" 1 point per complaints, at most 5\ntest "t"\n  subject {}\n  expect outcome passs', code: 'dsl/bad-value', where: 'passs', hint: /did you mean `pass`\?/ },
  { name: 'a key twice in a subject', from: 'deduct hotline "Complaints" 1 point per complaints, at most 5', to: 'deduct hotline "Complaints" 1 point per complaints, at most 5\ntest "t"\n  subject {rate: 1, rate: 0}', code: 'dsl/duplicate-key', where: ['rate: 0', 1], hint: /only once/ },
  { name: 'a test without a subject', from: 'deduct hotline "Complaints" 1 point per complaints, at most 5', to: 'deduct hotline "Complaints" 1 point per complaints, at most 5\ntest "t"\n  expect total 1', code: 'dsl/missing-clause', where: '"t"', hint: /subject \{id: "c1"/ },
];

function run(c: Case): { text: string; ds: Diagnostic[] } {
  let text = c.text;
  if (text === undefined) {
    expect(MINI_DSL.includes(c.from!), `the fixture contains ${JSON.stringify(c.from)}`).toBe(true);
    text = MINI_DSL.replace(c.from!, c.to!);
  }
  return { text, ds: parseDslRubric(text, 'mini.rubric').diagnostics };
}

describe('a malformed rubric reports its mistake where it is, in plain words, with a hint', () => {
  it('has at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('$name → $code', (c) => {
    const { text, ds } = run(c);
    const d = ds.find((x) => x.code === c.code);
    expect(d, JSON.stringify(ds, null, 1)).toBeDefined();
    const [line, column] =
      typeof c.where === 'string' ? at(text, c.where) : Array.isArray(c.where) ? at(text, c.where[0], c.where[1]) : [c.where.line, c.where.column];
    expect([d!.span.start.line, d!.span.start.column], d!.message).toEqual([line, column]);
    expect(d!.hint).toMatch(c.hint);
    expect(d!.file).toBe('mini.rubric');
    expect(d!.severity).toBe('error');
    // Plain words: no token names, no parser jargon.
    expect(d!.message).not.toMatch(/\b(RBrace|LBrace|Identifier|NumberLiteral|DoubleQuotedText|EOF|Mismatched|NoViableAlt)\b/);
  });

  it('uses only documented codes', () => {
    for (const c of CASES) {
      if (c.code.startsWith('dsl/')) expect(DSL_ISSUE_CODES).toContain(c.code);
    }
  });

  it('reports one mistake once', () => {
    for (const c of CASES.filter((x) => x.code !== 'dsl/missing-statement' && x.code !== 'dsl/missing-clause')) {
      const { ds } = run(c);
      expect(ds.length, `${c.name}: ${ds.map((d) => `${d.code} ${d.message}`).join('; ')}`).toBeLessThanOrEqual(2);
    }
  });

  it('reports every mistake of a file in one run, in source order', () => {
    const text = MINI_DSL.replace('total 20 points', 'total 20 pionts')
      .replace('"Duty" level', '"Duty" levle')
      .replace('full -> 10', 'full => 10')
      .replace('round(10 * rate, 0.5)', 'round(10 * rate, 0.5')
      .replace('"Exposed by media" when exposed', '"Exposed by media" exposed')
      .replace('1 point per complaints', '1 to 2 points per complaints');
    const ds = parseDslRubric(text, 'mini.rubric').diagnostics;
    expect(ds.map((d) => `${d.span.start.line}:${d.code}`)).toEqual([
      '5:dsl/unexpected-token',
      '7:dsl/unexpected-token',
      '22:dsl/wrong-arrow',
      '27:expr/unexpected-end',
      '30:dsl/unexpected-token',
      '31:dsl/bad-value',
    ]);
  });

  it('gives no rubric when there is an error, and the unmodified fixture is clean', () => {
    expect(parseDslRubric(MINI_DSL.replace('total 20 points', 'total 20 pionts'), 'm.rubric').rubric).toBeUndefined();
    const clean = parseDslRubric(MINI_DSL, 'mini.rubric');
    expect(clean.diagnostics).toEqual([]);
    expect(clean.rubric).toBeDefined();
  });

  it('says where the statement ends when something is missing at its end', () => {
    const ds = parseDslRubric(MINI_DSL.replace('section s1 "Part one" 20 points', 'section s1'), 'm.rubric').diagnostics;
    expect(ds[0]).toMatchObject({ code: 'dsl/unexpected-end', message: expect.stringContaining('the start of the next statement (`indicator` on line 21)') });
    const end = parseDslRubric('rubric r "R"\n  version "1"\n  effective from', 'm.rubric').diagnostics;
    expect(end[0]).toMatchObject({ code: 'dsl/unexpected-end', message: 'expected a date (YYYY-MM-DD), found the end of the file' });
  });

  it('never throws on input that is not text', () => {
    const r = parseDslRubric(undefined as unknown as string, 'x.rubric');
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.rubric).toBeUndefined();
  });
});
