/**
 * Lexing of expression text: tokens plus every lexical error (unknown characters,
 * full-width punctuation, bad numbers, unterminated or wrongly quoted text, misspelt
 * operators), each located by offsets. Lexing never throws and never stops early.
 */
import { Lexer, tokenMatcher } from './chevrotain.js';
import { Decimal } from '@rubric/model';
import type { ILexingResult, IToken } from 'chevrotain';
import { makeIssue } from './issues.js';
import type { ExpressionIssue, TextRange } from './issues.js';
import {
  CurlyQuotedText,
  DoubleQuotedText,
  EXPRESSION_TOKENS,
  FullWidth,
  Identifier,
  LParen,
  NumberLiteral,
  SingleEqual,
  SingleQuotedText,
  Text,
  UnterminatedText,
  WRONG_OPERATORS,
  shorten,
} from './tokens.js';

/** Tokens of an expression and the lexical problems found in it. */
export interface LexedExpression {
  /** Tokens to parse (full-width characters already read as their ASCII equivalents). */
  tokens: IToken[];
  issues: ExpressionIssue[];
  /** Ranges of characters the lexer skipped; parse errors right after them are follow-on noise. */
  skipped: TextRange[];
}

let sharedLexer: Lexer | undefined;

/** The one expression lexer, built on first use. */
export function getExpressionLexer(): Lexer {
  sharedLexer ??= new Lexer(EXPRESSION_TOKENS, { positionTracking: 'full' });
  return sharedLexer;
}

/** Lexes expression text and checks every token. */
export function lexExpression(text: string): LexedExpression {
  const issues: ExpressionIssue[] = [];
  const { result, skipped } = tokenizeRecovering(getExpressionLexer(), text, EXPRESSION_WORDS, (p) =>
    issues.push(makeIssue(`expr/${p.kind}`, p.message, p.start, p.end, p.hint)),
  );
  const tokens: IToken[] = [];
  for (const t of result.tokens) {
    if (t.tokenType === FullWidth) continue; // only possible after quotes moved; already reported
    tokens.push(t);
  }
  tokens.forEach((t, i) => checkToken(t, tokens[i - 1], tokens[i + 1], tokens[i + 2], issues));
  return { tokens, issues, skipped };
}

/** How a lexer words the problems {@link tokenizeRecovering} finds: the rest of the message is shared. */
export interface LexWords {
  /** Where full-width characters were found, as the message says it (`in an expression`). */
  fullWidthPlace: string;
  /** Added to the full-width hint (may be empty). */
  fullWidthHintTail: string;
  /** Where a character cannot be used (`here`, `in an expression`). */
  unknownPlace: string;
  unknownHint(chars: string): string | undefined;
}

/** A problem {@link tokenizeRecovering} found; each lexer prefixes the kind to make its code. */
export interface LexProblem {
  kind: 'full-width' | 'unknown-character';
  message: string;
  start: number;
  end: number;
  hint?: string;
}

const EXPRESSION_WORDS: LexWords = { fullWidthPlace: 'in an expression', fullWidthHintTail: '', unknownPlace: 'in an expression', unknownHint: unknownCharacterHint };

/**
 * Tokenizes text, reporting what it reads in spite of it: full-width characters (a Chinese
 * input method's `，` or `：` outside quotes) are reported, then read as the ASCII characters they
 * look like — each is one UTF-16 unit, as is its replacement, so offsets do not move — and
 * characters no token takes are reported and skipped. Shared by the expression lexer and the
 * rubric file's lexer.
 */
export function tokenizeRecovering(
  lexer: Lexer,
  text: string,
  words: LexWords,
  report: (problem: LexProblem) => void,
): { result: ILexingResult; replaced: TextRange[]; skipped: TextRange[] } {
  let result: ILexingResult = lexer.tokenize(text);
  const fullWidth = result.tokens.filter((t) => t.tokenType === FullWidth);
  const replaced: TextRange[] = fullWidth.map((t) => ({ start: t.startOffset, end: t.startOffset + t.image.length }));
  if (fullWidth.length > 0) {
    const chars = text.split('');
    for (const t of fullWidth) {
      const ascii = toAscii(t.image);
      report({
        kind: 'full-width',
        message: `full-width ${t.image.length === 1 ? 'character' : 'characters'} \`${shorten(t.image)}\` ${words.fullWidthPlace}`,
        start: t.startOffset,
        end: t.startOffset + t.image.length,
        hint: `use the ASCII \`${shorten(ascii)}\` instead${words.fullWidthHintTail}`,
      });
      for (let i = 0; i < t.image.length; i++) chars[t.startOffset + i] = ascii[i] ?? ' ';
    }
    result = lexer.tokenize(chars.join(''));
  }
  const skipped: TextRange[] = [];
  for (const e of result.errors) {
    const start = e.offset;
    const end = Math.min(text.length, e.offset + Math.max(1, e.length));
    skipped.push({ start, end });
    const chars = text.slice(start, end);
    const problem: LexProblem = { kind: 'unknown-character', message: `${chars.length === 1 ? 'the character' : 'the characters'} \`${shorten(chars)}\` cannot be used ${words.unknownPlace}`, start, end };
    const hint = words.unknownHint(chars);
    if (hint !== undefined) problem.hint = hint;
    report(problem);
  }
  return { result, replaced, skipped };
}

