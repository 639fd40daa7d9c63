/**
 * Each screen through the whole app in ink-testing-library: keys are written to stdin and
 * each test waits until the frame shows what the key should bring (no fixed sleeps).
 */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/app.js';
import type { AppState } from '../src/app/state.js';
import { displayWidth } from '../src/model/text.js';
import { SubjectsView } from '../src/screens/subjects/view.js';
import { memoryServices, SUBJECTS, V1, V2, type MemoryServices } from './fixtures.js';

const KEYS = { down: '\u001b[B', up: '\u001b[A', enter: '\r', esc: '\u001b', tab: '\t' };

type Instance = ReturnType<typeof render>;
let current: Instance | undefined;
afterEach(() => {
  current?.unmount();
  current = undefined;
});

/** Waits until the last frame satisfies `pred` (checked after every turn of the event loop), and returns it. */
async function frameWhere(app: Instance, pred: (frame: string) => boolean, what: string, turns = 20000): Promise<string> {
  for (let i = 0; i < turns; i++) {
    const f = app.lastFrame() ?? '';
    if (pred(f)) return f;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`the frame never showed ${what}; last frame:\n${app.lastFrame()}`);
}

const has = (text: string) => (f: string) => f.includes(text);

async function start(services: MemoryServices, size = { width: 80, height: 24 }, onState?: (s: AppState) => void): Promise<Instance> {
  current = render(<App services={services} size={size} {...(onState ? { onState } : {})} />);
  await frameWhere(current, (f) => /✓ pass \d/.test(f) && !f.includes('evaluating') && !f.includes('reading'), 'the first results');
  return current;
}

function twoVersions(): MemoryServices {
  return memoryServices({ 'v1.yaml': V1, 'v2.yaml': V2 }, { name: 'data.jsonl', subjects: SUBJECTS });
}

/** Every line of a frame fits the width, and the frame leaves the terminal's last line free. */
function fits(frame: string, size: { width: number; height: number }): void {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(size.height - 1);
  for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(size.width);
}

