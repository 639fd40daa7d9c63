/**
 * `rubric compile` end to end: the built CLI writes the module, its types and the schemas;
 * a fresh Node process imports the module and scores the Beijing sample exactly as the
 * library does; `tsc` type-checks a consumer against the emitted `.d.ts` (and rejects a
 * wrong level name).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_SCHEMA, compileRubric, inputSchema, loadRubric, type Rubric } from '@rubric/rubric';
import { BROKEN_RUBRIC, ROOT, TINY_RUBRIC, removeWorkdirs, rubric, workdir } from '../cli/helpers.js';

// ajv is the engine's dependency, not the root's: resolve it from there.
const { Ajv } = createRequire(new URL('../../packages/engine/package.json', import.meta.url))('ajv') as typeof import('ajv');

const BEIJING = join(ROOT, 'rubrics/beijing-epidemic-free-community/2022-06.yaml');
const BASE = 'beijing-epidemic-free-community';
const TSC = join(ROOT, 'node_modules/.bin/tsc');

/** The sample's records that are JSON objects, and a few broken ones. */
function sampleSubjects(): unknown[] {
  const lines = readFileSync(join(ROOT, 'rubrics/beijing-epidemic-free-community/sample.jsonl'), 'utf8').split('\n');
  const subjects: unknown[] = [];
  for (const l of lines) {
    try {
      subjects.push(JSON.parse(l));
    } catch {
      // Lines that are not JSON are the reader's business, not the evaluator's.
    }
  }
  return [...subjects, null, { id: 'X', checkpoint_24h: 'fulll' }, { id: 'Y', publicty: 'full' }];
}

