/**
 * Rubric folders: several versions of one rubric side by side, each in force for a period.
 * Loads every rubric file of a folder, orders the versions by `effective.from`, checks that
 * they follow each other without overlap or gap and that each `replaces` names a version of
 * the folder and indicators it has, and picks the version in force on a date.
 *
 * Which files are rubrics (documented in docs/versions.md):
 * - `*.test.yaml` / `*.test.yml` are test files, never rubrics;
 * - `*.rubric` files are rubrics (the DSL);
 * - a `*.yaml` / `*.yml` file is a rubric when a line starts with the top-level key `rubric:`;
 * - a `*.json` file is a rubric when it declares `"format": "rubric-ir/…"`;
 * - anything else (data files, READMEs, hidden files) is not read. YAML and JSON files that are
 *   not rubrics are listed in `skipped` so a misspelt `rubric:` key does not go unnoticed.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import {
  FILE_START,
  allIndicators,
  contentHash,
  dayNumber,
  dateOfDay,
  didYouMean,
  hasErrors,
  pointer,
  sortDiagnostics,
  spanFor,
  type Diagnostic,
  type Rubric,
  type Severity,
  type SourceMap,
} from '@rubric/model';
import { loadRubric, type LoadedRubric } from './load.js';

/** One version of a rubric in a folder. */
export interface RubricVersion {
  /** The file it came from (as the folder was named, joined with the file name). */
  file: string;
  rubric: Rubric;
  /** Content hash of the IR. */
  hash: string;
  sourceMap: SourceMap;
  /** Other files of the folder holding exactly the same rubric (a YAML file and its DSL twin). */
  twins: string[];
}

/** A file of a folder that looked like it might be a rubric but is not one. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** What a rubric folder holds. */
export interface RubricFolder {
  dir: string;
  /** The rubric id all versions share (the first version's, when they disagree). */
  id?: string;
  /** The usable versions, ordered by `effective.from`. */
  versions: RubricVersion[];
  /** Every rubric file read, with its own diagnostics and source (for showing them). */
  files: LoadedRubric[];
  /** Test files (`*.test.yaml`) of the folder, as paths. */
  testFiles: string[];
  skipped: SkippedFile[];
  /** Problems between versions (`versions/*`), located in the files they concern. */
  diagnostics: Diagnostic[];
}

/** Whether a path names a directory (false for files and for paths that do not exist). */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Whether a file name is a test file (`*.test.yaml`, `*.test.yml`). */
export function isTestFileName(name: string): boolean {
  return /\.test\.ya?ml$/i.test(name);
}

/** Why a file is not a rubric of its folder, or undefined when it is one (see the module comment). */
export function notARubric(name: string, text: string): string | undefined {
  const ext = extname(name).toLowerCase();
  if (ext === '.rubric') return undefined;
  if (ext === '.yaml' || ext === '.yml') {
    return /^rubric[ \t]*:/m.test(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) ? undefined : 'no top-level `rubric:` key, so it is not read as a rubric (a data file?)';
  }
  if (ext === '.json') return /"format"\s*:\s*"rubric-ir\//.test(text) ? undefined : 'no `"format": "rubric-ir/1"`, so it is not read as a rubric (a data file?)';
  return 'not a rubric file';
}

/** Options of {@link loadRubricFolder}. */
export interface FolderOptions {
  /** How to name the folder in file names of diagnostics (default: `dir` as given). */
  display?: string;
}

/**
 * Reads every rubric file of a folder and checks the versions against each other.
 * Never throws on user input: an unreadable folder is a diagnostic.
 */
export async function loadRubricFolder(dir: string, options: FolderOptions = {}): Promise<RubricFolder> {
  const shown = options.display ?? dir;
  const folder: RubricFolder = { dir: shown, versions: [], files: [], testFiles: [], skipped: [], diagnostics: [] };
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (e) {
    folder.diagnostics.push(fileDiagnostic(shown, 'io/unreadable', `cannot read the folder: ${(e as Error).message}`));
    return folder;
  }
  // Code-unit order, so the result does not depend on the file system or the locale.
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const shownFile = join(shown, name);
    if (isTestFileName(name)) {
      folder.testFiles.push(shownFile);
      continue;
    }
    const ext = extname(name).toLowerCase();
    if (!['.rubric', '.yaml', '.yml', '.json'].includes(ext)) continue;
    let text: string;
    try {
      text = await readFile(join(dir, name), 'utf8');
    } catch (e) {
      folder.diagnostics.push(fileDiagnostic(shownFile, 'io/unreadable', `cannot read the file: ${(e as Error).message}`));
      continue;
    }
    const why = notARubric(name, text);
    if (why !== undefined) {
      folder.skipped.push({ file: shownFile, reason: why });
      continue;
    }
    const loaded = await loadRubric(join(dir, name));
    const rename = (d: Diagnostic): Diagnostic => (d.file === join(dir, name) ? { ...d, file: shownFile } : d);
    folder.files.push({ ...loaded, file: shownFile, diagnostics: loaded.diagnostics.map(rename) });
  }
  const usable = folder.files.flatMap((f) => (f.rubric && !hasErrors(f.diagnostics) ? [{ file: f.file, rubric: f.rubric, sourceMap: f.sourceMap }] : []));
  const checked = checkVersions(usable);
  folder.versions = checked.versions;
  folder.diagnostics.push(...checked.diagnostics);
  if (folder.files.length === 0 && folder.diagnostics.length === 0) {
    folder.diagnostics.push(
      fileDiagnostic(shown, 'versions/empty', 'the folder holds no rubric file', 'a rubric file is a *.rubric file, a *.yaml file with a top-level `rubric:` key, or IR *.json'),
    );
  }
  const first = folder.versions[0];
  if (first) folder.id = first.rubric.id;
  folder.diagnostics = sortDiagnostics(folder.diagnostics);
  return folder;
}

