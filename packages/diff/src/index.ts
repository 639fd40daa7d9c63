/**
 * Semantic diffs of rubric versions, and their impact on a dataset.
 *
 * - {@link diffRubrics}: every change of meaning from one version to another.
 * - {@link measureImpact} / {@link compareResults}: each subject's result under both versions.
 * - {@link renderDiffText} / {@link renderDiffMarkdown}: for a terminal, for a review.
 * - {@link DIFF_SCHEMA}: JSON Schema of the JSON form (docs/schema/diff.v1.json).
 */
export { diffRubrics, isEmptyDiff, sortChanges, versionRef, type DiffOptions } from './diff-rubrics.js';
export { mappingBetween, matchIndicators } from './match-indicators.js';
export { diffParameterValues, type ValueChange } from './diff-parameters.js';
export { ImpactBuilder, compareResults, impactDates, measureImpact, type ImpactOptions, type ResultPair } from './impact.js';
export {
  LISTED_TOTAL_CHANGES,
  escapeMarkdown,
  markdownCode,
  renderDiffMarkdown,
  renderDiffText,
  renderImpactMarkdown,
  renderImpactText,
  type DiffColors,
} from './render.js';
export { describeRule, describeFactType, describePeriod } from './describe.js';
export { DIFF_SCHEMA } from './diff-schema.js';
export * from './types.js';
