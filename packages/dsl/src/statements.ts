/**
 * Cutting a file's tokens into statements, and what the parser needs to know about where a
 * statement or a clause may start.
 *
 * A statement starts with its keyword at the start of a line (`fact`, `section`, `pass
 * mark`, …). Within a statement, line breaks and indentation mean nothing. A keyword at the
 * start of a line does not start a statement when the line before cannot end one (it ends
 * with an operator, a comma or an open bracket), unless the keyword is followed by what its
 * statement needs (`fact` + a name): so a long expression may go on over several lines, and
 * an unclosed bracket does not swallow the rest of the file.
 */
import { tokenMatcher } from './chevrotain.js';
import { closest } from '@rubric/model';
import type { IToken, TokenType } from 'chevrotain';
import {
  AdditiveOp,
  And,
  Comma,
  CompareOp,
  Else,
  Identifier,
  If,
  In,
  Is,
  LBracket,
  LParen,
  MultiplicativeOp,
  Not,
  NumberLiteral,
  Or,
  RBracket,
  RParen,
  Text,
  Then,
  Where,
  Minus,
} from './tokens.js';
import {
  Arrow,
  At,
  Checklist,
  Colon,
  Deduct,
  Deductions,
  Description,
  Dot,
  Effective,
  Expect,
  Fact,
  FatArrow,
  Field,
  Floor,
  Grade,
  Hard,
  Indicator,
  Item,
  Keyword,
  LBrace,
  Mark,
  Method,
  Otherwise,
  Parameter,
  Pass,
  Points,
  RBrace,
  Replaces,
  Requirement,
  Rubric,
  RubricId,
  Score,
  Section,
  Standard,
  Subject,
  Test,
  Total,
  TypeWord,
  Value,
  Version,
  Veto,
  When,
} from './dsl-tokens.js';
import { STATEMENT_RULES, type ClausesRule, type StatementRule } from './dsl-parser.js';

/** One statement's tokens, and the rule that parses it (undefined when it starts with something else). */
export interface StatementTokens {
  rule: StatementRule | undefined;
  tokens: IToken[];
  /** Whether it starts in the middle of a line, after another statement (an error, reported). */
  midLine?: boolean;
}

const NO_END: readonly TokenType[] = [LParen, LBracket, LBrace, Comma, Colon, Dot, Arrow, FatArrow, If, Then, Else, In, Is, Where];
const NO_END_CATEGORIES: readonly TokenType[] = [CompareOp, AdditiveOp, MultiplicativeOp, And, Or, Not];

/** Whether a statement or clause can end with this token (an operator, comma or open bracket cannot). */
export function canEnd(t: IToken): boolean {
  if (NO_END.includes(t.tokenType)) return false;
  return !NO_END_CATEGORIES.some((c) => tokenMatcher(t, c));
}

/** Whether `tokens[i]` is the first token on its line. */
export function isLineStart(tokens: readonly IToken[], i: number): boolean {
  const prev = tokens[i - 1];
  const t = tokens[i];
  if (!prev || !t) return true;
  return (prev.endLine ?? 0) < (t.startLine ?? 0);
}

/** The statement rule `tokens[i]` would start (two-word keywords need both words), if any. */
export function statementRuleAt(tokens: readonly IToken[], i: number): StatementRule | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  const rule = STATEMENT_RULES.get(t.tokenType);
  if (!rule) return undefined;
  const next = tokens[i + 1];
  if (t.tokenType === Pass) return next?.tokenType === Mark ? rule : undefined;
  if (t.tokenType === Hard) return next?.tokenType === Requirement ? rule : undefined;
  if (t.tokenType === Deductions) return next?.tokenType === At ? rule : undefined;
  return rule;
}

const SINGLE_WORDS = ['rubric', 'fact', 'parameter', 'section', 'indicator', 'veto', 'deduct', 'floor', 'grade', 'test'];

/**
 * Whether `tokens[i]` looks like a statement keyword gone wrong: the first word of a
 * two-word keyword with the wrong second word (`hard requirment`), or a word close to a
 * keyword followed on its line by a name or text (`indicatr x "X"`, `Fact x "X"`).
 */
function looksLikeStatement(tokens: readonly IToken[], i: number): boolean {
  const t = tokens[i]!;
  if (t.tokenType === Pass || t.tokenType === Hard || t.tokenType === Deductions) return true;
  if (!tokenMatcher(t, Identifier) || tokenMatcher(t, Keyword)) return false;
  const next = tokens[i + 1];
  if (!next || next.startLine !== t.startLine || !(tokenMatcher(next, Identifier) || tokenMatcher(next, Text))) return false;
  const lower = t.image.toLowerCase();
  return SINGLE_WORDS.includes(lower) || closest(lower, SINGLE_WORDS) !== undefined;
}

/** Whether the token after a statement keyword is what that statement needs next. */
function fits(tokens: readonly IToken[], i: number): boolean {
  const t = tokens[i]!;
  const next = tokens[i + 1];
  if (!next) return false;
  switch (t.tokenType) {
    case Rubric:
      return next.tokenType === RubricId;
    case Fact:
    case Parameter:
    case Section:
    case Indicator:
    case Veto:
    case Deduct:
      return tokenMatcher(next, Identifier);
    case Pass:
    case Hard:
    case Deductions:
      return true;
    case Floor:
      return tokenMatcher(next, NumberLiteral) || tokenMatcher(next, Minus) || tokenMatcher(next, Identifier);
    case Grade:
    case Test:
      return tokenMatcher(next, Text);
    default:
      return false;
  }
}

