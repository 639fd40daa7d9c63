/** Keeps the state's terminal size in step with the output stream (its `resize` events). */
import { useStdout } from 'ink';
import { useEffect } from 'react';
import type { UiAction } from './actions.js';
import type { Size } from './state.js';

/** The size of an output stream; 80×24 when it does not say (not a terminal). */
export function sizeOf(stdout: { columns?: number; rows?: number }): Size {
  return { width: stdout.columns || 80, height: stdout.rows || 24 };
}

/** Dispatches `resize` now and whenever the terminal is resized; does nothing with a fixed size. */
export function useTerminalSize(dispatch: (a: UiAction) => void, fixed: boolean): void {
  const { stdout } = useStdout();
  useEffect(() => {
    if (fixed) return;
    const onResize = (): void => dispatch({ type: 'resize', ...sizeOf(stdout) });
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, dispatch, fixed]);
}
