/**
 * `rubric diff OLD NEW [--data FILE]`: what changed in meaning from one rubric version to
 * another, and with data, whose outcome flips and why. Text for a terminal, Markdown for a
 * review, JSON (`rubric-diff/1`, docs/schema/diff.v1.json) for programs.
 * Exit 0 when the diff was made (1 with --exit-code when there are changes), 2 for bad
 * usage or a rubric or data file that cannot be read or has errors.
 */
import { Option, type Command } from 'commander';
import type { CommandContext } from './register.js';
import {
  coerceTextRecord,
  ImpactBuilder,
  compileRubric,
  diffRubrics,
  escapeControl,
  formatDiagnostic,
  hasErrors,
  impactDates,
  renderDiffMarkdown,
  renderDiffText,
  type CompiledRubric,
  type EvaluationResult,
  type ResultPair,
} from '@rubric/rubric';
import { InputError, UsageError } from '../errors.js';
import { colorsFor, Sink, type Io } from '../io.js';
import { DATA_FORMATS, type DataFormat, type DataItem } from '../data/data-item.js';
import { dataFormatOf, openData, readRecords } from '../data/read-records.js';
import { safeJson } from '../output/json-text.js';
import { isUnreadable, loadRubricAt, plural, sourceOf } from './load.js';
import { checkedAsOf, isFolderArg, loadFolderAt } from './rubric-arg.js';

/** Output formats of `rubric diff`. */
export type DiffFormat = 'text' | 'md' | 'json';

/** Options of `rubric diff`. */
export interface DiffCommandOptions {
  format: DiffFormat;
  data?: string;
  dataFormat?: DataFormat;
  asOf?: string;
  /** Exit 1 when there are changes (as `git diff --exit-code`). */
  exitCode?: boolean;
}

/** Loads and compiles a rubric file named on the command line, writing its diagnostics; throws {@link InputError} when it cannot be used. */
async function loadCompiled(file: string, io: Io, err: Sink): Promise<CompiledRubric> {
  if (await isFolderArg(file, io.cwd)) {
    const folder = await loadFolderAt(file, io.cwd);
    const files = folder.versions.map((v) => v.file);
    const example = files.length >= 2 ? `, e.g. \`rubric diff ${files[files.length - 2]} ${files[files.length - 1]}\`` : '';
    throw new UsageError(`${escapeControl(file)} is a folder; name the two version files to compare${escapeControl(example)}`, 'diff');
  }
  const loaded = await loadRubricAt(file, io.cwd);
  for (const d of loaded.diagnostics) await err.write(`${formatDiagnostic(d, sourceOf(loaded))}\n\n`);
  if (!loaded.rubric || hasErrors(loaded.diagnostics)) {
    const n = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    throw new InputError(isUnreadable(loaded) ? `cannot read the rubric ${file}` : `the rubric ${file} has ${plural(n, 'error')}; nothing was compared`);
  }
  return compileRubric(loaded.rubric);
}

/** Scores one data item; a record that cannot be read is `invalid` in its place. */
function score(compiled: CompiledRubric, item: DataItem, asOf: string): EvaluationResult {
  if (item.error || !item.record) {
    return compiled.invalid(item.id ?? null, [item.error ?? { path: '', code: 'data/unreadable', message: `record ${item.index}: unreadable` }], { asOf });
  }
  const inputErrors = item.inputErrors && item.inputErrors.length > 0 ? { inputErrors: item.inputErrors } : {};
  try {
    return compiled.evaluate(item.record, { asOf, explain: true, ...inputErrors });
  } catch (e) {
    return compiled.invalid(null, [{ path: '', code: 'internal/evaluate-failed', message: `the evaluator failed on this record: ${(e as Error).message}` }], { asOf });
  }
}

/**
 * Reads the data once per version (each version reads CSV cells by its own facts) and pairs
 * the results record by record. Standard input is read whole first, since it can be read once.
 */
async function* resultPairs(data: string, format: DataFormat, io: Io, old: CompiledRubric, next: CompiledRubric, asOf: { old: string; new: string }): AsyncGenerator<ResultPair> {
  let text: string | undefined;
  if (data === '-') {
    text = '';
    for await (const chunk of await openData('-', io.cwd, io.stdin)) text += chunk;
  }
  const open = async (c: CompiledRubric): Promise<AsyncIterator<DataItem>> =>
    readRecords(text !== undefined ? [text] : await openData(data, io.cwd), format, { coerce: (cells) => coerceTextRecord(c.rubric, cells) })[Symbol.asyncIterator]();
  const a = await open(old);
  const b = await open(next);
  try {
    for (;;) {
      const [x, y] = await Promise.all([a.next(), b.next()]);
      if (x.done || y.done) return;
      yield { old: score(old, x.value, asOf.old), new: score(next, y.value, asOf.new) };
    }
  } finally {
    await a.return?.();
    await b.return?.();
  }
}

