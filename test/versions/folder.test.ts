/**
 * Rubric folders through the library: which files are rubrics, version order, the checks
 * between versions (each located in the file it concerns), and the version in force on a date.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRubricFolder, versionAsOf, type RubricFolder } from '@rubric/rubric';
import { TINY_RUBRIC } from '../cli/helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rubric-versions-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The tiny rubric as a version with a period and, optionally, what it replaces. */
function version(v: string, from: string, until?: string, replaces?: string): string {
  let text = TINY_RUBRIC.replace('version: "1"', `version: "${v}"`).replace('effective:\n  from: 2022-01-01\n  until: 2022-12-31\n', `effective:\n  from: ${from}\n${until ? `  until: ${until}\n` : ''}`);
  if (replaces) text = text.replace('total: 20\n', `replaces:\n  version: "${replaces}"\n  mapping: []\ntotal: 20\n`);
  return text;
}

function codes(f: RubricFolder): string[] {
  return f.diagnostics.map((d) => `${d.file.split('/').pop()}:${d.span.start.line}:${d.span.start.column} ${d.severity} ${d.code}`);
}

describe('the Beijing folder', () => {
  it('holds three versions in date order, with test files and no problems', async () => {
    const f = await loadRubricFolder('rubrics/beijing-epidemic-free-community');
    expect(f.diagnostics).toEqual([]);
    expect(f.files.flatMap((x) => x.diagnostics)).toEqual([]);
    expect(f.id).toBe('beijing-epidemic-free-community');
    expect(f.versions.map((v) => [v.rubric.version, v.rubric.effective.from, v.rubric.effective.until ?? null])).toEqual([
      ['2022-05', '2022-05-25', '2022-06-13'],
      ['2022-06', '2022-06-14', '2022-06-30'],
      ['2022-07', '2022-07-01', null],
    ]);
    expect(f.testFiles.map((x) => x.split('/').pop())).toEqual(['2022-05.test.yaml', '2022-06.test.yaml', '2022-07.test.yaml', 'across-versions.test.yaml']);
    expect(f.versions[0]!.rubric.sections.flatMap((s) => s.indicators)).toHaveLength(20);
    expect(f.versions[0]!.rubric.sections).toHaveLength(7);
    expect(f.versions[1]!.rubric.sections.flatMap((s) => s.indicators)).toHaveLength(14);
  });

  it('gives the version in force on a date, and says why none is', async () => {
    const { versions } = await loadRubricFolder('rubrics/beijing-epidemic-free-community');
    const at = (d: string) => versionAsOf(versions, d);
    expect(at('2022-05-25').version?.rubric.version).toBe('2022-05');
    expect(at('2022-06-13').version?.rubric.version).toBe('2022-05');
    expect(at('2022-06-14').version?.rubric.version).toBe('2022-06');
    expect(at('2022-06-30').version?.rubric.version).toBe('2022-06');
    expect(at('2022-07-01').version?.rubric.version).toBe('2022-07');
    expect(at('2031-01-01').version?.rubric.version).toBe('2022-07');
    expect(at('2022-05-24')).toEqual({ problem: 'no version of beijing-epidemic-free-community is in force on 2022-05-24: the first, 2022-05, takes effect on 2022-05-25' });
  });
});

describe('which files of a folder are rubrics', () => {
  it('reads rubric YAML and IR JSON; skips data YAML/JSON (listed), test files and other files', async () => {
    const ir = { format: 'rubric-ir/1' };
    const dir = folder({
      'v1.yaml': version('1', '2022-01-01', '2022-06-30'),
      'data.yaml': '- { id: c1, rate: 1 }\n',
      'data.json': '[{"id": "c1"}]',
      'notes.md': '# notes',
      'x.test.yaml': 'tests: []\n',
      '.hidden.yaml': 'rubric: hidden\n',
      'v2.json': JSON.stringify(ir),
    });
    const f = await loadRubricFolder(dir);
    expect(f.files.map((x) => x.file.split('/').pop())).toEqual(['v1.yaml', 'v2.json']);
    expect(f.skipped.map((x) => x.file.split('/').pop())).toEqual(['data.json', 'data.yaml']);
    expect(f.skipped[1]!.reason).toContain('no top-level `rubric:` key');
    expect(f.testFiles.map((x) => x.split('/').pop())).toEqual(['x.test.yaml']);
    // The IR JSON breaks the schema: its own diagnostics say so, and it is no version.
    expect(f.files[1]!.diagnostics[0]?.code).toBe('ir/schema');
    expect(f.versions.map((v) => v.rubric.version)).toEqual(['1']);
  });

  it('reports an empty folder and an unreadable one', async () => {
    expect(codes(await loadRubricFolder(folder({ 'README.md': 'x' })))).toEqual([expect.stringMatching(/1:1 error versions\/empty$/)]);
    const missing = await loadRubricFolder(join(tmpdir(), 'no-such-rubric-folder'));
    expect(missing.diagnostics[0]?.code).toBe('io/unreadable');
  });
});

