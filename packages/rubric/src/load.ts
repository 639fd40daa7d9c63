import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  FILE_START,
  LineIndex,
  hasErrors,
  locateIssues,
  sortDiagnostics,
  validateIr,
  type Diagnostic,
  type Rubric,
  type SourceMap,
} from '@rubric/model';
import { parseYamlRubric } from '@rubric/yaml';
import { parseDslRubric } from '@rubric/dsl';
import { checkRubric } from '@rubric/engine';
import { DEFAULT_LIMITS, FILE_BYTES_HINT, checkRubricLimits, checkSourceLimits, fileBytesMessage } from './limits.js';
import { JsonSourceMap, jsonErrorOffset } from './json-source-map.js';

/** The source languages a rubric file can be written in. */
export type SourceFormat = 'dsl' | 'yaml' | 'json';

/** A rubric read from a file: the IR when it has no errors, and every diagnostic. */
export interface LoadedRubric {
  file: string;
  format: SourceFormat;
  /** The source text (for showing diagnostics with their line). */
  source: string;
  /** The IR, present when there are no errors (warnings allowed). */
  rubric?: Rubric;
  diagnostics: Diagnostic[];
  sourceMap: SourceMap;
}

/** The source format a file name implies, or undefined for an unknown extension. */
export function sourceFormatOf(file: string): SourceFormat | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.rubric') return 'dsl';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.json') return 'json';
  return undefined;
}

function fileDiagnostic(file: string, code: string, message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { severity: 'error', code, message, file, span: FILE_START };
  if (hint) d.hint = hint;
  return d;
}

/**
 * Reads, parses and checks a rubric file, choosing the front end by extension.
 * Never throws: an unreadable file or unknown extension is a diagnostic.
 */
export async function loadRubric(file: string): Promise<LoadedRubric> {
  const format = sourceFormatOf(file);
  let source: string;
  try {
    // Refuse an oversized file before reading it into memory (limits.ts).
    const size = (await stat(file)).size;
    if (size > DEFAULT_LIMITS.fileBytes) {
      const message = fileBytesMessage(size, DEFAULT_LIMITS.fileBytes);
      return { file, format: format ?? 'yaml', source: '', diagnostics: [fileDiagnostic(file, 'limits/fileBytes', message, FILE_BYTES_HINT)], sourceMap: new Map() };
    }
    source = await readFile(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return { file, format: format ?? 'yaml', source: '', diagnostics: [fileDiagnostic(file, 'io/unreadable', `cannot read the rubric: ${reason}`)], sourceMap: new Map() };
  }
  if (!format) {
    return {
      file,
      format: 'yaml',
      source,
      diagnostics: [fileDiagnostic(file, 'io/unknown-format', `cannot tell the rubric's format from its name`, 'name it *.rubric, *.yaml, *.yml or *.json')],
      sourceMap: new Map(),
    };
  }
  return loadRubricText(source, file, format);
}

/** Parses and checks rubric text already in memory. */
export function loadRubricText(source: string, file: string, format: SourceFormat): LoadedRubric {
  // A UTF-8 byte order mark is common in files saved by Windows editors.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  // IR JSON is machine-written and may be on one line: only its size and nesting are limited.
  const overLimits = checkSourceLimits(text, file, format === 'json' ? { ...DEFAULT_LIMITS, lineLength: Number.POSITIVE_INFINITY } : DEFAULT_LIMITS);
  if (overLimits.length > 0) return { file, format, source: text, diagnostics: overLimits, sourceMap: new Map() };
  const front = format === 'dsl' ? parseDslRubric(text, file) : format === 'yaml' ? parseYamlRubric(text, file) : parseJsonRubric(text, file);
  const result: LoadedRubric = { file, format, source: text, diagnostics: front.diagnostics, sourceMap: front.sourceMap };
  if (!front.rubric || hasErrors(front.diagnostics)) return result;
  const overCounts = checkRubricLimits(front.rubric, file, front.sourceMap);
  if (overCounts.length > 0) return { ...result, diagnostics: sortDiagnostics([...front.diagnostics, ...overCounts]) };
  let issues;
  try {
    issues = checkRubric(front.rubric);
  } catch (e) {
    issues = [{ severity: 'error' as const, code: 'internal/check-failed', message: `the checker failed: ${(e as Error).message}`, path: '' }];
  }
  result.diagnostics = sortDiagnostics([...front.diagnostics, ...locateIssues(issues, file, front.sourceMap)]);
  if (!hasErrors(result.diagnostics)) result.rubric = front.rubric;
  return result;
}

function parseJsonRubric(text: string, file: string): { rubric?: Rubric; diagnostics: Diagnostic[]; sourceMap: SourceMap } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // `JSON.parse` stays the judge of validity; the scanner only finds where the text goes wrong
    // (V8 names a position in some messages only, and in a form that changes between releases).
    const at = jsonErrorOffset(text);
    const d = fileDiagnostic(file, 'json/syntax', `not valid JSON: ${(e as Error).message}`);
    if (at >= 0) d.span = new LineIndex(text).span(at, Math.min(at + 1, text.length));
    return { diagnostics: [d], sourceMap: new Map() };
  }
  const sourceMap = new JsonSourceMap(text);
  const issues = validateIr(value);
  if (issues.length > 0) return { diagnostics: locateIssues(issues, file, sourceMap), sourceMap };
  return { rubric: value as Rubric, diagnostics: [], sourceMap };
}
