/**
 * `rubric verify RESULTS RUBRIC`: recomputes recorded results (`rubric eval --format
 * json|jsonl --record-facts`) from the facts they carry, with the rubric version each names
 * (RUBRIC is a file, or a folder of versions), on the recorded as-of date, and reports every
 * result that no longer matches. Exit 0 when all match, 1 when one does not or cannot be
 * recomputed, 2 for bad usage or a file that cannot be read.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CommandContext } from './register.js';
import {
  compileRubric,
  countStatuses,
  escapeControl,
  formatDiagnostic,
  hasErrors,
  shortHash,
  verifyResult,
  type CompiledRubric,
  type RubricLookup,
  type VerifyEntry,
  type VerifyStatus,
} from '@rubric/rubric';
import { InputError } from '../errors.js';
import { colorsFor, Sink, type Io } from '../io.js';
import { reasonOf } from '../data/read-records.js';
import { safeJson } from '../output/json-text.js';
import { isUnreadable, loadRubricAt, plural, sourceOf } from './load.js';
import { folderErrors, isFolderArg, loadFolderAt, writeFolderDiagnostics } from './rubric-arg.js';

/** Output formats of `rubric verify`. */
export type VerifyFormat = 'text' | 'json';

/** What `--format json` prints. */
export interface VerifyReport {
  format: 'rubric-verify/1';
  ok: boolean;
  counts: Record<VerifyStatus, number>;
  results: VerifyEntry[];
}

/** A recorded result as read: the parsed value, or why the line could not be read. */
type Recorded = { value: unknown } | { error: string };

/** Reads recorded results: a JSON array (`--format json`) or JSON Lines (`--format jsonl`). */
export function parseRecordedResults(text: string, file: string): Recorded[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const ext = extname(file).toLowerCase();
  if (ext !== '.jsonl' && ext !== '.ndjson') {
    try {
      const value: unknown = JSON.parse(body);
      if (Array.isArray(value)) return value.map((v) => ({ value: v }));
      if (ext === '.json') throw new InputError(`${file} is not a JSON array of results (as \`rubric eval --format json\` writes)`);
      return [{ value }];
    } catch (e) {
      if (e instanceof InputError) throw e;
      if (ext === '.json') throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`);
      // Not one JSON value: read it as JSON Lines.
    }
  }
  const out: Recorded[] = [];
  body.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push({ value: JSON.parse(line) as unknown });
    } catch (e) {
      out.push({ error: `line ${i + 1}: not valid JSON: ${(e as Error).message}` });
    }
  });
  return out;
}

/** The compiled rubric for each recorded `{id, version}`, from a rubric file or a folder. Throws {@link InputError} when it cannot be used. */
async function lookupFor(rubricArg: string, io: Io, err: Sink): Promise<RubricLookup> {
  if (await isFolderArg(rubricArg, io.cwd)) {
    const folder = await loadFolderAt(rubricArg, io.cwd);
    await writeFolderDiagnostics(folder, err);
    const errors = folderErrors(folder);
    if (errors.length > 0 || folder.versions.length === 0) throw new InputError(`the rubric folder ${rubricArg} ${errors.length > 0 ? `has ${plural(errors.length, 'error')}` : 'holds no usable version'}; nothing was verified`);
    const compiled = new Map<string, CompiledRubric>();
    return ({ id, version }) => {
      const v = folder.versions.find((x) => x.rubric.version === version);
      if (!v) return `version ${version} is not in ${rubricArg} (it has ${folder.versions.map((x) => x.rubric.version).join(', ')})`;
      if (v.rubric.id !== id) return `the result is for rubric ${id}, but ${rubricArg} holds ${v.rubric.id}`;
      let c = compiled.get(version);
      if (!c) compiled.set(version, (c = compileRubric(v.rubric)));
      return c;
    };
  }
  const loaded = await loadRubricAt(rubricArg, io.cwd);
  for (const d of loaded.diagnostics) await err.write(`${formatDiagnostic(d, sourceOf(loaded))}\n\n`);
  if (!loaded.rubric || hasErrors(loaded.diagnostics)) throw new InputError(isUnreadable(loaded) ? `cannot read the rubric ${rubricArg}` : `the rubric ${rubricArg} has errors; nothing was verified`);
  const compiled = compileRubric(loaded.rubric);
  return ({ id }) => (id === compiled.rubric.id ? compiled : `the result is for rubric ${id}, but ${rubricArg} is ${compiled.rubric.id}`);
}

function label(e: VerifyEntry): string {
  return `${e.id !== null ? escapeControl(e.id) : '(no id)'} (result ${e.index}${e.version !== undefined ? `, version ${escapeControl(e.version)}` : ''})`;
}

/** Runs `rubric verify` and returns the exit code. */
export async function runVerify(resultsFile: string, rubricArg: string, options: { format: VerifyFormat }, io: Io): Promise<number> {
  const out = new Sink(io.stdout);
  const err = new Sink(io.stderr);
  try {
    let text: string;
    if (resultsFile === '-') {
      if (!io.stdin) throw new InputError('cannot read the results: no standard input');
      io.stdin.setEncoding('utf8');
      text = '';
      for await (const chunk of io.stdin as AsyncIterable<string>) text += chunk;
    } else {
      try {
        text = await readFile(resolve(io.cwd, resultsFile), 'utf8');
      } catch (e) {
        throw new InputError(`cannot read the results file ${resultsFile}: ${reasonOf(e)}`);
      }
    }
    const recorded = parseRecordedResults(text, resultsFile === '-' ? 'stdin.jsonl' : resultsFile);
    const lookup = await lookupFor(rubricArg, io, err);
    const entries = recorded.map((r, i) => ('error' in r ? { index: i + 1, id: null, status: 'unverifiable' as const, differences: [], reason: r.error } : verifyResult(r.value, i + 1, lookup)));
    const counts = countStatuses(entries);
    const ok = counts.mismatch === 0 && counts.unverifiable === 0;
    if (options.format === 'json') {
      const report: VerifyReport = { format: 'rubric-verify/1', ok, counts, results: entries };
      await out.write(`${safeJson(report, 2)}\n`);
    } else {
      const c = colorsFor(io.isTTY, io.env ?? process.env);
      let body = '';
      // Results that match although the rubric's hash changed: one note per version and pair of hashes.
      const sameButRehashed = new Map<string, number>();
      for (const e of entries) {
        if (e.status === 'mismatch') {
          body += `${c.red('✗')} ${label(e)}\n`;
          for (const d of e.differences) body += `    ${escapeControl(d.field)}: recorded ${escapeControl(JSON.stringify(d.recorded))}, recomputed ${escapeControl(JSON.stringify(d.recomputed))}\n`;
          if (e.hash) body += `    ${c.dim(`rubric content hash recorded ${shortHash(e.hash.recorded)}, now ${shortHash(e.hash.current)}`)}\n`;
        } else if (e.status === 'unverifiable') {
          body += `${c.yellow('?')} ${label(e)}: ${escapeControl(e.reason ?? 'cannot be recomputed')}\n`;
        } else if (e.hash) {
          const key = `version ${escapeControl(e.version ?? '?')}: ${shortHash(e.hash.recorded)} → ${shortHash(e.hash.current)}`;
          sameButRehashed.set(key, (sameButRehashed.get(key) ?? 0) + 1);
        }
      }
      for (const [key, n] of sameButRehashed) {
        body += `${c.dim('note:')} ${plural(n, 'result')} of ${key} ${n === 1 ? 'comes' : 'come'} out the same, although the rubric's content hash differs from the recorded one (the rubric file changed without changing ${n === 1 ? 'this result' : 'these results'})\n`;
      }
      const summary = `${plural(entries.length, 'result')}: ${counts.match} match, ${counts.mismatch} do not match, ${counts.unverifiable} cannot be recomputed, ${counts.skipped} skipped (unreadable records)`;
      await out.write(`${body}${body ? '\n' : ''}${ok ? c.green(summary) : summary}\n`);
    }
    return ok ? 0 : 1;
  } finally {
    out.detach();
    err.detach();
  }
}

