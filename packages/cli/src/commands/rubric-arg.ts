/**
 * A RUBRIC argument that may be a rubric file or a rubric folder (several versions of one
 * rubric): a folder is read whole, its diagnostics shown, and the version in force on the
 * as-of date picked.
 */
import { resolve } from 'node:path';
import {
  formatDiagnostic,
  hasErrors,
  isDirectory,
  loadRubricFolder,
  versionAsOf,
  type Diagnostic,
  type LoadedRubric,
  type RubricFolder,
} from '@rubric/rubric';
import { InputError } from '../errors.js';
import type { Sink } from '../io.js';
import { loadRubricAt, plural, sourceOf } from './load.js';

/** Whether `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
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
 * force on `asOf`.
 */
export async function loadRubricArg(arg: string, asOf: string, cwd: string, err: Sink): Promise<LoadedRubric> {
  if (!(await isFolderArg(arg, cwd))) return loadRubricAt(arg, cwd);
  const folder = await loadFolderAt(arg, cwd);
  const errors = folderErrors(folder);
  if (errors.length > 0 || folder.versions.length === 0) {
    await writeFolderDiagnostics(folder, err);
    throw new InputError(errors.length > 0 ? `the rubric folder ${arg} has ${plural(errors.length, 'error')}; nothing was evaluated` : `the rubric folder ${arg} holds no usable version`);
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
