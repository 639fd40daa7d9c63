/** `rubric eval DIR --as-of DATE`: the version in force on the date, and clear errors when there is none. */
import { afterAll, describe, expect, it } from 'vitest';
import { TINY_RUBRIC, VALID_JSON, jsonLines, rubric, workdir, removeWorkdirs } from '../cli/helpers.js';

afterAll(removeWorkdirs);

const DIR = 'rubrics/beijing-epidemic-free-community';

function version(v: string, from: string, until?: string, replaces?: string): string {
  let text = TINY_RUBRIC.replace('version: "1"', `version: "${v}"`).replace('effective:\n  from: 2022-01-01\n  until: 2022-12-31\n', `effective:\n  from: ${from}\n${until ? `  until: ${until}\n` : ''}`);
  if (replaces) text = text.replace('total: 20\n', `replaces:\n  version: "${replaces}"\n  mapping: []\ntotal: 20\n`);
  return text;
}

describe('rubric eval DIR', () => {
  it('uses the Beijing version in force on each date', () => {
    for (const [date, v] of [
      ['2022-05-25', '2022-05'],
      ['2022-06-13', '2022-05'],
      ['2022-06-20', '2022-06'],
      ['2022-07-01', '2022-07'],
    ]) {
      const r = rubric(['eval', DIR, '--data', `${DIR}/sample.jsonl`, '--as-of', date!, '--format', 'jsonl']);
      expect(r.status, r.stderr).toBe(1); // the sample holds invalid records
      expect(r.stderr).not.toContain('error');
      const results = jsonLines(r.stdout);
      expect(results).toHaveLength(62);
      expect(new Set(results.map((x) => (x['rubric'] as { version: string }).version))).toEqual(new Set([v]));
    }
  });

  it('exit 2 with the versions and their periods when none is in force', () => {
    const r = rubric(['eval', DIR, '--data', `${DIR}/sample.jsonl`, '--as-of', '2022-05-01']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: no version of beijing-epidemic-free-community is in force on 2022-05-01: the first, 2022-05, takes effect on 2022-05-25\n' +
        '(the versions in rubrics/beijing-epidemic-free-community: 2022-05 (2022-05-25 … 2022-06-13), 2022-06 (2022-06-14 … 2022-06-30), 2022-07 (2022-07-01 … open-ended))\n',
    );
    const after = workdir({ 'a.yaml': version('1', '2022-01-01', '2022-06-30'), 'data.json': VALID_JSON });
    const late = rubric(['eval', '.', '--data', 'data.json', '--as-of', '2023-01-01'], { cwd: after });
    expect(late.status).toBe(2);
    expect(late.stderr).toContain('error: no version of tiny is in force on 2023-01-01: the last, 1, ended on 2022-06-30\n');
  });

  it('exit 2 for a folder whose versions overlap, with the located diagnostic and its source line', () => {
    const cwd = workdir({ 'a.yaml': version('1', '2022-01-01'), 'b.yaml': version('2', '2022-07-01', undefined, '1'), 'data.json': VALID_JSON });
    const r = rubric(['eval', '.', '--data', 'data.json', '--as-of', '2022-08-01'], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('b.yaml:5:9 error versions/overlap: versions 1 and 2 overlap: 1 has no end date, and 2 takes effect on 2022-07-01\n');
    expect(r.stderr).toContain('  hint: end 1 (a.yaml) on 2022-06-30 with `until: 2022-06-30`; both ends of a period are included\n');
    expect(r.stderr).toContain('  5 |   from: 2022-07-01\n');
    expect(r.stderr).toContain('error: the rubric folder . has 1 error; nothing was evaluated\n');
  });

  it('shows warnings of the folder and evaluates', () => {
    const cwd = workdir({ 'a.yaml': version('1', '2022-01-01', '2022-06-30'), 'b.yaml': version('2', '2022-07-01'), 'data.json': VALID_JSON });
    const r = rubric(['eval', '.', '--data', 'data.json', '--as-of', '2022-08-01', '--format', 'jsonl'], { cwd });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning versions/missing-replaces');
    expect(jsonLines(r.stdout).map((x) => (x['rubric'] as { version: string }).version)).toEqual(['2', '2', '2']);
  });

  it('a file argument still works as before, with a note outside its period', () => {
    const r = rubric(['eval', `${DIR}/2022-06.yaml`, '--data', `${DIR}/sample.jsonl`, '--as-of', '2022-07-05', '--format', 'jsonl']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("note: as of 2022-07-05 is outside the rubric's effective period 2022-06-14 … 2022-06-30\n");
  });
});

describe('rubric check DIR', () => {
  it('checks every rubric file of the Beijing folder and the versions against each other', () => {
    const r = rubric(['check', DIR]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('4 files checked: 0 errors, 0 warnings\n');
    const json = rubric(['check', DIR, '--format', 'json']);
    const reports = JSON.parse(json.stdout) as { file: string; ok: boolean }[];
    expect(reports.map((x) => x.file)).toEqual(['2022-05.yaml', '2022-06.rubric', '2022-06.yaml', '2022-07.yaml'].map((f) => `${DIR}/${f}`));
    expect(reports.every((x) => x.ok)).toBe(true);
  });

  it('reports problems between versions in the file they concern, with the file checks', () => {
    const cwd = workdir({ 'v1.yaml': version('1', '2022-01-01', '2022-06-30'), 'v2.yaml': version('2', '2022-06-15', undefined, '1') });
    const r = rubric(['check', '.'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^v2\.yaml:\d+:\d+ error versions\/overlap: /m);
    expect(r.stderr).toContain('2 files checked: 1 error');
    const json = JSON.parse(rubric(['check', '.', '--format', 'json'], { cwd }).stdout) as { file: string; ok: boolean; diagnostics: { code: string }[] }[];
    expect(json.map((x) => [x.file, x.ok, x.diagnostics.map((d) => d.code)])).toEqual([
      ['v1.yaml', true, []],
      ['v2.yaml', false, ['versions/overlap']],
    ]);
  });

  it('says so for a folder without rubric files (exit 1) and one that cannot be read (exit 2)', () => {
    const cwd = workdir({ 'notes.txt': 'hello' });
    const empty = rubric(['check', '.'], { cwd });
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain('error versions/empty: the folder holds no rubric file');
    const missing = rubric(['check', 'no-such-folder'], { cwd });
    expect(missing.status).toBe(2);
  });
});
