/** Keys of the subject detail screen. */
import type { UiAction } from '../../app/actions.js';
import { globalKeyToAction, type KeyInfo } from '../../app/keys.js';

/** Maps a key on the detail screen to an action. */
export function detailKeyToAction(input: string, key: KeyInfo): UiAction | undefined {
  if (!key.ctrl && !key.meta) {
    if (input === 'n') return { type: 'nextSubject', by: 1 };
    if (input === 'p') return { type: 'nextSubject', by: -1 };
  }
  return globalKeyToAction(input, key);
}
