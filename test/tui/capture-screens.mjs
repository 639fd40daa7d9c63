#!/usr/bin/env node
// Captures each screen of `rubric tui` as text, for docs/tui.md: the built CLI on a copy of
// the Beijing versions and sample data, in tmux (80×24, and one wide capture), keys sent one
// at a time. Run after a build: `node test/tui/capture-screens.mjs > /tmp/screens.md`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const socket = `rubric-capture-${process.pid}`;
const tmux = (...args) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const screen = () =>
  tmux('capture-pane', '-p', '-t', 'main')
    .stdout.split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');

async function until(pred, what) {
  for (let i = 0; i < 1500; i++) {
    const s = screen();
    if (pred(s)) return s;
    await sleep(40);
  }
  const last = screen();
  tmux('kill-server');
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`never showed ${what}:\n${last}`);
}

const dir = mkdtempSync(join(tmpdir(), 'rubric-capture-'));
const beijing = join(dir, 'beijing-epidemic-free-community');
cpSync(join(root, 'rubrics/beijing-epidemic-free-community'), beijing, { recursive: true });

async function stop() {
  tmux('send-keys', '-t', 'main', 'q');
  for (let i = 0; i < 100 && tmux('has-session', '-t', 'main').status === 0; i++) {
    if (tmux('display-message', '-p', '-t', 'main', '#{pane_dead}').stdout.trim() !== '0') break;
    await sleep(50);
  }
  tmux('kill-server');
  for (let i = 0; i < 100 && tmux('has-session').status === 0; i++) await sleep(50);
}

function start(width, height) {
  const cmd = `exec env -u CI -u CONTINUOUS_INTEGRATION '${process.execPath}' '${join(root, 'packages/cli/dist/bin.js')}' tui beijing-epidemic-free-community --data beijing-epidemic-free-community/sample.csv`;
  tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'main', '-x', String(width), '-y', String(height), '-c', dir, cmd);
}

const shots = [];
const shot = (title, keys, s) => shots.push({ title, keys, text: s });
async function press(keys, pred, what) {
  for (const k of keys) {
    tmux('send-keys', '-t', 'main', k);
    await sleep(120);
  }
  return until(pred, what);
}

start(80, 24);
let s = await until((x) => x.includes('✓ pass 34'), 'the first results');
shot('Subjects: the newest version (2022-07) on the sample data', 'none (as opened)', s);
s = await press(['['], (x) => x.includes('2022-06 · sha256') && x.includes('✓ pass 29'), 'version 2022-06');
s = await press(['-'], (x) => x.includes('(what-if -0.5)'), 'the what-if');
shot('Subjects: version 2022-06, what-if pass mark −0.5 (outcomes it changes are marked *)', '[  -', s);
s = await press(['0', 'f', 'f'], (x) => x.includes('only fail'), 'the fail filter');
s = await press(['/', 'C', 'Y'], (x) => x.includes('id contains “CY”'), 'the search');
shot('Subjects: only fail, searching ids for “CY”', '0  f f  / C Y', s);
s = await press(['Escape'], (x) => !x.includes('“CY”'), 'the search cleared');
s = await press(['Escape'], (x) => x.includes('all outcomes'), 'the filter cleared');
s = await press(['j', 'j', 'j', 'Enter'], (x) => x.includes('BJ-XC-001 · 2022-06'), 'the detail');
s = await press(['j', 'j'], (x) => x.includes('branch: expression'), 'an indicator explained');
shot('Detail: BJ-XC-001 under 2022-06, the “四件套” indicator explained', 'j j j  Enter  j j', s);
s = await press(['Escape', 'c'], (x) => x.includes('compare  A 2022-06') && x.includes('flip'), 'the compare screen');
shot('Compare: A 2022-06 → B 2022-07, flips first', 'Esc  c', s);
s = await press(['Tab'], (x) => x.includes('what changed from A to B'), 'the changes pane');
shot('Compare: the changes between the versions (Tab)', 'Tab', s);
s = await press(['Tab', 'Escape', '?'], (x) => x.includes('Keys'), 'the help');
shot('Help (?)', '?', s);

// Live reload: break the rubric on disk, then look at the diagnostics.
s = await press(['?', 'Escape'], (x) => x.includes('2022-06 · sha256'), 'the subjects');
const file = join(beijing, '2022-06.yaml');
const text = readFileSync(file, 'utf8');
writeFileSync(file, text.replace('pass_mark: pass_mark', 'pass_mark: pass_mrak'));
s = await until((x) => x.includes('2022-06.yaml has'), 'the diagnostic');
shot('Live reload: 2022-06.yaml saved with a typo; its last good results stay', '(the file is edited on disk)', s);
s = await press(['d'], (x) => x.includes('Diagnostics of every rubric file'), 'the diagnostics');
shot('Diagnostics (d)', 'd', s);
writeFileSync(file, text);
s = await press(['Escape'], (x) => !x.includes('2022-06.yaml has') && x.includes('re-evaluated'), 'the fixed rubric');
shot('Live reload: the typo fixed', '(the file is fixed on disk)  Esc', s);
await stop();

start(130, 30);
await until((x) => x.includes('✓ pass 34'), 'the first results (wide)');
s = await press(['c'], (x) => x.includes('5 of 67 flip') && x.includes('Pass mark'), 'the wide compare');
shot('Compare in a 130×30 terminal: subjects and changes side by side', 'c', s);
await stop();
rmSync(dir, { recursive: true, force: true });

for (const { title, keys, text } of shots) console.log(`### ${title}\n\nKeys: ${keys}\n\n\`\`\`text\n${text}\n\`\`\`\n`);
