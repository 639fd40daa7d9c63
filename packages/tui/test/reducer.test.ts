/** Every action of the reducers, through the root reducer (and the screen reducers' edge cases directly). */
import { describe, expect, it } from 'vitest';
import type { Action } from '../src/app/actions.js';
import { bannerLines } from '../src/app/banner.js';
import { subjectsRows } from '../src/app/layout.js';
import { MAX_WHAT_IF, keyToAction } from '../src/app/reducer.js';
import { comparison, currentJudged, currentVersion, subjectList } from '../src/app/select.js';
import { initialState } from '../src/app/state.js';
import { compareReducer, initialCompare } from '../src/screens/compare/reducer.js';
import { detailReducer, openDetail } from '../src/screens/detail/reducer.js';
import { detailData } from '../src/screens/detail/select.js';
import { diagnosticsReducer } from '../src/screens/diagnostics/reducer.js';
import { helpReducer, initialHelp } from '../src/screens/help/reducer.js';
import { initialSubjects, subjectsReducer } from '../src/screens/subjects/reducer.js';
import { loadVersionText, SUBJECTS, V1 } from './fixtures.js';
import { apply, evaluated, key, twoVersions } from './state.js';

/** Each action type and the test that covers it (the type makes the list complete). */
const COVERED = {
  versionLoaded: 'data events',
  evalStarted: 'data events',
  evalProgress: 'data events',
  evalDone: 'data events',
  evalFailed: 'data events',
  fileChanged: 'data events',
  resize: 'resize',
  quit: 'quit',
  toggleHelp: 'help',
  whatIf: 'what-if',
  cycleVersion: 'versions',
  show: 'screens',
  back: 'back',
  focusNext: 'panes',
  move: 'moves',
  movePage: 'moves',
  moveTo: 'moves',
  open: 'open',
  nextSubject: 'next subject',
  cycleSort: 'sort and filter',
  reverseSort: 'sort and filter',
  cycleFilter: 'sort and filter',
  searchStart: 'search',
  searchType: 'search',
  searchBackspace: 'search',
  searchCommit: 'search',
  searchCancel: 'search',
  cycleA: 'compare versions',
  cycleB: 'compare versions',
  swapAB: 'compare versions',
  toggleFlipsOnly: 'compare versions',
  key: 'keys',
} satisfies Record<Action['type'], string>;

const ids = (s: ReturnType<typeof twoVersions>): string[] => Array.from(subjectList(s), (p) => currentVersion(s)!.rows[p]!.id);

