/**
 * `rubric tui` end to end, in a real pseudo-terminal (tmux, 80×24): the built CLI on copies
 * of the Beijing versions and sample data in a temporary folder. Types keys, reads the
 * screen, edits the rubric file on disk and sees the change, breaks it and sees the
 * diagnostic, and quits.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { obtainTmux, Tmux } from './tmux.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/dist/bin.js');
const BEIJING = join(ROOT, 'rubrics/beijing-epidemic-free-community');

const tmux = obtainTmux();
if (!tmux.ok) console.warn(`SKIPPED: the TUI's end-to-end tests need tmux: ${tmux.why}`);

describe.skipIf(!tmux.ok)('rubric tui in a terminal (tmux, 80×24)', () => {
  let dir: string;
  let term: Tmux;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rubric-tui-e2e-'));
    copyFileSync(join(BEIJING, '2022-06.yaml'), join(dir, '2022-06.yaml'));
    copyFileSync(join(BEIJING, '2022-07.yaml'), join(dir, '2022-07.yaml'));
    copyFileSync(join(BEIJING, 'sample.csv'), join(dir, 'sample.csv'));
    term = new Tmux('e2e');
    term.start([process.execPath, BIN, 'tui', '2022-06.yaml', '2022-07.yaml', '--data', 'sample.csv'], { cwd: dir });
  });

  afterAll(() => {
    term?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens on the last version with the subjects table', async () => {
    const screen = await term.waitFor((s) => s.includes('✓ pass 34'), 'the 2022-07 results');
    expect(screen).toContain('beijing-epidemic-free-community 2022-07 · sha256:');
    expect(screen).toContain('as of 2022-07-01');
    expect(screen).toMatch(/▸ BJ-DC-001\s+✓ pass\s+100\s+80/);
    expect(screen).toContain('? help');
    expect(screen.split('\n').length).toBeLessThanOrEqual(24);
  }, 90_000);

  it('switches version, moves, opens a subject and comes back', async () => {
    term.keys('[');
    await term.waitFor((s) => s.includes('2022-06 · sha256:') && s.includes('✓ pass 29'), 'version 2022-06');
    term.keys('j', 'j', 'j');
    await term.waitFor((s) => /▸ BJ-XC-001/.test(s), 'the cursor on BJ-XC-001');
    term.keys('Enter');
    const detail = await term.waitFor((s) => s.includes('BJ-XC-001 · 2022-06 · ✗ fail · total 84.5'), 'the detail of BJ-XC-001');
    expect(detail).toContain('needs 0.5 more points');
    expect(detail).toMatch(/严格落实"四件套"查验措施\s+9\.5\/10/);
    term.keys('Escape');
    await term.waitFor((s) => /▸ BJ-XC-001/.test(s) && s.includes('✓ pass 29'), 'the table again');
  }, 90_000);

  it('what-if: - lowers the pass mark by 0.5 and BJ-XC-001 passes', async () => {
    term.keys('-');
    const screen = await term.waitFor((s) => s.includes('pass mark 85 → 84.5 (what-if -0.5)'), 'the what-if pass mark');
    expect(screen).toContain('✓ pass 32'); // BJ-XC-001 (84.5), BJ-CY-002 (79.5 at 80), BJ-FT-101 (the same)
    expect(screen).toMatch(/BJ-XC-001\s+✓ pass\*\s+84\.5\s+84\.5/);
    term.keys('0');
    await term.waitFor((s) => s.includes('pass mark 85 (+1 override)'), 'the pass mark back');
  }, 90_000);

  it('compares the versions, flips first, with a summary and the semantic diff', async () => {
    term.keys('c');
    const screen = await term.waitFor((s) => s.includes('compare  A 2022-06'), 'the compare screen');
    expect(screen).toMatch(/\d+ of 67 flip: ✗ fail → ✓ pass \d+/);
    term.keys('Tab');
    const changes = await term.waitFor((s) => s.includes('what changed from A to B'), 'the changes pane');
    expect(changes).toContain('beijing-epidemic-free-community: 2022-06 → 2022-07');
    term.keys('Escape');
    await term.waitFor((s) => s.includes('what changed') === false && s.includes('reason (B)'), 'the subjects pane');
    term.keys('Escape');
    await term.waitFor((s) => s.includes('2022-06 · sha256:'), 'the subjects screen');
  }, 90_000);

  it('live reload: an edit to the rubric file on disk is evaluated and shown', async () => {
    const file = join(dir, '2022-06.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('    value: 85\n');
    writeFileSync(file, text.replace('    value: 85\n', '    value: 84.5\n'));
    const screen = await term.waitFor((s) => s.includes('pass mark 84.5 (+1 override)'), 'the edited pass mark');
    expect(screen).toContain('2022-06 re-evaluated: 67 subjects');
    expect(screen).toMatch(/BJ-XC-001\s+✓ pass\s+84\.5\s+84\.5/);
  }, 90_000);

  it('live reload: a broken edit shows file:line:col, message and hint, and keeps the last good results', async () => {
    const file = join(dir, '2022-06.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('pass_mark: pass_mark', 'pass_mark: pass_mrak'));
    const screen = await term.waitFor((s) => s.includes('2022-06.yaml has'), 'the diagnostic');
    expect(screen).toMatch(/✖ 2022-06\.yaml has 1 error; showing the last good results/);
    expect(screen).toMatch(/2022-06\.yaml:\d+:\d+ [\w-]+\/[\w-]+: /);
    expect(screen).toContain('hint: ');
    expect(screen).toContain('pass mark 84.5 (+1 override)');
    writeFileSync(file, text);
    await term.waitFor((s) => !s.includes('2022-06.yaml has') && s.includes('pass mark 84.5'), 'the fixed rubric');
  }, 90_000);

  it('shows the help and quits with q', async () => {
    term.keys('?');
    await term.waitFor((s) => s.includes('what-if: raise / lower the pass mark by 0.5'), 'the help');
    term.keys('q');
    await term.waitFor(() => term.dead(), 'the program ending');
  }, 90_000);
});
