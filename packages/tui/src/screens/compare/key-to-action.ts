/** Keys of the compare screen. */
import type { UiAction } from '../../app/actions.js';
import { globalKeyToAction, type KeyInfo } from '../../app/keys.js';

/** Maps a key on the compare screen to an action. */
export function compareKeyToAction(input: string, key: KeyInfo): UiAction | undefined {
  if (!key.ctrl && !key.meta) {
    switch (input) {
      case 'a':
        return { type: 'cycleA' };
      case 'b':
        return { type: 'cycleB' };
      case 'x':
        return { type: 'swapAB' };
      case 'f':
        return { type: 'toggleFlipsOnly' };
    }
  }
  return globalKeyToAction(input, key);
}
