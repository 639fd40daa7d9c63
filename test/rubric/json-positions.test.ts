import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRubric, loadRubricText, type Diagnostic, type LoadedRubric, type Rubric } from '@rubric/rubric';
import { fullRubricArb, jsonArb } from '../support/arbitrary-rubric.js';

/**
 * IR JSON rubrics (`rubric-ir/1`) locate their diagnostics at the value that caused them,
 * pretty-printed or on one line, as the YAML and DSL front ends do; the IR loaded is still
 * exactly what `JSON.parse` gives, and malformed JSON is located at its offending character.
 */
const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'packages/cli/dist/bin.js');
const tmp = mkdtempSync(join(tmpdir(), 'rubric-json-positions-'));

const MINI = loadRubricText(readFileSync(new URL('./fixtures/mini.yaml', import.meta.url), 'utf8'), 'mini.yaml', 'yaml').rubric!;

/** A fresh copy of the mini rubric's IR to break. */
function mini(): Rubric {
  return structuredClone(MINI);
}

/** 1-based line and column of a 0-based offset, counted here independently of the loader. */
function lineColumn(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return [line, offset - (before.lastIndexOf('\n') + 1) + 1];
}

/** Where `needle` (which must occur once) is in `text`. */
function at(text: string, needle: string): [number, number] {
  const i = text.indexOf(needle);
  expect(i, `${needle} in the text`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(needle, i + 1), `${needle} only once`).toBe(-1);
  return lineColumn(text, i);
}

function find(ds: Diagnostic[], code: string): Diagnostic {
  const d = ds.find((x) => x.code === code);
  expect(d, JSON.stringify(ds, null, 1)).toBeDefined();
  return d!;
}

function position(d: Diagnostic): [number, number] {
  return [d.span.start.line, d.span.start.column];
}

type Layout = 'pretty' | 'one line';
const LAYOUTS: Layout[] = ['pretty', 'one line'];
const write = (ir: unknown, layout: Layout): string => (layout === 'pretty' ? JSON.stringify(ir, null, 2) : JSON.stringify(ir));

interface Case {
  name: string;
  code: string;
  /** Breaks the IR. */
  edit: (ir: Rubric) => void;
  /** The text (once in the file) where the diagnostic must start. */
  where: string;
}

const CASES: Case[] = [
  {
    name: 'an unknown fact deep in an indicator rule',
    code: 'rubric/unknown-name',
    edit: (ir) => {
      const rule = ir.sections[0]!.indicators[1]!.rule;
      if (rule.kind !== 'expression' || rule.points.kind !== 'call') throw new Error('fixture changed');
      const product = rule.points.args[0]!;
      if (product.kind !== 'binary') throw new Error('fixture changed');
      product.right = { kind: 'ref', name: 'rat' };
    },
    where: '"rat"',
  },
  {
    name: 'a date that does not exist',
    code: 'rubric/bad-date',
    edit: (ir) => {
      ir.effective.from = '2022-02-30';
    },
    where: '"2022-02-30"',
  },
  {
    name: 'an unknown indicator in replaces.mapping',
    code: 'rubric/unknown-indicator',
    edit: (ir) => {
      ir.replaces = { version: '0', mapping: [{ from: ['old_duty'], to: ['duty'] }, { from: ['old_rate'], to: ['ratte'] }] };
    },
    where: '"ratte"',
  },
  {
    name: 'a misspelt level in a case table',
    code: 'rubric/unknown-level',
    edit: (ir) => {
      const rule = ir.sections[0]!.indicators[0]!.rule;
      if (rule.kind !== 'cases') throw new Error('fixture changed');
      const when = rule.cases[1]!.when;
      if (when.kind !== 'binary') throw new Error('fixture changed');
      when.right = { kind: 'text', value: 'parital' };
    },
    where: '"parital"',
  },
  {
    name: 'a test expecting points for an indicator id that needs escaping in a JSON pointer',
    code: 'rubric/unknown-indicator',
    edit: (ir) => {
      ir.tests = [{ name: 't', subject: {}, expect: { indicators: { 'du/ty~1\u00e9': 7.25 } } }];
    },
    where: '7.25',
  },
];

