/** Keys while the help overlay is open: scroll it, close it, or quit. */
import type { UiAction } from '../../app/actions.js';
import { moveKeyToAction, type KeyInfo } from '../../app/keys.js';

/** Maps a key on the help overlay to an action; other keys do nothing while it is open. */
export function helpKeyToAction(input: string, key: KeyInfo): UiAction | undefined {
  if (key.escape) return { type: 'back' };
  if (input === '?') return { type: 'toggleHelp' };
  if (input === 'q' && !key.ctrl && !key.meta) return { type: 'quit' };
  return moveKeyToAction(input, key);
}
