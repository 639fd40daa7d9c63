/**
 * `parseExpression`: expression text → AST, every syntax error, and a source map.
 * It never throws: an unexpected failure inside becomes an `expr/internal-error` issue.
 */
import type { Expr } from '@rubric/model';
import type { IRecognitionException, IToken } from 'chevrotain';
import { lexExpression } from './expression-lexer.js';
import type { LexedExpression } from './expression-lexer.js';
import { ExpressionParser, readSyntaxError } from './expression-parser.js';
import { ExpressionVisitor } from './expression-visitor.js';
import type { BuiltExpr } from './expression-visitor.js';
import { makeIssue, sortIssues } from './issues.js';
import type { ExpressionIssue, TextRange } from './issues.js';
import { LBracket, LParen, RBracket, RParen, isEndToken } from './tokens.js';

/** The result of {@link parseExpression}. */
export interface ExpressionParseResult {
  /** The tree, or undefined when there were syntax errors. */
  expr?: Expr;
  /** Every syntax error found (recovery on: report all, not just the first). */
  issues: ExpressionIssue[];
  /** JSON pointer of each AST node relative to the root ('' = root, '/left', '/args/0', ...) → its source range. Same pointers as walkExpr in model. */
  spans: Map<string, TextRange>;
}

/**
 * Deepest nesting of parentheses and brackets accepted. The parser recurses on them, about
 * ten rules a level; a cold process overflows Node's default stack near 170 levels, so 100
 * leaves room for the caller's own stack.
 */
export const MAX_NESTING = 100;

let sharedParser: ExpressionParser | undefined;

/** The one expression parser instance, built on first use and reset for each input. */
export function getExpressionParser(): ExpressionParser {
  sharedParser ??= new ExpressionParser();
  return sharedParser;
}

/**
 * Parses expression text into an AST. Offsets in issues and spans are 0-based UTF-16
 * offsets into `text`. Reports every error it can find; never throws.
 */
export function parseExpression(text: string): ExpressionParseResult {
  let source = '';
  try {
    source = typeof text === 'string' ? text : String(text);
    return parseOrThrow(source);
  } catch (e) {
    // The nesting limit should make this unreachable; if the stack still runs out, say so plainly.
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return { issues: [makeIssue('expr/too-deep', 'the expression is nested too deeply to parse', 0, source.length, TOO_DEEP_HINT)], spans: new Map() };
    }
    return { issues: [internalError(e, source)], spans: new Map() };
  }
}

const TOO_DEEP_HINT = 'split the expression into smaller parts, for example with parameters';

/** Reports parentheses or brackets nested deeper than `max`, before the parser recurses into them. */
export function checkNesting(tokens: readonly IToken[], max = MAX_NESTING): ExpressionIssue | undefined {
  let depth = 0;
  for (const t of tokens) {
    if (t.tokenType === LParen || t.tokenType === LBracket) {
      depth++;
      if (depth > max) {
        return makeIssue(
          'expr/too-deep',
          `parentheses and brackets are nested too deeply (more than ${max} levels)`,
          t.startOffset,
          t.startOffset + t.image.length,
          TOO_DEEP_HINT,
        );
      }
    } else if (t.tokenType === RParen || t.tokenType === RBracket) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/**
 * Turns the parser's errors into issues. Errors right after characters the lexer skipped
 * are dropped: they only repeat the unknown-character error.
 */
export function syntaxIssues(errors: readonly IRecognitionException[], lexed: LexedExpression, text: string): ExpressionIssue[] {
  const { tokens, skipped } = lexed;
  const last = tokens[tokens.length - 1];
  const lastEnd = last ? last.startOffset + last.image.length : 0;
  const indexAt = new Map<number, number>();
  tokens.forEach((t, i) => indexAt.set(t.startOffset, i));
  const out: ExpressionIssue[] = [];
  for (const e of errors) {
    const { message, hint } = readSyntaxError(e);
    const t = e.token;
    const atEnd = isEndToken(t) || !Number.isFinite(t.startOffset);
    const start = atEnd ? lastEnd : t.startOffset;
    const end = atEnd ? lastEnd : t.startOffset + t.image.length;
    const i = atEnd ? tokens.length : (indexAt.get(t.startOffset) ?? 0);
    const prev = tokens[i - 1];
    const gapStart = prev ? prev.startOffset + prev.image.length : 0;
    const gapEnd = atEnd ? text.length : t.startOffset;
    if (skipped.some((r) => r.start >= gapStart && r.start < gapEnd)) continue;
    out.push(makeIssue(atEnd ? 'expr/unexpected-end' : 'expr/unexpected-token', message, start, end, hint));
  }
  return out;
}

function parseOrThrow(text: string): ExpressionParseResult {
  const lexed = lexExpression(text);
  const issues = [...lexed.issues];
  if (lexed.tokens.length === 0) {
    if (issues.length === 0) {
      issues.push(makeIssue('expr/empty', 'the expression is empty', 0, text.length, 'write a value or a condition, for example `10` or `x is full`'));
    }
    return { issues: sortIssues(issues), spans: new Map() };
  }
  const deep = checkNesting(lexed.tokens);
  if (deep) return { issues: sortIssues([...issues, deep]), spans: new Map() };

  const parser = getExpressionParser();
  parser.input = lexed.tokens;
  const cst = parser.expression();
  const syntax = syntaxIssues(parser.errors, lexed, text);
  issues.push(...syntax);

  const visitor = new ExpressionVisitor(text);
  let built: BuiltExpr | undefined;
  try {
    built = visitor.expression(cst);
  } catch (e) {
    // A partial tree left by recovery may surprise the visitor; the syntax errors say enough.
    if (parser.errors.length === 0) throw e;
  }
  issues.push(...visitor.issues);

  if (issues.length > 0) return { issues: sortIssues(issues), spans: new Map() };
  if (!built) throw new Error('the parser accepted the input but produced no tree');
  return { expr: built.expr, issues: [], spans: visitor.spansOf(built.expr) };
}

function internalError(e: unknown, text: string): ExpressionIssue {
  const why = e instanceof Error ? e.message : String(e);
  return makeIssue(
    'expr/internal-error',
    `the expression parser failed unexpectedly: ${why}`,
    0,
    text.length,
    'this is a bug in rubric; please report it with the expression',
  );
}
