/** Keys of the subjects screen. */
import type { UiAction } from '../../app/actions.js';
import { globalKeyToAction, type KeyInfo } from '../../app/keys.js';
import type { SubjectsFocus } from './reducer.js';

/** What the subjects keys depend on. */
export interface SubjectsKeyContext {
  searching: boolean;
  focus: SubjectsFocus;
}

/** Maps a key on the subjects screen to an action. */
export function subjectsKeyToAction(input: string, key: KeyInfo, ctx: SubjectsKeyContext): UiAction | undefined {
  if (ctx.searching) {
    if (key.escape) return { type: 'searchCancel' };
    if (key.return) return { type: 'searchCommit' };
    if (key.backspace || key.delete) return { type: 'searchBackspace' };
    if (key.upArrow) return { type: 'move', by: -1 };
    if (key.downArrow) return { type: 'move', by: 1 };
    if (key.tab || key.ctrl || key.meta || input === '') return undefined;
    return { type: 'searchType', text: input };
  }
  if (key.leftArrow || input === 'h') return { type: 'cycleVersion', by: -1 };
  if (key.rightArrow || input === 'l') return { type: 'cycleVersion', by: 1 };
  if (ctx.focus === 'versions') {
    if (key.upArrow || input === 'k') return { type: 'cycleVersion', by: -1 };
    if (key.downArrow || input === 'j') return { type: 'cycleVersion', by: 1 };
  }
  if (!key.ctrl && !key.meta) {
    switch (input) {
      case '/':
        return { type: 'searchStart' };
      case 's':
        return { type: 'cycleSort' };
      case 'r':
        return { type: 'reverseSort' };
      case 'f':
        return { type: 'cycleFilter' };
    }
  }
  return globalKeyToAction(input, key);
}
