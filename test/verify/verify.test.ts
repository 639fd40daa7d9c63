/**
 * Results that can be audited later: `rubric eval --record-facts` records each subject's data,
 * and `rubric verify` recomputes the results from it and reports those that no longer match.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RESULT_SCHEMA, compileRubric, loadRubric, verifyResult } from '@rubric/rubric';
import { DATA_CSV, ROOT, TINY_RUBRIC, jsonLines, rubric, workdir, removeWorkdirs } from '../cli/helpers.js';

afterAll(removeWorkdirs);

const DIR = 'rubrics/beijing-epidemic-free-community';
const Ajv = createRequire(new URL('../../packages/engine/package.json', import.meta.url))('ajv') as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };

describe('rubric eval --record-facts', () => {
  it('puts each subject’s data in its result, valid against the published result schema', () => {
    const r = rubric(['eval', DIR, '--data', `${DIR}/sample.csv`, '--as-of', '2022-06-20', '--format', 'jsonl', '--record-facts']);
    expect(r.status).toBe(1); // invalid records in the sample
    const results = jsonLines(r.stdout);
    expect(results).toHaveLength(67);
    expect(results[0]!['subject']).toEqual({
      id: 'BJ-DC-001', checkpoint_24h: 'full', four_piece_check_rate: 1, checkpoint_facilities_ok: true, service_staff_access: 'full', checkpoint_disinfection_ok: true, guard_protection_ok: true,
      ledger_update_rate: 1, quarantine_management: 'full', publicity: 'full', garbage_sorting_rate: 1, public_disinfection_ok: true, property_management: 'full', party_coordination_ok: true, emergency_system: 'full',
      checkpoint_reported_by_city_or_media: false, case_with_management_lapse: false, hotline_bad_count: 0, district_risk: 'medium',
    });
    const validate = new Ajv({ allErrors: true, strict: false }).compile(RESULT_SCHEMA);
    for (const x of results) expect(validate(x), JSON.stringify(validate.errors)).toBe(true);
    // A malformed CSV row has no data to record.
    expect(results.filter((x) => x['subject'] === undefined).map((x) => x['id'])).toEqual(['BJ-PG-003']);
  });

  it('is the same with --jobs 2', () => {
    const one = rubric(['eval', DIR, '--data', `${DIR}/sample.jsonl`, '--as-of', '2022-06-20', '--format', 'jsonl', '--record-facts']);
    const two = rubric(['eval', DIR, '--data', `${DIR}/sample.jsonl`, '--as-of', '2022-06-20', '--format', 'jsonl', '--record-facts', '--jobs', '2']);
    expect(two.stdout).toBe(one.stdout);
    expect(jsonLines(two.stdout).filter((x) => x['subject'] !== undefined)).toHaveLength(61);
  });

  it('needs --format json or jsonl (exit 2)', () => {
    const r = rubric(['eval', DIR, '--data', `${DIR}/sample.csv`, '--as-of', '2022-06-20', '--record-facts']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--record-facts needs --format json or jsonl');
  });
});

describe('rubric verify', () => {
  it('recomputes every recorded result: all match against the folder (exit 0)', () => {
    const cwd = workdir();
    const out = join(cwd, 'results.json');
    expect(rubric(['eval', DIR, '--data', `${DIR}/sample.csv`, '--as-of', '2022-06-20', '--format', 'json', '--record-facts', '--out', out]).status).toBe(1);
    const r = rubric(['verify', out, DIR]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toBe('67 results: 66 match, 0 do not match, 0 cannot be recomputed, 1 skipped (unreadable records)\n');
    const j = rubric(['verify', out, DIR, '--format', 'json']);
    expect(JSON.parse(j.stdout)).toMatchObject({ format: 'rubric-verify/1', ok: true, counts: { match: 66, mismatch: 0, unverifiable: 0, skipped: 1 } });
  });

  it('reports results that no longer match a changed rubric, field by field (exit 1)', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC, 'data.csv': DATA_CSV });
    expect(rubric(['eval', 'tiny.yaml', '--data', 'data.csv', '--as-of', '2022-06-20', '--format', 'jsonl', '--record-facts', '--out', 'results.jsonl'], { cwd }).status).toBe(1);
    writeFileSync(join(cwd, 'tiny.yaml'), TINY_RUBRIC.replace('{ when: level is partial, score: 5 }', '{ when: level is partial, score: 6 }'));
    const r = rubric(['verify', 'results.jsonl', 'tiny.yaml'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ c2 (result 2, version 1)\n    total: recorded 10, recomputed 11\n    indicators.level_points: recorded 5, recomputed 6\n    sections.s1: recorded 10, recomputed 11\n');
    expect(r.stdout).toContain('rubric content hash recorded sha256:');
    expect(r.stdout).toContain("note: 3 results of version 1: sha256:");
    // c3 is a ragged CSV row (no facts: skipped); c4 has a cell that is not a number (its facts are recorded; still invalid).
    expect(r.stdout).toContain('5 results: 3 match, 1 do not match, 0 cannot be recomputed, 1 skipped (unreadable records)\n');
  });

  it('reports results whose recorded facts were changed (exit 1)', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC, 'data.csv': DATA_CSV });
    rubric(['eval', 'tiny.yaml', '--data', 'data.csv', '--as-of', '2022-06-20', '--format', 'jsonl', '--record-facts', '--out', 'results.jsonl'], { cwd });
    const file = join(cwd, 'results.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"subject":{"id":"c1","rate":1', '"subject":{"id":"c1","rate":0'));
    const r = rubric(['verify', 'results.jsonl', 'tiny.yaml', '--format', 'json'], { cwd });
    expect(r.status).toBe(1);
    const first = JSON.parse(r.stdout).results[0];
    expect(first).toMatchObject({ id: 'c1', status: 'mismatch' });
    expect(first.differences).toContainEqual({ field: 'outcome', recorded: 'pass', recomputed: 'fail' });
    expect(first.hash).toBeUndefined();
  });

  it('a reworded rubric that gives the same results matches, with a note naming both hashes', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC, 'data.csv': DATA_CSV });
    rubric(['eval', 'tiny.yaml', '--data', 'data.csv', '--as-of', '2022-06-20', '--format', 'jsonl', '--record-facts', '--out', 'results.jsonl'], { cwd });
    writeFileSync(join(cwd, 'tiny.yaml'), TINY_RUBRIC.replace('title: 小测试量表', 'title: 小测试量表（修订）'));
    const r = rubric(['verify', 'results.jsonl', 'tiny.yaml'], { cwd });
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^note: 4 results of version 1: sha256:[0-9a-f]{12} → sha256:[0-9a-f]{12} come out the same, although the rubric's content hash differs from the recorded one \(the rubric file changed without changing these results\)\n/);
  });

  it('results without recorded facts, a version not in the folder, a line that is not JSON: cannot be recomputed (exit 1)', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC, 'data.csv': DATA_CSV });
    rubric(['eval', 'tiny.yaml', '--data', 'data.csv', '--as-of', '2022-06-20', '--format', 'jsonl', '--out', 'plain.jsonl'], { cwd });
    const plain = rubric(['verify', 'plain.jsonl', 'tiny.yaml'], { cwd });
    expect(plain.status).toBe(1);
    expect(plain.stdout).toContain('? c1 (result 1, version 1): no recorded facts: evaluate with `rubric eval --record-facts` to make results verifiable\n');

    const june = rubric(['eval', `${DIR}/2022-06.yaml`, '--data', `${DIR}/sample.jsonl`, '--as-of', '2022-06-20', '--format', 'jsonl', '--record-facts']);
    const lines = june.stdout.split('\n').filter((l) => l !== '');
    const file = join(cwd, 'mixed.jsonl');
    writeFileSync(file, [lines[0]!.replace('"version":"2022-06"', '"version":"2022-04"'), '{oops', lines[1]].join('\n') + '\n');
    const r = rubric(['verify', 'mixed.jsonl', join(ROOT, DIR), '--format', 'json'], { cwd });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.counts).toEqual({ match: 1, mismatch: 0, unverifiable: 2, skipped: 0 });
    expect(report.results[0].reason).toBe(`version 2022-04 is not in ${join(ROOT, DIR)} (it has 2022-05, 2022-06, 2022-07)`);
    expect(report.results[1].reason).toMatch(/^line 2: not valid JSON: /);
    const other = rubric(['verify', 'mixed.jsonl', 'tiny.yaml', '--format', 'json'], { cwd });
    expect(JSON.parse(other.stdout).results[2].reason).toBe('the result is for rubric beijing-epidemic-free-community, but tiny.yaml is tiny');
  });

  it('exit 2 for a results file that cannot be read, or a JSON file that is not an array', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC, 'obj.json': '{"a": 1}', 'bad.json': '[1,' });
    expect(rubric(['verify', 'missing.jsonl', 'tiny.yaml'], { cwd }).stderr).toContain('error: cannot read the results file missing.jsonl: no such file');
    const obj = rubric(['verify', 'obj.json', 'tiny.yaml'], { cwd });
    expect(obj.status).toBe(2);
    expect(obj.stderr).toContain('obj.json is not a JSON array of results');
    expect(rubric(['verify', 'bad.json', 'tiny.yaml'], { cwd }).stderr).toContain('bad.json is not valid JSON');
    const noRubric = rubric(['verify', 'obj.json', 'nope.yaml'], { cwd });
    expect(noRubric.status).toBe(2);
  });
});

describe('verifyResult (library)', () => {
  it('anything that is not a result is unverifiable, never a crash', async () => {
    const compiled = compileRubric((await loadRubric(`${DIR}/2022-06.yaml`)).rubric!);
    for (const bad of [null, 1, 'x', [], {}, { format: 'rubric-result/1' }, { format: 'rubric-result/1', rubric: { id: 1 }, asOf: '2022-06-20' }]) {
      expect(verifyResult(bad, 1, () => compiled).status).toBe('unverifiable');
    }
  });
});
