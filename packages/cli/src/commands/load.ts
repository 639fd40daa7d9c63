/** Loading a rubric named on the command line, with its diagnostics shown under the name the user typed. */
import { resolve } from 'node:path';
import { loadRubric, type Diagnostic, type LoadedRubric } from '@rubric/rubric';

/** Codes of diagnostics that mean the file could not be read at all (exit 2, not 1). */
export const UNREADABLE_CODES: ReadonlySet<string> = new Set(['io/unreadable', 'io/unknown-format']);

/** Whether a loaded rubric could not be read at all. */
export function isUnreadable(loaded: LoadedRubric): boolean {
  return loaded.diagnostics.some((d) => UNREADABLE_CODES.has(d.code));
}

/** Loads `file` (relative to `cwd`), reporting diagnostics under the path as given. */
export async function loadRubricAt(file: string, cwd: string): Promise<LoadedRubric> {
  const path = resolve(cwd, file);
  const loaded = await loadRubric(path);
  const rename = (d: Diagnostic): Diagnostic => (d.file === path ? { ...d, file } : d);
  return { ...loaded, file, diagnostics: loaded.diagnostics.map(rename) };
}

/** `1 error`, `2 warnings`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The source to show under a rubric's diagnostics: none when the file could not be read. */
export function sourceOf(loaded: LoadedRubric): string | undefined {
  return loaded.source === '' ? undefined : loaded.source;
}
