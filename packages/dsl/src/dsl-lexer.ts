/**
 * Lexing of a rubric file: tokens, comments (kept aside for the formatter) and every
 * lexical error, each located by offsets. Never throws and never stops early.
 */
import { Lexer } from './chevrotain.js';
import type { IToken } from 'chevrotain';
import { literalProblems, tokenizeRecovering, type LexWords } from './expression-lexer.js';
import type { TextRange } from './issues.js';
import { FullWidth } from './tokens.js';
import { Comment, DSL_TOKENS } from './dsl-tokens.js';
import { dslIssue, type DslIssue } from './dsl-issues.js';

/** The tokens of a rubric file, its comments and its lexical problems. */
export interface LexedDsl {
  /** Tokens to parse (full-width punctuation already read as its ASCII equivalent). */
  tokens: IToken[];
  /** `# …` comments, in order. */
  comments: IToken[];
  issues: DslIssue[];
  /** Characters the lexer skipped; parse errors right after them are follow-on noise. */
  skipped: TextRange[];
  /** Full-width characters read as ASCII; parse errors at them only repeat that error. */
  replaced: TextRange[];
}

let sharedLexer: Lexer | undefined;

/** The one DSL lexer, built on first use. */
export function getDslLexer(): Lexer {
  // Start offsets only: lines and end offsets are set by one pass below, cheaper than Chevrotain's full tracking.
  sharedLexer ??= new Lexer(DSL_TOKENS, { positionTracking: 'onlyOffset', ensureOptimizations: false });
  return sharedLexer;
}

const DSL_WORDS: LexWords = {
  fullWidthPlace: 'outside quotes',
  fullWidthHintTail: ' (text in double quotes may hold any character)',
  unknownPlace: 'here',
  unknownHint: unknownCharacterHint,
};

/** Lexes a rubric file and checks every token. */
export function lexDsl(text: string): LexedDsl {
  const issues: DslIssue[] = [];
  const { result, replaced, skipped } = tokenizeRecovering(getDslLexer(), text, DSL_WORDS, (p) =>
    issues.push(dslIssue(`dsl/${p.kind}`, p.message, p.start, p.end, p.hint)),
  );
  const tokens: IToken[] = [];
  for (const t of result.tokens) {
    if (t.tokenType === FullWidth) continue;
    checkToken(t, issues);
    tokens.push(t);
  }
  const comments = (result.groups['comments'] ?? []).filter((t) => t.tokenType === Comment);
  setLines(text, tokens);
  setLines(text, comments);
  return { tokens, comments, issues, skipped, replaced };
}

/**
 * Sets `startLine` and `endLine` (1-based, the same: no token spans a line break) and
 * `endOffset` (inclusive, as Chevrotain's) of tokens in order of their offsets.
 */
function setLines(text: string, tokens: readonly IToken[]): void {
  let line = 1;
  let nextBreak = text.indexOf('\n');
  for (const t of tokens) {
    while (nextBreak >= 0 && nextBreak < t.startOffset) {
      line++;
      nextBreak = text.indexOf('\n', nextBreak + 1);
    }
    t.startLine = line;
    t.endLine = line;
    t.endOffset = t.startOffset + t.image.length - 1;
  }
}

function unknownCharacterHint(chars: string): string {
  const c = chars[0] ?? '';
  switch (c) {
    case '%':
      return 'write a percentage as a number or a ratio: 85% is `85` or `0.85`';
    case '^':
      return 'there is no power operator; multiply instead: `x * x`';
    case ';':
      return 'statements need no `;`: start each on a new line';
    case '?':
      return 'write a choice as `if condition then a else b`';
    case '\\':
      return 'a backslash can only appear inside text in double quotes';
    case '/':
      return 'comments start with `#`';
    default:
      break;
  }
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
    return 'remove the invisible control character';
  }
  if (/\p{L}/u.test(c)) {
    return 'names use ASCII letters, digits and `_`; titles, labels and other text go in double quotes';
  }
  return 'outside double quotes a rubric uses ASCII letters, digits and the signs of the language; other characters go in text';
}

function checkToken(t: IToken, issues: DslIssue[]): void {
  for (const p of literalProblems(t) ?? []) issues.push(dslIssue(`dsl/${p.code}`, p.message, p.start, p.end, p.hint));
}
