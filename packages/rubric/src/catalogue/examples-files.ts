/**
 * The catalogue entries of the rubric file codes the facade reports (`json/…`, `ir/…`, `io/…`): reading
 * a file, its format and, for IR JSON, its syntax and schema.
 */
import type { CatalogueEntry } from './types.js';

/** Entries of the rubric file codes (`json/…`, `ir/…`, `io/…`), source `facade`. */
export const FILE_EXAMPLES: CatalogueEntry[] = [
  { code: 'json/syntax', severity: 'error', source: 'facade', meaning: 'an IR .json file that is not valid JSON', example: { kind: 'json', text: '{"rubric": "mini",' }, fix: 'repair the JSON (or regenerate it with `rubric convert --to json`)' },
  { code: 'ir/schema', severity: 'error', source: 'facade', meaning: 'an IR .json file that does not match the IR schema', example: { kind: 'json', text: '{"rubric": "mini"}' }, fix: 'regenerate the JSON with `rubric convert --to json` rather than editing it by hand' },
  { code: 'io/unreadable', severity: 'error', source: 'facade', meaning: 'the rubric file cannot be read (no such file, no permission)', example: { kind: 'file', name: 'no-such-file.rubric' }, fix: 'check the path' },
  { code: 'io/unknown-format', severity: 'error', source: 'facade', meaning: "the file's extension is not .rubric, .yaml, .yml or .json", example: { kind: 'file', name: 'scale.txt', content: 'rubric mini "Mini"\n' }, fix: 'name the file *.rubric (rubric language), *.yaml or *.json' },
];
