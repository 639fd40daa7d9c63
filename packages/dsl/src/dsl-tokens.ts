/**
 * Token definitions of the rubric DSL: the expression tokens (reused as they are, so an
 * expression inside a rubric lexes exactly as it does on its own) plus the DSL's own
 * punctuation, dates, comments and keywords.
 *
 * DSL keywords are *soft*: each is also an {@link Identifier} (token category), so a fact,
 * indicator or field may be named `total`, `level` or `score` and still be used in
 * expressions. Only the expression words (`if`, `and`, `true`, …) are reserved.
 */
import { createToken, Lexer } from './chevrotain.js';
import type { CustomPatternMatcherReturn, IToken, TokenType } from 'chevrotain';
import {
  AdditiveOp,
  Ampersand,
  Bang,
  BangEqEq,
  Comma,
  CompareOp,
  CurlyQuotedText,
  DoubleQuotedText,
  EqEqEq,
  EqLess,
  EqualEqual,
  FullWidth,
  Greater,
  GreaterEqual,
  Identifier,
  KEYWORD_TOKENS,
  LBracket,
  LParen,
  Less,
  LessEqual,
  LessGreater,
  Minus,
  MultiplicativeOp,
  NotEqual,
  NumberLiteral,
  Pipe,
  Plus,
  RBracket,
  RParen,
  SingleEqual,
  SingleQuotedText,
  Slash,
  Star,
  Text,
  UnterminatedText,
  WhiteSpace,
} from './tokens.js';

// ---------------------------------------------------------------- punctuation and literals

/** `# …` to the end of the line; kept aside (group `comments`) so the formatter can keep it. */
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });

/**
 * A date: `2022-06-14`. One-digit months and days are lexed too (`2022-6-14`) so the
 * parser can say how to write them; the visitor checks the form and the calendar.
 */
export const DateLiteral = createToken({
  name: 'DateLiteral',
  pattern: /\d{4}-\d{1,2}-\d{1,2}(?![\w.])/,
  start_chars_hint: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
});

/** `->` (or `→`) between a condition and its points. */
export const Arrow = createToken({ name: 'Arrow', pattern: /->|→/ });
/** `=>` (an error: write `->`). Lexed apart so it is not read as the operator `>=`. */
export const FatArrow = createToken({ name: 'FatArrow', pattern: /=>/ });
/** `{`. */
export const LBrace = createToken({ name: 'LBrace', pattern: /{/ });
/** `}`. */
export const RBrace = createToken({ name: 'RBrace', pattern: /}/ });
/** `:` between a key and its value in a record. */
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
/** `.` between a list fact and its field (`complaint_cases.amount`). */
export const Dot = createToken({ name: 'Dot', pattern: /\./ });

const RUBRIC_ID_AT = /[A-Za-z0-9][A-Za-z0-9_.-]*/y;

/**
 * The rubric id right after the `rubric` keyword that starts a line:
 * `beijing-epidemic-free-community` may contain `-` and `.`, which elsewhere are operators.
 */
export const RubricId = createToken({
  name: 'RubricId',
  pattern: {
    exec: (text: string, offset: number, tokens: IToken[]): CustomPatternMatcherReturn | null => {
      const prev = tokens[tokens.length - 1];
      if (!prev || prev.tokenType !== Rubric) return null;
      const lineStart = text.lastIndexOf('\n', prev.startOffset - 1) + 1;
      if (text.slice(lineStart, prev.startOffset).trim() !== '') return null;
      RUBRIC_ID_AT.lastIndex = offset;
      const m = RUBRIC_ID_AT.exec(text);
      return m ? ([m[0]] as CustomPatternMatcherReturn) : null;
    },
  },
  line_breaks: false,
  start_chars_hint: [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'],
});

// ---------------------------------------------------------------- soft keywords

/** Any DSL keyword (a category, for messages and for deciding where statements start). */
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });
/** The fact type words other than `level` (a category). */
export const TypeWord = createToken({ name: 'TypeWord', pattern: Lexer.NA });

const soft = (name: string, word: string, categories: TokenType[] = []): TokenType =>
  createToken({ name, pattern: new RegExp(word), longer_alt: Identifier, categories: [Identifier, Keyword, ...categories] });