/** Runs `rubric diff` and returns the exit code. */
export async function runDiff(oldFile: string, newFile: string, options: DiffCommandOptions, io: Io): Promise<number> {
  if (options.asOf !== undefined) checkedAsOf(options.asOf, 'diff');
  if (options.asOf !== undefined && options.data === undefined) throw new UsageError('--as-of is the date to evaluate --data on; give --data too', 'diff');
  let dataFormat: DataFormat | undefined;
  if (options.data !== undefined) {
    dataFormat = options.dataFormat ?? (options.data === '-' ? undefined : dataFormatOf(options.data));
    if (!dataFormat) {
      throw new UsageError(
        options.data === '-'
          ? 'reading data from standard input needs --data-format jsonl|csv|json|yaml'
          : `cannot tell the format of the data file \`${escapeControl(options.data)}\` from its name; name it *.jsonl, *.csv, *.json or *.yaml, or use --data-format`,
        'diff',
      );
    }
  }
  const out = new Sink(io.stdout);
  const err = new Sink(io.stderr);
  try {
    const old = await loadCompiled(oldFile, io, err);
    const next = await loadCompiled(newFile, io, err);
    const diff = diffRubrics(old.rubric, next.rubric, { oldFile, newFile });
    if (options.data !== undefined && dataFormat !== undefined) {
      const asOf = impactDates(old, next, options.asOf);
      for (const [side, c] of [['old', old], ['new', next]] as const) {
        const { from, until } = c.rubric.effective;
        const d = asOf[side];
        if (d < from || (until !== undefined && d > until)) await err.write(`note: ${c.rubric.version} is evaluated as of ${d}, outside its effective period ${from} … ${until ?? 'open-ended'}\n`);
      }
      const builder = new ImpactBuilder(diff, { asOf, data: options.data });
      for await (const p of resultPairs(options.data, dataFormat, io, old, next, asOf)) builder.add(p);
      diff.impact = builder.finish();
    }
    const env = io.env ?? process.env;
    if (options.format === 'json') await out.write(`${safeJson(diff, 2)}\n`);
    else if (options.format === 'md') await out.write(renderDiffMarkdown(diff));
    else await out.write(renderDiffText(diff, colorsFor(io.isTTY, env)));
    return options.exitCode && diff.changes.length > 0 ? 1 : 0;
  } finally {
    out.detach();
    err.detach();
  }
}

const DIFF_HELP = `
Compares two versions of a rubric by meaning, not by text: indicators added, removed,
renamed, merged or split (by id and by the newer version's \`replaces\` mapping), points and
section moves, rules (before and after), hard requirements, vetoes, deductions, parameters
and the pass mark (with the dates each value is in force), facts and grades. Reformatting or
reordering a file changes nothing. Wording-only changes (titles, standards) are listed last.

With --data, every subject is evaluated under both versions — each on its own effective date,
or both on --as-of — and the subjects whose outcome flips are listed first, with the indicator
points, rules, deductions, pass mark and reasons that explain the change, then the counts of
each transition (pass → fail, fail → pass, …).

Examples:
  $ rubric diff rubrics/beijing-epidemic-free-community/2022-06.yaml rubrics/beijing-epidemic-free-community/2022-07.yaml
  $ rubric diff old.yaml new.yaml --data sample.csv --format md > review.md
  $ rubric diff old.yaml new.yaml --data sample.jsonl --as-of 2022-07-05 --format json

Exit codes: 0 the diff was made (with --exit-code: 0 no changes, 1 changes); 2 bad usage, or a
rubric or data file that cannot be read or has errors.
`;

/** Adds `rubric diff` to the program. */
export function registerDiff(program: Command, ctx: CommandContext): void {
  program
    .command('diff')
    .description('compare two rubric versions by meaning, and their impact on data')
    .argument('<old>', 'the older rubric file')
    .argument('<new>', 'the newer rubric file')
    .option('--data <file>', 'evaluate this data under both versions (- for standard input, with --data-format)')
    .addOption(new Option('--data-format <format>', 'the data format, when the file name does not tell').choices([...DATA_FORMATS]))
    .option('--as-of <date>', 'evaluate both versions on this date, YYYY-MM-DD (default: each on its own effective.from)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'md', 'json']).default('text'))
    .option('--exit-code', 'exit 1 when there are changes')
    .showHelpAfterError('(see `rubric diff --help`)')
    .addHelpText('after', DIFF_HELP)
    .action(async (oldFile: string, newFile: string, opts: { data?: string; dataFormat?: DataFormat; asOf?: string; format: DiffFormat; exitCode?: boolean }) => {
      const options: DiffCommandOptions = { format: opts.format };
      if (opts.data !== undefined) options.data = opts.data;
      if (opts.dataFormat !== undefined) options.dataFormat = opts.dataFormat;
      if (opts.asOf !== undefined) options.asOf = opts.asOf;
      if (opts.exitCode) options.exitCode = true;
      ctx.setCode(await runDiff(oldFile, newFile, options, ctx.io));
    });
}
