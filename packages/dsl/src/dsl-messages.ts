/**
 * Plain-words syntax errors for the rubric DSL: tokens are described as people see them
 * ("a closing brace `}`", "the word `points`", "the end of the file"), and most errors
 * carry a hint. Errors inside expressions are worded by the expression parser's provider.
 */
import { EOF, tokenMatcher } from './chevrotain.js';
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { didYouMean } from '@rubric/model';
import { EXPRESSION_ERROR_MESSAGES } from './expression-parser.js';
import {
  Comma,
  Identifier,
  SingleEqual,
  KEYWORD_TOKENS,
  LBracket,
  LParen,
  NumberLiteral,
  Pipe,
  RBracket,
  RParen,
  Text,
  describeToken as describeExpressionToken,
  describeTokenType as describeExpressionTokenType,
  shorten,
} from './tokens.js';
import {
  Arrow,
  Colon,
  DateLiteral,
  Dot,
  FatArrow,
  Keyword,
  LBrace,
  Points,
  RBrace,
  RubricId,
  keywordWord,
} from './dsl-tokens.js';

const HINT_MARK = '\nhint: ';

/** Starts the message of an error about tokens left over after a complete statement or clause. */
export const LEFTOVER_MARK = '\u0000leftover:';

/** Joins a message and its hint the way {@link readSyntaxError} splits them. */
export function wordError(message: string, hint?: string): string {
  return hint === undefined ? message : `${message}${HINT_MARK}${hint}`;
}

/** The fact types, in the order messages list them. */
export const FACT_TYPE_WORDS = ['boolean', 'integer', 'decimal', 'ratio', 'level', 'date', 'text', 'list'] as const;

/** The expression rules, whose errors the expression parser words. */
const EXPRESSION_RULES = new Set([
  'expression', 'orExpression', 'andExpression', 'notExpression', 'comparison', 'comparisonTail', 'additive',
  'multiplicative', 'unary', 'primary', 'parenthesized', 'nameOrCall', 'callArgument', 'list',
]);

let describeEnd: () => string = () => 'the end of the file';

/**
 * Sets how the end of the statement being parsed is described: "the end of the file" for
 * the last statement, otherwise where the next statement starts. The driver calls this
 * before each statement (one parser, one statement at a time); it is called only to word an error.
 */
export function setEndPhrase(phrase: () => string): void {
  describeEnd = phrase;
}

const isEnd = (t: IToken | undefined): boolean => t === undefined || t.tokenType === EOF || !Number.isFinite(t.startOffset);
const is = (t: IToken | undefined, type: TokenType): boolean => t !== undefined && !isEnd(t) && tokenMatcher(t, type);
const isHardKeyword = (t: IToken | undefined): boolean => t !== undefined && KEYWORD_TOKENS.includes(t.tokenType);

/** A short phrase for a token as it appears in the source: "the name `rate`", "a closing brace `}`". */
export function describeDslToken(t: IToken | undefined): string {
  if (isEnd(t)) return describeEnd();
  const token = t!;
  const type = token.tokenType;
  if (tokenMatcher(token, Keyword)) return `the word \`${token.image}\``;
  if (type === DateLiteral) return `the date \`${token.image}\``;
  if (type === RubricId) return `\`${shorten(token.image)}\``;
  const own = PUNCTUATION.get(type);
  if (own) return own;
  return describeExpressionToken(token);
}

const PUNCTUATION = new Map<TokenType, string>([
  [LBrace, 'an opening brace `{`'],
  [RBrace, 'a closing brace `}`'],
  [Colon, 'a colon `:`'],
  [Dot, 'a dot `.`'],
  [Arrow, 'an arrow `->`'],
  [FatArrow, '`=>`'],
  [Pipe, 'a bar `|`'],
  [Comma, 'a comma `,`'],
  [LBracket, 'an opening bracket `[`'],
  [RBracket, 'a closing bracket `]`'],
  [LParen, 'an opening parenthesis `(`'],
  [RParen, 'a closing parenthesis `)`'],
]);

/** What each rule calls the name it expects. */
const NAME_OF: Record<string, string> = {
  factStatement: "the fact's name",
  fieldDeclaration: "the field's name",
  parameterStatement: "the parameter's name",
  passMarkStatement: 'the name of the parameter that holds the pass mark',
  sectionStatement: "the section's id",
  indicatorStatement: "the indicator's id",
  checklistItem: "the item's id",
  hardStatement: "the hard requirement's id",
  vetoStatement: "the veto's id",
  deductStatement: "the deduction's id",
  indicatorClause: 'the checklist mode, `award` or `deduct`',
  expectItem: 'the outcome: `pass`, `fail`, `vetoed` or `invalid`',
  nameList: 'an indicator id',
  levelValue: 'a level value',
  recordEntry: 'a key',
};

