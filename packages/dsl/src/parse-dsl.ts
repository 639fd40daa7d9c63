/**
 * `parseDslRubric`: rubric DSL text → IR, every diagnostic, a source map and the comments.
 *
 * The file is lexed once and cut into statements (`statements.ts`); each statement is
 * parsed on its own with Chevrotain's error recovery on, so a mistake in one statement
 * never hides those in another. After an unknown clause, parsing resumes at the next
 * clause keyword that starts a line. Statements that parsed cleanly are built into the IR
 * (`assemble.ts`), so semantic mistakes are reported too; the IR is returned only when
 * there is no error at all. Never throws on user input.
 */
import type { CstNode, IRecognitionException, IToken } from 'chevrotain';
import { tokenMatcher } from './chevrotain.js';
import { FILE_START, LineIndex, didYouMean, sortDiagnostics, type Diagnostic, type Rubric, type SourceMap } from '@rubric/model';
import { readSyntaxError } from './expression-parser.js';
import { Arrow, Colon, DateLiteral, Deductions, Dot, FatArrow, Hard, Keyword, LBrace, Pass, RBrace } from './dsl-tokens.js';
import { Comma, Identifier, LBracket, LParen, Minus, NumberLiteral, Pipe, RBracket, RParen, SingleEqual, Text } from './tokens.js';
import { LEFTOVER_MARK, describeDslToken, setEndPhrase } from './dsl-messages.js';
import { getDslParser, STATEMENT_RULES, type StatementRule } from './dsl-parser.js';
import { lexDsl, type LexedDsl } from './dsl-lexer.js';
import { dslIssue, type DslIssue } from './dsl-issues.js';
import {
  CLAUSES_RULES,
  CLAUSE_KEYWORDS,
  CLAUSE_OWNERS,
  STATEMENT_NOUNS,
  STATEMENT_WORDS,
  canEnd,
  isLineStart,
  splitStatements,
  type StatementTokens,
} from './statements.js';
import { BuildContext } from './build-context.js';
import { RubricAssembler, type ParsedStatement } from './assemble.js';
import { attachComments, type DslComment } from './comments.js';

/** What a front end gives back: the IR when the source had no errors, every diagnostic, and where each IR node came from. */
export interface FrontEndResult {
  rubric?: Rubric;
  diagnostics: Diagnostic[];
  sourceMap: SourceMap;
}

/** What {@link parseDslRubric} gives back: a front-end result plus the file's comments. */
export interface DslParseResult extends FrontEndResult {
  /** Every comment, attached to the IR node it precedes or trails (for {@link printDslRubric}). */
  comments: DslComment[];
}

/**
 * Deepest nesting of parentheses, brackets and braces accepted in one statement; deeper
 * input is reported (`dsl/too-deep`) instead of risking the parser's stack.
 */
export const MAX_DSL_NESTING = 100;

/**
 * Reads a rubric written in the DSL. Never throws on user input: every problem is a
 * diagnostic (`dsl/*`, `expr/*`), all reported at once; `rubric` is absent when there is an error.
 */
export function parseDslRubric(text: string, file: string): DslParseResult {
  let source = '';
  try {
    source = typeof text === 'string' ? text : String(text);
    return parseOrThrow(source, file);
  } catch (e) {
    const why = e instanceof RangeError && /call stack/i.test(e.message) ? 'the file nests too deeply to read' : `the DSL front end failed: ${e instanceof Error ? e.message : String(e)}`;
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'dsl/internal-error',
          message: why,
          hint: 'this is a bug in the rubric tools; please report it with the file',
          file,
          span: FILE_START,
        },
      ],
      sourceMap: new Map(),
      comments: [],
    };
  }
}

function parseOrThrow(text: string, file: string): DslParseResult {
  const lexed = lexDsl(text);
  const statements = splitStatements(lexed.tokens);
  const lines = new LineIndex(text);
  const issues: DslIssue[] = [...lexed.issues];
  const ctx = new BuildContext(text, lexed.tokens, lines);
  const assembler = new RubricAssembler(ctx);
  statements.forEach((st, i) => {
    const next = statements[i + 1];
    // Worked out only for an error message.
    const endPhrase = (): string =>
      next ? `the start of the next statement (\`${next.tokens[0]!.image}\` on line ${lines.position(next.tokens[0]!.startOffset).line})` : 'the end of the file';
    const p = parseStatement(st, endPhrase, lexed, next ? next.tokens[0]!.startOffset : text.length, issues);
    // Built at once, so the statement's tree can be dropped.
    if (p) assembler.add(p);
  });
  const rubric = assembler.finish(issues.length > 0);
  issues.push(...ctx.issues);
  const diagnostics = toDiagnostics(issues, file, lines);
  const comments = attachComments(lexed.comments, lexed.tokens, ctx.anchors);
  const hasError = diagnostics.some((d) => d.severity === 'error');
  return hasError || !rubric ? { diagnostics, sourceMap: ctx.sourceMap, comments } : { rubric, diagnostics, sourceMap: ctx.sourceMap, comments };
}

