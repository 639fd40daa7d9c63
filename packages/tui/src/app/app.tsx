/**
 * The app: one reducer over the whole state, the session feeding it data, keys dispatched
 * to the reducer (which maps them with the key map of the screen on show), and the
 * screen's view rendered from props.
 */
import { useApp } from 'ink';
import { useEffect, useReducer } from 'react';
import type { TuiServices } from '../services.js';
import { useSession } from '../session/use-session.js';
import type { SessionOptions } from '../session/session.js';
import { CompareView } from '../screens/compare/view.js';
import { compareProps } from '../screens/compare/props.js';
import { DetailView } from '../screens/detail/view.js';
import { detailProps } from '../screens/detail/props.js';
import { DiagnosticsView } from '../screens/diagnostics/view.js';
import { diagnosticsProps } from '../screens/diagnostics/props.js';
import { HelpView } from '../screens/help/view.js';
import { helpProps } from '../screens/help/props.js';
import { SubjectsView } from '../screens/subjects/view.js';
import { subjectsProps } from '../screens/subjects/props.js';
import type { View } from '../model/order.js';
import { reducer } from './reducer.js';
import { initialState, type AppState, type Size } from './state.js';
import { useKeys } from './use-keys.js';
import { useTerminalSize } from './use-terminal-size.js';

/** Props of the app. */
export interface AppProps {
  services: TuiServices;
  session?: SessionOptions;
  /** A fixed size (tests); default: the terminal's, following resizes. */
  size?: Size;
  /** The table's initial order and filter. */
  view?: Partial<View>;
  /** Called after each state change (instrumentation, tests). */
  onState?: (s: AppState) => void;
}

/** The whole TUI. */
export function App({ services, session = {}, size, view, onState }: AppProps) {
  const [state, dispatch] = useReducer(reducer, undefined, () =>
    initialState({
      files: services.rubricFiles,
      ...(services.dataFile !== undefined ? { dataFile: services.dataFile } : {}),
      ...(size ? { size } : {}),
      ...(view ? { view } : {}),
    }),
  );
  const { exit } = useApp();
  useTerminalSize(dispatch, size !== undefined);
  useSession(services, session, dispatch);
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);
  useEffect(() => {
    onState?.(state);
  }, [state, onState]);

  useKeys(dispatch);

  if (state.help.open) return <HelpView {...helpProps(state)} />;
  switch (state.screen) {
    case 'subjects':
      return <SubjectsView {...subjectsProps(state)} />;
    case 'detail':
      return <DetailView {...detailProps(state)} />;
    case 'compare':
      return <CompareView {...compareProps(state)} />;
    case 'diagnostics':
      return <DiagnosticsView {...diagnosticsProps(state)} />;
  }
}
