import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_BASE_DSL,
  CATALOGUE_BASE_RECORD,
  CATALOGUE_BASE_YAML,
  DEFAULT_LIMITS,
  DIAGNOSTIC_CATALOGUE,
  INTERNAL_CODES,
  compileRubric,
  contentHash,
  exampleRubricText,
  loadRubricText,
  runCatalogueExample,
  type CatalogueExample,
} from '@rubric/rubric';
import { CHECK_CODES } from '@rubric/engine';
import { DSL_ISSUE_CODES, EXPRESSION_ISSUE_CODES } from '@rubric/dsl';
import { YAML_CODES } from '@rubric/yaml';
// The script's runners of the built `rubric` command: data file examples need the command line's readers.
import { baseIrWithCli, evaluateDataFileWithCli } from '../../scripts/write-catalogue.mjs';

/**
 * The diagnostic catalogue (docs/guide/diagnostics.md) is generated from the code: every code
 * the tools can emit has an entry, every entry's wrong example still produces its code (and no
 * other error, unless listed below), and the generated page equals what the script would write.
 * Data file examples run the built CLI, as the script does.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
/**
 * A code written out in the sources: `namespace/name` in quotes, whatever the namespace, so a
 * code of a new namespace is caught too (names may be camelCase: `limits/fileBytes`).
 */