describe('checks between versions', () => {
  it('accepts consecutive periods and names the folder’s id', async () => {
    const f = await loadRubricFolder(folder({ 'a.yaml': version('1', '2022-01-01', '2022-06-30'), 'b.yaml': version('2', '2022-07-01', undefined, '1') }));
    expect(f.diagnostics).toEqual([]);
    expect(f.versions.map((v) => v.rubric.version)).toEqual(['1', '2']);
  });

  it('versions/overlap at the later version’s `from`, with the `until` to write', async () => {
    const f = await loadRubricFolder(folder({ 'a.yaml': version('1', '2022-01-01'), 'b.yaml': version('2', '2022-07-01', undefined, '1') }));
    expect(codes(f)).toEqual(['b.yaml:5:9 error versions/overlap']);
    expect(f.diagnostics[0]).toMatchObject({ message: 'versions 1 and 2 overlap: 1 has no end date, and 2 takes effect on 2022-07-01' });
    expect(f.diagnostics[0]!.hint).toContain('`until: 2022-06-30`');
    const g = await loadRubricFolder(folder({ 'a.yaml': version('1', '2022-01-01', '2022-07-01'), 'b.yaml': version('2', '2022-07-01', undefined, '1') }));
    expect(g.diagnostics[0]?.message).toBe('versions 1 and 2 overlap: 1 runs until 2022-07-01, and 2 takes effect on 2022-07-01');
  });

  it('versions/gap', async () => {
    const f = await loadRubricFolder(folder({ 'a.yaml': version('1', '2022-01-01', '2022-06-29'), 'b.yaml': version('2', '2022-07-01', undefined, '1') }));
    expect(codes(f)).toEqual(['b.yaml:5:9 error versions/gap']);
    expect(f.diagnostics[0]?.message).toBe('no version is in force from 2022-06-30 to 2022-06-30: 1 ends on 2022-06-29 and 2 takes effect on 2022-07-01');
  });

  it('versions/unknown-version and versions/unknown-indicator in `replaces`, located', async () => {
    const b = version('2', '2022-07-01', undefined, '0').replace('mapping: []', 'mapping:\n    - { from: [rate_point], to: [rate_points] }');
    const f = await loadRubricFolder(folder({ 'a.yaml': version('1', '2022-01-01', '2022-06-30'), 'b.yaml': b }));
    expect(codes(f)).toEqual(['b.yaml:7:12 error versions/unknown-version']);
    expect(f.diagnostics[0]!.hint).toBe('did you mean `1`?');
    const g = await loadRubricFolder(folder({ 'a.yaml': version('1', '2022-01-01', '2022-06-30'), 'b.yaml': b.replace('version: "0"', 'version: "1"') }));
    expect(codes(g)).toEqual(['b.yaml:9:16 error versions/unknown-indicator']);
    expect(g.diagnostics[0]).toMatchObject({ message: 'mapping 1 maps from indicator `rate_point`, which version 1 does not have', hint: 'did you mean `rate_points`?' });
  });

  it('versions/unmapped-indicator, versions/missing-replaces and versions/not-previous (warnings)', async () => {
    const renamed = (t: string) => t.replace(/rate_points/g, 'ratio_points');
    const f = await loadRubricFolder(folder({ 'a.yaml': version('1', '2022-01-01', '2022-06-30'), 'b.yaml': renamed(version('2', '2022-07-01', undefined, '1')) }));
    expect(codes(f)).toEqual(['b.yaml:8:3 warning versions/unmapped-indicator']);
    expect(f.diagnostics[0]!.message).toBe('indicator `rate_points` of 1 is neither kept (same id) nor mapped');
    const g = await loadRubricFolder(folder({ 'a.yaml': version('1', '2022-01-01', '2022-06-30'), 'b.yaml': version('2', '2022-07-01') }));
    expect(codes(g)).toEqual(['b.yaml:1:1 warning versions/missing-replaces']);
    const h = await loadRubricFolder(
      folder({ 'a.yaml': version('1', '2022-01-01', '2022-03-31'), 'b.yaml': version('2', '2022-04-01', '2022-06-30', '1'), 'c.yaml': version('3', '2022-07-01', undefined, '1') }),
    );
    expect(codes(h)).toEqual(['c.yaml:7:12 warning versions/not-previous']);
  });

  it('versions/mixed-ids and versions/duplicate; twins with the same content are one version', async () => {
    const f = await loadRubricFolder(folder({ 'a.yaml': version('1', '2022-01-01', '2022-06-30'), 'b.yaml': version('2', '2022-07-01', undefined, '1').replace('rubric: tiny', 'rubric: other') }));
    expect(codes(f)).toEqual(['b.yaml:1:9 error versions/mixed-ids']);
    const g = await loadRubricFolder(folder({ 'a.yaml': version('1', '2022-01-01'), 'b.yaml': version('1', '2022-01-01').replace('pass_mark: 15', 'pass_mark: 14') }));
    expect(codes(g)).toEqual(['b.yaml:3:10 error versions/duplicate']);
    const twin = version('1', '2022-01-01').replace('title: 小测试量表', '# a comment\ntitle: "小测试量表"');
    const h = await loadRubricFolder(folder({ 'a.yaml': version('1', '2022-01-01'), 'b.yaml': twin }));
    expect(h.diagnostics).toEqual([]);
    expect(h.versions).toHaveLength(1);
    expect(h.versions[0]!.twins.map((x) => x.split('/').pop())).toEqual(['b.yaml']);
  });

  it('files with errors keep their own diagnostics and are not versions', async () => {
    const f = await loadRubricFolder(folder({ 'a.yaml': version('1', '2022-01-01').replace('label: 比率', 'lable: 比率') }));
    expect(f.versions).toEqual([]);
    expect(f.files[0]!.diagnostics.map((d) => d.code)).toContain('yaml/unknown-key');
  });
});
