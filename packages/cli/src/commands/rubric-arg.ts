/**
 * A RUBRIC argument that may be a rubric file or a rubric folder (several versions of one
 * rubric): a folder is read whole, its diagnostics shown, and the version in force on the
 * as-of date picked.
 */
import { resolve } from 'node:path';
import {
  escapeControl,
  formatDiagnostic,
  hasErrors,
  isDirectory,
  loadRubricFolder,
  versionAsOf,
  type Diagnostic,
  type LoadedRubric,
  type RubricFolder,
} from '@rubric/rubric';
import { InputError, UsageError } from '../errors.js';
import type { Sink } from '../io.js';
import { loadRubricAt, plural, sourceOf } from './load.js';

/** Whether `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today's date in UTC, YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The `--as-of` date of a command: the value given, which must be a real YYYY-MM-DD date
 * ({@link UsageError} naming the command otherwise), or today (UTC) when none is given.
 */
export function asOfOption(value: string | undefined, command: string, now: Date = new Date()): string {
  return checkedAsOf(value ?? todayUtc(now), command);
}

/** An `--as-of` value given to `command`, checked: a real YYYY-MM-DD date, else a {@link UsageError}. */
export function checkedAsOf(value: string, command: string): string {
  if (!isIsoDate(value)) throw new UsageError(`--as-of must be a date written YYYY-MM-DD, not \`${escapeControl(value)}\``, command);
  return value;
}

/** Whether the argument names a folder (relative to `cwd`). */
export async function isFolderArg(arg: string, cwd: string): Promise<boolean> {
  return isDirectory(resolve(cwd, arg));
}

/** Reads a rubric folder named on the command line; diagnostics name files under the folder as typed. */
export async function loadFolderAt(dir: string, cwd: string): Promise<RubricFolder> {
  return loadRubricFolder(resolve(cwd, dir), { display: dir });
}

/** Writes every diagnostic of a folder (each file's, then those between versions) with its source line. */
export async function writeFolderDiagnostics(folder: RubricFolder, err: Sink, options: { skip?: string } = {}): Promise<void> {
  for (const f of folder.files) {
    if (f.file === options.skip) continue;
    for (const d of f.diagnostics) await err.write(`${formatDiagnostic(d, sourceOf(f))}\n\n`);
  }
  const sources = new Map(folder.files.map((f) => [f.file, f.source]));
  for (const d of folder.diagnostics) await err.write(`${formatDiagnostic(d, sources.get(d.file) || undefined)}\n\n`);
}

/** Errors in a folder: its files' and those between its versions. */
export function folderErrors(folder: RubricFolder): Diagnostic[] {
  return [...folder.files.flatMap((f) => f.diagnostics), ...folder.diagnostics].filter((d) => d.severity === 'error');
}

/**
 * Loads the rubric a RUBRIC argument names: a file as it is, or, for a folder, the version
 * in force on `asOf`. Folder diagnostics other than the chosen file's are written to `err`
 * (the chosen file's stay in the returned `diagnostics`, for the caller to show as for a
 * file). Throws {@link InputError} (exit 2) when the folder has errors or no version is in
 * force on `asOf`; `nothingDone` ends the message (what the command did not do).
 */
export async function loadRubricArg(arg: string, asOf: string, cwd: string, err: Sink, nothingDone = 'nothing was evaluated'): Promise<LoadedRubric> {
  if (!(await isFolderArg(arg, cwd))) return loadRubricAt(arg, cwd);
  const folder = await loadFolderAt(arg, cwd);
  const errors = folderErrors(folder);
  if (errors.length > 0 || folder.versions.length === 0) {
    await writeFolderDiagnostics(folder, err);
    throw new InputError(errors.length > 0 ? `the rubric folder ${arg} has ${plural(errors.length, 'error')}; ${nothingDone}` : `the rubric folder ${arg} holds no usable version`);
  }
  const found = versionAsOf(folder.versions, asOf);
  if (!found.version) {
    await writeFolderDiagnostics(folder, err);
    const span = folder.versions.map((v) => `${v.rubric.version} (${v.rubric.effective.from} … ${v.rubric.effective.until ?? 'open-ended'})`).join(', ');
    throw new InputError(`${found.problem}\n(the versions in ${arg}: ${span})`);
  }
  const chosen = folder.files.find((f) => f.file === found.version.file)!;
  await writeFolderDiagnostics(folder, err, { skip: chosen.file });
  if (hasErrors(chosen.diagnostics)) throw new InputError(`the rubric ${chosen.file} has errors`);
  return chosen;
}