describe('IR JSON checker diagnostics are located at the value that caused them', () => {
  for (const layout of LAYOUTS) {
    it.each(CASES)(`${layout}: $name → $code`, (c) => {
      const ir = mini();
      c.edit(ir);
      let text = write(ir, layout);
      // Written with an escaped key, so that the pointer's segment must be decoded to match.
      text = text.replace('"du/ty~1\u00e9"', '"du\\/ty~1\\u00e9"');
      const loaded = loadRubricText(text, 'mini.json', 'json');
      expect(loaded.rubric).toBeUndefined();
      const d = find(loaded.diagnostics, c.code);
      expect(position(d)).toEqual(at(text, c.where));
      expect(d.file).toBe('mini.json');
    });
  }

  it('gives the span of the whole value: its text is the value the checker complained about', () => {
    const ir = mini();
    ir.effective.from = '2022-02-30';
    const text = write(ir, 'pretty');
    const d = find(loadRubricText(text, 'mini.json', 'json').diagnostics, 'rubric/bad-date');
    expect(text.slice(d.span.start.offset, d.span.end.offset)).toBe('"2022-02-30"');
    expect([d.span.end.line, d.span.end.column]).toEqual(lineColumn(text, d.span.end.offset));
  });

  it('locates a schema error (ir/schema) at the value that breaks the schema', () => {
    const ir = mini() as unknown as { sections: { indicators: { max: unknown }[] }[] };
    ir.sections[0]!.indicators[1]!.max = 'ten';
    for (const layout of LAYOUTS) {
      const text = write(ir, layout);
      const loaded = loadRubricText(text, 'mini.json', 'json');
      expect(position(find(loaded.diagnostics, 'ir/schema'))).toEqual(at(text, '"ten"'));
    }
  });

  it('with a key twice in an object, locates the value JSON.parse keeps', () => {
    const good = write({ ...mini(), effective: { from: '2022-06-14' } }, 'pretty');
    // `effective` again at the end: the last one wins, in the value and in the positions.
    const bad = good.replace(/\n\}$/, ',\n  "effective": { "from": "2022-02-30" }\n}');
    const loaded = loadRubricText(bad, 'mini.json', 'json');
    expect(position(find(loaded.diagnostics, 'rubric/bad-date'))).toEqual(at(bad, '"2022-02-30"'));
    // The other way round the bad date is dropped, as JSON.parse drops it.
    const dropped = good.replace('"from": "2022-06-14"', '"from": "2022-02-30"').replace(/\n\}$/, ',\n  "effective": { "from": "2022-06-14" }\n}');
    const kept = loadRubricText(dropped, 'mini.json', 'json');
    expect(kept.diagnostics).toEqual([]);
    expect(kept.rubric).toEqual(JSON.parse(dropped));
    expect(kept.sourceMap.get('/effective/from')).toMatchObject({ start: { line: at(dropped, '"2022-06-14" }').at(0) } });
  });

  it('locates a diagnostic after a byte order mark and CRLF line ends', () => {
    const ir = mini();
    ir.effective.from = '2022-02-30';
    const text = write(ir, 'pretty').replace(/\n/g, '\r\n');
    const loaded = loadRubricText(`\ufeff${text}`, 'mini.json', 'json');
    expect(position(find(loaded.diagnostics, 'rubric/bad-date'))).toEqual(at(text, '"2022-02-30"'));
  });

  it('loadRubric reads a file and locates the same way', async () => {
    const ir = mini();
    ir.effective.from = '2022-02-30';
    const text = write(ir, 'pretty');
    const file = join(tmp, 'bad-date.json');
    writeFileSync(file, text);
    const loaded = await loadRubric(file);
    expect(position(find(loaded.diagnostics, 'rubric/bad-date'))).toEqual(at(text, '"2022-02-30"'));
  });
});

