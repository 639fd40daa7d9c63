/**
 * The expression grammar as a Chevrotain CST parser. It only recognises structure;
 * the visitor (`expression-visitor.ts`) builds the AST and does the checks.
 *
 * Loosest first:
 *
 * ```
 * expression     := (if orExpression then orExpression else)* orExpression
 * orExpression   := andExpression (or andExpression)*
 * andExpression  := notExpression (and notExpression)*
 * notExpression  := not* comparison
 * comparison     := additive comparisonTail*          (more than one tail is reported)
 * comparisonTail := CompareOp additive | is not? (Identifier | Text | true | false) | in (list | additive)
 * additive       := multiplicative (AdditiveOp multiplicative)*
 * multiplicative := unary (MultiplicativeOp unary)*
 * unary          := -* primary
 * primary        := Number | Text | true | false | nameOrCall | parenthesized
 * nameOrCall     := Identifier ( "(" (callArgument ("," callArgument)*)? ")" )?
 * callArgument   := expression (where expression)?
 * parenthesized  := "(" expression ")"
 * list           := "[" (expression ("," expression)*)? "]"
 * ```
 *
 * Prefix operators, `else if` chains and operator chains are repetitions, not recursion,
 * so only brackets nest the parser's call stack (the caller bounds their depth).
 */
import { CstParser, EOF, tokenMatcher } from './chevrotain.js';
import type { IParserConfig, IParserErrorMessageProvider, IRecognitionException, IToken, TokenType, TokenVocabulary } from 'chevrotain';
import {
  AdditiveOp,
  And,
  Comma,
  CompareOp,
  Else,
  EXPRESSION_TOKENS,
  False,
  Identifier,
  If,
  In,
  Is,
  KEYWORD_TOKENS,
  LBracket,
  LParen,
  Minus,
  MultiplicativeOp,
  Not,
  NumberLiteral,
  Or,
  RBracket,
  RParen,
  Text,
  Then,
  True,
  Where,
  describeToken,
  describeTokenType,
} from './tokens.js';

/**
 * The expression parser. A grammar that embeds expressions extends this class, adds its
 * own rules (calling `this.SUBRULE(this.expression)`), and calls `performSelfAnalysis()`
 * in its own constructor; this class only analyses itself when it is not subclassed.
 * Keep one instance and reset it by assigning `input`.
 */
export class ExpressionParser extends CstParser {
  constructor(tokens: TokenVocabulary = EXPRESSION_TOKENS, config: IParserConfig = {}) {
    super(tokens, {
      recoveryEnabled: true,
      nodeLocationTracking: 'full',
      errorMessageProvider: EXPRESSION_ERROR_MESSAGES,
      ...config,
    });
    if (new.target === ExpressionParser) this.performSelfAnalysis();
  }

  /** A whole expression: `if` chains, then everything looser than it. */
  expression = this.RULE('expression', () => {
    this.MANY(() => {
      this.CONSUME(If);
      this.SUBRULE(this.orExpression);
      this.CONSUME(Then);
      this.SUBRULE2(this.orExpression);
      this.CONSUME(Else);
    });
    this.SUBRULE3(this.orExpression);
  });

  /** `a or b or c`. */
  orExpression = this.RULE('orExpression', () => {
    this.SUBRULE(this.andExpression);
    this.MANY(() => {
      this.CONSUME(Or);
      this.SUBRULE2(this.andExpression);
    });
  });

  /** `a and b and c`. */
  andExpression = this.RULE('andExpression', () => {
    this.SUBRULE(this.notExpression);
    this.MANY(() => {
      this.CONSUME(And);
      this.SUBRULE2(this.notExpression);
    });
  });

  /** `not not a == b`. */
  notExpression = this.RULE('notExpression', () => {
    this.MANY(() => this.CONSUME(Not));
    this.SUBRULE(this.comparison);
  });

