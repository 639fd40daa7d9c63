/**
 * The rubric DSL front end: `.rubric` text → IR with diagnostics, a source map and the
 * file's comments (`parseDslRubric`), and IR → canonical DSL text (`printDslRubric`). The
 * language is described in docs/language.md. The expression parser here is shared with
 * the YAML front end, which reuses {@link parseExpression} for expression strings.
 */
export { parseDslRubric, MAX_DSL_NESTING } from './parse-dsl.js';
export type { FrontEndResult, DslParseResult } from './parse-dsl.js';
export { printDslRubric } from './print-dsl.js';
export type { PrintDslOptions } from './print-dsl.js';
export type { DslComment } from './comments.js';
export { DSL_ISSUE_CODES } from './dsl-issues.js';
export type { DslIssueCode } from './dsl-issues.js';

export { parseExpression, checkNesting, getExpressionParser, MAX_NESTING } from './parse-expression.js';
export type { ExpressionParseResult } from './parse-expression.js';
export { EXPRESSION_ISSUE_CODES } from './issues.js';
export type { ExpressionIssue, ExpressionIssueCode, TextRange } from './issues.js';
export { ExpressionParser, EXPRESSION_ERROR_MESSAGES, readSyntaxError } from './expression-parser.js';
export type { SyntaxErrorText } from './expression-parser.js';
export { ExpressionVisitor, MAX_TREE_DEPTH, FUNCTION_NAMES, FUNCTION_SIGNATURES } from './expression-visitor.js';
export type { BuiltExpr } from './expression-visitor.js';
export { lexExpression, getExpressionLexer, decodeText } from './expression-lexer.js';
export type { LexedExpression, DecodedText } from './expression-lexer.js';
/** The expression tokens, for grammars that embed expressions. */
export * as ExpressionTokens from './tokens.js';
export { EXPRESSION_TOKENS } from './tokens.js';
