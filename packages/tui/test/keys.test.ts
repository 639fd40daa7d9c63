/** The key maps: pure (input, key) → action, per screen; and every documented key does something. */
import { describe, expect, it } from 'vitest';
import { globalKeyToAction, KEY_HELP, splitKeys, type KeyInfo } from '../src/app/keys.js';
import { compareKeyToAction } from '../src/screens/compare/key-to-action.js';
import { detailKeyToAction } from '../src/screens/detail/key-to-action.js';
import { diagnosticsKeyToAction } from '../src/screens/diagnostics/key-to-action.js';
import { helpKeyToAction } from '../src/screens/help/key-to-action.js';
import { subjectsKeyToAction } from '../src/screens/subjects/key-to-action.js';

const table = { searching: false, focus: 'table' as const };
const subjects = (input: string, key: KeyInfo = {}) => subjectsKeyToAction(input, key, table);

/** A key as the help writes it → what Ink reports. */
function press(token: string): [string, KeyInfo] {
  const named: Record<string, KeyInfo> = {
    '↑': { upArrow: true },
    '↓': { downArrow: true },
    '←': { leftArrow: true },
    '→': { rightArrow: true },
    PgUp: { pageUp: true },
    PgDn: { pageDown: true },
    Home: { home: true },
    End: { end: true },
    Esc: { escape: true },
    Tab: { tab: true },
    Enter: { return: true },
  };
  return named[token] ? ['', named[token]] : [token, {}];
}

describe('key maps', () => {
  it('moves: arrows and j k, pages, ends', () => {
    expect(subjects('j')).toEqual({ type: 'move', by: 1 });
    expect(subjects('', { upArrow: true })).toEqual({ type: 'move', by: -1 });
    expect(subjects('', { pageDown: true })).toEqual({ type: 'movePage', by: 1 });
    expect(subjects('b', { ctrl: true })).toEqual({ type: 'movePage', by: -1 });
    expect(subjects('G')).toEqual({ type: 'moveTo', where: 'end' });
    expect(subjects('', { home: true })).toEqual({ type: 'moveTo', where: 'start' });
  });

  it('shared keys: q, ?, Esc, Tab, Enter, + - 0 (and = _), [ ], c, d', () => {
    expect(globalKeyToAction('q', {})).toEqual({ type: 'quit' });
    expect(globalKeyToAction('?', {})).toEqual({ type: 'toggleHelp' });
    expect(globalKeyToAction('', { escape: true })).toEqual({ type: 'back' });
    expect(globalKeyToAction('', { tab: true })).toEqual({ type: 'focusNext' });
    expect(globalKeyToAction('', { return: true })).toEqual({ type: 'open' });
    expect(globalKeyToAction('=', {})).toEqual({ type: 'whatIf', step: 1 });
    expect(globalKeyToAction('_', {})).toEqual({ type: 'whatIf', step: -1 });
    expect(globalKeyToAction('0', {})).toEqual({ type: 'whatIf', step: 0 });
    expect(globalKeyToAction(']', {})).toEqual({ type: 'cycleVersion', by: 1 });
    expect(globalKeyToAction('c', {})).toEqual({ type: 'show', screen: 'compare' });
    expect(globalKeyToAction('d', {})).toEqual({ type: 'show', screen: 'diagnostics' });
    expect(globalKeyToAction('q', { ctrl: true })).toBeUndefined();
    expect(globalKeyToAction('z', {})).toBeUndefined();
  });

  it('subjects: / s r f, ← → for versions; the versions pane takes ↑↓ too', () => {
    expect(subjects('/')).toEqual({ type: 'searchStart' });
    expect(subjects('s')).toEqual({ type: 'cycleSort' });
    expect(subjects('r')).toEqual({ type: 'reverseSort' });
    expect(subjects('f')).toEqual({ type: 'cycleFilter' });
    expect(subjects('', { rightArrow: true })).toEqual({ type: 'cycleVersion', by: 1 });
    expect(subjects('h')).toEqual({ type: 'cycleVersion', by: -1 });
    expect(subjectsKeyToAction('j', {}, { searching: false, focus: 'versions' })).toEqual({ type: 'cycleVersion', by: 1 });
  });

  it('subjects while searching: letters are text (q too), Enter keeps, Esc clears, Backspace deletes', () => {
    const typing = { searching: true, focus: 'table' as const };
    expect(subjectsKeyToAction('q', {}, typing)).toEqual({ type: 'searchType', text: 'q' });
    expect(subjectsKeyToAction('BJ-', {}, typing)).toEqual({ type: 'searchType', text: 'BJ-' });
    expect(subjectsKeyToAction('', { return: true }, typing)).toEqual({ type: 'searchCommit' });
    expect(subjectsKeyToAction('', { escape: true }, typing)).toEqual({ type: 'searchCancel' });
    expect(subjectsKeyToAction('', { backspace: true }, typing)).toEqual({ type: 'searchBackspace' });
    expect(subjectsKeyToAction('', { delete: true }, typing)).toEqual({ type: 'searchBackspace' });
    expect(subjectsKeyToAction('', { downArrow: true }, typing)).toEqual({ type: 'move', by: 1 });
    expect(subjectsKeyToAction('', { tab: true }, typing)).toBeUndefined();
  });

  it('detail: n p; compare: a b x f; help: scroll, close, quit, nothing else', () => {
    expect(detailKeyToAction('n', {})).toEqual({ type: 'nextSubject', by: 1 });
    expect(detailKeyToAction('p', {})).toEqual({ type: 'nextSubject', by: -1 });
    expect(compareKeyToAction('a', {})).toEqual({ type: 'cycleA' });
    expect(compareKeyToAction('b', {})).toEqual({ type: 'cycleB' });
    expect(compareKeyToAction('x', {})).toEqual({ type: 'swapAB' });
    expect(compareKeyToAction('f', {})).toEqual({ type: 'toggleFlipsOnly' });
    expect(helpKeyToAction('?', {})).toEqual({ type: 'toggleHelp' });
    expect(helpKeyToAction('', { escape: true })).toEqual({ type: 'back' });
    expect(helpKeyToAction('q', {})).toEqual({ type: 'quit' });
    expect(helpKeyToAction('j', {})).toEqual({ type: 'move', by: 1 });
    expect(helpKeyToAction('c', {})).toBeUndefined();
    expect(diagnosticsKeyToAction('', { escape: true })).toEqual({ type: 'back' });
  });

  it('every key the help lists does something where it says', () => {
    const maps: Record<string, ((input: string, key: KeyInfo) => unknown)[]> = {
      Everywhere: [subjects, detailKeyToAction, compareKeyToAction, diagnosticsKeyToAction],
      Subjects: [subjects],
      Detail: [detailKeyToAction],
      Compare: [compareKeyToAction],
    };
    for (const group of KEY_HELP) {
      for (const k of group.keys) {
        for (const token of k.keys.split(/\s+/)) {
          const [input, key] = press(token);
          for (const map of maps[group.title]!) expect(map(input, key), `${group.title}: ${token}`).toBeDefined();
        }
      }
    }
  });

  it('splits a burst of keys, recognising Enter, Tab, Backspace and Esc', () => {
    expect(splitKeys('j\rk\t\u007f\u001b')).toEqual([
      ['j', {}],
      ['', { return: true }],
      ['k', {}],
      ['', { tab: true }],
      ['', { backspace: true }],
      ['', { escape: true }],
    ]);
  });
});