/** What each rule calls the text it expects. */
const TEXT_OF: Record<string, string> = {
  rubricStatement: "the rubric's title in double quotes",
  factStatement: "the fact's label in double quotes",
  fieldDeclaration: "the field's label in double quotes",
  sectionStatement: "the section's title in double quotes",
  indicatorStatement: "the indicator's title in double quotes",
  checklistItem: "the item's title in double quotes",
  hardStatement: "the requirement's title in double quotes",
  vetoStatement: "the veto's reason in double quotes",
  deductStatement: "the deduction's reason in double quotes",
  gradeStatement: "the grade's label in double quotes",
  testStatement: "the test's name in double quotes",
  rubricClause: 'text in double quotes',
};

/** How a keyword is used, for "expected the word …" hints. */
const KEYWORD_HINTS: Record<string, string> = {
  from: 'write `effective from 2022-06-14`, or a range `from 0 to 10`',
  to: 'write a range as `from 0 to 10`, or amounts as `0.5 to 2 points recorded in …`',
  until: 'write `until 2022-06-30` after the first day',
  mark: 'write `pass mark 85` or `pass mark <parameter>`',
  requirement: 'write `hard requirement <id> "<title>" requires …`',
  requires: 'write `requires full marks on <indicator>` or `requires <condition>`',
  when: 'write `when <condition>` after the veto\'s reason: `veto media "媒体曝光" when reported_by_media`',
  at: 'write `deductions at most 10`, `grade "优秀" at least 95` or `, at most 5`',
  least: 'write `at least <number>`',
  most: 'write `at most <number>`',
  of: 'write `as of 2022-06-20`',
  recorded: 'write `recorded in <fact>` or `recorded in <list fact>.<field>`',
  default: 'a comma after the type goes with `default <value>`: `ratio, default 0`',
  points: 'write the points as `10 points`',
};

/** How each rule is written, for hints. */
export const STATEMENT_EXAMPLES: Record<string, string> = {
  rubricStatement: '`rubric beijing-epidemic-free-community "北京市无疫社区（村）创建工作量表"`',
  factStatement: '`fact four_piece_check_rate "四件套查验率" ratio`',
  fieldDeclaration: '`field name "名称" text`',
  parameterStatement: '`parameter pass_mark "达标分数线"` followed by `value 85`',
  passMarkStatement: '`pass mark 85` or `pass mark pass_mark`',
  sectionStatement: '`section s1 "严格卡口管理" 44 points`',
  indicatorStatement: '`indicator checkpoint_24h "坚持24小时卡口值守" 10 points`',
  checklistItem: '`item missing_log "缺少台账" 2 points when log_missing`',
  hardStatement: '`hard requirement duty_full "值守须得满分" requires full marks on checkpoint_24h`',
  vetoStatement: '`veto media "媒体曝光" when reported_by_media`',
  deductStatement: '`deduct hotline "投诉" 1 point per hotline_bad_count, at most 5`',
  deductionsStatement: '`deductions at most 10`',
  floorStatement: '`floor 0` or `floor none`',
  gradeStatement: '`grade "优秀" at least 95`',
  testStatement: '`test "full marks pass" as of 2022-06-20`',
};

function expectedPhrase(t: TokenType, ruleName: string): string {
  if (t === Text) return TEXT_OF[ruleName] ?? 'text in double quotes';
  if (t === Identifier) return NAME_OF[ruleName] ?? 'a name';
  if (t === NumberLiteral) return 'a number';
  if (t === DateLiteral) return 'a date (YYYY-MM-DD)';
  if (t === RubricId) return "the rubric's id";
  if (t === EOF) return describeEnd();
  const own = PUNCTUATION.get(t);
  if (own) return own;
  if (t.CATEGORIES?.includes(Keyword)) return `the word \`${keywordWord(t)}\``;
  return describeExpressionTokenType(t);
}

