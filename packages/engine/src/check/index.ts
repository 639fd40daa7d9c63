/**
 * The semantic checker and the expression type checker.
 *
 * - {@link checkRubric}: every semantic check over a schema-valid IR → `IrIssue[]`.
 * - {@link Scope} / {@link Binding}: what a name in an expression stands for
 *   (fact, parameter, or a field of the records an aggregate ranges over).
 * - {@link typeOfExpr} / {@link checkExprType}: the expression type checker.
 * - {@link RangeAnalyzer}: abstract evaluation (value ranges, possible conditions).
 * - {@link CHECK_CODES}: every code with its severity.
 */
export { checkRubric } from './check-rubric.js';
export { CHECK_CODES, type CheckCode, type CheckCodeName } from './codes.js';
export { Scope, bindingKey, type Binding } from './scope.js';
export {
  typeOfExpr,
  checkExprType,
  typeOfFactType,
  typeOfBinding,
  describeType,
  describeFactType,
  describeBinding,
  sameType,
  type ValueType,
  type TypeKind,
  type TypeCheckResult,
} from './types.js';
export { RangeAnalyzer, Env, type AbstractValue, type Possibility } from './analysis.js';
export { type Interval, formatInterval } from './intervals.js';
export { expressionSites, type ExpressionSite } from './sites.js';
export { constantNumber } from './fold.js';
