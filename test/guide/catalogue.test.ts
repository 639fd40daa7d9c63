import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_BASE_DSL,
  CATALOGUE_BASE_RECORD,
  CATALOGUE_BASE_YAML,
  DIAGNOSTIC_CATALOGUE,
  INTERNAL_CODES,
  compileRubric,
  contentHash,
  loadRubricText,
  runCatalogueExample,
} from '@rubric/rubric';
import { CHECK_CODES } from '@rubric/engine';
import { DSL_ISSUE_CODES, EXPRESSION_ISSUE_CODES } from '@rubric/dsl';
import { YAML_CODES } from '@rubric/yaml';

/**
 * The diagnostic catalogue (docs/guide/diagnostics.md) is generated from the code: every code
 * the tools can emit has an entry, every entry's wrong example still produces its code, and
 * the generated page equals what the script would write.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const CODE = /['"`]((?:yaml|dsl|expr|rubric|data|eval|io|json|versions|ir|internal)\/[a-z-]+)['"`]/g;
// The catalogue itself names every code; scanning it would make the set compare with itself.
const SKIP = new Set([join(ROOT, 'packages/rubric/src/diagnostic-catalogue.ts')]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !SKIP.has(path)) out.push(path);
  }
  return out;
}

function emittedCodes(): Set<string> {
  const codes = new Set<string>([...Object.keys(CHECK_CODES), ...EXPRESSION_ISSUE_CODES, ...DSL_ISSUE_CODES, ...Object.keys(YAML_CODES)]);
  for (const pkg of readdirSync(join(ROOT, 'packages'))) {
    const src = join(ROOT, 'packages', pkg, 'src');
    let files: string[];
    try {
      files = sourceFiles(src);
    } catch {
      continue;
    }
    for (const file of files) for (const m of readFileSync(file, 'utf8').matchAll(CODE)) codes.add(m[1]!);
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
      const reports = await runCatalogueExample(entry.example);
      const hit = reports.find((r) => r.code === code);
      expect(hit, JSON.stringify(reports, null, 1)).toBeDefined();
      expect(hit!.severity).toBe(entry.severity);
      expect(hit!.message.length).toBeGreaterThan(0);
    },
  );

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

  it('reports an example whose edit no longer applies instead of passing it silently', async () => {
    const reports = await runCatalogueExample({ kind: 'rubric', format: 'yaml', from: 'no such text', to: '' });
    expect(reports.map((r) => r.code)).toEqual(['catalogue/stale-example']);
  });

  it('docs/guide/diagnostics.md is what scripts/write-catalogue.mjs writes (no drift)', () => {
    // Exit status 1 (and so a throw here) when the page differs from a fresh rendering.
    expect(() => execFileSync('node', [join(ROOT, 'scripts/write-catalogue.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
    const page = readFileSync(join(ROOT, 'docs/guide/diagnostics.md'), 'utf8');
    for (const e of DIAGNOSTIC_CATALOGUE) expect(page).toContain(`### \`${e.code}\``);
  });
});
