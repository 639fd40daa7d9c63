/**
 * Token definitions of the expression language. The full rubric grammar embeds
 * expressions, so it reuses these tokens (and their lexing order) and adds its own.
 *
 * Some tokens are accepted only so that parsing can go on after a common mistake
 * (`=`, `&&`, `'single quotes'`, `.5`): they share a category with the right token,
 * and {@link WRONG_OPERATORS} / the lexer checks report them as errors.
 */
import { createToken, EOF, Lexer, tokenMatcher } from './chevrotain.js';
import type { IToken, TokenType } from 'chevrotain';
import type { BinaryOp } from '@rubric/model';

// ---------------------------------------------------------------- categories

/** Any text literal, well-formed or not. */
export const Text = createToken({ name: 'Text', pattern: Lexer.NA });
/** `==`, `!=`, `<`, `<=`, `>`, `>=` and their synonyms. */
export const CompareOp = createToken({ name: 'CompareOp', pattern: Lexer.NA });
/** `+` and `-`. */
export const AdditiveOp = createToken({ name: 'AdditiveOp', pattern: Lexer.NA });
/** `*` and `/`. */
export const MultiplicativeOp = createToken({ name: 'MultiplicativeOp', pattern: Lexer.NA });

// ---------------------------------------------------------------- tokens

/** Spaces, tabs, newlines, the ideographic space U+3000 and other Unicode spaces. */
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED, line_breaks: true });

/** `"text"` with JSON escapes. */
export const DoubleQuotedText = createToken({
  name: 'DoubleQuotedText',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/,
  categories: [Text],
});
/** `"text` without its closing quote before the end of the line (an error). */
export const UnterminatedText = createToken({
  name: 'UnterminatedText',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/,
  categories: [Text],
});
/** `'text'` or `‘text’` (an error: text goes in double quotes). */
export const SingleQuotedText = createToken({
  name: 'SingleQuotedText',
  pattern: /['‘’](?:[^'‘’\\\r\n]|\\[^\r\n])*['‘’]?/,
  categories: [Text],
});
/** `“text”` (an error: use straight double quotes). */
export const CurlyQuotedText = createToken({
  name: 'CurlyQuotedText',
  pattern: /[“”„][^“”"\r\n]*[“”"]?/,
  categories: [Text],
});

/**
 * Anything that starts like a number: `10`, `0.5`, but also `.5`, `1.`, `1.2.3`, `3x`, `1e5`.
 * Only `digits` or `digits.digits` is valid; the lexer checks report the rest.
 */
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /\.?\d[\w.]*/ });

/**
 * A run of full-width punctuation, digits or letters (`（`, `，`, `＝`, `１`), or the ideographic
 * comma / full stop / brackets. The lexer reports it and reads it as the ASCII characters.
 */
export const FullWidth = createToken({ name: 'FullWidth', pattern: /[\uFF01-\uFF5E\u3001\u3002\u3010\u3011]+/ });

/** An ASCII name: a fact, a parameter, a record field, a level word, or a function name. */
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/ });

const keyword = (word: string, categories?: TokenType[]): TokenType =>
  createToken({
    name: word[0]!.toUpperCase() + word.slice(1),
    pattern: new RegExp(word),
    longer_alt: Identifier,
    ...(categories ? { categories } : {}),
  });

/** `if`. */
export const If = keyword('if');
/** `then`. */
export const Then = keyword('then');
/** `else`. */
export const Else = keyword('else');
/** `and`. */
export const And = keyword('and');
/** `or`. */
export const Or = keyword('or');
/** `not`. */
export const Not = keyword('not');
/** `in` (membership in a list). */
export const In = keyword('in');
/** `is` (`x is full`, `x is not full`). */
export const Is = keyword('is');
/** `where` (filters the records of an aggregate). */
export const Where = keyword('where');
/** `true`. */
export const True = keyword('true');
/** `false`. */
export const False = keyword('false');

