/**
 * The rubric grammar as a Chevrotain CST parser, built on the expression parser (its rules
 * are inherited and called for every condition and score). It only recognises structure;
 * the builders (`build-*.ts`) turn the CST into the IR and do the checks.
 *
 * A file is a sequence of statements, each starting with its keyword on a new line
 * (`parse-dsl.ts` cuts the tokens into statements); each statement rule here is called on
 * one statement's tokens:
 *
 * ```
 * rubric      := "rubric" RubricId Text rubricClause*
 * rubricClause:= "version" Text | "description" Text | "effective" "from" Date ("until" Date)?
 *              | "replaces" Text mapping* | "total" number "points"?
 * mapping     := "[" ids "]" arrow "[" ids "]" Text?
 * fact        := "fact" Name Text factType factRest factClause*
 * factType    := "level" levelValue ("|" levelValue)* | TypeWord
 * factRest    := range? (","? "default" value)?
 * range       := "from" number "to" number | "at" ("least" | "most") number
 * factClause  := "description" Text | "field" Name Text factType factRest ("description" Text)?
 * parameter   := "parameter" Name Text? ("description" Text | "value" number ("from" Date)? ("until" Date)?
 *              | "when" expression arrow number)*
 * passMark    := "pass" "mark" (Name | number)
 * section     := "section" Name Text (number "points"?)?
 * indicator   := "indicator" Name Text number "points"? indicatorClause*
 * indicatorClause := "standard" Text | "method" Text | "score" expression
 *              | "when" expression arrow expression | "otherwise" arrow expression
 *              | "checklist" Name item*
 * item        := "item" Name Text number "points"? ("when" | "per") expression
 * hard        := "hard" "requirement" Name Text "requires" ("full" "marks" "on" Name | expression)
 * veto        := "veto" Name Text "when" expression
 * deduct      := "deduct" Name Text number ("to" number)? "points"?
 *                ("per" expression | "when" expression | "recorded" "in" Name ("." Name)?)? ("," "at" "most" number)?
 * deductions  := "deductions" "at" "most" number
 * floor       := "floor" (number | Name)
 * grade       := "grade" Text "at" "least" number
 * test        := "test" Text ("as" "of" Date)? ("subject" record | "expect" expectItem ("," expectItem)*)*
 * expectItem  := "outcome" Name | "total" number | "pass" "mark" number | "indicators" record | "reasons" list
 * value       := number | Text | Date | true | false | Name | list | record
 * ```
 *
 * Keywords are soft (see `dsl-tokens.ts`): `Name` also matches a keyword.
 *
 * The rules are class fields along a chain of abstract classes, one module per statement
 * family: `dsl-grammar-values.ts` (shared pieces) → `dsl-grammar-header.ts` →
 * `dsl-grammar-scoring.ts` → `dsl-grammar-gates.ts` → `dsl-grammar-tests.ts`. {@link DslParser}
 * ends the chain and runs Chevrotain's self-analysis once every rule is defined.
 */
import type { IParserConfig, TokenType } from 'chevrotain';
import { DslTestRulesParser } from './dsl-grammar-tests.js';
import {
  DSL_TOKENS,
  Deduct,
  Deductions,
  Fact,
  Floor,
  Grade,
  Hard,
  Indicator,
  Parameter,
  Pass,
  Rubric,
  Section,
  Test,
  Veto,
} from './dsl-tokens.js';
import { DSL_ERROR_MESSAGES } from './dsl-messages.js';

/** The statement rules, by the keyword that starts them. */
export type StatementRule =
  | 'rubricStatement'
  | 'factStatement'
  | 'parameterStatement'
  | 'passMarkStatement'
  | 'sectionStatement'
  | 'indicatorStatement'
  | 'hardStatement'
  | 'vetoStatement'
  | 'deductStatement'
  | 'deductionsStatement'
  | 'floorStatement'
  | 'gradeStatement'
  | 'testStatement';

/** Rules that parse only the clauses of a statement, to resume after an unknown clause. */
export type ClausesRule = 'rubricClauses' | 'factClauses' | 'parameterClauses' | 'indicatorClauses' | 'testClauses';

/**
 * The rubric parser. Keep one instance and reset it by assigning `input`; call one
 * statement rule per statement.
 */
export class DslParser extends DslTestRulesParser {
  constructor(config: IParserConfig = {}) {
    // Offsets are all the builders need; full locations (lines, columns) cost time on large files.
    super(DSL_TOKENS, { errorMessageProvider: DSL_ERROR_MESSAGES, nodeLocationTracking: 'onlyOffset', ...config });
    this.performSelfAnalysis();
  }
}

/** The statement rule each statement keyword starts. */
export const STATEMENT_RULES: ReadonlyMap<TokenType, StatementRule> = new Map<TokenType, StatementRule>([
  [Rubric, 'rubricStatement'],
  [Fact, 'factStatement'],
  [Parameter, 'parameterStatement'],
  [Pass, 'passMarkStatement'],
  [Section, 'sectionStatement'],
  [Indicator, 'indicatorStatement'],
  [Hard, 'hardStatement'],
  [Veto, 'vetoStatement'],
  [Deduct, 'deductStatement'],
  [Deductions, 'deductionsStatement'],
  [Floor, 'floorStatement'],
  [Grade, 'gradeStatement'],
  [Test, 'testStatement'],
]);

let sharedParser: DslParser | undefined;

/** The one rubric parser instance, built on first use. */
export function getDslParser(): DslParser {
  sharedParser ??= new DslParser();
  return sharedParser;
}