function toDiagnostics(issues: readonly DslIssue[], file: string, lines: LineIndex): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const i of issues) {
    const key = `${i.code}@${i.start}:${i.end}:${i.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const d: Diagnostic = { severity: i.severity ?? 'error', code: i.code, message: i.message, file, span: lines.span(i.start, i.end) };
    if (i.hint !== undefined) d.hint = i.hint;
    out.push(d);
  }
  return sortDiagnostics(out);
}

// ---------------------------------------------------------------- one statement

const OPEN = [LParen, LBracket, LBrace];
const CLOSE = [RParen, RBracket, RBrace];

function tooDeep(tokens: readonly IToken[]): IToken | undefined {
  let depth = 0;
  for (const t of tokens) {
    if (OPEN.includes(t.tokenType)) {
      if (++depth > MAX_DSL_NESTING) return t;
    } else if (CLOSE.includes(t.tokenType)) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

const endOf = (t: IToken): number => t.startOffset + t.image.length;

/** Parses one statement, adding its syntax errors to `issues`; undefined when it cannot be parsed at all. */
function parseStatement(st: StatementTokens, endPhrase: () => string, lexed: LexedDsl, nextStart: number, issues: DslIssue[]): ParsedStatement | undefined {
  if (!st.rule) {
    issues.push(unknownStatement(st.tokens));
    return undefined;
  }
  if (st.midLine) {
    const kw = st.tokens[0]!;
    issues.push(dslIssue('dsl/statement-mid-line', `${describeDslToken(kw)} starts a new statement, which must begin on a new line`, kw.startOffset, endOf(kw), 'start each statement (`fact`, `section`, `indicator`, …) on a line of its own'));
  }
  const deep = tooDeep(st.tokens);
  if (deep) {
    issues.push(dslIssue('dsl/too-deep', `brackets are nested too deeply here (more than ${MAX_DSL_NESTING} levels)`, deep.startOffset, endOf(deep), 'a rubric needs only a few levels; look for brackets that are never closed'));
    return { rule: st.rule, tokens: st.tokens, ok: false, partial: false, extra: [] };
  }
  const parser = getDslParser();
  setEndPhrase(endPhrase);
  parser.input = st.tokens;
  const cst = parser[st.rule]() as CstNode;
  let found = collectErrors(parser.errors, st.tokens, lexed, nextStart, issues);
  let blocked = found.blocking;
  let partial = false;
  const extra: CstNode[] = [];
  const clausesRule = CLAUSES_RULES[st.rule];
  for (;;) {
    for (const i of found.leftovers) issues.push(leftoverIssue(st, i));
    partial ||= found.leftovers.length > 0 || found.notAll !== undefined;
    if (found.notAll === undefined) break;
    issues.push(leftoverIssue(st, found.notAll));
    // Resume at the next clause that starts a line (the statement's own recovery found none).
    const resume = clausesRule ? findResume(st, found.notAll + 1) : -1;
    if (resume < 0) break;
    const rest = st.tokens.slice(resume);
    parser.input = rest;
    extra.push(parser[clausesRule!]() as CstNode);
    found = collectErrors(parser.errors, rest, lexed, nextStart, issues);
    found = { ...found, leftovers: found.leftovers.map((i) => i + resume), notAll: found.notAll === undefined ? undefined : found.notAll + resume };
    blocked ||= found.blocking;
  }
  return { rule: st.rule, tokens: st.tokens, cst, extra, ok: !blocked, partial };
}

/** The errors of one parse, sorted out. */
interface FoundErrors {
  /** Tokens that recovery skipped after a complete clause (reported by the caller). */
  leftovers: number[];
  /** The first token after the rule ended, when the statement went on. */
  notAll?: number;
  /** Whether any error left the tree incomplete. */
  blocking: boolean;
}

/**
 * Adds the parser's errors inside clauses as issues, and sorts out the tokens left over
 * after complete clauses (the caller words those, since it knows the statement).
 */
function collectErrors(errors: readonly IRecognitionException[], tokens: readonly IToken[], lexed: LexedDsl, nextStart: number, issues: DslIssue[]): FoundErrors {
  const found: FoundErrors = { leftovers: [], blocking: false };
  const seenAt = new Set<number>();
  const last = tokens[tokens.length - 1]!;
  for (const e of errors) {
    const t = e.token;
    const atEnd = t.tokenType.name === 'EOF' || !Number.isFinite(t.startOffset);
    const i = atEnd ? tokens.length : tokens.findIndex((x) => x.startOffset === t.startOffset);
    if (!atEnd && i >= 0 && e.name === 'NotAllInputParsedException') {
      found.notAll ??= i;
      continue;
    }
    if (!atEnd && i >= 0 && e.message.startsWith(LEFTOVER_MARK)) {
      found.leftovers.push(i);
      continue;
    }
    found.blocking = true;
    const start = atEnd ? endOf(last) : t.startOffset;
    const end = atEnd ? endOf(last) : endOf(t);
    if (seenAt.has(start)) continue;
    seenAt.add(start);
    // An error right after characters the lexer skipped only repeats that error.
    const prev = tokens[i - 1];
    const gapStart = prev ? endOf(prev) : 0;
    const gapEnd = atEnd ? nextStart : t.startOffset;
    if (lexed.skipped.some((r) => r.start >= gapStart && r.start < gapEnd)) continue;
    if (!atEnd && lexed.replaced.some((r) => t.startOffset >= r.start && t.startOffset < r.end)) continue;
    const { message, hint } = readSyntaxError(e);
    const inExpression = isExpressionRule(e.context?.ruleStack?.[e.context.ruleStack.length - 1]);
    const code = inExpression ? (atEnd ? 'expr/unexpected-end' : 'expr/unexpected-token') : atEnd ? 'dsl/unexpected-end' : 'dsl/unexpected-token';
    issues.push(dslIssue(code, message, start, end, hint));
  }
  return found;
}

const EXPRESSION_RULE_NAMES = new Set([
  'expression', 'orExpression', 'andExpression', 'notExpression', 'comparison', 'comparisonTail', 'additive',
  'multiplicative', 'unary', 'primary', 'parenthesized', 'nameOrCall', 'callArgument', 'list',
]);

function isExpressionRule(name: string | undefined): boolean {
  return name !== undefined && EXPRESSION_RULE_NAMES.has(name);
}

/** The next clause keyword of this statement that starts a line, at or after `from`. */
function findResume(st: StatementTokens, from: number): number {
  const kws = CLAUSE_KEYWORDS[st.rule!] ?? [];
  for (let j = Math.max(1, from); j < st.tokens.length; j++) {
    const t = st.tokens[j]!;
    if (kws.includes(t.tokenType) && isLineStart(st.tokens, j) && canEnd(st.tokens[j - 1]!)) return j;
  }
  return -1;
}

const KEYWORD_WORDS = [
  'rubric', 'version', 'description', 'effective', 'from', 'until', 'replaces', 'total', 'points', 'fact', 'field', 'default',
  'level', 'boolean', 'integer', 'decimal', 'ratio', 'date', 'text', 'list', 'at', 'least', 'most', 'to', 'parameter', 'value',
  'when', 'otherwise', 'pass', 'mark', 'section', 'indicator', 'standard', 'method', 'score', 'checklist', 'item', 'per',
  'hard', 'requirement', 'requires', 'veto', 'deduct', 'deductions', 'recorded', 'floor', 'grade', 'test', 'as', 'of',
  'subject', 'expect', 'outcome', 'indicators', 'reasons',
];

/** The words a statement's clauses start with. */
function clauseWords(rule: StatementRule): string[] {
  return (CLAUSE_KEYWORDS[rule] ?? []).map((k) => String(k.PATTERN).replace(/^\/|\/$/g, ''));
}

/** Words about a token that was left over after a complete statement or clause. */
function leftoverIssue(st: StatementTokens, index: number): DslIssue {
  const t = st.tokens[index]!;
  const rule = st.rule!;
  const noun = STATEMENT_NOUNS[rule];
  const named = rule !== 'rubricStatement' && st.tokens[1] && tokenMatcher(st.tokens[1], Identifier) ? ` \`${st.tokens[1].image}\`` : '';
  const owner = named ? `${noun.replace(/^(a|an|the) /, '')}${named}` : noun;
  const found = describeDslToken(t);
  const start = t.startOffset;
  const end = endOf(t);
  const lineStart = isLineStart(st.tokens, index);

  if (STATEMENT_RULES.has(t.tokenType) && !lineStart) {
    return dslIssue('dsl/statement-mid-line', `${found} starts a new statement, which must begin on a new line`, start, end, 'start each statement (`fact`, `section`, `indicator`, …) on a line of its own');
  }
  const clauseOwner = CLAUSE_OWNERS.get(t.tokenType);
  if (clauseOwner && !(CLAUSE_KEYWORDS[rule] ?? []).includes(t.tokenType)) {
    const hint = t.image === 'item' ? 'items follow `checklist award` or `checklist deduct` in an indicator' : `move it to ${clauseOwner}`;
    return dslIssue('dsl/misplaced-clause', `\`${t.image}\` does not belong to ${noun}; it belongs to ${clauseOwner}`, start, end, hint);
  }
  if (tokenMatcher(t, Identifier) && !tokenMatcher(t, Keyword)) {
    const words = clauseWords(rule);
    const lower = t.image.toLowerCase();
    let hint: string | undefined;
    if (lower !== t.image && KEYWORD_WORDS.includes(lower)) hint = `keywords are written in lowercase: \`${lower}\``;
    else if ((t.image === 'optional' || t.image === 'required') && rule === 'factStatement') hint = 'a fact is optional exactly when it has a default: `…, default 0`';
    else hint = didYouMean(t.image, [...words, ...STATEMENT_WORDS, 'points']) ?? (words.length > 0 ? `${noun} may go on with ${words.map((w) => `\`${w}\``).join(', ')}` : `${noun} is complete before it; is something missing in front of it?`);
    const what = lineStart ? `unknown word \`${t.image}\` in ${owner}` : `did not expect ${found} in ${owner}`;
    return dslIssue(words.length > 0 && lineStart ? 'dsl/unknown-clause' : 'dsl/unexpected-token', what, start, end, hint);
  }
  let hint: string;
  if (t.tokenType === SingleEqual) hint = 'leave out the `=`: values follow their keyword directly, e.g. `total 100 points`';
  else if (t.tokenType === Colon) hint = 'a colon only separates a key from its value inside a record `{key: value}`; this is not YAML';
  else if (CLOSE.includes(t.tokenType)) hint = `this \`${t.image}\` has no matching opening bracket`;
  else if (t.tokenType === Comma) hint = 'commas separate the items of a list or record, the arguments of a function, and `, default` / `, at most` after a value';
  else if (tokenMatcher(t, Text)) hint = `${noun} has all its text already; is a keyword missing before it?`;
  else if (t.tokenType === Arrow || t.tokenType === FatArrow) hint = '`->` goes between a condition and its value: `when x is full -> 10`';
  else if (t.tokenType === LBrace) hint = 'a record `{…}` goes after `subject`, `indicators` or `default`';
  else if (t.tokenType === LBracket) hint = 'a list `[…]` goes after `default` or `reasons`, in a `replaces` mapping, or after `in` in an expression';
  else if (t.tokenType === LParen) hint = 'parentheses go inside an expression, after `score`, `when`, `per` or `requires`';
  else if (t.tokenType === Dot) hint = 'a dot only joins a list fact and its field: `recorded in complaint_cases.amount`';
  else if (t.tokenType === Pipe) hint = 'a bar separates the values of a level: `level full | partial | none`';
  else if (tokenMatcher(t, NumberLiteral) || t.tokenType === Minus || t.tokenType === DateLiteral) hint = `a value needs its keyword before it (\`total\`, \`value\`, \`default\`, \`at most\`, …); ${noun} is complete without it`;
  else hint = `${noun} is complete before it: remove it, or put what it starts on a line of its own`;
  return dslIssue('dsl/unexpected-token', `did not expect ${found} in ${owner}`, start, end, hint);
}