describe('root reducer', () => {
  it('lists every action type', () => {
    expect(Object.keys(COVERED)).toHaveLength(32);
  });

  it('data events: load, evaluate (progress, done), fail, change', () => {
    let s = initialState({ files: ['v1.yaml'], dataFile: 'd.jsonl' });
    expect(s.versions[0]).toMatchObject({ loading: true, rows: [] });
    const loaded = loadVersionText('v1.yaml', V1);
    s = apply(s, { type: 'versionLoaded', slot: 0, loaded });
    expect(s.versions[0]).toMatchObject({ loading: false, broken: false });
    expect(s.versions[0]!.good?.rubric.version).toBe('1');
    s = apply(s, { type: 'evalStarted', slot: 0, job: 7 });
    expect(s.versions[0]!.job).toEqual({ id: 7, done: 0 });
    s = apply(s, { type: 'evalProgress', slot: 0, job: 7, done: 3 });
    expect(s.versions[0]!.job).toEqual({ id: 7, done: 3 });
    // A stale job's events are ignored.
    expect(apply(s, { type: 'evalProgress', slot: 0, job: 6, done: 99 })).toBe(s);
    expect(apply(s, { type: 'evalDone', slot: 0, job: 6, rows: [], records: [], asOf: 'x' })).toBe(s);
    // On the first load, progress may carry the rows so far.
    const partial = evaluated(initialState({ files: ['v1.yaml'] }), 0, 'v1.yaml', V1).versions[0]!;
    s = apply(s, { type: 'evalProgress', slot: 0, job: 7, done: 2, rows: partial.rows.slice(0, 2), records: partial.records.slice(0, 2), asOf: '2022-01-01' });
    expect(s.versions[0]!.rows).toHaveLength(2);
    s = apply(s, { type: 'evalDone', slot: 0, job: 7, rows: partial.rows, records: partial.records, asOf: '2022-01-01' });
    expect(s.versions[0]).toMatchObject({ generation: 1, asOf: '2022-01-01' });
    expect(s.versions[0]!.job).toBeUndefined();
    expect(s.notice).toBeUndefined();
    // A later evaluation says so.
    s = apply(s, { type: 'evalStarted', slot: 0, job: 8 }, { type: 'evalDone', slot: 0, job: 8, rows: partial.rows, records: partial.records, asOf: '2022-01-01' });
    expect(s.notice).toBe('✓ 1 re-evaluated: 8 subjects');
    // A dataset that cannot be read keeps the rows.
    s = apply(s, { type: 'evalStarted', slot: 0, job: 9 }, { type: 'evalFailed', slot: 0, job: 9, message: 'cannot read the data file d.jsonl: no such file' });
    expect(s.versions[0]).toMatchObject({ dataError: 'cannot read the data file d.jsonl: no such file' });
    expect(s.versions[0]!.rows).toHaveLength(8);
    expect(bannerLines(s).map((l) => l.text)).toContain('✖ cannot read the data file d.jsonl: no such file; showing the last good results');
    s = apply(s, { type: 'fileChanged', file: 'd.jsonl' });
    expect(s.notice).toBe('d.jsonl changed on disk; reloading…');
  });

  it('data events: a broken reload keeps the last good rubric and rows, and shows file:line:col, message, hint', () => {
    let s = evaluated(initialState({ files: ['v1.yaml'], dataFile: 'd.jsonl' }), 0, 'v1.yaml', V1);
    const good = s.versions[0]!.good;
    const broken = loadVersionText('v1.yaml', V1.replace('rate: { label: 比率, type: ratio }', 'rate: { lable: 比率, type: ratio }'));
    s = apply(s, { type: 'versionLoaded', slot: 0, loaded: broken });
    expect(s.versions[0]).toMatchObject({ broken: true });
    expect(s.versions[0]!.good).toBe(good);
    expect(s.versions[0]!.rows).toHaveLength(8);
    const banner = bannerLines(s).map((l) => l.text);
    expect(banner[0]).toMatch(/^✖ v1\.yaml has \d+ errors?; showing the last good results/);
    expect(banner[1]).toMatch(/^ {2}v1\.yaml:\d+:\d+ [a-z]+\/[a-z-]+: /);
    expect(banner.some((l) => l.startsWith('  hint: '))).toBe(true);
  });

  it('resize: keeps the cursor on screen', () => {
    let s = apply(twoVersions({ width: 80, height: 40 }), { type: 'moveTo', where: 'end' });
    s = apply(s, { type: 'resize', width: 80, height: 10 });
    expect(s.size).toEqual({ width: 80, height: 10 });
    expect(s.subjects.cursor).toBe(7);
    expect(s.subjects.top).toBe(8 - subjectsRows(s));
    expect(apply(s, { type: 'resize', width: 80, height: 10 })).toBe(s);
  });

  it('quit', () => {
    const s = apply(twoVersions(), { type: 'quit' });
    expect(s.quit).toBe(true);
    expect(apply(s, { type: 'quit' })).toBe(s);
  });

  it('help: opens, scrolls, closes with ? or Esc', () => {
    let s = apply(twoVersions(), { type: 'toggleHelp' });
    expect(s.help).toEqual({ open: true, top: 0 });
    s = apply(s, { type: 'move', by: 3 });
    expect(s.help.top).toBe(3);
    s = apply(s, { type: 'moveTo', where: 'end' });
    expect(s.help.top).toBeGreaterThan(3);
    expect(apply(s, { type: 'back' }).help.open).toBe(false);
    expect(apply(s, { type: 'toggleHelp' }).help.open).toBe(false);
    expect(helpReducer(initialHelp, { type: 'back' }, { lines: 10, page: 5 })).toBe(initialHelp);
  });

  it('what-if: ±0.5 per step, 0 resets, bounded; counts follow at once', () => {
    let s = twoVersions();
    expect(currentJudged(s).counts).toMatchObject({ pass: 3, fail: 3 });
    s = apply(s, { type: 'whatIf', step: -1 });
    expect(s.whatIf).toBe(-1);
    expect(currentJudged(s).counts).toMatchObject({ pass: 3, fail: 3 }); // 16 → 15.5: b-edge (15) still short
    s = apply(s, { type: 'whatIf', step: -1 });
    expect(currentJudged(s).counts).toMatchObject({ pass: 4, fail: 2 }); // 15: b-edge passes
    s = apply(s, { type: 'whatIf', step: 1 }, { type: 'whatIf', step: 1 }, { type: 'whatIf', step: 1 });
    expect(s.whatIf).toBe(1);
    expect(apply(s, { type: 'whatIf', step: 0 }).whatIf).toBe(0);
    let far = s;
    for (let i = 0; i < MAX_WHAT_IF + 5; i++) far = apply(far, { type: 'whatIf', step: 1 });
    expect(far.whatIf).toBe(MAX_WHAT_IF);
  });

  it('versions: [ and ] cycle the version shown; the detail follows its subject', () => {
    let s = twoVersions();
    expect(s.current).toBe(1);
    s = apply(s, { type: 'cycleVersion', by: 1 });
    expect(s.current).toBe(0);
    s = apply(s, { type: 'cycleVersion', by: -1 });
    expect(s.current).toBe(1);
    s = apply(s, { type: 'move', by: 1 }, { type: 'open' }, { type: 'cycleVersion', by: 1 });
    expect(s.detail).toMatchObject({ slot: 0, key: 2 });
    expect(detailData(s)?.subject.row.id).toBe('b-edge');
    const one = evaluated(initialState({ files: ['v1.yaml'] }), 0, 'v1.yaml', V1);
    expect(apply(one, { type: 'cycleVersion', by: 1 })).toBe(one);
  });

  it('screens: c compare, d diagnostics; showing a screen closes the help', () => {
    let s = apply(twoVersions(), { type: 'show', screen: 'compare' });
    expect(s.screen).toBe('compare');
    expect(apply(s, { type: 'show', screen: 'compare' })).toBe(s);
    s = apply(s, { type: 'toggleHelp' }, { type: 'show', screen: 'diagnostics' });
    expect(s).toMatchObject({ screen: 'diagnostics', help: { open: false } });
    s = apply(s, { type: 'move', by: 1 });
    expect(s.diagnostics.top).toBe(0); // nothing to scroll: two clean files fit
  });

  it('back: detail → where it came from; compare → subjects; subjects: search, then filter', () => {
    let s = apply(twoVersions(), { type: 'open' });
    expect(s.screen).toBe('detail');
    expect(apply(s, { type: 'back' }).screen).toBe('subjects');
    s = apply(twoVersions(), { type: 'show', screen: 'compare' }, { type: 'open' });
    expect(s).toMatchObject({ screen: 'detail', detail: { from: 'compare' } });
    s = apply(s, { type: 'back' });
    expect(s.screen).toBe('compare');
    s = apply(s, { type: 'focusNext' }, { type: 'back' });
    expect(s).toMatchObject({ screen: 'compare', compare: { focus: 'subjects' } });
    expect(apply(s, { type: 'back' }).screen).toBe('subjects');
    expect(apply(twoVersions(), { type: 'show', screen: 'diagnostics' }, { type: 'back' }).screen).toBe('subjects');
    s = apply(twoVersions(), { type: 'cycleFilter' }, { type: 'searchStart' }, { type: 'searchType', text: 'a' }, { type: 'searchCommit' });
    expect(s.subjects.view).toMatchObject({ filter: 'pass', query: 'a' });
    s = apply(s, { type: 'back' });
    expect(s.subjects.view).toMatchObject({ filter: 'pass', query: '' });
    s = apply(s, { type: 'back' });
    expect(s.subjects.view.filter).toBe('all');
    const t = apply(s, { type: 'focusNext' });
    expect(apply(t, { type: 'back' }).subjects.focus).toBe('table');
    expect(apply(apply(t, { type: 'back' }), { type: 'back' })).toEqual(apply(t, { type: 'back' }));
  });

  it('panes: Tab moves between the table and the versions strip, the list and the explanation, subjects and changes', () => {
    let s = apply(twoVersions(), { type: 'focusNext' });
    expect(s.subjects.focus).toBe('versions');
    s = apply(s, { type: 'open' });
    expect(s.subjects.focus).toBe('table');
    s = apply(s, { type: 'open' }, { type: 'focusNext' });
    expect(s.detail.focus).toBe('explain');
    expect(apply(s, { type: 'open' }).detail.focus).toBe('list');
    s = apply(twoVersions(), { type: 'show', screen: 'compare' }, { type: 'focusNext' });
    expect(s.compare.focus).toBe('changes');
  });

  it('moves: by one, by a page, to the ends, clamped; on each screen the focused pane', () => {
    let s = twoVersions({ width: 80, height: 12 });
    const page = subjectsRows(s);
    s = apply(s, { type: 'move', by: 1 });
    expect(s.subjects.cursor).toBe(1);
    s = apply(s, { type: 'move', by: -5 });
    expect(s.subjects.cursor).toBe(0);
    s = apply(s, { type: 'movePage', by: 1 });
    expect(s.subjects.cursor).toBe(Math.min(7, page - 1));
    s = apply(s, { type: 'moveTo', where: 'end' });
    expect(s.subjects).toMatchObject({ cursor: 7, top: 8 - page });
    s = apply(s, { type: 'moveTo', where: 'start' });
    expect(s.subjects).toMatchObject({ cursor: 0, top: 0 });
    // Detail: the list, then the explanation pane.
    s = apply(s, { type: 'open' }, { type: 'move', by: 2 });
    expect(s.detail.cursor).toBe(2);
    s = apply(s, { type: 'focusNext' }, { type: 'move', by: 1 });
    expect(s.detail.cursor).toBe(2);
    // Compare: the list, then the changes.
    s = apply(twoVersions({ width: 80, height: 12 }), { type: 'show', screen: 'compare' }, { type: 'move', by: 1 });
    expect(s.compare.cursor).toBe(1);
    s = apply(s, { type: 'focusNext' }, { type: 'move', by: 2 });
    expect(s.compare).toMatchObject({ cursor: 1, changesTop: 2 });
  });

  it('open: a subject from the table, a pair from compare (under B, with A beside)', () => {
    let s = apply(twoVersions(), { type: 'move', by: 2 }, { type: 'open' });
    expect(s.detail).toMatchObject({ key: 3, slot: 1, from: 'subjects' });
    expect(detailData(s)?.subject.row.id).toBe('c-below');
    s = apply(twoVersions(), { type: 'show', screen: 'compare' }, { type: 'open' });
    expect(s.detail).toMatchObject({ key: 2, slot: 1, other: 0, from: 'compare' });
    expect(detailData(s)?.other?.row.id).toBe('b-edge');
    // Nothing to open in an empty list.
    const empty = apply(twoVersions(), { type: 'searchStart' }, { type: 'searchType', text: 'zzz' }, { type: 'searchCommit' });
    expect(apply(empty, { type: 'open' }).screen).toBe('subjects');
    // The help overlay takes Enter.
    const help = apply(twoVersions(), { type: 'toggleHelp' });
    expect(apply(help, { type: 'open' })).toBe(help);
  });

  it('next subject: n and p walk the list the detail came from', () => {
    let s = apply(twoVersions(), { type: 'open' }, { type: 'nextSubject', by: 1 });
    expect(detailData(s)?.subject.row.id).toBe('b-edge');
    expect(s.subjects.cursor).toBe(1);
    s = apply(s, { type: 'nextSubject', by: -1 }, { type: 'nextSubject', by: -1 });
    expect(detailData(s)?.subject.row.id).toBe('a-pass');
    s = apply(twoVersions(), { type: 'show', screen: 'compare' }, { type: 'open' }, { type: 'nextSubject', by: 1 });
    expect(detailData(s)?.subject.row.id).toBe('d-hard');
    const t = twoVersions();
    expect(apply(t, { type: 'nextSubject', by: 1 })).toBe(t);
  });

  it('sort and filter: s cycles the key, r reverses, f cycles the outcome; each starts at the top', () => {
    let s = apply(twoVersions(), { type: 'move', by: 3 }, { type: 'cycleSort' });
    expect(s.subjects).toMatchObject({ cursor: 0, view: { sort: 'id' } });
    s = apply(s, { type: 'cycleSort' });
    expect(ids(s)[0]).toBe('a-pass');
    expect(ids(s).at(-1)).toBe('f-bad');
    s = apply(s, { type: 'reverseSort' });
    expect(ids(s)[0]).toBe('f-bad');
    s = apply(s, { type: 'cycleSort' }, { type: 'cycleSort' });
    expect(s.subjects.view).toMatchObject({ sort: 'file', reverse: false });
    s = apply(s, { type: 'cycleFilter' }, { type: 'cycleFilter' });
    expect(s.subjects.view.filter).toBe('fail');
    expect(ids(s)).toEqual(['b-edge', 'c-below', 'd-hard']);
    s = apply(s, { type: 'cycleFilter' }, { type: 'cycleFilter' }, { type: 'cycleFilter' });
    expect(s.subjects.view.filter).toBe('all');
  });

  it('search: type, delete, keep with Enter, clear with Esc', () => {
    let s = apply(twoVersions(), { type: 'searchStart' });
    expect(s.subjects.searching).toBe(true);
    s = apply(s, { type: 'searchType', text: 'E' }, { type: 'searchType', text: 'DX' });
    expect(ids(s)).toEqual([]);
    s = apply(s, { type: 'searchBackspace' });
    expect(s.subjects.view.query).toBe('ED');
    expect(ids(s)).toEqual(['b-edge', 'h-deduct']);
    s = apply(s, { type: 'searchCommit' });
    expect(s.subjects).toMatchObject({ searching: false, view: { query: 'ED' } });
    expect(apply(s, { type: 'searchType', text: 'x' })).toBe(s);
    s = apply(s, { type: 'searchStart' }, { type: 'searchCancel' });
    expect(s.subjects).toMatchObject({ searching: false, view: { query: '' } });
  });

  it('compare versions: a and b cycle, x swaps, f lists only the flips', () => {
    let s = initialState({ files: ['v1.yaml', 'v2.yaml', 'v3.yaml'], dataFile: 'd' });
    s = evaluated(evaluated(evaluated(s, 0, 'v1.yaml', V1), 1, 'v2.yaml', V1.replace('version: "1"', 'version: "2"')), 2, 'v3.yaml', V1.replace('version: "1"', 'version: "3"'));
    s = apply(s, { type: 'show', screen: 'compare' });
    expect(s.compare).toMatchObject({ a: 1, b: 2 });
    s = apply(s, { type: 'cycleA' });
    expect(s.compare.a).toBe(0);
    s = apply(s, { type: 'cycleB' });
    expect(s.compare.b).toBe(1);
    s = apply(s, { type: 'swapAB' });
    expect(s.compare).toMatchObject({ a: 1, b: 0 });
    let t = apply(twoVersions(), { type: 'show', screen: 'compare' });
    expect(comparison(t).order).toHaveLength(8);
    t = apply(t, { type: 'toggleFlipsOnly' });
    expect(comparison(t).order).toHaveLength(1);
  });

  it('keys: mapped with the state they meet, so a burst like /ab is a search for "ab"', () => {
    let s = apply(twoVersions(), key('/'), key('b'), key('-'));
    expect(s.subjects.view.query).toBe('b-');
    s = apply(s, key('', { return: true }), key('j'));
    expect(s.subjects).toMatchObject({ searching: false, cursor: 0 });
    expect(apply(s, key('?')).help.open).toBe(true);
    expect(apply(s, key('q')).quit).toBe(true);
    expect(apply(s, key('Z'))).toBe(s);
    expect(keyToAction(apply(s, key('?')), 'j', {})).toEqual({ type: 'move', by: 1 });
  });
});