/** Why the found token does not fit, when there is something specific to say. */
function mismatchHint(expected: TokenType, actual: IToken, ruleName: string): string | undefined {
  if (expected.CATEGORIES?.includes(Keyword) && keywordWord(expected) === 'default') return 'a comma after the type goes with `default <value>`: `ratio, default 0`';
  if (isEnd(actual)) {
    const example = STATEMENT_EXAMPLES[ruleName];
    return example ? `a complete one reads ${example}` : undefined;
  }
  if (is(actual, SingleEqual)) return 'leave out the `=`: a value follows its keyword directly, e.g. `total 100 points`';
  if (is(actual, Colon)) return 'a colon only separates a key from its value in a record `{key: value}`; a `.rubric` file is not YAML (see docs/language.md)';
  const lower = actual.image.toLowerCase();
  if (is(actual, Identifier) && lower !== actual.image && !is(actual, Keyword) && expected.CATEGORIES?.includes(Keyword) && keywordWord(expected) === lower) {
    return `keywords are written in lowercase: \`${lower}\``;
  }
  if (expected === Text) {
    if (is(actual, Identifier) || is(actual, NumberLiteral) || is(actual, DateLiteral)) {
      return `put it in double quotes: "${shorten(actual.image, 40)}"`;
    }
    return TEXT_OF[ruleName] ? `${TEXT_OF[ruleName].replace(/ in double quotes$/, '')} comes here, in double quotes` : undefined;
  }
  if (expected === Identifier || expected === RubricId) {
    if (isHardKeyword(actual)) return `\`${actual.image}\` is a reserved word of expressions; choose another name`;
    if (is(actual, Text)) return 'names are written without quotes, in ASCII letters, digits and `_`';
    if (is(actual, NumberLiteral)) return 'names start with a letter or `_`';
    const example = STATEMENT_EXAMPLES[ruleName];
    return example ? `e.g. ${example}` : undefined;
  }
  if (expected === DateLiteral) {
    if (is(actual, NumberLiteral) || is(actual, Text)) return 'write dates as YYYY-MM-DD without quotes, e.g. 2022-06-14';
    return 'e.g. 2022-06-14';
  }
  if (expected === NumberLiteral) {
    if (is(actual, Text) && /^-?\d+(?:\.\d+)?$/.test(actual.image.slice(1, -1))) return 'remove the quotes around the number';
    const example = STATEMENT_EXAMPLES[ruleName];
    return example ? `e.g. ${example}` : undefined;
  }
  if (expected === NumberLiteral) return 'write a number with digits, e.g. `10` or `0.5`';
  if (expected === Arrow) return 'write `->` between the condition and its value: `when x is full -> 10`';
  if (expected.CATEGORIES?.includes(Keyword)) {
    const hint = KEYWORD_HINTS[keywordWord(expected)];
    if (hint) return hint;
  }
  if (expected === Colon) return 'write each entry of a record as `key: value`';
  if (expected === RBrace) return 'close the record with `}`, and separate its entries with commas';
  if (expected === RBracket) return 'close the list with `]`, and separate its items with commas';
  if (expected === Points) return undefined;
  const example = STATEMENT_EXAMPLES[ruleName];
  return example ? `e.g. ${example}` : undefined;
}

/** Rewrites the expression provider's words for the DSL: the end of an expression is the end of a statement here. */
function fromExpression(message: string): string {
  const end = describeEnd();
  return message.replace(/the end of the expression/g, end).replace(/end of the expression/g, end);
}

/** Adds `hint` to a worded error that has none. */
function withHint(worded: string, hint: string): string {
  return worded.includes(HINT_MARK) || worded.startsWith(LEFTOVER_MARK) ? worded : `${worded}${HINT_MARK}${hint}`;
}

/** A hint for an expression error that came without one. */
function expressionHint(message: string): string {
  if (/closing parenthesis/.test(message)) return 'every `(` needs its `)`';
  if (/closing bracket/.test(message)) return 'every `[` needs its `]`';
  if (/value/.test(message)) return 'a value is a number, a name, text in double quotes, `true`/`false`, or an expression in parentheses';
  return 'see docs/expressions.md for how expressions are written';
}

const GENERIC_HINT = 'see docs/language.md for how each statement is written';

/** The DSL's error message provider (messages and hints joined by {@link wordError}); every message has a hint. */
export const DSL_ERROR_MESSAGES: IParserErrorMessageProvider = {
  buildMismatchTokenMessage(options) {
    const m = MESSAGES.buildMismatchTokenMessage(options);
    return withHint(m, EXPRESSION_RULES.has(options.ruleName) ? expressionHint(m) : GENERIC_HINT);
  },
  buildNotAllInputParsedMessage(options) {
    return MESSAGES.buildNotAllInputParsedMessage(options);
  },
  buildNoViableAltMessage(options) {
    const m = MESSAGES.buildNoViableAltMessage(options);
    return withHint(m, EXPRESSION_RULES.has(options.ruleName) ? expressionHint(m) : GENERIC_HINT);
  },
  buildEarlyExitMessage(options) {
    const m = MESSAGES.buildEarlyExitMessage(options);
    return withHint(m, EXPRESSION_RULES.has(options.ruleName) ? expressionHint(m) : GENERIC_HINT);
  },
};