/** Words about a statement that does not start with a statement keyword. */
function unknownStatement(tokens: readonly IToken[]): DslIssue {
  const t = tokens[0]!;
  const next = tokens[1];
  const start = t.startOffset;
  const end = endOf(t);
  const found = describeDslToken(t);
  let hint: string | undefined;
  if (next && next.tokenType === Colon) {
    hint = 'this looks like YAML (`key: value`): a `.rubric` file is written in the rubric language (docs/language.md); name a YAML rubric `*.yaml`';
  } else if (t.tokenType === Pass || t.tokenType === Hard || t.tokenType === Deductions) {
    const words = t.tokenType === Pass ? 'pass mark' : t.tokenType === Hard ? 'hard requirement' : 'deductions at most';
    hint = `write \`${words}\``;
  } else if (t.image === 'title') {
    hint = 'the title follows the rubric id: `rubric my-rubric "The title"`';
  } else {
    const owner = CLAUSE_OWNERS.get(t.tokenType);
    if (owner) hint = `\`${t.image}\` belongs to ${owner}, which must come before it`;
    else if (tokenMatcher(t, Identifier)) {
      const lower = t.image.toLowerCase();
      hint = lower !== t.image && STATEMENT_WORDS.includes(lower) ? `keywords are written in lowercase: \`${lower}\`` : didYouMean(t.image, STATEMENT_WORDS);
    }
  }
  hint ??= `statements start with ${STATEMENT_WORDS.map((w) => `\`${w}\``).join(', ')}`;
  return dslIssue('dsl/unknown-statement', `expected a statement, found ${found}`, start, end, hint);
}
