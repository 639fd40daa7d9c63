/**
 * The public facade: load a rubric from a file (DSL, YAML or IR JSON, by extension),
 * check it, compile it, evaluate subjects.
 */
export {
  runRubricTests,
  ruleBranches,
  measureCoverage,
  meetsCoverage,
  passMarkChoices,
  percentOf,
  COVERAGE_KINDS,
  type RubricTestReport,
  type RunTestsOptions,
  type TestCaseResult,
  type TestMismatch,
  type Coverage,
  type CoverageItem,
  type CoverageKind,
} from './run-tests.js';
export {
  loadRubricFolder,
  checkVersions,
  versionAsOf,
  findVersion,
  inPeriod,
  isDirectory,
  isTestFileName,
  notARubric,
  type RubricFolder,
  type RubricVersion,
  type SkippedFile,
  type FolderOptions,
  type VersionInput,
  type VersionLookup,
} from './versions.js';
export { loadTestFile, ownTests, routeTestFiles, type LocatedTestCase, type TestFile } from './test-files.js';
export { verifyResult, countStatuses, type VerifyDifference, type VerifyEntry, type VerifyStatus, type RubricLookup } from './verify.js';
export {
  diffRubrics,
  isEmptyDiff,
  measureImpact,
  compareResults,
  ImpactBuilder,
  impactDates,
  renderDiffText,
  renderDiffMarkdown,
  renderImpactText,
  renderImpactMarkdown,
  escapeMarkdown,
  DIFF_SCHEMA,
  DIFF_FORMAT,
} from '@rubric/diff';
export type { RubricDiff, Change, ChangeTarget, ChangeKind, Impact, SubjectImpact, ImpactCause, ResultPair, IndicatorGroup, DiffColors } from '@rubric/diff';
export { loadRubric, loadRubricText, type LoadedRubric, type SourceFormat, sourceFormatOf } from './load.js';
/** The front ends and printers, for formatting and converting rubric files (`rubric fmt`, `rubric convert`). */
export { parseDslRubric, printDslRubric, type DslParseResult, type DslComment, type FrontEndResult, type PrintDslOptions } from '@rubric/dsl';
export { parseYamlRubric, printYamlRubric } from '@rubric/yaml';
export { compileRubric, checkRubric, inputSchema, coerceTextRecord, RESULT_SCHEMA } from '@rubric/engine';
export type { CompiledRubric, EvaluateOptions, CoercedRecord, JsonSchema } from '@rubric/engine';
export { emitStandaloneModule, emitTypeDeclarations, generateEvaluatorSource, CodegenError } from '@rubric/engine';
export type { CompileOptions, StandaloneOptions, EvaluatorSource, GenerateOptions } from '@rubric/engine';
export {
  formatDiagnostic,
  hasErrors,
  contentHash,
  canonicalJson,
  shortHash,
  escapeControl,
  Decimal,
  IR_FORMAT,
  RESULT_FORMAT,
  OUTCOMES,
} from '@rubric/model';
export type {
  Diagnostic,
  Span,
  Position,
  Severity,
  Rubric,
  Fact,
  FactType,
  EvaluationResult,
  Outcome,
  Reason,
  SubjectError,
} from '@rubric/model';

import type { CompiledRubric, EvaluateOptions } from '@rubric/engine';
import type { EvaluationResult } from '@rubric/model';

/** Evaluates one subject with a compiled rubric (same as `compiled.evaluate`). */
export function evaluate(compiled: CompiledRubric, subject: unknown, options?: EvaluateOptions): EvaluationResult {
  return compiled.evaluate(subject, options);
}
/** Every diagnostic code with a wrong example and its fix (the source of docs/guide/diagnostics.md). */
export {
  DIAGNOSTIC_CATALOGUE,
  INTERNAL_CODES,
  CATALOGUE_BASE_YAML,
  CATALOGUE_BASE_DSL,
  CATALOGUE_BASE_RECORD,
  runCatalogueExample,
  exampleRubricText,
  type ExampleReport,
  type CatalogueEntry,
  type CatalogueExample,
  type CatalogueSource,
} from './diagnostic-catalogue.js';
export { DEFAULT_LIMITS, checkSourceLimits, checkRubricLimits, type ResourceLimits } from './limits.js';
export { codePointWidth, displayWidth, padEndDisplay, padStartDisplay } from './display-width.js';