/** A rubric to check among its versions: its IR, file and source map (for locations). */
export interface VersionInput {
  file: string;
  rubric: Rubric;
  sourceMap?: SourceMap;
}

/**
 * Checks versions of one rubric against each other: one id, one file per version (twins with
 * identical content allowed), consecutive periods without overlap or gap, `replaces` naming a
 * version of the set and old indicators it has. Returns the versions in date order and the
 * diagnostics (`versions/*`).
 */
export function checkVersions(inputs: readonly VersionInput[]): { versions: RubricVersion[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (v: VersionInput, severity: Severity, code: string, path: string, message: string, hint?: string): void => {
    const d: Diagnostic = { severity, code, message, file: v.file, span: spanFor(v.sourceMap, path) };
    if (hint !== undefined) d.hint = hint;
    diagnostics.push(d);
  };
  const id = inputs[0]?.rubric.id;
  const byVersion = new Map<string, RubricVersion>();
  for (const input of inputs) {
    if (input.rubric.id !== id) {
      report(input, 'error', 'versions/mixed-ids', '/id', `this file holds rubric \`${input.rubric.id}\`, but the folder's other versions are of \`${id}\``, 'keep one rubric per folder; all its versions share one id');
      continue;
    }
    const hash = contentHash(input.rubric);
    const same = byVersion.get(input.rubric.version);
    if (same) {
      if (same.hash === hash) same.twins.push(input.file);
      else {
        report(
          input,
          'error',
          'versions/duplicate',
          '/version',
          `version ${input.rubric.version} is also in ${same.file}, with different content`,
          'two files may hold one version only when they mean exactly the same (a file and its converted twin); give this one its own version, or make them agree',
        );
      }
      continue;
    }
    byVersion.set(input.rubric.version, { file: input.file, rubric: input.rubric, hash, sourceMap: input.sourceMap ?? new Map(), twins: [] });
  }
  const versions = [...byVersion.values()].sort((a, b) => compareText(a.rubric.effective.from, b.rubric.effective.from) || compareText(a.rubric.version, b.rubric.version));
  const inputOf = (v: RubricVersion): VersionInput => ({ file: v.file, rubric: v.rubric, sourceMap: v.sourceMap });

  // Consecutive periods: the next starts the day after this one ends.
  for (let i = 1; i < versions.length; i++) {
    const prev = versions[i - 1]!;
    const next = versions[i]!;
    const prevUntil = prev.rubric.effective.until;
    const nextFrom = dayNumber(next.rubric.effective.from);
    const prevEnd = prevUntil === undefined ? Infinity : dayNumber(prevUntil);
    if (nextFrom === undefined || prevEnd === undefined) continue; // a bad date: the checker reported it
    if (prevEnd >= nextFrom) {
      const both = prevUntil === undefined ? `${prev.rubric.version} has no end date` : `${prev.rubric.version} runs until ${prevUntil}`;
      report(
        inputOf(next),
        'error',
        'versions/overlap',
        '/effective/from',
        `versions ${prev.rubric.version} and ${next.rubric.version} overlap: ${both}, and ${next.rubric.version} takes effect on ${next.rubric.effective.from}`,
        `end ${prev.rubric.version} (${prev.file}) on ${dateOfDay(nextFrom - 1)} with \`until: ${dateOfDay(nextFrom - 1)}\`; both ends of a period are included`,
      );
    } else if (prevEnd + 1 < nextFrom) {
      report(
        inputOf(next),
        'error',
        'versions/gap',
        '/effective/from',
        `no version is in force from ${dateOfDay(prevEnd + 1)} to ${dateOfDay(nextFrom - 1)}: ${prev.rubric.version} ends on ${prevUntil} and ${next.rubric.version} takes effect on ${next.rubric.effective.from}`,
        `start ${next.rubric.version} on ${dateOfDay(prevEnd + 1)}, or end ${prev.rubric.version} on ${dateOfDay(nextFrom - 1)}`,
      );
    }
  }

  // `replaces`: an existing version, old indicators it has, and every old indicator accounted for.
  versions.forEach((v, i) => {
    const rep = v.rubric.replaces;
    const prev = versions[i - 1];
    if (!rep) {
      if (prev) {
        report(inputOf(v), 'warning', 'versions/missing-replaces', '', `version ${v.rubric.version} follows ${prev.rubric.version} but does not say what it replaces`, `add \`replaces: { version: "${prev.rubric.version}", mapping: [] }\` (indicators with the same id are matched without a mapping)`);
      }
      return;
    }
    const old = byVersion.get(rep.version);
    if (!old) {
      const known = [...byVersion.keys()].filter((k) => k !== v.rubric.version);
      report(
        inputOf(v),
        'error',
        'versions/unknown-version',
        '/replaces/version',
        `version ${v.rubric.version} replaces version ${rep.version}, which is not in the folder`,
        didYouMean(rep.version, known) ?? (known.length > 0 ? `the other versions are ${known.join(', ')}` : 'the folder holds no other version'),
      );
      return;
    }
    if (prev && old !== prev) {
      report(inputOf(v), 'warning', 'versions/not-previous', '/replaces/version', `version ${v.rubric.version} replaces ${rep.version}, but the version before it is ${prev.rubric.version}`, `did it replace ${prev.rubric.version}?`);
    }
    const oldIds = allIndicators(old.rubric).map((x) => x.indicator.id);
    const newIds = new Set(allIndicators(v.rubric).map((x) => x.indicator.id));
    const mapped = new Set<string>();
    rep.mapping.forEach((m, mi) =>
      m.from.forEach((fid, k) => {
        mapped.add(fid);
        if (oldIds.includes(fid)) return;
        report(
          inputOf(v),
          'error',
          'versions/unknown-indicator',
          pointer('replaces', 'mapping', mi, 'from', k),
          `mapping ${mi + 1} maps from indicator \`${fid}\`, which version ${rep.version} does not have`,
          didYouMean(fid, oldIds) ?? `\`from\` lists indicators of ${rep.version} (${old.file}); \`to\` lists those of this version`,
        );
      }),
    );
    const unaccounted = oldIds.filter((oid) => !mapped.has(oid) && !newIds.has(oid));
    if (unaccounted.length > 0) {
      report(
        inputOf(v),
        'warning',
        'versions/unmapped-indicator',
        '/replaces/mapping',
        `${unaccounted.length === 1 ? 'indicator' : 'indicators'} ${unaccounted.map((x) => `\`${x}\``).join(', ')} of ${rep.version} ${unaccounted.length === 1 ? 'is' : 'are'} neither kept (same id) nor mapped`,
        `map each to where it went, or mark it dropped: \`{ from: [${unaccounted[0]}], to: [] }\``,
      );
    }
  });
  return { versions, diagnostics: sortDiagnostics(diagnostics) };
}

