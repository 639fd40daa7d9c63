/**
 * The root reducer: data events from the session, the keys every screen shares (quit,
 * help, what-if, versions, screens), and the rest handed to the screen on show with the
 * sizes it moves within. Pure: (state, action) → state.
 */
import type { Action, DataAction, UiAction } from './actions.js';
import { helpLines, type KeyInfo } from './keys.js';
import { changeLines, compareRows, detailLayout, pageRows, subjectsRows } from './layout.js';
import { comparison, currentVersion, keyIn, subjectList } from './select.js';
import { pairAt } from '../model/compare.js';
import { versionLabel, type AppState, type VersionState } from './state.js';
import { compareReducer, type CompareContext } from '../screens/compare/reducer.js';
import { detailReducer, openDetail } from '../screens/detail/reducer.js';
import { detailData } from '../screens/detail/select.js';
import { diagnosticsReducer } from '../screens/diagnostics/reducer.js';
import { diagnosticLines } from '../screens/diagnostics/lines.js';
import { helpReducer } from '../screens/help/reducer.js';
import { subjectsReducer } from '../screens/subjects/reducer.js';
import { subjectsKeyToAction } from '../screens/subjects/key-to-action.js';
import { detailKeyToAction } from '../screens/detail/key-to-action.js';
import { compareKeyToAction } from '../screens/compare/key-to-action.js';
import { diagnosticsKeyToAction } from '../screens/diagnostics/key-to-action.js';
import { helpKeyToAction } from '../screens/help/key-to-action.js';
import { safe, count } from '../model/text.js';

/** The what-if pass mark moves at most this many half points either way (±100 points). */
export const MAX_WHAT_IF = 200;

function setVersion(s: AppState, slot: number, f: (v: VersionState) => VersionState): AppState {
  const v = s.versions[slot];
  if (!v) return s;
  const next = f(v);
  if (next === v) return s;
  const versions = s.versions.slice();
  versions[slot] = next;
  return { ...s, versions };
}

function dataReducer(s: AppState, a: DataAction): AppState {
  switch (a.type) {
    case 'versionLoaded': {
      const s2 = setVersion(s, a.slot, (v) => {
        const l = a.loaded;
        const next: VersionState = { ...v, loading: false, readFrom: l.file, diagnostics: l.diagnostics, source: l.source, broken: !(l.rubric && l.compiled) };
        if (l.rubric && l.compiled) next.good = { rubric: l.rubric, compiled: l.compiled };
        return next;
      });
      // A broken reload is not "reloading…" any more: the banner shows its diagnostics.
      if (s2.versions[a.slot]?.broken && s2.notice !== undefined) {
        const { notice: _, ...rest } = s2;
        return rest;
      }
      return s2;
    }
    case 'evalStarted':
      return setVersion(s, a.slot, (v) => ({ ...v, job: { id: a.job, done: 0 } }));
    case 'evalProgress':
      return setVersion(s, a.slot, (v) => {
        if (v.job?.id !== a.job) return v;
        const next: VersionState = { ...v, job: { id: a.job, done: a.done } };
        if (a.rows && a.records) {
          // First load: show rows as they come.
          next.rows = a.rows;
          next.records = a.records;
          if (a.asOf !== undefined) next.asOf = a.asOf;
          if (v.good) next.rowsRubric = v.good;
        }
        return next;
      });
    case 'evalDone': {
      const v = s.versions[a.slot];
      if (!v || v.job?.id !== a.job) return s;
      const next: VersionState = { ...v, rows: a.rows, records: a.records, asOf: a.asOf, generation: v.generation + 1 };
      if (v.good) next.rowsRubric = v.good;
      delete next.job;
      delete next.dataError;
      const s2 = setVersion(s, a.slot, () => next);
      return v.generation > 0 ? { ...s2, notice: `✓ ${safe(versionLabel(next))} re-evaluated: ${count(a.rows.length)} subjects` } : s2;
    }
    case 'evalFailed':
      return setVersion(s, a.slot, (v) => {
        if (v.job?.id !== a.job) return v;
        const next: VersionState = { ...v, dataError: a.message };
        delete next.job;
        return next;
      });
    case 'fileChanged':
      return { ...s, notice: `${safe(a.file)} changed on disk; reloading…` };
  }
}

/** The detail of the subject `by` places along the list the detail was opened from. */
function stepSubject(s: AppState, by: 1 | -1): AppState {
  const d = s.detail;
  if (d.from === 'compare') {
    const c = comparison(s);
    const b = s.versions[s.compare.b];
    let i = -1;
    for (let k = 0; k < c.order.length && i < 0; k++) {
      const j = c.pairs.b[c.order[k]!]!;
      if (j >= 0 && b?.rows[j]?.index === d.key) i = k;
    }
    const next = i < 0 ? undefined : pairAt(c, i + by);
    const row = next && next.b >= 0 ? b?.rows[next.b] : undefined;
    if (!row) return s;
    return { ...s, detail: openDetail(row.index, d.slot, 'compare', d.other), compare: { ...s.compare, cursor: i + by } };
  }
  const v = s.versions[d.slot];
  if (!v) return s;
  const list = subjectList(s);
  const i = list.findIndex((p) => v.rows[p]?.index === d.key);
  const pos = list[i + by];
  if (i < 0 || pos === undefined) return s;
  const row = v.rows[pos];
  if (!row) return s;
  return { ...s, detail: openDetail(row.index, d.slot, 'subjects'), subjects: subjectsReducer(s.subjects, { type: 'move', by }, { count: list.length, page: subjectsRows(s) }) };
}

