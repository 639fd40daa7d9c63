/**
 * Wires Ink's key events to the reducer. Each key is dispatched as it is; the reducer
 * maps it to an action with the key map of the screen on show *in the state at that
 * moment* (see `keyToAction` in reducer.ts). Mapping in the hook instead would map a burst
 * of keys read at once (typed fast, pasted, or sent by tmux) with the state before the
 * burst: `/HD` would start a search and then lose `HD`.
 */
import { useInput, type Key } from 'ink';
import { useCallback } from 'react';
import type { Action } from './actions.js';
import { splitKeys } from './keys.js';

/** Dispatches every key the terminal sends. */
export function useKeys(dispatch: (a: Action) => void): void {
  const handler = useCallback(
    (input: string, key: Key) => {
      if (input.length > 1 && !key.ctrl && !key.meta) {
        for (const [ch, k] of splitKeys(input)) dispatch({ type: 'key', input: ch, key: k });
        return;
      }
      dispatch({ type: 'key', input, key });
    },
    [dispatch],
  );
  useInput(handler);
}