/** Runs a script in a fresh Node process that imports `module` and scores `subjects` on `asOf`, explaining every other one. */
function scoreInFreshProcess(dir: string, module: string, subjects: unknown[]): unknown[] {
  writeFileSync(join(dir, 'subjects.json'), JSON.stringify(subjects));
  writeFileSync(
    join(dir, 'run.mjs'),
    `import { readFileSync } from 'node:fs';
import { evaluate, rubric } from './${module}';
const subjects = JSON.parse(readFileSync(new URL('./subjects.json', import.meta.url), 'utf8'));
const results = subjects.map((s, i) => evaluate(s, { asOf: '2022-06-20', explain: i % 2 === 1 }));
process.stdout.write(JSON.stringify({ rubric, results }));
`,
  );
  const r = spawnSync(process.execPath, ['run.mjs'], { cwd: dir, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout) as { rubric: { hash: string }; results: unknown[] };
  return [out.rubric, ...out.results];
}

let beijing: Rubric;
beforeAll(async () => {
  beijing = (await loadRubric(BEIJING)).rubric!;
});
afterAll(removeWorkdirs);

describe('rubric compile --target all', () => {
  it('writes the module, its types and both schemas, and lists them', () => {
    const dir = workdir();
    const out = join(dir, 'dist', 'nested');
    const r = rubric(['compile', BEIJING, '--target', 'all', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const files = [`${BASE}.js`, `${BASE}.d.ts`, `${BASE}.subject.schema.json`, `${BASE}.result.schema.json`];
    expect(readdirSync(out).sort()).toEqual([...files].sort());
    for (const f of files) expect(r.stdout).toContain(`wrote ${join(out, f)} (`);
  });

  it('writes JSON Schemas: the subject’s (labels as titles) and the result’s', () => {
    const dir = workdir();
    expect(rubric(['compile', BEIJING, '--target', 'schema', '--out', '.'], { cwd: dir }).status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([`${BASE}.result.schema.json`, `${BASE}.subject.schema.json`]);
    const subject = JSON.parse(readFileSync(join(dir, `${BASE}.subject.schema.json`), 'utf8')) as { properties: Record<string, { title: string; description?: string; enum?: string[] }> };
    expect(subject).toEqual(inputSchema(beijing));
    expect(subject.properties.checkpoint_24h).toMatchObject({ title: '24小时卡口值守情况', description: expect.stringContaining('干部带班') as unknown, enum: ['full', 'partial', 'none'] });
    const result = JSON.parse(readFileSync(join(dir, `${BASE}.result.schema.json`), 'utf8')) as object;
    expect(result).toEqual(JSON.parse(JSON.stringify(RESULT_SCHEMA)));
    // The library's results are valid against the written schemas.
    const ajv = new Ajv({ strict: false });
    ajv.addFormat('date', true);
    const validSubject = ajv.compile(subject);
    const validResult = ajv.compile(result);
    const compiled = compileRubric(beijing);
    for (const s of sampleSubjects()) {
      const r = compiled.evaluate(s, { asOf: '2022-06-20', explain: true });
      expect(validResult(r), JSON.stringify(validResult.errors)).toBe(true);
      if (r.outcome !== 'invalid') expect(validSubject(s)).toBe(true);
    }
  });
});

describe('the standalone module, in a fresh Node process', () => {
  for (const validate of [true, false]) {
    it(`scores the Beijing sample as the library does${validate ? ' (with --validate: errors too)' : ''}`, () => {
      const dir = workdir({ 'package.json': '{"type":"module"}' });
      const args = ['compile', BEIJING, '--target', 'js', '--out', dir, '--name', 'bj'];
      const r = rubric(validate ? [...args, '--validate'] : args);
      expect(r.status).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['bj.js', 'package.json']);
      const subjects = sampleSubjects();
      const [meta, ...results] = scoreInFreshProcess(dir, 'bj.js', subjects);
      const compiled = compileRubric(beijing);
      expect(meta).toEqual({ id: beijing.id, version: beijing.version, title: beijing.title, hash: compiled.hash });
      let invalid = 0;
      subjects.forEach((s, i) => {
        const want = compiled.evaluate(s, { asOf: '2022-06-20', explain: i % 2 === 1 });
        const got = results[i] as typeof want;
        if (!validate && want.outcome === 'invalid') {
          invalid++;
          expect(got.outcome).toBe('invalid');
          expect(got.errors.length).toBe(1);
        } else {
          expect(got).toEqual(JSON.parse(JSON.stringify(want)));
        }
      });
      if (!validate) expect(invalid).toBeGreaterThan(3);
    });
  }

  it('with --validate, reports a number that is not finite as the library does (path, code, message)', async () => {
    // A decimal fact without bounds: the schema lets NaN and Infinity through, the evaluator does not.
    const text = TINY_RUBRIC.replace('facts:\n', 'facts:\n  bonus: { label: 加分, type: decimal, required: false, default: 0 }\n');
    const dir = workdir({ 'package.json': '{"type":"module"}', 'tiny.yaml': text });
    expect(rubric(['compile', join(dir, 'tiny.yaml'), '--target', 'js', '--validate', '--out', dir, '--name', 'tiny']).status).toBe(0);
    writeFileSync(
      join(dir, 'nonfinite.mjs'),
      `import { evaluate } from './tiny.js';
const s = { id: 'c1', rate: 0.5, level: 'full' };
const out = [Infinity, -Infinity, NaN].map((x) => evaluate({ ...s, bonus: x }, { asOf: '2022-06-20' }).errors);
process.stdout.write(JSON.stringify(out, (_k, v) => v));
`,
    );
    const r = spawnSync(process.execPath, ['nonfinite.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const compiled = compileRubric((await loadRubric(join(dir, 'tiny.yaml'))).rubric!);
    const want = [Infinity, -Infinity, NaN].map((x) => compiled.evaluate({ id: 'c1', rate: 0.5, level: 'full', bonus: x }, { asOf: '2022-06-20' }).errors);
    expect(want.map((es) => es.map((e) => [e.path, e.code]))).toEqual([[['/bonus', 'data/not-finite']], [['/bonus', 'data/not-finite']], [['/bonus', 'data/not-finite']]]);
    expect(JSON.parse(r.stdout)).toEqual(want);
  });

  it('needs nothing from this project or ajv: it runs from a folder with no node_modules', () => {
    const dir = workdir({ 'package.json': '{"type":"module"}' });
    expect(rubric(['compile', BEIJING, '--target', 'js', '--validate', '--out', dir]).status).toBe(0);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    const text = readFileSync(join(dir, `${BASE}.js`), 'utf8');
    expect(text).not.toMatch(/^\s*import\b|\brequire\(|\bimport\(/m);
    const [, first] = scoreInFreshProcess(dir, `${BASE}.js`, [{}]);
    expect((first as { outcome: string }).outcome).toBe('invalid');
  });
});

describe('the .d.ts, checked with tsc', () => {
  const consumer = (level: string): string => `import { evaluate, rubric, type Result, type Subject } from './${BASE}.js';
const subject: Subject = {
  id: 'BJ-1', checkpoint_24h: ${JSON.stringify(level)}, four_piece_check_rate: 1, checkpoint_facilities_ok: true,
  service_staff_access: 'full', checkpoint_disinfection_ok: true, guard_protection_ok: true, ledger_update_rate: 1,
  quarantine_management: 'partial', publicity: 'none', garbage_sorting_rate: 0.5, public_disinfection_ok: true,
  property_management: 'full', party_coordination_ok: true, emergency_system: 'full',
  checkpoint_reported_by_city_or_media: false, case_with_management_lapse: false, hotline_bad_count: 0, district_risk: 'low',
};
const result: Result = evaluate(subject, { asOf: '2022-06-20', explain: true });
const total: number | null = result.total;
const points: number | undefined = result.indicators.four_piece_check;
const outcome: 'pass' | 'fail' | 'vetoed' | 'invalid' = result.outcome;
const id: 'beijing-epidemic-free-community' = rubric.id;
export { total, points, outcome, id };
`;

  it('accepts a consumer that uses the module as typed, and rejects a level name that is not one of the fact’s', () => {
    const dir = workdir({
      'package.json': '{"type":"module"}',
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: [], skipLibCheck: false }, files: ['good.ts', 'bad.ts'] }),
      'good.ts': consumer('full'),
      'bad.ts': consumer('fulll'),
    });
    expect(rubric(['compile', BEIJING, '--target', 'all', '--out', dir]).status).toBe(0);
    const r = spawnSync(TSC, ['--noEmit', '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status).not.toBe(0);
    // The one error is the wrong level, in bad.ts; good.ts and the .d.ts itself are clean.
    expect(out).toMatch(/^bad\.ts\(3,\d+\): error TS\d+: Type '"fulll"' is not assignable to type '("full"|"partial"|"none"|[ |])+'\. Did you mean '"full"'\?$/m);
    expect(out.trim().split('\n')).toHaveLength(1);
  });
});

describe('rubric compile: bad usage and bad rubrics', () => {
  it('needs --out', () => {
    const r = rubric(['compile', BEIJING]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/required option '--out <dir>'/);
  });

  it('knows its targets', () => {
    const r = rubric(['compile', BEIJING, '--target', 'wasm', '--out', workdir()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are js, schema, types, all/);
  });

  it('refuses --validate for targets without a module, and a --name that is not a plain file name', () => {
    const dir = workdir();
    const v = rubric(['compile', BEIJING, '--target', 'types', '--validate', '--out', dir]);
    expect(v.status).toBe(2);
    expect(v.stderr).toContain('--validate applies to the JavaScript module');
    const n = rubric(['compile', BEIJING, '--name', '../evil', '--out', dir]);
    expect(n.status).toBe(2);
    expect(n.stderr).toContain('--name must be a plain file name');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a rubric that cannot be read or has errors, and writes nothing', () => {
    const dir = workdir({ 'tiny.yaml': TINY_RUBRIC, 'broken.yaml': BROKEN_RUBRIC });
    const missing = rubric(['compile', 'nope.yaml', '--out', 'out'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml.*cannot read/);
    const broken = rubric(['compile', 'broken.yaml', '--out', 'out'], { cwd: dir });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/broken\.yaml:9:\d+ error/);
    expect(broken.stderr).toContain('nothing was written');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(rubric(['compile', 'tiny.yaml', '--out', 'out'], { cwd: dir }).status).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['tiny.d.ts', 'tiny.js', 'tiny.result.schema.json', 'tiny.subject.schema.json']);
  });

  it('reports an --out that is a file, without a stack trace', () => {
    const dir = workdir({ 'file.txt': 'x' });
    const r = rubric(['compile', BEIJING, '--out', 'file.txt'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: cannot write to file.txt: it is not a folder\n');
  });
});