/** `!==` (an error: use `!=`). */
export const BangEqEq = createToken({ name: 'BangEqEq', pattern: /!==/, categories: [CompareOp] });
/** `!=` or `≠`. */
export const NotEqual = createToken({ name: 'NotEqual', pattern: /!=|≠/, categories: [CompareOp] });
/** `!` (an error: use `not`). */
export const Bang = createToken({ name: 'Bang', pattern: /!/, categories: [Not] });
/** `===` (an error: use `==`). */
export const EqEqEq = createToken({ name: 'EqEqEq', pattern: /===/, categories: [CompareOp] });
/** `==`. */
export const EqualEqual = createToken({ name: 'EqualEqual', pattern: /==/, categories: [CompareOp] });
/** `=<` (an error: use `<=`). */
export const EqLess = createToken({ name: 'EqLess', pattern: /=</, categories: [CompareOp] });
/** `=>` (an error: use `>=`). */
export const EqGreater = createToken({ name: 'EqGreater', pattern: /=>/, categories: [CompareOp] });
/** `=` (an error: use `==` or `is`). */
export const SingleEqual = createToken({ name: 'SingleEqual', pattern: /=/, categories: [CompareOp] });
/** `<>` (an error: use `!=`). */
export const LessGreater = createToken({ name: 'LessGreater', pattern: /<>/, categories: [CompareOp] });
/** `<=` or `≤`. */
export const LessEqual = createToken({ name: 'LessEqual', pattern: /<=|≤/, categories: [CompareOp] });
/** `<`. */
export const Less = createToken({ name: 'Less', pattern: /</, categories: [CompareOp] });
/** `>=` or `≥`. */
export const GreaterEqual = createToken({ name: 'GreaterEqual', pattern: />=|≥/, categories: [CompareOp] });
/** `>`. */
export const Greater = createToken({ name: 'Greater', pattern: />/, categories: [CompareOp] });
/** `&&` or `&` (an error: use `and`). */
export const Ampersand = createToken({ name: 'Ampersand', pattern: /&&?/, categories: [And] });
/** `||` or `|` (an error: use `or`). */
export const Pipe = createToken({ name: 'Pipe', pattern: /\|\|?/, categories: [Or] });
/** `+`. */
export const Plus = createToken({ name: 'Plus', pattern: /\+/, categories: [AdditiveOp] });
/** `-` or `−` (U+2212); also unary minus. */
export const Minus = createToken({ name: 'Minus', pattern: /[-\u2212]/, categories: [AdditiveOp] });
/** `*` or `×`. */
export const Star = createToken({ name: 'Star', pattern: /[*×]/, categories: [MultiplicativeOp] });
/** `/` or `÷`. */
export const Slash = createToken({ name: 'Slash', pattern: /[/÷]/, categories: [MultiplicativeOp] });
/** `(`. */
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
/** `)`. */
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
/** `[`. */
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
/** `]`. */
export const RBracket = createToken({ name: 'RBracket', pattern: /]/ });
/** `,`. */
export const Comma = createToken({ name: 'Comma', pattern: /,/ });

/** The keyword tokens, each of which is also a reserved word. */
export const KEYWORD_TOKENS: readonly TokenType[] = [If, Then, Else, And, Or, Not, In, Is, Where, True, False];

/** Every expression token in lexing order (first match wins), categories included. */
export const EXPRESSION_TOKENS: TokenType[] = [
  Text,
  CompareOp,
  AdditiveOp,
  MultiplicativeOp,
  WhiteSpace,
  DoubleQuotedText,
  UnterminatedText,
  SingleQuotedText,
  CurlyQuotedText,
  NumberLiteral,
  FullWidth,
  ...KEYWORD_TOKENS,
  Identifier,
  BangEqEq,
  NotEqual,
  Bang,
  EqEqEq,
  EqualEqual,
  EqLess,
  EqGreater,
  SingleEqual,
  LessGreater,
  LessEqual,
  Less,
  GreaterEqual,
  Greater,
  Ampersand,
  Pipe,
  Plus,
  Minus,
  Star,
  Slash,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
];