const VERIFY_HELP = `
Recomputes results recorded by \`rubric eval --format json|jsonl --record-facts\` from the
facts each carries, with the rubric version it names and on its recorded as-of date, and
reports every result that no longer matches: the outcome, total, pass mark, grade, section
and indicator points, deductions, vetoes, hard requirements, reasons, and (for an invalid
record) where its data errors are. RUBRIC is a rubric file, or a folder of versions (each
result is checked against the version it names). A result whose rubric content hash differs
from the current file but that comes out the same is noted, not failed.

Examples:
  $ rubric eval rubric.yaml --data subjects.csv --format jsonl --record-facts --out results.jsonl
  $ rubric verify results.jsonl rubric.yaml
  $ rubric verify results.json rubrics/beijing-epidemic-free-community --format json

Exit codes: 0 every result matches; 1 some result does not match or cannot be recomputed (no
recorded facts, a version that is not there); 2 bad usage, or a file that cannot be read.
`;

/** Adds `rubric verify` to the program. */
export function registerVerify(program: Command, ctx: CommandContext): void {
  program
    .command('verify')
    .description('recompute recorded results from their facts and report any that no longer match')
    .argument('<results>', 'results written by `rubric eval --format json|jsonl --record-facts` (- for standard input)')
    .argument('<rubric>', 'the rubric file, or the folder of its versions')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .showHelpAfterError('(see `rubric verify --help`)')
    .addHelpText('after', VERIFY_HELP)
    .action(async (results: string, rubric: string, opts: { format: VerifyFormat }) => {
      ctx.setCode(await runVerify(results, rubric, { format: opts.format }, ctx.io));
    });
}