/** The ASCII characters that full-width ones stand for. */
export function toAscii(s: string): string {
  let out = '';
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (c === '、') out += ',';
    else if (c === '。') out += '.';
    else if (c === '【') out += '[';
    else if (c === '】') out += ']';
    else out += c;
  }
  return out;
}

function unknownCharacterHint(chars: string): string | undefined {
  const c = chars[0] ?? '';
  switch (c) {
    case '%':
      return 'write a percentage as a number or a ratio: 85% is `85` or `0.85`';
    case '^':
      return 'there is no power operator; multiply instead: `x * x`';
    case '#':
      return 'comments cannot go inside an expression';
    case ';':
      return 'an expression is a single value; join conditions with `and` or `or`';
    case ':':
      return 'a colon is not part of an expression';
    case '.':
      return 'names cannot contain `.`, and a number needs a digit before its point (`0.5`)';
    case '?':
      return 'write a choice as `if condition then a else b`';
    case '{':
    case '}':
      return 'group with parentheses `(` and `)`';
    case '\\':
      return 'a backslash can only appear inside text in double quotes';
    default:
      break;
  }
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
    return 'remove the invisible control character';
  }
  if (/\p{L}/u.test(c)) {
    return 'names use ASCII letters, digits and `_`; to compare with a label, put it in double quotes: `x is "合格"`';
  }
  return undefined;
}

const VALID_NUMBER = /^\d+(?:\.\d+)?$/;

/** Why a number-like token is not a number, with what to write instead. */
export function describeBadNumber(image: string): { message: string; hint: string } | undefined {
  if (VALID_NUMBER.test(image)) {
    if (Decimal.parse(image) !== undefined) return undefined;
    return { message: 'this number has too many decimal places', hint: 'round it to the precision the rubric needs' };
  }
  if (/^\.\d+$/.test(image)) {
    return { message: `a number cannot start with a point: \`${image}\``, hint: `write 0${image}` };
  }
  if (/^\d+\.$/.test(image)) {
    return { message: `a number cannot end with a point: \`${image}\``, hint: `write ${image.slice(0, -1)} or ${image}0` };
  }
  if (/^\.?\d+(?:\.\d+)?[eE]\d*$/.test(image)) {
    return { message: `\`${shorten(image)}\` is not a number`, hint: 'write numbers in plain digits, without exponents' };
  }
  if (/^\d+(?:_\d+)+$/.test(image)) {
    return { message: `\`${shorten(image)}\` is not a number`, hint: `write it without separators: ${image.replace(/_/g, '')}` };
  }
  if (/^\d+(?:\.\d+){2,}$/.test(image)) {
    return { message: `\`${shorten(image)}\` has more than one decimal point`, hint: 'a number has at most one point: `12.5`' };
  }
  if (/^\d+[A-Za-z_]\w*$/.test(image)) {
    const m = /^(\d+)(.*)$/.exec(image);
    return {
      message: `\`${shorten(image)}\` is neither a number nor a name`,
      hint: `names start with a letter or \`_\`; to multiply, write \`${m?.[1] ?? ''} * ${m?.[2] ?? ''}\``,
    };
  }
  return { message: `\`${shorten(image)}\` is not a number`, hint: 'write numbers as digits with an optional decimal part: `10` or `0.5`' };
}

/** A decoded text literal and the first problem with its escapes, if any. */
export interface DecodedText {
  value: string;
  errors: { start: number; end: number; message: string }[];
}

/**
 * Decodes the image of a double-quoted text literal (quotes included) with JSON escapes.
 * Offsets in `errors` are relative to the image.
 */