describe('subjects screen', () => {
  it('shows the header, counts, rows and key hints in 80×24', async () => {
    const app = await start(twoVersions());
    const f = await frameWhere(app, has('a-pass'), 'the rows');
    expect(f).toContain('tiny 2 · sha256:');
    expect(f).toContain('as of 2022-07-01');
    expect(f).toContain('✓ pass 3  ✗ fail 3  ⊘ vetoed 1  ! invalid 1');
    expect(f).toContain('pass mark 16 (+1 override)');
    expect(f).toMatch(/▸ a-pass\s+✓ pass\s+20\s+16/);
    expect(f).toMatch(/b-edge\s+✗ fail\s+15\s+16\s+total 15 is below the pass mark 16/);
    expect(f).toMatch(/f-bad\s+! invalid\s+—\s+—\s+\/rate: /);
    expect(f).toContain('? help');
    fits(f, { width: 80, height: 24 });
  });

  it('moves with j and the arrows', async () => {
    const app = await start(twoVersions());
    app.stdin.write('j');
    await frameWhere(app, (f) => /▸ b-edge/.test(f), 'the cursor on the second row');
    app.stdin.write(KEYS.down);
    await frameWhere(app, (f) => /▸ c-below/.test(f), 'the cursor on the third row');
    app.stdin.write('G');
    await frameWhere(app, (f) => /▸ h-deduct/.test(f), 'the cursor on the last row');
  });

  it('what-if: + and - move the pass mark by 0.5 and the counts and rows follow at once', async () => {
    const app = await start(twoVersions());
    app.stdin.write('-');
    let f = await frameWhere(app, has('pass mark 16 → 15.5 (what-if -0.5)'), 'the what-if pass mark');
    app.stdin.write('-');
    f = await frameWhere(app, has('pass mark 16 → 15 (what-if -1)'), 'a second step');
    expect(f).toContain('✓ pass 4  ✗ fail 2');
    expect(f).toMatch(/b-edge\s+✓ pass\*\s+15\s+15/);
    app.stdin.write('0');
    f = await frameWhere(app, has('pass mark 16 (+1 override)'), 'the pass mark back');
    expect(f).toContain('✓ pass 3  ✗ fail 3');
  });

  it('/ searches ids as you type; Esc clears it', async () => {
    const app = await start(twoVersions());
    app.stdin.write('/');
    await frameWhere(app, has('/█'), 'the search line');
    app.stdin.write('ed');
    let f = await frameWhere(app, has('2 of 8 subjects'), 'two matches');
    expect(f).toContain('id contains “ed”');
    expect(f).toContain('b-edge');
    expect(f).not.toContain('a-pass');
    app.stdin.write(KEYS.esc);
    f = await frameWhere(app, has('8 of 8 subjects'), 'every subject again');
  });

  it('f filters by outcome, s sorts, r reverses', async () => {
    const app = await start(twoVersions());
    app.stdin.write('f');
    let f = await frameWhere(app, has('only pass'), 'the pass filter');
    expect(f).toContain('3 of 8 subjects');
    app.stdin.write('f');
    await frameWhere(app, has('only fail'), 'the fail filter');
    app.stdin.write(KEYS.esc);
    await frameWhere(app, has('all outcomes'), 'no filter');
    app.stdin.write('ss');
    f = await frameWhere(app, has('sorted by total ↓'), 'the total sort');
    expect(f.indexOf('a-pass')).toBeLessThan(f.indexOf('c-below'));
    app.stdin.write('r');
    f = await frameWhere(app, has('sorted by total ↑'), 'the reversed sort');
    expect(f.indexOf('f-bad')).toBeLessThan(f.indexOf('a-pass'));
  });

  it('[ ] and Tab with ← → switch the version shown', async () => {
    const app = await start(twoVersions());
    app.stdin.write('[');
    let f = await frameWhere(app, has('tiny 1 · sha256:'), 'version 1');
    expect(f).toContain('as of 2022-01-01');
    app.stdin.write(KEYS.tab);
    f = await frameWhere(app, has('▸versions'), 'the versions pane focused');
    app.stdin.write(KEYS.down);
    await frameWhere(app, has('tiny 2 · sha256:'), 'version 2');
  });

  it('renders from props alone', () => {
    const app = render(
      <SubjectsView
        width={60}
        height={12}
        title="t 1 · sha256:x · as of 2022-01-01"
        versions={[{ label: '1', current: true, state: 'ok' }]}
        focus="table"
        data="data x.csv"
        counts={{ pass: 1, fail: 0, vetoed: 0, invalid: 0 }}
        passMark="pass mark 85"
        whatIf={false}
        banner={[{ text: 'a notice' }]}
        status="1 of 1 subjects"
        lines={[{ id: 'S-1', outcome: 'pass', total: '90', passMark: '85', reason: '', moved: false }]}
        cursor={0}
        idWidth={6}
        searching={false}
        query=""
        empty="no subjects"
      />,
    );
    const f = app.lastFrame() ?? '';
    expect(f).toMatch(/▸ S-1\s+✓ pass\s+90\s+85/);
    expect(f).toContain('a notice');
    fits(f, { width: 60, height: 13 });
    app.unmount();
  });
});

