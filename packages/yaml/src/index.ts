/**
 * The YAML front end: YAML rubric files → IR (with diagnostics and a source map), and
 * IR → YAML in the format's canonical layout. The format is described in docs/yaml-format.md.
 */
import { FILE_START, type Diagnostic, type Rubric, type SourceMap } from '@rubric/model';
import { readDocument } from './read-document.js';
import { printYaml } from './print-yaml.js';

/** What a front end gives back: the IR when the source had no errors, every diagnostic, and where each IR node came from. */
export interface FrontEndResult {
  rubric?: Rubric;
  diagnostics: Diagnostic[];
  sourceMap: SourceMap;
}

/**
 * Reads a YAML rubric. Never throws on user input: every problem is a diagnostic
 * (`yaml/*`, `expr/*`), all reported at once; `rubric` is absent when there is an error.
 */
export function parseYamlRubric(text: string, file: string): FrontEndResult {
  try {
    return readDocument(text, file);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'internal/yaml-front-end',
          message: `the YAML front end failed: ${message}`,
          hint: 'this is a bug in the rubric tools; please report it with the file',
          file,
          span: FILE_START,
        },
      ],
      sourceMap: new Map(),
    };
  }
}

/** Prints an IR as YAML in this format's canonical layout; parsing the output gives the same IR back. */
export function printYamlRubric(rubric: Rubric): string {
  return printYaml(rubric);
}

export { parseYamlTestFile, TEST_FILE_KEYS, type TestFileResult } from './read-test-file.js';
export { YAML_CODES, type YamlCode, type YamlCodeName } from './codes.js';
