/**
 * The meanings, wrong examples and fixes of the expression parser's codes (`expr/…`), keyed by
 * code; the codes themselves come from EXPRESSION_ISSUE_CODES of @rubric/dsl.
 */
import type { CatalogueExample } from './types.js';
import { baseWith, generated, repeat } from './generate.js';
import { SCORE } from './snippets.js';

/** Meaning, wrong example and fix of each expression parser code (`expr/…`; the codes come from EXPRESSION_ISSUE_CODES). */
export const EXPRESSION_EXAMPLES: Record<string, [string, CatalogueExample, string]> = {
  'expr/empty': ['an expression with nothing in it', { kind: 'rubric', format: 'yaml', from: `score: ${SCORE}`, to: 'score: ""' }, 'write the expression'],
  'expr/unexpected-token': ['a word or sign where the expression needs something else', { kind: 'rubric', format: 'yaml', from: SCORE, to: 'round(10 * * rate, 0.5)' }, 'remove or correct the sign the message names'],
  'expr/unexpected-end': ['the expression stops before it is complete (an unclosed bracket)', { kind: 'rubric', format: 'yaml', from: SCORE, to: 'round(10 * rate, 0.5' }, 'close the bracket or finish the expression'],
  'expr/unknown-character': ['a character the expression language does not use', { kind: 'rubric', format: 'yaml', from: SCORE, to: 'round(10 * rate @ 0.5)' }, 'remove the character'],
  'expr/full-width': ['full-width punctuation from a Chinese input method (（ ， ：)', { kind: 'rubric', format: 'yaml', from: SCORE, to: 'round（10 * rate, 0.5)' }, 'switch the input method to half-width and retype it'],
  'expr/unterminated-text': ['text without its closing double quote', { kind: 'rubric', format: 'yaml', from: `score: ${SCORE}`, to: `score: 'if duty == "full then 10 else 0'` }, 'add the closing quote'],
  'expr/bad-escape': ['a backslash escape JSON does not have inside text', { kind: 'rubric', format: 'yaml', from: `score: ${SCORE}`, to: `score: 'if duty == "\\q" then 10 else 0'` }, 'use \\" \\\\ \\n or \\uXXXX, or drop the backslash'],
  'expr/wrong-quotes': ['text in single or curly quotes', { kind: 'rubric', format: 'yaml', from: `score: ${SCORE}`, to: `score: "if duty == 'full' then 10 else 0"` }, 'put text in straight double quotes, or write a level as a bare word'],
  'expr/wrong-operator': ['an operator from another language (`=` for `==`, `&&`, `!=` spelled `<>`)', { kind: 'rubric', format: 'yaml', from: 'when: risk is low', to: 'when: risk = low' }, 'use the operator the hint names'],
  'expr/bad-number': ['digits that are not a number (`.5`, `1e5`) or too many digits', { kind: 'rubric', format: 'yaml', from: SCORE, to: 'round(10 * rate, .5)' }, 'write the number with a leading digit and no exponent: 0.5'],
  'expr/bad-date': ['date(…) with something that is not a real YYYY-MM-DD day', { kind: 'rubric', format: 'yaml', from: 'when: exposed }', to: 'when: date("2022-02-30") > date("2022-01-01") }' }, 'write a real calendar day'],
  'expr/reserved-word': ['a word of the language used as a name', { kind: 'rubric', format: 'yaml', from: SCORE, to: 'round(10 * max, 0.5)' }, 'rename the fact; the reserved words cannot be names'],
  'expr/unknown-function': ['a call of a function the language does not have', { kind: 'rubric', format: 'yaml', from: SCORE, to: 'rnd(10 * rate, 0.5)' }, 'use one of min, max, round, floor, ceil, abs, count, sum, all, any, date'],
  'expr/arity': ['a function called with the wrong number of arguments', { kind: 'rubric', format: 'yaml', from: SCORE, to: 'round(10 * rate, 0.5, 1)' }, 'give the function the arguments its signature (in the hint) asks for'],
  'expr/aggregate-list': ['count/sum/all/any whose first argument is not the name of a list', { kind: 'rubric', format: 'yaml', from: 'when: risk is low', to: 'when: count(1 + 2) > 1' }, 'name the list fact first: count(checkpoints where staffed)'],
  'expr/aggregate-value': ['count with a value, or sum/all/any without one', { kind: 'rubric', format: 'yaml', from: 'when: risk is low', to: 'when: sum(risk) > 1' }, 'count(list) counts records; sum(list, value), all(list, condition), any(list, condition)'],
  'expr/misplaced-where': ['`where` anywhere but right after the list name of an aggregate', { kind: 'rubric', format: 'yaml', from: SCORE, to: 'round(10 * rate, 0.5 where rate > 0)' }, 'write `where` after the list: count(list where condition)'],
  'expr/chained-comparison': ['two comparisons chained (`0 < x < 1`)', { kind: 'rubric', format: 'yaml', from: 'when: exposed }', to: 'when: 0 < rate < 1 }' }, 'join them with and: 0 < x and x < 1'],
  'expr/list-item': ['an item of a bracketed list that is not a plain value', { kind: 'rubric', format: 'yaml', from: 'when: risk is low', to: 'when: risk in [low, rate + 1]' }, 'list plain values only'],
  'expr/in-list': ['`in` followed by something other than a bracketed list', { kind: 'rubric', format: 'yaml', from: 'when: risk is low', to: 'when: risk in low' }, 'write `in [a, b]`, or `is` / `==` for one value'],
  'expr/too-deep': [
    // Brackets deeper than 100 and trees 101 to 500 deep are reported first by the file limits (limits/nesting,
    // limits/expressionDepth); a tree deeper than 500 without brackets is the parser's to report.
    'an expression more than 500 levels deep, such as a sum of more than 500 terms (brackets more than 100 deep are `limits/nesting`)',
    generated('the YAML base rubric with indicator `rate` scored by one sum of 501 terms: `score: 1+1+…+1`', () => baseWith(SCORE, repeat(501, () => '1', '+'))),
    'split the expression into parts: parameters, or several indicators',
  ],
};
