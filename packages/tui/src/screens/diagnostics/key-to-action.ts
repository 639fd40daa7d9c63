/** Keys of the diagnostics screen: the shared ones (scroll, back, quit…). */
import type { UiAction } from '../../app/actions.js';
import { globalKeyToAction, type KeyInfo } from '../../app/keys.js';

/** Maps a key on the diagnostics screen to an action. */
export function diagnosticsKeyToAction(input: string, key: KeyInfo): UiAction | undefined {
  return globalKeyToAction(input, key);
}