/** The binary operator each operator token stands for, synonyms and misspellings included. */
export const TOKEN_OPERATORS: ReadonlyMap<TokenType, BinaryOp> = new Map<TokenType, BinaryOp>([
  [EqualEqual, '=='],
  [EqEqEq, '=='],
  [SingleEqual, '=='],
  [NotEqual, '!='],
  [BangEqEq, '!='],
  [LessGreater, '!='],
  [Less, '<'],
  [LessEqual, '<='],
  [EqLess, '<='],
  [Greater, '>'],
  [GreaterEqual, '>='],
  [EqGreater, '>='],
  [Plus, '+'],
  [Minus, '-'],
  [Star, '*'],
  [Slash, '/'],
]);

/** Operator tokens that are accepted to keep parsing but are errors: what to write instead. */
export const WRONG_OPERATORS: ReadonlyMap<TokenType, string> = new Map<TokenType, string>([
  [BangEqEq, '!='],
  [LessGreater, '!='],
  [EqEqEq, '=='],
  [SingleEqual, '=='],
  [EqLess, '<='],
  [EqGreater, '>='],
  [Bang, 'not'],
  [Ampersand, 'and'],
  [Pipe, 'or'],
]);

/** Whether a token is a keyword (a reserved word lexed as its own token). */
export function isKeywordToken(token: IToken): boolean {
  return KEYWORD_TOKENS.some((k) => token.tokenType === k);
}

/** Whether a token is the end of input (including tokens inserted by error recovery). */
export function isEndToken(token: IToken): boolean {
  return token.tokenType === EOF;
}

/** A short phrase for what a token looks like in the source: "the name `score`", "a closing parenthesis `)`". */
export function describeToken(token: IToken): string {
  const t = token.tokenType;
  if (t === EOF) return 'the end of the expression';
  const img = token.image;
  if (t === Identifier) return `the name \`${img}\``;
  if (t === NumberLiteral) return `the number \`${img}\``;
  if (tokenMatcher(token, Text)) return `the text ${shorten(img)}`;
  if (isKeywordToken(token) && /^[a-z]+$/.test(img)) return `the word \`${img}\``;
  return describeTokenType(t, img);
}

/** A short phrase for a kind of token the parser expected: "a closing parenthesis `)`". */
export function describeTokenType(t: TokenType, image?: string): string {
  switch (t) {
    case EOF:
      return 'the end of the expression';
    case Identifier:
      return 'a name';
    case NumberLiteral:
      return 'a number';
    case Text:
      return 'text in double quotes';
    case CompareOp:
      return 'a comparison such as `==` or `<`';
    case AdditiveOp:
      return image ? `the operator \`${image}\`` : '`+` or `-`';
    case MultiplicativeOp:
      return image ? `the operator \`${image}\`` : '`*` or `/`';
    case LParen:
      return 'an opening parenthesis `(`';
    case RParen:
      return 'a closing parenthesis `)`';
    case LBracket:
      return 'an opening bracket `[`';
    case RBracket:
      return 'a closing bracket `]`';
    case Comma:
      return 'a comma `,`';
    default:
      break;
  }
  if (KEYWORD_TOKENS.includes(t) && (image === undefined || /^[a-z]+$/.test(image))) {
    return `the word \`${image ?? String(t.PATTERN).replace(/^\/|\/$/g, '')}\``;
  }
  const shown = image ?? SYMBOLS.get(t) ?? t.name;
  return TOKEN_OPERATORS.has(t) || WRONG_OPERATORS.has(t) ? `the operator \`${shown}\`` : `\`${shown}\``;
}

const SYMBOLS = new Map<TokenType, string>([
  [EqualEqual, '=='],
  [NotEqual, '!='],
  [Less, '<'],
  [LessEqual, '<='],
  [Greater, '>'],
  [GreaterEqual, '>='],
  [Plus, '+'],
  [Minus, '-'],
  [Star, '*'],
  [Slash, '/'],
]);

/** Shortens long source text for a message, keeping its quotes readable. */
export function shorten(s: string, max = 30): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