/** The keyword `rubric`. */
export const Rubric = soft('Rubric', 'rubric');
/** The keyword `version`. */
export const Version = soft('Version', 'version');
/** The keyword `description`. */
export const Description = soft('Description', 'description');
/** The keyword `effective`. */
export const Effective = soft('Effective', 'effective');
/** The keyword `from`. */
export const From = soft('From', 'from');
/** The keyword `until`. */
export const Until = soft('Until', 'until');
/** The keyword `replaces`. */
export const Replaces = soft('Replaces', 'replaces');
/** The keyword `total`. */
export const Total = soft('Total', 'total');
/** `points` or `point`. */
export const Points = soft('Points', 'points?');
/** The keyword `fact`. */
export const Fact = soft('Fact', 'fact');
/** The keyword `field`. */
export const Field = soft('Field', 'field');
/** The keyword `default`. */
export const Default = soft('Default', 'default');
/** The keyword `level`. */
export const Level = soft('Level', 'level');
/** The keyword `boolean`. */
export const BooleanType = soft('BooleanType', 'boolean', [TypeWord]);
/** The keyword `integer`. */
export const IntegerType = soft('IntegerType', 'integer', [TypeWord]);
/** The keyword `decimal`. */
export const DecimalType = soft('DecimalType', 'decimal', [TypeWord]);
/** The keyword `ratio`. */
export const RatioType = soft('RatioType', 'ratio', [TypeWord]);
/** The keyword `date`. */
export const DateType = soft('DateType', 'date', [TypeWord]);
/** The keyword `text`. */
export const TextType = soft('TextType', 'text', [TypeWord]);
/** The keyword `list`. */
export const ListType = soft('ListType', 'list', [TypeWord]);
/** The keyword `at`. */
export const At = soft('At', 'at');
/** The keyword `least`. */
export const Least = soft('Least', 'least');
/** The keyword `most`. */
export const Most = soft('Most', 'most');
/** The keyword `to`. */
export const To = soft('To', 'to');
/** The keyword `parameter`. */
export const Parameter = soft('Parameter', 'parameter');
/** The keyword `value`. */
export const Value = soft('Value', 'value');
/** The keyword `when`. */
export const When = soft('When', 'when');
/** The keyword `otherwise`. */
export const Otherwise = soft('Otherwise', 'otherwise');
/** The keyword `pass`. */
export const Pass = soft('Pass', 'pass');
/** The keyword `mark`. */
export const Mark = soft('Mark', 'mark');
/** The keyword `section`. */
export const Section = soft('Section', 'section');
/** The keyword `indicator`. */
export const Indicator = soft('Indicator', 'indicator');
/** The keyword `standard`. */
export const Standard = soft('Standard', 'standard');
/** The keyword `method`. */
export const Method = soft('Method', 'method');
/** The keyword `score`. */
export const Score = soft('Score', 'score');
/** The keyword `checklist`. */
export const Checklist = soft('Checklist', 'checklist');
/** The keyword `item`. */
export const Item = soft('Item', 'item');
/** The keyword `per`. */
export const Per = soft('Per', 'per');
/** The keyword `hard`. */
export const Hard = soft('Hard', 'hard');
/** The keyword `requirement`. */
export const Requirement = soft('Requirement', 'requirement');
/** The keyword `requires`. */
export const Requires = soft('Requires', 'requires');
/** The keyword `veto`. */
export const Veto = soft('Veto', 'veto');
/** The keyword `deductions`. */
export const Deductions = soft('Deductions', 'deductions');
/** The keyword `deduct`. */
export const Deduct = soft('Deduct', 'deduct');
/** The keyword `recorded`. */
export const Recorded = soft('Recorded', 'recorded');
/** The keyword `floor`. */
export const Floor = soft('Floor', 'floor');
/** The keyword `grade`. */
export const Grade = soft('Grade', 'grade');
/** The keyword `test`. */
export const Test = soft('Test', 'test');
/** The keyword `as`. */
export const As = soft('As', 'as');
/** The keyword `of`. */
export const Of = soft('Of', 'of');
/** The keyword `subject`. */
export const Subject = soft('Subject', 'subject');
/** The keyword `expect`. */
export const Expect = soft('Expect', 'expect');
/** The keyword `outcome`. */
export const Outcome = soft('Outcome', 'outcome');
/** The keyword `indicators`. */
export const Indicators = soft('Indicators', 'indicators');
/** The keyword `reasons`. */
export const Reasons = soft('Reasons', 'reasons');

/**
 * The soft keywords, longest first where one is a prefix of another (`deductions` before
 * `deduct`, `indicators` before `indicator`, `requires` before `requirement`), since the
 * lexer takes the first pattern that matches.
 */
export const SOFT_KEYWORDS: readonly TokenType[] = [
  Rubric, Version, Description, Effective, From, Until, Replaces, Total, Points, Fact, Field, Default, Level,
  BooleanType, IntegerType, DecimalType, RatioType, DateType, TextType, ListType, At, Least, Most, To, Parameter,
  Value, When, Otherwise, Pass, Mark, Section, Indicators, Indicator, Standard, Method, Score, Checklist, Item,
  Per, Hard, Requirement, Requires, Veto, Deductions, Deduct, Recorded, Floor, Grade, Test, As, Of, Subject,
  Expect, Outcome, Reasons,
];

/**
 * Every DSL token in lexing order (first match wins), categories included. The expression
 * token `=>` (a misspelt `>=`) is left out: here `=>` is a misspelt arrow ({@link FatArrow}).
 */
export const DSL_TOKENS: TokenType[] = [
  Text,
  CompareOp,
  AdditiveOp,
  MultiplicativeOp,
  Keyword,
  TypeWord,
  WhiteSpace,
  Comment,
  // Only right after a `rubric` that starts a line, so it may come before everything else.
  RubricId,
  DoubleQuotedText,
  UnterminatedText,
  SingleQuotedText,
  CurlyQuotedText,
  DateLiteral,
  NumberLiteral,
  FullWidth,
  // Soft keywords first: the lexer would otherwise read `indicator` as `in` + a longer name.
  ...SOFT_KEYWORDS,
  ...KEYWORD_TOKENS,
  Identifier,
  Arrow,
  FatArrow,
  BangEqEq,
  NotEqual,
  Bang,
  EqEqEq,
  EqualEqual,
  EqLess,
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
  LBrace,
  RBrace,
  Comma,
  Colon,
  Dot,
];

/** The word a soft keyword token stands for (`points` for {@link Points}). */
export function keywordWord(t: TokenType): string {
  return String(t.PATTERN).replace(/^\/|\/$/g, '').replace('?', '');
}