const OPENERS: readonly TokenType[] = [LParen, LBracket, LBrace];
const CLOSERS: readonly TokenType[] = [RParen, RBracket, RBrace];

/** Cuts the tokens of a file into statements. */
export function splitStatements(tokens: readonly IToken[]): StatementTokens[] {
  const out: StatementTokens[] = [];
  let current: IToken[] = [];
  let depth = 0;
  let midLine = false;
  const push = (): void => {
    const st: StatementTokens = { rule: statementRuleAt(current, 0), tokens: current };
    if (midLine) st.midLine = true;
    out.push(st);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (current.length > 0) {
      const starts = startsStatement(tokens, i, depth);
      if (starts) {
        push();
        current = [];
        depth = 0;
        midLine = starts === 'mid-line';
      }
    }
    current.push(t);
    if (OPENERS.includes(t.tokenType)) depth++;
    else if (CLOSERS.includes(t.tokenType)) depth = Math.max(0, depth - 1);
  }
  if (current.length > 0) push();
  return out;
}

/**
 * Whether `tokens[i]` starts a statement: at the start of a line (see the module comment),
 * or, as a mistake reported later, in the middle of one right after a complete statement
 * when it is followed on its line by what its statement needs (`… score 1 indicator y "Y"`).
 */
function startsStatement(tokens: readonly IToken[], i: number, depth: number): 'line' | 'mid-line' | false {
  if (!statementRuleAt(tokens, i)) {
    // A misspelt statement keyword starts a statement too (reported as unknown), so its
    // clauses are not taken for clauses of the statement above.
    return isLineStart(tokens, i) && depth === 0 && canEnd(tokens[i - 1]!) && looksLikeStatement(tokens, i) ? 'line' : false;
  }
  const strong = fits(tokens, i);
  if (isLineStart(tokens, i)) return (canEnd(tokens[i - 1]!) || strong) && (depth === 0 || strong) ? 'line' : false;
  const next = tokens[i + 1];
  const sameLine = next !== undefined && next.startLine === tokens[i]!.startLine;
  const prev = tokens[i - 1]!;
  // After a keyword that wants a word (`hard requirement test …`), the keyword is that word.
  const wantsWord = tokenMatcher(prev, Keyword) && prev.tokenType !== Points && !tokenMatcher(prev, TypeWord);
  return strong && sameLine && depth === 0 && canEnd(prev) && !wantsWord ? 'mid-line' : false;
}

/** The rule that parses more clauses of a statement, for statements that have clauses. */
export const CLAUSES_RULES: Partial<Record<StatementRule, ClausesRule>> = {
  rubricStatement: 'rubricClauses',
  factStatement: 'factClauses',
  parameterStatement: 'parameterClauses',
  indicatorStatement: 'indicatorClauses',
  testStatement: 'testClauses',
};

/** The keywords that start a clause of each statement. */
export const CLAUSE_KEYWORDS: Partial<Record<StatementRule, readonly TokenType[]>> = {
  rubricStatement: [Version, Description, Effective, Replaces, Total],
  factStatement: [Description, Field],
  parameterStatement: [Description, Value, When],
  indicatorStatement: [Standard, Method, Score, When, Otherwise, Checklist],
  testStatement: [Subject, Expect],
};

/** Where each clause keyword belongs, for "`standard` belongs to an indicator". */
export const CLAUSE_OWNERS: ReadonlyMap<TokenType, string> = new Map<TokenType, string>([
  [Version, 'the `rubric` statement'],
  [Effective, 'the `rubric` statement'],
  [Replaces, 'the `rubric` statement'],
  [Total, 'the `rubric` statement'],
  [Description, 'the `rubric` statement, a fact, a field or a parameter'],
  [Field, 'a fact of type `list`'],
  [Value, 'a parameter'],
  [Standard, 'an indicator'],
  [Method, 'an indicator'],
  [Score, 'an indicator'],
  [Otherwise, 'an indicator'],
  [Checklist, 'an indicator'],
  [Item, 'the checklist of an indicator'],
  [When, 'an indicator (a case), a parameter (an override), an item, a veto or a deduction'],
  [Subject, 'a test'],
  [Expect, 'a test'],
]);

/** How each statement is named in messages. */
export const STATEMENT_NOUNS: Record<StatementRule, string> = {
  rubricStatement: 'the `rubric` statement',
  factStatement: 'a fact',
  parameterStatement: 'a parameter',
  passMarkStatement: 'the pass mark',
  sectionStatement: 'a section',
  indicatorStatement: 'an indicator',
  hardStatement: 'a hard requirement',
  vetoStatement: 'a veto',
  deductStatement: 'a deduction',
  deductionsStatement: 'the cap on deductions',
  floorStatement: 'the floor',
  gradeStatement: 'a grade',
  testStatement: 'a test',
};

/** The words that start statements, for did-you-mean hints. */
export const STATEMENT_WORDS: readonly string[] = [
  'rubric', 'fact', 'parameter', 'pass mark', 'section', 'indicator', 'hard requirement', 'veto', 'deduct', 'deductions', 'floor', 'grade', 'test',
];
