/**
 * Keys: the table the help screen, the footers and docs/tui.md list, and the keys every
 * screen shares. Each screen's `keyToAction` handles its own keys and falls back to
 * {@link globalKeyToAction}. All pure: (input, key) → action or undefined.
 */
import type { KeyInfo, UiAction } from './actions.js';

export type { KeyInfo } from './actions.js';

/** One documented key. */
export interface KeyHelp {
  keys: string;
  what: string;
}

/** Every key, by where it works. */
export const KEY_HELP: readonly { title: string; keys: readonly KeyHelp[] }[] = [
  {
    title: 'Everywhere',
    keys: [
      { keys: '?', what: 'help (this screen); ? or Esc closes it' },
      { keys: 'q', what: 'quit' },
      { keys: 'Esc', what: 'back (and clears a search or filter)' },
      { keys: 'Tab', what: 'next pane' },
      { keys: '↑ ↓  k j', what: 'move (or scroll the focused pane)' },
      { keys: 'PgUp PgDn', what: 'move a page' },
      { keys: 'Home End  g G', what: 'first / last' },
      { keys: '+ -', what: 'what-if: raise / lower the pass mark by 0.5' },
      { keys: '0', what: 'what-if: back to the rubric’s own pass mark' },
      { keys: '[ ]', what: 'previous / next version' },
      { keys: 'c', what: 'compare versions A and B' },
      { keys: 'd', what: 'diagnostics of every rubric file' },
    ],
  },
  {
    title: 'Subjects',
    keys: [
      { keys: 'Enter', what: 'the subject’s detail' },
      { keys: '/', what: 'search ids (Enter keeps it, Esc clears it)' },
      { keys: 's', what: 'sort: file order, id, total, outcome' },
      { keys: 'r', what: 'reverse the sort' },
      { keys: 'f', what: 'filter: all, pass, fail, vetoed, invalid' },
      { keys: '← →  h l', what: 'pick the version (versions pane)' },
    ],
  },
  {
    title: 'Detail',
    keys: [
      { keys: 'Enter', what: 'explanation pane (Tab too)' },
      { keys: 'n p', what: 'next / previous subject' },
    ],
  },
  {
    title: 'Compare',
    keys: [
      { keys: 'Enter', what: 'the subject’s detail under B, with A’s points' },
      { keys: 'a b', what: 'change version A / B' },
      { keys: 'x', what: 'swap A and B' },
      { keys: 'f', what: 'only the subjects whose outcome flips' },
    ],
  },
];

/** The help screen as lines. */
export function helpLines(): string[] {
  const out: string[] = [];
  for (const group of KEY_HELP) {
    out.push(group.title);
    for (const k of group.keys) out.push(`  ${k.keys.padEnd(16)}${k.what}`);
    out.push('');
  }
  out.push('Outcomes: ✓ pass  ✗ fail  ⊘ vetoed  ! invalid');
  out.push('The what-if pass mark moves every subject’s own pass mark; the file is not changed.');
  return out;
}

/** Moves shared by every list and pane. */
export function moveKeyToAction(input: string, key: KeyInfo): UiAction | undefined {
  if (key.upArrow || input === 'k') return { type: 'move', by: -1 };
  if (key.downArrow || input === 'j') return { type: 'move', by: 1 };
  if (key.pageUp || (key.ctrl && input === 'b')) return { type: 'movePage', by: -1 };
  if (key.pageDown || (key.ctrl && input === 'f')) return { type: 'movePage', by: 1 };
  if (key.home || input === 'g') return { type: 'moveTo', where: 'start' };
  if (key.end || input === 'G') return { type: 'moveTo', where: 'end' };
  return undefined;
}

/** Keys every screen shares. */
export function globalKeyToAction(input: string, key: KeyInfo): UiAction | undefined {
  if (key.escape) return { type: 'back' };
  if (key.tab) return { type: 'focusNext' };
  if (key.return) return { type: 'open' };
  const move = moveKeyToAction(input, key);
  if (move) return move;
  if (key.ctrl || key.meta) return undefined;
  switch (input) {
    case 'q':
      return { type: 'quit' };
    case '?':
      return { type: 'toggleHelp' };
    case '+':
    case '=':
      return { type: 'whatIf', step: 1 };
    case '-':
    case '_':
      return { type: 'whatIf', step: -1 };
    case '0':
      return { type: 'whatIf', step: 0 };
    case '[':
      return { type: 'cycleVersion', by: -1 };
    case ']':
      return { type: 'cycleVersion', by: 1 };
    case 'c':
      return { type: 'show', screen: 'compare' };
    case 'd':
      return { type: 'show', screen: 'diagnostics' };
    default:
      return undefined;
  }
}

/**
 * Splits input that arrived as one piece (keys typed faster than they are read, or a paste)
 * into single keys, recognising Enter, Tab, Backspace and Esc among them.
 */
export function splitKeys(input: string): [string, KeyInfo][] {
  const out: [string, KeyInfo][] = [];
  for (const ch of input) {
    if (ch === '\r' || ch === '\n') out.push(['', { return: true }]);
    else if (ch === '\t') out.push(['', { tab: true }]);
    else if (ch === '\x7f' || ch === '\b') out.push(['', { backspace: true }]);
    else if (ch === '\u001b') out.push(['', { escape: true }]);
    else out.push([ch, {}]);
  }
  return out;
}
