/**
 * What the TUI needs from the outside world, injected by its caller (`rubric tui` builds
 * these from the file system): the TUI itself never reads a file, watches one or exits
 * the process, so every screen runs in tests from memory.
 */
import type { CompiledRubric, Diagnostic, Rubric, SubjectError } from '@rubric/rubric';

/** One rubric file, read, checked and (when it has no errors) compiled. */
export interface LoadedVersion {
  /** The file as the user named it (diagnostics use this name too). */
  file: string;
  /** The source text, for showing a diagnostic's line; empty when the file could not be read. */
  source: string;
  /** Every diagnostic of the latest read, warnings included. */
  diagnostics: Diagnostic[];
  /** Present when the rubric has no errors. */
  rubric?: Rubric;
  /** Present with `rubric`. */
  compiled?: CompiledRubric;
}

/**
 * One record of the dataset, in file order, as a data reader gives it: exactly one of
 * `record` and `error` is set (a record that cannot be read still comes out, as an error).
 */
export interface SubjectRecord {
  /** 1-based position among the dataset's records: the key that pairs a subject across versions. */
  index: number;
  /** 1-based line where the record starts, when the format has lines. */
  line?: number;
  record?: Record<string, unknown>;
  /** Problems met while typing the record's text cells (CSV); it is still evaluated with them. */
  inputErrors?: SubjectError[];
  error?: SubjectError;
  /** The id, when known although the record could not be read. */
  id?: string | null;
}

/** The services the TUI runs on. */
export interface TuiServices {
  /** The rubric files, one per version, in the order the versions are shown. */
  readonly rubricFiles: readonly string[];
  /** The dataset's name as the user gave it; absent when there is none (the rubrics' own test cases are shown). */
  readonly dataFile?: string;
  /** Reads, checks and compiles one rubric file. Never throws: problems are diagnostics. */
  loadVersion(file: string): Promise<LoadedVersion>;
  /**
   * The dataset's records, CSV cells typed by this rubric's facts. Rejects (or throws while
   * iterating) with an `Error` whose message is shown when the file cannot be read at all.
   * Absent when there is no dataset.
   */
  readRecords?(rubric: Rubric): AsyncIterable<SubjectRecord>;
  /**
   * Watches the rubric files and the dataset; calls `onChange` with the file (as named in
   * `rubricFiles` or `dataFile`) after it changed on disk, and the name of the file actually
   * saved when it is another one standing for the same version (a twin). Returns a function
   * that stops watching.
   */
  watch?(onChange: (file: string, saved?: string) => void): () => void;
}