  /** A sum followed by comparisons (the visitor rejects more than one). */
  comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.additive);
    this.MANY(() => this.SUBRULE(this.comparisonTail));
  });

  /** `< b`, `is not full`, `in [a, b]`. */
  comparisonTail = this.RULE('comparisonTail', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(CompareOp);
          this.SUBRULE(this.additive);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Is);
          this.OPTION(() => this.CONSUME(Not));
          this.OR2([
            { ALT: () => this.CONSUME(Identifier) },
            { ALT: () => this.CONSUME(Text) },
            { ALT: () => this.CONSUME(True) },
            { ALT: () => this.CONSUME(False) },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(In);
          // A bare value after `in` is accepted here and reported by the visitor.
          this.OR3([{ ALT: () => this.SUBRULE(this.list) }, { ALT: () => this.SUBRULE2(this.additive) }]);
        },
      },
    ]);
  });

  /** `a + b - c`. */
  additive = this.RULE('additive', () => {
    this.SUBRULE(this.multiplicative);
    this.MANY(() => {
      this.CONSUME(AdditiveOp);
      this.SUBRULE2(this.multiplicative);
    });
  });

  /** `a * b / c`. */
  multiplicative = this.RULE('multiplicative', () => {
    this.SUBRULE(this.unary);
    this.MANY(() => {
      this.CONSUME(MultiplicativeOp);
      this.SUBRULE2(this.unary);
    });
  });

  /** `- - a`. */
  unary = this.RULE('unary', () => {
    this.MANY(() => this.CONSUME(Minus));
    this.SUBRULE(this.primary);
  });

  /** A literal, a name, a call or a parenthesised expression. */
  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(NumberLiteral) },
      { ALT: () => this.CONSUME(Text) },
      { ALT: () => this.CONSUME(True) },
      { ALT: () => this.CONSUME(False) },
      { ALT: () => this.SUBRULE(this.nameOrCall) },
      { ALT: () => this.SUBRULE(this.parenthesized) },
    ]);
  });

  /** `( expression )`. */
  parenthesized = this.RULE('parenthesized', () => {
    this.CONSUME(LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(RParen);
  });

  /** `name`, or `name(args)` for functions, aggregates and `date`. */
  nameOrCall = this.RULE('nameOrCall', () => {
    this.CONSUME(Identifier);
    this.OPTION(() => {
      this.CONSUME(LParen);
      this.OPTION2(() => {
        this.SUBRULE(this.callArgument);
        this.MANY(() => {
          this.CONSUME(Comma);
          this.SUBRULE2(this.callArgument);
        });
      });
      this.CONSUME(RParen);
    });
  });

  /** One argument; `where` is allowed by the grammar and checked by the visitor. */
  callArgument = this.RULE('callArgument', () => {
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(Where);
      this.SUBRULE2(this.expression);
    });
  });

  /** `[a, "b", 3]` after `in`. */
  list = this.RULE('list', () => {
    this.CONSUME(LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.SUBRULE2(this.expression);
      });
    });
    this.CONSUME(RBracket);
  });
}

const HINT_MARK = '\nhint: ';

/** A syntax error as the message provider worded it. */
export interface SyntaxErrorText {
  message: string;
  hint?: string;
}

/** Splits a parser error's message into the message and hint that {@link EXPRESSION_ERROR_MESSAGES} wrote. */
export function readSyntaxError(e: IRecognitionException): SyntaxErrorText {
  const i = e.message.indexOf(HINT_MARK);
  if (i < 0) return { message: e.message };
  return { message: e.message.slice(0, i), hint: e.message.slice(i + HINT_MARK.length) };
}

function word(message: string, hint?: string): string {
  return hint === undefined ? message : `${message}${HINT_MARK}${hint}`;
}

const isEnd = (t: IToken | undefined): boolean => t === undefined || t.tokenType === EOF;
const is = (t: IToken | undefined, type: TokenType): boolean => t !== undefined && !isEnd(t) && tokenMatcher(t, type);
const startsValue = (t: IToken | undefined): boolean =>
  [NumberLiteral, Text, True, False, Identifier, LParen].some((k) => is(t, k));
const after = (prev: IToken | undefined): string => (isEnd(prev) ? '' : ` after ${describeToken(prev!)}`);
const KEYWORD_WORDS = new Set(KEYWORD_TOKENS.map((k) => String(k.PATTERN).replace(/^\/|\/$/g, '')));

function lowercaseKeywordHint(t: IToken): string | undefined {
  if (!is(t, Identifier)) return undefined;
  const lower = t.image.toLowerCase();
  return lower !== t.image && KEYWORD_WORDS.has(lower) ? `keywords are written in lowercase: \`${lower}\`` : undefined;
}

const IF_FORM = '`if condition then value else other`';
const IF_SHAPE = `an \`if\` is written ${IF_FORM}`;