const MESSAGES: IParserErrorMessageProvider = {
  buildMismatchTokenMessage(options) {
    const { expected, actual, ruleName } = options;
    if (EXPRESSION_RULES.has(ruleName)) return fromExpression(EXPRESSION_ERROR_MESSAGES.buildMismatchTokenMessage(options));
    // Recovery skipped words after a complete clause: the driver words these (it knows the statement).
    if (expected === EOF) return `${LEFTOVER_MARK}did not expect ${describeDslToken(actual)}`;
    const found = describeDslToken(actual);
    return wordError(`expected ${expectedPhrase(expected, ruleName)}, found ${found}`, mismatchHint(expected, actual, ruleName));
  },

  buildNotAllInputParsedMessage({ firstRedundant }) {
    // The driver words these itself (it knows the statement); this is a fallback.
    return `did not expect ${describeDslToken(firstRedundant)} here`;
  },

  buildNoViableAltMessage(options) {
    const { actual, ruleName } = options;
    if (EXPRESSION_RULES.has(ruleName)) {
      const first = actual[0];
      if (first && first.tokenType === DateLiteral) {
        return wordError(`a date in an expression is written \`date("${first.image}")\`, not \`${first.image}\``, `write date("${first.image}")`);
      }
      return fromExpression(EXPRESSION_ERROR_MESSAGES.buildNoViableAltMessage(options));
    }
    const t = actual[0];
    const found = describeDslToken(t);
    const word = t && !isEnd(t) ? t.image : '';
    switch (ruleName) {
      case 'factType':
        return wordError(
          `expected a fact type (${FACT_TYPE_WORDS.join(', ')}), found ${found}`,
          didYouMean(word, FACT_TYPE_WORDS) ?? 'e.g. `fact rate "查验率" ratio` or `fact duty "值守" level full | partial | none`',
        );
      case 'value':
        return wordError(
          `expected a value, found ${found}`,
          'a value is a number, text in double quotes, a date, `true`, `false`, a word, a list `[…]` or a record `{…}`',
        );
      case 'expectItem':
        return wordError(
          `expected what the test expects, found ${found}`,
          didYouMean(word, ['outcome', 'total', 'pass', 'indicators', 'reasons']) ??
            'write `expect outcome pass`, `expect total 100`, `expect pass mark 85`, `expect indicators {id: 10}` or `expect reasons ["below-pass-mark"]`',
        );
      case 'passMarkStatement':
        return wordError(`expected a number or a parameter name after \`pass mark\`, found ${found}`, STATEMENT_EXAMPLES.passMarkStatement);
      case 'floorStatement':
        return wordError(`expected a number or \`none\` after \`floor\`, found ${found}`, 'write `floor 0` (the default) or `floor none` to let the total go negative');
      case 'range':
        return wordError(`expected \`least\` or \`most\` after \`at\`, found ${found}`, 'write `at least 0`, `at most 10` or `from 0 to 10`');
      case 'checklistItem':
        return wordError(
          `expected \`when\` or \`per\` after the item's points, found ${found}`,
          'write `… 2 points when log_missing` (once) or `… 5 points per defective_doc_count` (per unit)',
        );
      case 'arrow':
        return wordError(`expected an arrow \`->\`, found ${found}`, 'write `->` between the condition and its value: `when x is full -> 10`');
      case 'hardStatement':
        return wordError(
          `expected \`full marks on <indicator>\` or a condition after \`requires\`, found ${found}`,
          'e.g. `requires full marks on checkpoint_24h` or `requires all(checkpoints, staffed_24h)`',
        );
      case 'levelValue':
      case 'recordEntry':
        return wordError(`expected ${NAME_OF[ruleName]}, found ${found}`, 'a word, or text in double quotes');
      default:
        return wordError(`did not expect ${found}`, STATEMENT_EXAMPLES[ruleName] ? `e.g. ${STATEMENT_EXAMPLES[ruleName]}` : undefined);
    }
  },

  buildEarlyExitMessage(options) {
    if (EXPRESSION_RULES.has(options.ruleName)) return fromExpression(EXPRESSION_ERROR_MESSAGES.buildEarlyExitMessage(options));
    return `did not expect ${describeDslToken(options.actual[0])}`;
  },
};
