/**
 * `rubric tui` as a command: usage errors (through the built CLI, where no terminal is
 * attached), and the services it builds (rubric folders, reading data, watching files).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type Io } from '@rubric/cli';
import { loadRubric } from '@rubric/rubric';
import { loadVersionAt, rubricFilesOf, tuiServices, versionsOf, watchFiles } from '../../packages/cli/src/commands/tui.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/dist/bin.js');
const BEIJING = 'rubrics/beijing-epidemic-free-community';

const dirs: string[] = [];
/** A temporary folder, removed after the tests. */
function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `rubric-tui-${name}-`));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', input: '' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** An Io that claims a terminal, to reach the checks made before the TUI starts. */
function terminalIo(cwd: string): { io: Io; err: () => string } {
  let err = '';
  const stream = { write: (s: string) => ((err += s), true), once: () => undefined };
  return { io: { stdout: stream, stderr: stream, stdin: { isTTY: true } as never, isTTY: true, cwd }, err: () => err };
}

describe('rubric tui: usage', () => {
  it('needs a terminal, and says what to use instead', () => {
    const r = run(['tui', `${BEIJING}/2022-06.yaml`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('rubric tui needs an interactive terminal');
    expect(r.stderr).toContain('rubric eval RUBRIC --data FILE');
  });

  it('rejects a bad date, --data -, and a data file of unknown format', () => {
    expect(run(['tui', 'x.yaml', '--as-of', '2022-02-30']).stderr).toContain('--as-of must be a date written YYYY-MM-DD');
    const dash = run(['tui', 'x.yaml', '--data', '-']);
    expect(dash.status).toBe(2);
    expect(dash.stderr).toContain('--data - is not possible');
    expect(run(['tui', 'x.yaml', '--data', 'subjects.txt']).stderr).toContain('cannot tell the format of the data file');
  });

  it('is listed with help, keys and exit codes', () => {
    const r = run(['tui', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: rubric tui [options] <rubric...>');
    expect(r.stdout).toContain('Press ? for every key');
    expect(run(['--help']).stdout).toMatch(/tui \[options\] <rubric\.\.\.>\s+explore rubric versions/);
  });

  it('says when the data file cannot be read, or a folder holds no rubric, before starting', async () => {
    const dir = tempDir('cli');
    mkdirSync(join(dir, 'empty'));
    copyFileSync(join(ROOT, BEIJING, '2022-06.yaml'), join(dir, 'r.yaml'));
    const a = terminalIo(dir);
    expect(await main(['tui', 'r.yaml', '--data', 'missing.csv'], a.io)).toBe(2);
    expect(a.err()).toBe('error: cannot read the data file missing.csv: no such file\n');
    const b = terminalIo(dir);
    expect(await main(['tui', 'empty'], b.io)).toBe(2);
    expect(b.err()).toContain('error: the folder empty holds no rubric file');
  });
});

describe('rubric tui: services', () => {
  it('a folder stands for its versions in the order they come into force; the data file is not one', async () => {
    // One file per version: a YAML file and its DSL twin count once.
    const files = await rubricFilesOf([BEIJING], ROOT, `${BEIJING}/sample.csv`);
    expect(files).toHaveLength(3);
    files.forEach((f, i) => expect(f).toMatch(new RegExp(`^${BEIJING}/2022-0${i + 5}\\.(yaml|rubric)$`)));
    expect(await rubricFilesOf([`${BEIJING}/2022-06.yaml`, `${BEIJING}/2022-06.yaml`], ROOT)).toEqual([`${BEIJING}/2022-06.yaml`]);
    await expect(rubricFilesOf([join(ROOT, 'docs')], ROOT)).rejects.toThrow(/holds no rubric file/);
  });

  it('a file with errors in a folder comes after the versions that load, to be fixed live', async () => {
    const dir = tempDir('folder');
    copyFileSync(join(ROOT, BEIJING, '2022-06.yaml'), join(dir, 'b.yaml'));
    writeFileSync(join(dir, 'a.yaml'), 'rubric: broken\nversion: "0"\n');
    expect(await rubricFilesOf(['.'], dir)).toEqual(['b.yaml', 'a.yaml']);
  });

  it('a version with a twin (the same rubric in another file) is shown once and read from the file saved last', async () => {
    const dir = tempDir('twins');
    copyFileSync(join(ROOT, BEIJING, '2022-06.yaml'), join(dir, 'r.yaml'));
    const ir = (await loadRubric(join(dir, 'r.yaml'))).rubric!;
    writeFileSync(join(dir, 'r.json'), JSON.stringify(ir));
    const versions = await versionsOf(['.'], dir);
    expect(versions).toHaveLength(1);
    const [v] = versions;
    expect([v!.file, ...v!.twins].sort()).toEqual(['r.json', 'r.yaml']);
    const twin = v!.twins[0]!;
    const services = tuiServices(versions, { watch: true }, dir);
    const changed: string[] = [];
    const stop = services.watch!((f, saved) => changed.push(`${f} ${saved}`));
    writeFileSync(join(dir, twin), twin.endsWith('.json') ? JSON.stringify({ ...ir, title: 'edited' }) : readFileSync(join(dir, twin), 'utf8').replace(/^title: .*$/m, 'title: edited'));
    for (let i = 0; i < 400 && changed.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    stop();
    expect(changed).toEqual([`${v!.file} ${twin}`]);
    const reloaded = await services.loadVersion(v!.file);
    expect(reloaded.file).toBe(twin);
    expect(reloaded.rubric?.title).toBe('edited');
  });

  it('loads and compiles a version, or gives its diagnostics under the name as typed', async () => {
    const good = await loadVersionAt(`${BEIJING}/2022-06.yaml`, ROOT);
    expect(good.compiled?.hash).toMatch(/^sha256:/);
    const missing = await loadVersionAt('nope.yaml', ROOT);
    expect(missing.compiled).toBeUndefined();
    expect(missing.diagnostics[0]).toMatchObject({ code: 'io/unreadable', file: 'nope.yaml' });
  });

  it('reads the dataset typed by each version, and reports one that cannot be read', async () => {
    const s = tuiServices([`${BEIJING}/2022-06.yaml`], { data: `${BEIJING}/sample.csv`, watch: false }, ROOT);
    const v = await s.loadVersion(`${BEIJING}/2022-06.yaml`);
    const recs = [];
    for await (const r of s.readRecords!(v.rubric!)) recs.push(r);
    expect(recs).toHaveLength(67);
    expect(recs[0]).toMatchObject({ index: 1, line: 2, record: { id: 'BJ-DC-001', four_piece_check_rate: 1, checkpoint_facilities_ok: true } });
    expect(s.watch).toBeUndefined();
    const bad = tuiServices([`${BEIJING}/2022-06.yaml`], { data: 'nope.csv', watch: true }, ROOT);
    await expect(async () => {
      for await (const _ of bad.readRecords!(v.rubric!)) void _;
    }).rejects.toThrow('cannot read the data file nope.csv: no such file');
    expect(bad.watch).toBeTypeOf('function');
  });

  it('watches a file through its folder (an editor’s save by rename too), once per save', async () => {
    const dir = tempDir('watch');
    writeFileSync(join(dir, 'r.yaml'), 'a');
    writeFileSync(join(dir, 'other.yaml'), 'a');
    const seen: string[] = [];
    const stop = watchFiles(['r.yaml'], dir, (name) => seen.push(name), 30);
    writeFileSync(join(dir, 'other.yaml'), 'b');
    writeFileSync(join(dir, 'r.yaml'), 'b');
    writeFileSync(join(dir, 'r.yaml'), 'c');
    for (let i = 0; i < 400 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual(['r.yaml']);
    writeFileSync(join(dir, 'r.yaml.tmp'), 'd');
    spawnSync('mv', [join(dir, 'r.yaml.tmp'), join(dir, 'r.yaml')]);
    for (let i = 0; i < 400 && seen.length === 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual(['r.yaml', 'r.yaml']);
    stop();
  });
});