/** Words every parser error plainly, with a hint where one helps (see {@link readSyntaxError}). */
export const EXPRESSION_ERROR_MESSAGES: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous }) {
    const found = describeToken(actual);
    const hintForValue = startsValue(actual) ? (lowercaseKeywordHint(actual) ?? `is an operator missing before ${found}?`) : undefined;
    switch (expected) {
      case Then:
        return word(`expected \`then\` after the condition of \`if\`, found ${found}`, hintForValue ?? IF_SHAPE);
      case Else:
        return word(`expected \`else\` after the \`then\` value, found ${found}`, hintForValue ?? `an \`if\` needs both branches: ${IF_FORM}`);
      case RParen:
        if (isEnd(actual)) return word(`expected a closing parenthesis \`)\`, found ${found}`, 'add the missing `)`');
        if (startsValue(actual)) {
          return word(
            `expected \`,\` or a closing parenthesis \`)\`, found ${found}`,
            lowercaseKeywordHint(actual) ?? `separate arguments with commas, or add an operator before ${found}`,
          );
        }
        if (is(actual, Where)) {
          return word(`unexpected \`where\``, '`where` can only follow the list name in count, sum, all or any: `count(list where condition)`');
        }
        if (is(actual, Comma)) {
          return word(`expected a closing parenthesis \`)\`, found ${found}`, 'commas only separate the arguments of a function call or the items of a list');
        }
        return word(`expected a closing parenthesis \`)\`, found ${found}`);
      case RBracket:
        return word(
          `expected \`,\` or a closing bracket \`]\` in the list, found ${found}`,
          isEnd(actual) ? 'add the missing `]`' : 'write a list as `[a, b, c]`',
        );
      case LBracket:
        return word(`expected a list in brackets after \`in\`, found ${found}`, 'write `x in [a, b, c]`');
      default:
        return word(`expected ${describeTokenType(expected)}${after(previous)}, found ${found}`);
    }
  },

  buildNotAllInputParsedMessage({ firstRedundant: t }) {
    const found = describeToken(t);
    const message = `did not expect ${found} after a complete expression`;
    let hint: string | undefined;
    if (is(t, RParen)) hint = 'this `)` has no matching `(`';
    else if (is(t, RBracket)) hint = 'this `]` has no matching `[`';
    else if (is(t, Then) || is(t, Else)) hint = IF_SHAPE;
    else if (is(t, Where)) hint = '`where` can only follow the list name in count, sum, all or any: `count(list where condition)`';
    else if (is(t, Not)) hint = '`not` goes in front of a condition: `not (x in [a, b])`';
    else if (is(t, Comma)) hint = 'commas separate the arguments of a function call or the items of a list';
    else if (is(t, LBracket)) hint = 'a list in brackets can only follow `in`: `x in [a, b]`';
    else if (is(t, If)) hint = 'put an `if` that is part of a larger expression in parentheses';
    else if (is(t, AdditiveOp) || is(t, MultiplicativeOp) || is(t, CompareOp)) {
      hint = `an \`is\` or \`in\` comparison cannot be followed by ${found}; group with parentheses`;
    }
    else if (startsValue(t)) hint = lowercaseKeywordHint(t) ?? `is an operator (such as \`and\`, \`+\` or \`==\`) missing before ${found}?`;
    return word(message, hint);
  },

  buildNoViableAltMessage({ actual, previous, ruleName }) {
    const t = actual[0];
    const found = t ? describeToken(t) : 'the end of the expression';
    if (ruleName === 'comparisonTail') {
      return word(
        `expected a word or text after \`is\`, found ${found}`,
        'write `x is full`, `x is not full` or `x is "full marks"`',
      );
    }
    if (ruleName !== 'primary') return word(`unexpected ${found}${after(previous)}`);
    if (isEnd(t)) {
      const hint = is(previous, Then) || is(previous, Else) ? IF_SHAPE : undefined;
      return word(`the expression ends where a value is expected${after(previous)}`, hint);
    }
    let hint: string | undefined;
    if (is(t, If)) hint = 'put an `if` that is part of a larger expression in parentheses: `(if c then a else b)`';
    else if (is(t, LBracket)) hint = 'a list in brackets can only follow `in`: `x in [a, b]`';
    else if (is(t, RParen) && is(previous, LParen)) hint = 'there is nothing between the parentheses';
    else if ((is(t, RParen) || is(t, Comma)) && is(previous, Comma)) hint = 'an argument is missing after the comma';
    else if (is(t, Comma) && is(previous, LParen)) hint = 'an argument is missing before the comma';
    else if (is(t, Where)) hint = '`where` can only follow the list name in count, sum, all or any: `count(list where condition)`';
    else if ([CompareOp, AdditiveOp, MultiplicativeOp, And, Or, Is, In, Then, Else, Comma, RParen, RBracket].some((k) => is(t, k))) {
      hint = `a value is missing before ${found}`;
    }
    return word(`expected a value${after(previous)}, found ${found}`, hint);
  },

  buildEarlyExitMessage({ actual, previous }) {
    const t = actual[0];
    return word(`unexpected ${t ? describeToken(t) : 'end of the expression'}${after(previous)}`);
  },
};
