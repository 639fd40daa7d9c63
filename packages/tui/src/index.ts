/**
 * `@rubric/tui`: the terminal UI that dry-runs rubric versions against a dataset. The
 * caller (the `rubric tui` command) supplies the services (files, watching); the TUI
 * never touches the file system or the process itself.
 */
export { runTui, type TuiOptions } from './run-tui.js';
export { App, type AppProps } from './app/app.js';
export type { LoadedVersion, SubjectRecord, TuiServices } from './services.js';
export { KEY_HELP, helpLines, type KeyHelp } from './app/keys.js';