function open(s: AppState): AppState {
  if (s.screen === 'subjects' && s.subjects.focus === 'table') {
    const v = currentVersion(s);
    const pos = subjectList(s)[s.subjects.cursor];
    const row = pos === undefined ? undefined : v?.rows[pos];
    if (!row) return s;
    return { ...s, screen: 'detail', detail: openDetail(row.index, s.current, 'subjects') };
  }
  if (s.screen === 'compare' && s.compare.focus === 'subjects') {
    const p = pairAt(comparison(s), s.compare.cursor);
    if (!p) return s;
    // Under B when the subject is there, else under A.
    const slot = p.b >= 0 ? s.compare.b : s.compare.a;
    const row = p.b >= 0 ? s.versions[s.compare.b]?.rows[p.b] : s.versions[s.compare.a]?.rows[p.a];
    if (!row) return s;
    return { ...s, screen: 'detail', detail: openDetail(row.index, slot, 'compare', slot === s.compare.b ? s.compare.a : undefined) };
  }
  return screenReducer(s, { type: 'open' });
}

function back(s: AppState): AppState {
  if (s.help.open) return { ...s, help: helpReducer(s.help, { type: 'back' }, { lines: 0, page: 1 }) };
  switch (s.screen) {
    case 'detail':
      return { ...s, screen: s.detail.from };
    case 'compare':
      if (s.compare.focus === 'changes') return { ...s, compare: { ...s.compare, focus: 'subjects' } };
      return { ...s, screen: 'subjects' };
    case 'diagnostics':
      return { ...s, screen: 'subjects' };
    case 'subjects':
      return screenReducer(s, { type: 'back' });
  }
}

/** Hands an action to the help overlay or the screen on show, with the sizes it needs. */
function screenReducer(s: AppState, a: UiAction): AppState {
  if (s.help.open) {
    const help = helpReducer(s.help, a, { lines: helpLines().length, page: pageRows(s) });
    return help === s.help ? s : { ...s, help };
  }
  switch (s.screen) {
    case 'subjects': {
      const subjects = subjectsReducer(s.subjects, a, { count: subjectList(s).length, page: subjectsRows(s) });
      return subjects === s.subjects ? s : { ...s, subjects };
    }
    case 'detail': {
      const data = detailData(s);
      const item = data?.model.items[s.detail.cursor];
      const layout = detailLayout(s);
      const detail = detailReducer(s.detail, a, {
        count: data?.model.items.length ?? 0,
        page: layout.list,
        explainLines: item?.explain.length ?? 0,
        explainPage: layout.explain,
      });
      return detail === s.detail ? s : { ...s, detail };
    }
    case 'compare': {
      const rows = compareRows(s);
      const ctx: CompareContext = {
        count: comparison(s).order.length,
        page: rows,
        changeLines: changeLines(s).length,
        changesPage: rows,
        versions: s.versions.length,
      };
      const compare = compareReducer(s.compare, a, ctx);
      return compare === s.compare ? s : { ...s, compare };
    }
    case 'diagnostics': {
      const diagnostics = diagnosticsReducer(s.diagnostics, a, { lines: diagnosticLines(s).length, page: pageRows(s) });
      return diagnostics === s.diagnostics ? s : { ...s, diagnostics };
    }
  }
}

/** Maps a key with the key map of what is on show: the help overlay, or the screen. */
export function keyToAction(s: AppState, input: string, key: KeyInfo): UiAction | undefined {
  if (s.help.open) return helpKeyToAction(input, key);
  switch (s.screen) {
    case 'subjects':
      return subjectsKeyToAction(input, key, { searching: s.subjects.searching, focus: s.subjects.focus });
    case 'detail':
      return detailKeyToAction(input, key);
    case 'compare':
      return compareKeyToAction(input, key);
    case 'diagnostics':
      return diagnosticsKeyToAction(input, key);
  }
}

/** The root reducer. */
export function reducer(s: AppState, a: Action): AppState {
  switch (a.type) {
    case 'key': {
      const ui = keyToAction(s, a.input, a.key);
      return ui ? reducer(s, ui) : s;
    }
    case 'versionLoaded':
    case 'evalStarted':
    case 'evalProgress':
    case 'evalDone':
    case 'evalFailed':
    case 'fileChanged':
      return dataReducer(s, a);
    case 'resize':
      if (a.width === s.size.width && a.height === s.size.height) return s;
      return screenReducer({ ...s, size: { width: a.width, height: a.height } }, a);
    case 'quit':
      return s.quit ? s : { ...s, quit: true };
    case 'toggleHelp':
      return { ...s, help: helpReducer(s.help, a, { lines: 0, page: 1 }) };
    case 'whatIf': {
      const whatIf = a.step === 0 ? 0 : Math.max(-MAX_WHAT_IF, Math.min(MAX_WHAT_IF, s.whatIf + a.step));
      return whatIf === s.whatIf ? s : { ...s, whatIf };
    }
    case 'cycleVersion': {
      const n = s.versions.length;
      if (n <= 1) return s;
      const current = (s.current + a.by + n) % n;
      // On the detail screen, follow the same subject into the other version.
      if (s.screen === 'detail') {
        const from = s.versions[s.detail.slot];
        const to = s.versions[current];
        if (from && to) return { ...s, current, detail: { ...s.detail, slot: current, key: keyIn(s, from, s.detail.key, to) } };
      }
      return { ...s, current, subjects: { ...s.subjects, cursor: 0, top: 0 } };
    }
    case 'show':
      if (s.screen === a.screen) return s;
      return { ...s, screen: a.screen, help: { open: false, top: 0 } };
    case 'back':
      return back(s);
    case 'open':
      return s.help.open ? s : open(s);
    case 'nextSubject':
      return s.screen === 'detail' ? stepSubject(s, a.by) : s;
    default:
      return screenReducer(s, a);
  }
}