export function decodeText(image: string): DecodedText {
  const errors: DecodedText['errors'] = [];
  const endQuote = image.length > 1 && image.endsWith('"') && !isEscaped(image, image.length - 1) ? 1 : 0;
  const body = image.slice(1, image.length - endQuote);
  let value = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      value += c;
      continue;
    }
    const e = body[i + 1];
    const at = i + 1; // offset in the image of the backslash
    switch (e) {
      case '"':
      case '\\':
      case '/':
        value += e;
        i++;
        break;
      case 'b':
        value += '\b';
        i++;
        break;
      case 'f':
        value += '\f';
        i++;
        break;
      case 'n':
        value += '\n';
        i++;
        break;
      case 'r':
        value += '\r';
        i++;
        break;
      case 't':
        value += '\t';
        i++;
        break;
      case 'u': {
        const hex = body.slice(i + 2, i + 6);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          value += String.fromCharCode(parseInt(hex, 16));
          i += 5;
        } else {
          const len = 2 + (/^[0-9a-fA-F]*/.exec(hex)?.[0].length ?? 0);
          errors.push({ start: at, end: at + len, message: `\`${body.slice(i, i + len)}\` needs four hex digits after \`\\u\`` });
          i += len - 1;
        }
        break;
      }
      case undefined:
        errors.push({ start: at, end: at + 1, message: 'a text cannot end with a lone backslash' });
        break;
      default:
        errors.push({ start: at, end: at + 2, message: `\`\\${e}\` is not a valid escape in text` });
        value += e;
        i++;
        break;
    }
  }
  return { value, errors };
}

function isEscaped(s: string, index: number): boolean {
  let n = 0;
  for (let i = index - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** The value of any text token: decoded when double-quoted, the raw inside of the quotes otherwise. */
export function textTokenValue(token: IToken): string {
  const t = token.tokenType;
  if (t === DoubleQuotedText || t === UnterminatedText) return decodeText(token.image).value;
  return token.image.replace(/^['‘’“”„]/, '').replace(/['‘’“”"]$/, '');
}

/** A problem of a literal token (a number or a text); each lexer prefixes the code (`expr/`, `dsl/`). */
export interface LiteralProblem {
  code: 'bad-number' | 'bad-escape' | 'unterminated-text' | 'wrong-quotes';
  message: string;
  start: number;
  end: number;
  hint?: string;
}

/**
 * The problems of a number or text token — a malformed number, a bad escape, text without its
 * closing quote, text in the wrong quotes — or undefined for a token of another kind. Shared by
 * the expression lexer and the rubric file's lexer, so both say the same about the same text.
 */
export function literalProblems(t: IToken): LiteralProblem[] | undefined {
  const start = t.startOffset;
  const end = t.startOffset + t.image.length;
  const type = t.tokenType;
  if (type === NumberLiteral) {
    if (t.image.length < 300 && /^\d+(?:\.\d+)?$/.test(t.image)) return [];
    const bad = describeBadNumber(t.image);
    return bad ? [{ code: 'bad-number', message: bad.message, start, end, hint: bad.hint }] : [];
  }
  if (type === DoubleQuotedText) {
    return decodeText(t.image).errors.map((e) => ({
      code: 'bad-escape',
      message: e.message,
      start: start + e.start,
      end: start + e.end,
      hint: 'escapes are those of JSON: `\\"`, `\\\\`, `\\n`, `\\t`, `\\u00e9`; write a backslash as `\\\\`',
    }));
  }
  if (type === UnterminatedText) {
    const curly = /[“”]/.test(t.image);
    const hint = curly ? 'close it with a straight double quote `"`, not `”`' : 'end the text with `"` on the same line; write a line break inside text as `\\n`';
    return [{ code: 'unterminated-text', message: 'this text has no closing double quote `"`', start, end, hint }];
  }
  if (type === SingleQuotedText || type === CurlyQuotedText) {
    const message = type === SingleQuotedText ? 'text in single quotes' : 'text in curly quotes';
    return [{ code: 'wrong-quotes', message, start, end, hint: `text goes in straight double quotes: ${shorten(JSON.stringify(textTokenValue(t)), 40)}` }];
  }
  return undefined;
}

function checkToken(
  t: IToken,
  prev: IToken | undefined,
  next: IToken | undefined,
  afterNext: IToken | undefined,
  issues: ExpressionIssue[],
): void {
  const start = t.startOffset;
  const end = t.startOffset + t.image.length;
  const type = t.tokenType;
  const literal = literalProblems(t);
  if (literal) {
    for (const p of literal) issues.push(makeIssue(`expr/${p.code}`, p.message, p.start, p.end, p.hint));
    return;
  }
  const instead = WRONG_OPERATORS.get(type);
  if (instead === undefined) return;
  if (type === SingleEqual) {
    const word = next && next.tokenType === Identifier && afterNext?.tokenType !== LParen;
    const left = prev && prev.tokenType === Identifier ? prev.image : 'x';
    const hint = word
      ? `use \`is\` to compare with a level: \`${left} is ${next.image}\` (or \`==\` to compare two values)`
      : next && tokenMatcher(next, Text)
        ? `use \`is\` or \`==\` to compare: \`${left} is ${next.image}\``
        : 'use `==` to compare';
    issues.push(makeIssue('expr/wrong-operator', 'a single `=` cannot compare values', start, end, hint));
    return;
  }
  issues.push(makeIssue('expr/wrong-operator', `\`${t.image}\` is not an operator of this language`, start, end, `use \`${instead}\``));
}
