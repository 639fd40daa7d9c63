/**
 * The meanings, wrong examples and fixes of the rubric-language front end's codes (`dsl/…`), keyed
 * by code; the codes themselves come from DSL_ISSUE_CODES of @rubric/dsl.
 */
import type { CatalogueExample } from './types.js';
import { DSL_END, SCORE } from './snippets.js';

/** Meaning, wrong example and fix of each rubric-language code (`dsl/…`; the codes come from DSL_ISSUE_CODES). */
export const DSL_EXAMPLES: Record<string, [string, CatalogueExample, string]> = {
  'dsl/unknown-character': ['a character the language does not use (`;`, `%`, `?`)', { kind: 'rubric', format: 'dsl', from: 'total 20 points', to: 'total 20 points;' }, 'remove the character'],
  'dsl/full-width': ['full-width punctuation outside quotes, read as its ASCII twin', { kind: 'rubric', format: 'dsl', from: 'level full | partial | none', to: 'level full ｜ partial ｜ none' }, 'switch the input method to half-width and retype it'],
  'dsl/bad-number': ['digits that are not a number (`.5`, `1e5`) or more than 15 significant digits', { kind: 'rubric', format: 'dsl', from: 'value 15', to: 'value 1e5' }, 'write plain decimal digits: 0.5, 100000'],
  'dsl/bad-escape': ['an escape JSON does not have inside text', { kind: 'rubric', format: 'dsl', from: '"Mini scale"', to: '"Mini \\q scale"' }, 'use \\" \\\\ \\n or \\uXXXX, or drop the backslash'],
  'dsl/unterminated-text': ['text without its closing double quote', { kind: 'rubric', format: 'dsl', from: '"Mini scale"', to: '"Mini scale' }, 'add the closing quote'],
  'dsl/wrong-quotes': ["text in 'single' or “curly” quotes", { kind: 'rubric', format: 'dsl', from: '"Mini scale"', to: '“Mini scale”' }, 'put text in straight double quotes'],
  'dsl/unexpected-token': ['a word or sign where the statement needs something else', { kind: 'rubric', format: 'dsl', from: 'section s1 "Part one" 20 points', to: 'section s1 20 points' }, 'write the statement in the order the message describes'],
  'dsl/unexpected-end': ['a statement that stops before it is complete', { kind: 'rubric', format: 'dsl', from: 'fact exposed "Exposed" boolean', to: 'fact exposed "Exposed"' }, 'complete the statement'],
  'dsl/unknown-statement': ['a line that does not start with a statement keyword', { kind: 'rubric', format: 'dsl', from: 'veto exposure', to: 'vito exposure' }, 'start the line with a statement keyword (the hint names the closest)'],
  'dsl/unknown-clause': ['an unknown word where a clause could start', { kind: 'rubric', format: 'dsl', from: '  indicator duty "Duty" 10 points\n', to: '  indicator duty "Duty" 10 points\n    standrd "x"\n' }, 'correct the clause word (the hint names the closest)'],
  'dsl/misplaced-clause': ['a clause under the wrong statement', { kind: 'rubric', format: 'dsl', from: 'fact rate "Rate" ratio\n', to: 'fact rate "Rate" ratio\n  standard "x"\n' }, 'move the clause under the statement it belongs to'],
  'dsl/statement-mid-line': ['a statement keyword in the middle of a line', { kind: 'rubric', format: 'dsl', from: 'fact rate "Rate" ratio', to: 'fact rate "Rate" ratio fact x "X" boolean' }, 'start each statement on its own line'],
  'dsl/too-deep': [
    // ASCII brackets that deep are reported first by the file-wide limit (limits/nesting), which does not count
    // the full-width brackets the language reads as ASCII ones.
    'brackets nested more than 100 deep in one statement; ASCII brackets that deep are `limits/nesting`, so only full-width （ ［ ｛ get here',
    { kind: 'rubric', format: 'dsl', from: SCORE, to: `${'（'.repeat(101)}rate${'）'.repeat(101)}` },
    'flatten the nesting, and type brackets with a half-width input method',
  ],
  'dsl/missing-statement': ['no `rubric` statement, or no `pass mark`', { kind: 'rubric', format: 'dsl', from: 'pass mark pass_mark\n', to: '' }, 'add the missing statement'],
  'dsl/missing-clause': ["a required clause is missing (`version`, an indicator's rule …)", { kind: 'rubric', format: 'dsl', from: '  version "1"\n', to: '' }, 'add the clause the message names'],
  'dsl/duplicate-statement': ['a statement given twice that must be given once', { kind: 'rubric', format: 'dsl', from: 'pass mark pass_mark\n', to: 'pass mark pass_mark\npass mark pass_mark\n' }, 'keep one'],
  'dsl/duplicate-clause': ['a clause given twice that must be given once', { kind: 'rubric', format: 'dsl', from: '  version "1"\n', to: '  version "1"\n  version "2"\n' }, 'keep one'],
  'dsl/duplicate-key': ['a key given twice in one record or expectation', { kind: 'rubric', format: 'dsl', from: DSL_END, to: `${DSL_END}\ntest "full marks"\n  subject {duty: full, rate: 1, complaints: 0, rate: 0.9}\n` }, 'keep one'],
  'dsl/conflicting-rule': ['an indicator with two kinds of rule (`score` and cases)', { kind: 'rubric', format: 'dsl', from: '    score round(10 * rate, 0.5)\n', to: '    score round(10 * rate, 0.5)\n    when rate > 0.5 -> 10\n' }, 'keep one kind of rule'],
  'dsl/conflict': ['`pass mark <number>` beside a parameter already named `pass_mark`', { kind: 'rubric', format: 'dsl', from: 'pass mark pass_mark', to: 'pass mark 15' }, 'write `pass mark pass_mark`, or rename the parameter'],
  'dsl/outside-section': ['an indicator before any section', { kind: 'rubric', format: 'dsl', from: 'section s1 "Part one" 20 points\n', to: '' }, 'put a `section` line before the indicators'],
  'dsl/bad-date': ['a date not written YYYY-MM-DD, or not in the calendar', { kind: 'rubric', format: 'dsl', from: 'effective from 2022-06-14', to: 'effective from 2022-02-30' }, 'write a real calendar day'],
  'dsl/bad-value': ['a value the place does not allow (a level listed twice, negative points …)', { kind: 'rubric', format: 'dsl', from: 'level low | high', to: 'level low | low' }, 'use a value the message allows'],
  'dsl/wrong-type': ['a default or expectation of the wrong kind', { kind: 'rubric', format: 'dsl', from: 'fact exposed "Exposed" boolean', to: 'fact exposed "Exposed" boolean, default 1' }, 'give a value of the fact’s type (true/false for a boolean)'],
  'dsl/wrong-arrow': ['`=>` written for `->`', { kind: 'rubric', format: 'dsl', from: 'otherwise -> 0', to: 'otherwise => 0' }, 'write ->'],
};