describe('rubric check on an IR JSON file', () => {
  for (const layout of LAYOUTS) {
    it(`prints file:line:col for a checker error (${layout})`, () => {
      const ir = mini();
      CASES[0]!.edit(ir);
      const text = write(ir, layout);
      const file = join(tmp, `unknown-fact-${layout.replace(' ', '-')}.json`);
      writeFileSync(file, text);
      const r = spawnSync(process.execPath, [BIN, 'check', file], { encoding: 'utf8' });
      expect(r.status, r.stderr + r.stdout).toBe(1);
      const [line, column] = at(text, '"rat"');
      expect(r.stderr).toContain(`${file}:${line}:${column} error rubric/unknown-name:`);
    });
  }

  it('prints file:line:col for malformed JSON', () => {
    const text = '{\n  "format": "rubric-ir/1",\n  "id": "mini"\n  "title": "Mini"\n}\n';
    const file = join(tmp, 'malformed.json');
    writeFileSync(file, text);
    const r = spawnSync(process.execPath, [BIN, 'check', file], { encoding: 'utf8' });
    expect(r.status, r.stderr + r.stdout).toBe(1);
    expect(r.stderr).toContain(`${file}:4:3 error json/syntax: not valid JSON`);
  });
});

describe('malformed IR JSON keeps its json/syntax diagnostic and gains a position', () => {
  const MALFORMED: { text: string; where: [number, number] }[] = [
    { text: '{"rubric": "mini",', where: [1, 19] },
    { text: '{\n  "format": "rubric-ir/1",\n  "id": "x",\n}', where: [4, 1] },
    { text: '{\n  "total": 01\n}', where: [2, 13] },
    { text: '{\n  "total": tru\n}', where: [2, 15] },
    { text: '[\n  "a",\n  "b\\x"\n]', where: [3, 6] },
    { text: '{\n  "id": "x"\n} trailing', where: [3, 3] },
    { text: '{"title": "tab\there"}', where: [1, 15] },
    { text: '', where: [1, 1] },
    { text: '\n\n  ', where: [3, 3] },
    { text: '{"标题": "指标", "x" 1}', where: [1, 18] },
  ];

  it.each(MALFORMED)('$text → $where', ({ text, where }) => {
    const loaded = loadRubricText(text, 'x.json', 'json');
    expect(loaded.diagnostics).toHaveLength(1);
    const d = loaded.diagnostics[0]!;
    let message = '';
    try {
      JSON.parse(text);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(d).toMatchObject({ code: 'json/syntax', severity: 'error', message: `not valid JSON: ${message}` });
    expect(position(d)).toEqual(where);
  });

  it('agrees with JSON.parse on validity and on the position its message names, for mutated JSON', () => {
    const PIECES = ['"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\n', '\t', '0', '-', '.', 'e', '+', 'x', 'tru', 'null', '\\u12', '\u0001', '01', '\u00a0'];
    fc.assert(
      fc.property(
        jsonArb.map((v) => JSON.stringify(v, null, 1)),
        fc.nat(),
        fc.constantFrom(...PIECES),
        fc.constantFrom('insert', 'replace', 'delete'),
        (json, n, piece, how) => {
          const i = n % (json.length + 1);
          const text = how === 'insert' ? json.slice(0, i) + piece + json.slice(i) : how === 'replace' ? json.slice(0, i) + piece + json.slice(i + 1) : json.slice(0, i) + json.slice(i + 1);
          let named: number | undefined;
          let valid = true;
          try {
            JSON.parse(text);
          } catch (e) {
            valid = false;
            const m = /at position (\d+)/.exec((e as Error).message);
            if (m) named = Number(m[1]);
          }
          const loaded = loadRubricText(text, 'x.json', 'json');
          const syntax = loaded.diagnostics.filter((d) => d.code === 'json/syntax');
          expect(syntax.length).toBe(valid ? 0 : 1);
          if (valid) return;
          const d = syntax[0]!;
          expect(d.span.start.offset).toBeLessThanOrEqual(text.length);
          if (named !== undefined) expect(d.span.start.offset).toBe(named);
          expect(position(d)).toEqual(lineColumn(text, d.span.start.offset));
        },
      ),
      { seed: 20240611, numRuns: 2000 },
    );
  });
});

/** Every JSON pointer of a JSON value, with the value there. */
function pointers(value: unknown, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [[prefix, value]];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pointers(v, `${prefix}/${i}`)));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...pointers(v, `${prefix}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return out;
}

/** Each pointer of the parsed value is mapped to text that parses to the value there, and nothing else is mapped. */
function expectFaithfulMap(text: string, loaded: LoadedRubric): void {
  const parsed: unknown = JSON.parse(text);
  const expected = pointers(parsed);
  for (const [p, v] of expected) {
    const span = loaded.sourceMap.get(p);
    expect(span, p).toBeDefined();
    expect(JSON.parse(text.slice(span!.start.offset, span!.end.offset)), p).toEqual(v);
    expect([span!.start.line, span!.start.column], p).toEqual(lineColumn(text, span!.start.offset));
    expect([span!.end.line, span!.end.column], p).toEqual(lineColumn(text, span!.end.offset));
  }
  expect(new Set(loaded.sourceMap.keys())).toEqual(new Set(expected.map(([p]) => p)));
}

describe('the IR loaded from JSON is what JSON.parse gives, and the source map is faithful', () => {
  it('for generated rubrics, pretty-printed and on one line', () => {
    fc.assert(
      fc.property(fullRubricArb, fc.constantFrom<Layout>(...LAYOUTS), (ir, layout) => {
        const text = write(ir, layout);
        const loaded = loadRubricText(text, 'r.json', 'json');
        expect(loaded.diagnostics.filter((d) => d.code === 'json/syntax' || d.code === 'ir/schema')).toEqual([]);
        if (loaded.rubric) expect(loaded.rubric).toEqual(JSON.parse(text));
        expectFaithfulMap(text, loaded);
      }),
      { seed: 20240612, numRuns: 150 },
    );
  });

  it('for any JSON, with escaped keys, keys that need escaping in a pointer, and keys given twice', () => {
    const keyArb = fc.constantFrom('a', 'b', 'a/b', '~', '~1', '', 'é', '\\', '"', '0');
    /** An object as a list of entries, so that a key can come twice. */
    class Entries {
      constructor(readonly list: [string, unknown][]) {}
    }
    const valueArb: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, jsonArb, fc.array(tie('v'), { maxLength: 3 }), fc.array(fc.tuple(keyArb, tie('v')), { maxLength: 4 }).map((list) => new Entries(list))),
    })).v;
    const write = (v: unknown, escape: boolean): string => {
      if (Array.isArray(v)) return `[ ${v.map((x) => write(x, escape)).join(',\n')} ]`;
      if (v instanceof Entries) {
        const key = (k: string): string => (escape ? JSON.stringify(k).replace(/[a-z/]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : JSON.stringify(k));
        return `{${v.list.map(([k, x]) => `\n ${key(k)} :\t${write(x, escape)}`).join(',')}}`;
      }
      return JSON.stringify(v, null, 1);
    };
    fc.assert(
      fc.property(valueArb, fc.boolean(), (v, escape) => {
        const text = write(v, escape);
        const loaded = loadRubricText(text, 'x.json', 'json');
        expect(loaded.diagnostics.filter((d) => d.code === 'json/syntax')).toEqual([]);
        expectFaithfulMap(text, loaded);
      }),
      { seed: 20240613, numRuns: 500 },
    );
  });
});