const CODE = /['"`]([a-z]+\/[a-zA-Z-]+)['"`]/g;
/** Quoted `word/word` strings of the sources that are not codes. */
const NOT_CODES = new Set(['true/false', 'lib/standalone']);
/**
 * A code built from a template (`limits/${name}`) cannot be read from the text: its namespace
 * must be one whose codes come from a registry read below (expression and DSL issue codes, the
 * resource limits).
 */
const TEMPLATE_CODE = /`([a-z]+)\/\$\{/g;
const REGISTERED_NAMESPACES = new Set(['expr', 'dsl', 'limits']);
// The catalogue itself names every code; scanning it would make the set compare with itself.
// The catalogue itself (its entry and its example tables) names every code: a code counts as
// emitted only where the rest of the code names it.
const SKIP = new Set([join(ROOT, 'packages/rubric/src/diagnostic-catalogue.ts'), join(ROOT, 'packages/rubric/src/catalogue')]);

/**
 * Examples whose mistake cannot be shown alone: the other error codes they also give. Every
 * other example gives no error but its own (warnings of the checker may come with it).
 */
const ALSO_GIVES: Record<string, string[]> = {
  // An unknown character splits the call's arguments.
  'expr/unknown-character': ['expr/arity'],
  'expr/unterminated-text': ['expr/unexpected-end'],
  // Only full-width brackets get past the file-wide nesting limit, and they are reported as such.
  'dsl/too-deep': ['dsl/full-width'],
  // Removing a key that is required reports the missing key too.
  'yaml/unknown-key': ['yaml/missing-key'],
};

const RUN = { evaluateDataFile: evaluateDataFileWithCli };

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (SKIP.has(path)) continue;
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !SKIP.has(path)) out.push(path);
  }
  return out;
}

function allSourceFiles(): string[] {
  return readdirSync(join(ROOT, 'packages')).flatMap((pkg) => {
    try {
      return sourceFiles(join(ROOT, 'packages', pkg, 'src'));
    } catch {
      return [];
    }
  });
}

function emittedCodes(): Set<string> {
  const codes = new Set<string>([
    ...Object.keys(CHECK_CODES),
    ...EXPRESSION_ISSUE_CODES,
    ...DSL_ISSUE_CODES,
    ...Object.keys(YAML_CODES),
    // One code per resource limit (limits.ts builds them as `limits/${name}`).
    ...Object.keys(DEFAULT_LIMITS).map((name) => `limits/${name}`),
  ]);
  for (const file of allSourceFiles()) {
    for (const m of readFileSync(file, 'utf8').matchAll(CODE)) if (!NOT_CODES.has(m[1]!)) codes.add(m[1]!);
  }
  return codes;
}

describe('the diagnostic catalogue', () => {
  it('has an entry for every code the code base can emit, and no entry for a code nothing emits', () => {
    const emitted = emittedCodes();
    const listed = new Set(DIAGNOSTIC_CATALOGUE.map((e) => e.code));
    const missing = [...emitted].filter((c) => !listed.has(c) && !INTERNAL_CODES.includes(c)).sort();
    const extra = [...listed].filter((c) => !emitted.has(c)).sort();
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
    expect(INTERNAL_CODES.every((c) => emitted.has(c))).toBe(true);
    expect(listed.size).toBe(DIAGNOSTIC_CATALOGUE.length);
  });

  it('sees every code: the limits and test file codes, and no code built from a template of an unregistered namespace', () => {
    const emitted = emittedCodes();
    for (const code of ['limits/fileBytes', 'limits/lineLength', 'limits/nesting', 'limits/indicators', 'limits/facts', 'limits/listItems', 'limits/expressionDepth', 'tests/no-version', 'tests/no-version-in-force', 'tests/unknown-version']) {
      expect(emitted.has(code), code).toBe(true);
    }
    const built = allSourceFiles().flatMap((file) => [...readFileSync(file, 'utf8').matchAll(TEMPLATE_CODE)].map((m) => `${m[1]!} (${file.slice(ROOT.length)})`));
    expect(built.filter((b) => !REGISTERED_NAMESPACES.has(b.split(' ')[0]!))).toEqual([]);
    // The words that are not codes are still in the sources (else this list hides nothing and should shrink).
    const text = allSourceFiles().map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const word of NOT_CODES) expect(text, word).toMatch(new RegExp(`['"\`]${word}['"\`]`));
  });

  it('agrees with the registries on severity, and every entry has a meaning and a fix', () => {
    for (const e of DIAGNOSTIC_CATALOGUE) {
      const registered = (CHECK_CODES as Record<string, { severity: string }>)[e.code] ?? (YAML_CODES as Record<string, { severity: string }>)[e.code];
      if (registered) expect(e.severity, e.code).toBe(registered.severity);
      expect(e.meaning.length, e.code).toBeGreaterThan(0);
      expect(e.fix.length, e.code).toBeGreaterThan(0);
      if (e.example.kind === 'none') expect(e.example.where, e.code).not.toBe('not yet given');
    }
  });

  it.each(DIAGNOSTIC_CATALOGUE.filter((e) => e.example.kind !== 'none').map((e) => [e.code, e] as const))(
    '%s: the wrong example produces its code',
    async (code, entry) => {
      const reports = await runCatalogueExample(entry.example, RUN);
      const hit = reports.find((r) => r.code === code);
      expect(hit, JSON.stringify(reports, null, 1)).toBeDefined();
      expect(hit!.severity).toBe(entry.severity);
      expect(hit!.message.length).toBeGreaterThan(0);
      const otherErrors = [...new Set(reports.filter((r) => r.code !== code && r.severity === 'error').map((r) => r.code))].sort();
      expect(otherErrors, JSON.stringify(reports, null, 1)).toEqual(ALSO_GIVES[code] ?? []);
    },
  );

  it('gives a runnable example for every code a user can reach; each code left without one says why', () => {
    const without = DIAGNOSTIC_CATALOGUE.filter((e) => e.example.kind === 'none').map((e) => e.code);
    // negative-cap: every source rejects a negative cap first; unreadable: no reader yields a record without record or error.
    expect(without.sort()).toEqual(['data/unreadable', 'rubric/negative-cap']);
  });

  it('starts from valid bases: both base rubrics are clean, the same rubric, and score the base record', () => {
    const yaml = loadRubricText(CATALOGUE_BASE_YAML, 'mini.yaml', 'yaml');
    const dsl = loadRubricText(CATALOGUE_BASE_DSL, 'mini.rubric', 'dsl');
    expect(yaml.diagnostics).toEqual([]);
    expect(dsl.diagnostics).toEqual([]);
    expect(contentHash(dsl.rubric!)).toBe(contentHash(yaml.rubric!));
    const result = compileRubric(yaml.rubric!).evaluate(CATALOGUE_BASE_RECORD, { asOf: '2022-06-20' });
    expect(result.errors).toEqual([]);
    expect(result.outcome).toBe('pass');
  });

  it.each<[string, CatalogueExample]>([
    ['a rubric edit', { kind: 'rubric', format: 'yaml', from: 'no such text', to: '' }],
    ['a second rubric edit', { kind: 'rubric', format: 'dsl', from: 'total 20 points', to: 'total 20 points', also: [{ from: 'no such text', to: '' }] }],
    ['an IR edit', { kind: 'json', edit: { from: '"no such key"', to: '' } }],
    ['a data edit', { kind: 'data', record: CATALOGUE_BASE_RECORD, edit: { from: 'no such text', to: '' } }],
    ['a CSV row edit', { kind: 'cells', cells: {}, edit: { from: 'no such text', to: '' } }],
    ['a version file edit', { kind: 'folder', files: [{ name: 'mini-1.yaml', edits: [{ from: 'no such text', to: '' }] }] }],
  ])('reports %s that no longer applies instead of passing it silently', async (_what, example) => {
    const reports = await runCatalogueExample(example);
    expect(reports.map((r) => r.code)).toEqual(['catalogue/stale-example']);
  });

  it('applies several edits in turn, each to the text the one before left', () => {
    const text = exampleRubricText({ kind: 'rubric', format: 'yaml', from: 'total: 20', to: 'total: 21', also: [{ from: 'total: 21', to: 'total: 22' }] });
    expect(text).toBe(CATALOGUE_BASE_YAML.replace('total: 20', 'total: 22'));
  });

  it('edits IR JSON exactly as `rubric convert mini.yaml --to json` writes the base rubric', async () => {
    const base = await baseIrWithCli();
    const edits = DIAGNOSTIC_CATALOGUE.flatMap((e) => (e.example.kind === 'json' && 'edit' in e.example ? [e.example] : []));
    expect(edits.length).toBeGreaterThan(0);
    for (const ex of edits) expect(exampleRubricText(ex)).toBe(base.replace(ex.edit.from, () => ex.edit.to));
    // The unedited base loads cleanly as IR, so each IR example shows only its own mistake.
    expect(loadRubricText(base, 'mini.json', 'json').diagnostics).toEqual([]);
  });

  it('needs the command line to run a data file example, and says so without it', async () => {
    const reports = await runCatalogueExample({ kind: 'data-file', name: 'subjects.jsonl', text: '{' });
    expect(reports.map((r) => r.code)).toEqual(['catalogue/no-evaluator']);
  });

  it('reads every version file of a folder example, as `rubric check DIR` does: a valid pair gives nothing', async () => {
    const reports = await runCatalogueExample({
      kind: 'folder',
      files: [
        { name: 'mini-1.yaml', edits: [{ from: 'effective: { from: 2022-06-14 }', to: 'effective: { from: 2022-06-14, until: 2022-06-30 }' }] },
        {
          name: 'mini-2.yaml',
          edits: [
            { from: 'version: "1"', to: 'version: "2"' },
            { from: 'effective: { from: 2022-06-14 }', to: 'effective: { from: 2022-07-01 }\nreplaces: { version: "1", mapping: [] }' },
          ],
        },
      ],
    });
    expect(reports).toEqual([]);
  });

  it('routes a test file beside the versions as `rubric test DIR` does: a dated case in force gives nothing', async () => {
    const reports = await runCatalogueExample({
      kind: 'folder',
      files: [{ name: 'mini-1.yaml', edits: [] }],
      tests: [{ name: 'mini.test.yaml', text: 'rubric: mini\ntests:\n  - name: full marks\n    as_of: 2022-06-20\n    subject: { id: c1, duty: full, rate: 1, complaints: 0, risk: high, exposed: false }\n    expect: { outcome: pass, total: 20 }\n' }],
    });
    expect(reports).toEqual([]);
  });

  it('reports a generated example whose edit no longer applies instead of passing it silently', async () => {
    const reports = await runCatalogueExample({ kind: 'generated', name: 'mini.yaml', what: 'nothing', build: () => { throw new Error('the catalogue base rubric has no "x"'); } });
    expect(reports.map((r) => r.code)).toEqual(['catalogue/stale-example']);
  });

  it('builds each limits example just over its limit, and prints none of them on the page', () => {
    for (const e of DIAGNOSTIC_CATALOGUE.filter((x) => x.source === 'limits')) expect(e.example.kind, e.code).toBe('generated');
    const bytes = exampleRubricText(DIAGNOSTIC_CATALOGUE.find((x) => x.code === 'limits/fileBytes')!.example)!;
    expect(Buffer.byteLength(bytes, 'utf8')).toBe(DEFAULT_LIMITS.fileBytes + 1);
    const page = readFileSync(join(ROOT, 'docs/guide/diagnostics.md'), 'utf8');
    expect(Math.max(...page.split('\n').map((l) => l.length))).toBeLessThan(1000);
  });

  it('docs/guide/diagnostics.md is what scripts/write-catalogue.mjs writes (no drift)', () => {
    // Exit status 1 (and so a throw here) when the page differs from a fresh rendering.
    expect(() => execFileSync('node', [join(ROOT, 'scripts/write-catalogue.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
    const page = readFileSync(join(ROOT, 'docs/guide/diagnostics.md'), 'utf8');
    for (const e of DIAGNOSTIC_CATALOGUE) expect(page).toContain(`### \`${e.code}\``);
  });
});