describe('detail screen', () => {
  it('Enter shows each indicator with points / maximum, the gates, the pass mark and why, and the gap', async () => {
    const app = await start(twoVersions());
    app.stdin.write('jj');
    await frameWhere(app, (f) => /▸ c-below/.test(f), 'the cursor on c-below');
    app.stdin.write(KEYS.enter);
    const f = await frameWhere(app, has('c-below · 2 · ✗ fail · total 14.5'), 'the detail');
    expect(f).toContain('pass mark 16 · set by pass_mark, its base value');
    expect(f).toContain('needs 1.5 more points: any one of rate_points (+5.5)');
    expect(f).toMatch(/比率指标\s+4\.5\/10/);
    expect(f).toMatch(/等级指标\s+10\/10/);
    expect(f).toMatch(/hard: 等级须得满分\s+met/);
    expect(f).toMatch(/veto: 媒体曝光\s+no/);
    expect(f).toContain('section s1: 第一部分');
    fits(f, { width: 80, height: 24 });
  });

  it('the explanation pane shows the branch taken and the facts read; Tab focuses it; n goes to the next subject', async () => {
    const app = await start(twoVersions());
    app.stdin.write('jj' + KEYS.enter);
    await frameWhere(app, has('c-below · 2'), 'the detail');
    app.stdin.write('j');
    let f = await frameWhere(app, has('branch: expression'), 'the first indicator explained');
    expect(f).toContain('rule: round(10 * rate, 0.5)');
    expect(f).toContain('rate = 0.45');
    app.stdin.write('j');
    f = await frameWhere(app, has('branch: case 1'), 'the second indicator explained');
    expect(f).toContain('level = full');
    app.stdin.write(KEYS.tab);
    await frameWhere(app, (x) => x.includes('── level_points'), 'the explanation pane');
    app.stdin.write('n');
    await frameWhere(app, has('d-hard · 2 · ✗ fail'), 'the next subject');
    app.stdin.write(KEYS.esc);
    await frameWhere(app, (x) => /▸ d-hard/.test(x), 'the table, on the same subject');
  });

  it('shows the branch each indicator took in a wide terminal', async () => {
    const app = await start(twoVersions(), { width: 120, height: 30 });
    app.stdin.write('jj' + KEYS.enter);
    const f = await frameWhere(app, has('c-below · 2'), 'the detail');
    expect(f).toMatch(/比率指标\s+4\.5\/10\s+expression/);
    expect(f).toMatch(/等级指标\s+10\/10\s+case 1/);
    fits(f, { width: 120, height: 30 });
  });

  it('shows an invalid subject’s data errors', async () => {
    const app = await start(twoVersions());
    app.stdin.write('jjjjj' + KEYS.enter);
    const f = await frameWhere(app, has('f-bad · 2 · ! invalid'), 'the invalid subject');
    expect(f).toContain('no pass mark: the data is invalid, nothing was scored');
    expect(f).toMatch(/\/rate {2}data\/out-of-range\s+error/);
    expect(f).toContain('`rate` (比率) is 2, above the maximum 1');
  });
});

describe('compare screen', () => {
  it('waits for both versions before comparing', async () => {
    const services = twoVersions();
    let release = (): void => {};
    services.hold = { version: '1', until: new Promise<void>((r) => (release = r)) };
    const app = await start(services);
    app.stdin.write('c');
    const f = await frameWhere(app, has('waiting for the results of 1…'), 'the wait');
    // Queued behind version 2's warm-up, or started and waiting for its data.
    expect(f).toMatch(/1 is evaluated next…|evaluating 1: 0 records…/);
    release();
    await frameWhere(app, has('1 of 8 flip'), 'the comparison');
  });

  it('c compares A and B: the flip first, a summary by direction, and the semantic diff on Tab', async () => {
    const app = await start(twoVersions());
    app.stdin.write('c');
    let f = await frameWhere(app, has('of 8 flip'), 'the compare screen with both versions evaluated');
    expect(f).toContain('compare  A 1 (as of 2022-01-01)  →  B 2 (as of 2022-07-01)');
    expect(f).toContain('1 of 8 flip: ✓ pass → ✗ fail 1');
    expect(f).toContain('1 other totals changed');
    expect(f).toMatch(/▸ b-edge\s+✓ pass\s+15 → ✗ fail\s+15\s+±0/);
    expect(f.indexOf('b-edge')).toBeLessThan(f.indexOf('a-pass'));
    expect(f).toMatch(/d-hard\s+✗ fail\s+15 → ✗ fail\s+16\s+\+1/);
    fits(f, { width: 80, height: 24 });
    app.stdin.write(KEYS.tab);
    f = await frameWhere(app, has('what changed from A to B'), 'the changes pane');
    expect(f).toContain('tiny: 1 → 2');
    expect(f).toContain('pass_mark always: 15; 12 where easy → 16; 12 where easy');
    expect(f).toContain('+ level is partial → 6');
    fits(f, { width: 80, height: 24 });
  });

  it('f lists only the flips; x swaps A and B; Enter opens the subject under B with A beside', async () => {
    const app = await start(twoVersions());
    app.stdin.write('c');
    await frameWhere(app, has('of 8 flip'), 'the compare screen with both versions evaluated');
    app.stdin.write('f');
    let f = await frameWhere(app, has('subjects 1 (flips only)'), 'flips only');
    expect(f).not.toContain('a-pass');
    app.stdin.write('x');
    f = await frameWhere(app, has('compare  A 2'), 'A and B swapped');
    expect(f).toContain('1 of 8 flip: ✗ fail → ✓ pass 1');
    app.stdin.write(KEYS.enter);
    f = await frameWhere(app, has('b-edge · 1 · ✓ pass'), 'the detail under B');
    expect(f).toContain('A 2: fail 15');
  });

  it('uses the room of a wide terminal: the list and the changes side by side', async () => {
    const app = await start(twoVersions(), { width: 140, height: 30 });
    app.stdin.write('c');
    const f = await frameWhere(app, (x) => x.includes('b-edge') && x.includes('of 8 flip') && x.includes('tiny: 1 → 2'), 'both panes');
    fits(f, { width: 140, height: 30 });
  });
});