/** What {@link versionAsOf} found: the version in force, or why there is none. */
export type VersionLookup = { version: RubricVersion } | { version?: undefined; problem: string };

/** The version in force on `date` (YYYY-MM-DD), or a plain explanation of why none is. */
export function versionAsOf(versions: readonly RubricVersion[], date: string): VersionLookup {
  const found = versions.find((v) => inPeriod(v.rubric, date));
  if (found) return { version: found };
  const first = versions[0];
  const last = versions[versions.length - 1];
  if (!first || !last) return { problem: 'the folder has no usable version' };
  const id = first.rubric.id;
  if (date < first.rubric.effective.from) {
    return { problem: `no version of ${id} is in force on ${date}: the first, ${first.rubric.version}, takes effect on ${first.rubric.effective.from}` };
  }
  const until = last.rubric.effective.until;
  if (until !== undefined && date > until) {
    return { problem: `no version of ${id} is in force on ${date}: the last, ${last.rubric.version}, ended on ${until}` };
  }
  return { problem: `no version of ${id} is in force on ${date} (it falls between two versions)` };
}

/** Whether `date` lies in the rubric's effective period (both ends included). */
export function inPeriod(rubric: Rubric, date: string): boolean {
  const { from, until } = rubric.effective;
  return date >= from && (until === undefined || date <= until);
}

/** The version with this version text, if the folder has it. */
export function findVersion(versions: readonly RubricVersion[], version: string): RubricVersion | undefined {
  return versions.find((v) => v.rubric.version === version);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fileDiagnostic(file: string, code: string, message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { severity: 'error', code, message, file, span: FILE_START };
  if (hint !== undefined) d.hint = hint;
  return d;
}