describe('screen reducers', () => {
  it('subjects: moves stay in the list; an empty list keeps the cursor at 0', () => {
    const ctx = { count: 5, page: 2 };
    let s = subjectsReducer(initialSubjects, { type: 'move', by: 3 }, ctx);
    expect(s).toMatchObject({ cursor: 3, top: 2 });
    s = subjectsReducer(s, { type: 'movePage', by: -1 }, ctx);
    expect(s).toMatchObject({ cursor: 2, top: 2 });
    expect(subjectsReducer(initialSubjects, { type: 'move', by: 1 }, { count: 0, page: 2 })).toBe(initialSubjects);
    expect(subjectsReducer(initialSubjects, { type: 'cycleA' }, ctx)).toBe(initialSubjects);
  });

  it('detail: the explanation scrolls within its lines; a new item starts at its top', () => {
    const ctx = { count: 6, page: 3, explainLines: 10, explainPage: 4 };
    let s = detailReducer({ ...openDetail(1, 0, 'subjects'), focus: 'explain' }, { type: 'moveTo', where: 'end' }, ctx);
    expect(s.explainTop).toBe(6);
    s = detailReducer({ ...s, focus: 'list' }, { type: 'move', by: 1 }, ctx);
    expect(s).toMatchObject({ cursor: 1, explainTop: 0 });
    s = detailReducer(s, { type: 'movePage', by: 1 }, ctx);
    expect(s.cursor).toBe(3);
    expect(detailReducer(s, { type: 'resize', width: 1, height: 1 }, { ...ctx, count: 2 }).cursor).toBe(1);
  });

  it('compare: with one version, A and B stay on it; moves clamp; resize keeps the cursor in the list', () => {
    const one = initialCompare(1);
    expect(one).toMatchObject({ a: 0, b: 0 });
    const ctx = { count: 3, page: 2, changeLines: 5, changesPage: 2, versions: 1 };
    expect(compareReducer(one, { type: 'cycleA' }, ctx).a).toBe(0);
    expect(compareReducer(one, { type: 'moveTo', where: 'end' }, ctx)).toMatchObject({ cursor: 2, top: 1 });
    expect(compareReducer({ ...one, focus: 'changes' }, { type: 'movePage', by: 1 }, ctx).changesTop).toBe(1);
    expect(compareReducer({ ...one, cursor: 2 }, { type: 'resize', width: 1, height: 1 }, { ...ctx, count: 1 }).cursor).toBe(0);
  });

  it('diagnostics: scrolls within its lines', () => {
    const ctx = { lines: 10, page: 4 };
    expect(diagnosticsReducer({ top: 0 }, { type: 'movePage', by: 1 }, ctx).top).toBe(3);
    expect(diagnosticsReducer({ top: 0 }, { type: 'moveTo', where: 'end' }, ctx).top).toBe(6);
    const s = { top: 0 };
    expect(diagnosticsReducer(s, { type: 'move', by: -1 }, ctx)).toBe(s);
  });
});

describe('the subjects of a rubric without a dataset', () => {
  it('pairs by id and starts on the last version', () => {
    const s = initialState({ files: ['a.yaml', 'b.yaml'] });
    expect(s).toMatchObject({ pairBy: 'id', current: 1, compare: { a: 0, b: 1 } });
    expect(SUBJECTS.length).toBe(8);
  });
});