describe('help, diagnostics, live reload, quit', () => {
  it('? shows every key; ? again closes it', async () => {
    const app = await start(twoVersions());
    app.stdin.write('?');
    const f = await frameWhere(app, has('Keys'), 'the help');
    expect(f).toContain('what-if: raise / lower the pass mark by 0.5');
    fits(f, { width: 80, height: 24 });
    app.stdin.write('G');
    await frameWhere(app, has('Outcomes: ✓ pass'), 'the end of the help');
    app.stdin.write('?');
    await frameWhere(app, has('a-pass'), 'the table again');
  });

  it('live reload: an edit is evaluated and shown; a broken edit shows its diagnostic and keeps the last results', async () => {
    const services = twoVersions();
    const app = await start(services);
    services.change('v2.yaml', V2.replace('value: 16', 'value: 14'));
    let f = await frameWhere(app, has('✓ 2 re-evaluated: 8 subjects'), 'the reload');
    expect(f).toContain('pass mark 14 (+1 override)');
    expect(f).toContain('✓ pass 5');
    services.change('v2.yaml', V2.replace('rate: { label: 比率, type: ratio }', 'rate: { lable: 比率, type: ratio }'));
    f = await frameWhere(app, has('v2.yaml has'), 'the diagnostics');
    expect(f).toMatch(/✖ v2\.yaml has \d+ errors?; showing the last good results/);
    expect(f).toMatch(/v2\.yaml:\d+:\d+ \S+: /);
    expect(f).toContain('hint: ');
    expect(f).toContain('✓ pass 5');
    expect(f).toContain('a-pass');
    fits(f, { width: 80, height: 24 });
    app.stdin.write('d');
    f = await frameWhere(app, has('Diagnostics of every rubric file'), 'the diagnostics screen');
    expect(f).toContain('v1.yaml: 0 errors, 0 warnings — ok');
    expect(f).toMatch(/v2\.yaml: \d+ errors?, 0 warnings — showing its last good version/);
    expect(f).toMatch(/8 \| +rate: \{ lable: 比率, type: ratio \}/);
    expect(f).toContain('hint: did you mean `label`?');
    app.stdin.write(KEYS.esc);
    services.change('v2.yaml', V2);
    f = await frameWhere(app, (x) => x.includes('pass mark 16 (+1 override)') && !x.includes('has 1 error'), 'the fixed rubric');
  });

  it('a rubric broken from the start, or a dataset that cannot be read, says so instead of a table', async () => {
    const broken = memoryServices({ 'v1.yaml': 'rubric: [' }, { name: 'data.jsonl', subjects: SUBJECTS });
    current = render(<App services={broken} size={{ width: 80, height: 24 }} />);
    let f = await frameWhere(current, has('nothing to show: the rubric has errors (d lists them)'), 'the broken rubric');
    expect(f).toMatch(/✖ v1\.yaml has \d+ errors?; nothing to show until it is fixed/);
    fits(f, { width: 80, height: 24 });
    current.unmount();
    const noData = memoryServices({ 'v1.yaml': V1 }, { name: 'data.jsonl', subjects: SUBJECTS });
    noData.change('data.jsonl', undefined as never);
    current = render(<App services={noData} size={{ width: 80, height: 24 }} />);
    f = await frameWhere(current, has('nothing to show: the data cannot be read'), 'the unreadable dataset');
    expect(f).toContain('✖ cannot read the data file data.jsonl: no such file');
    expect(f).not.toContain('last good');
  });

  it('q quits', async () => {
    let quit = false;
    const app = await start(twoVersions(), undefined, (s) => {
      quit ||= s.quit;
    });
    app.stdin.write('q');
    await frameWhere(app, () => quit, 'the quit');
  });
});
