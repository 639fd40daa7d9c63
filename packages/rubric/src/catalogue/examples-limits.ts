/**
 * The meanings, wrong examples and fixes of the resource limits (`limits/<name>`, one per key of
 * ResourceLimits). Their files are too big to write down, so each example is a builder (./generate.ts)
 * run only when the example runs: with `expr/too-deep`, the only examples that are code, not data.
 */
import { DEFAULT_LIMITS, type ResourceLimits } from '../limits.js';
import type { CatalogueExample } from './types.js';
import { CATALOGUE_BASE_YAML } from './base.js';
import { baseWith, count, generated, repeat } from './generate.js';
import { SCORE } from './snippets.js';

const L = DEFAULT_LIMITS;
/** One line of the base rubric every limits example keeps. */
const EXPOSED_FACT = '  exposed: { label: Exposed, type: boolean }\n';

/**
 * Meanings, examples and fixes of the resource limits (`limits/<name>`, one code per key of
 * {@link ResourceLimits}: the record's type makes a new limit need an entry here). Each wrong
 * example is built just over the default limit, and only when it runs.
 */
export const LIMITS_EXAMPLES: Record<keyof ResourceLimits, [string, CatalogueExample, string]> = {
  fileBytes: [
    `a rubric file bigger than ${count(L.fileBytes)} bytes (${+(L.fileBytes / 2 ** 20).toFixed(1)} MB); it is refused before it is read`,
    generated(`the YAML base rubric followed by comment lines, ${count(L.fileBytes + 1)} bytes in all`, () => {
      const line = `# ${'-'.repeat(77)}\n`;
      const missing = L.fileBytes + 1 - Buffer.byteLength(CATALOGUE_BASE_YAML, 'utf8');
      return CATALOGUE_BASE_YAML + line.repeat(Math.floor(missing / line.length)) + '#'.repeat(missing % line.length);
    }),
    'split the rubric into several files, or check that the file is the rubric you meant (not a data export)',
  ],
  lineLength: [
    `a line longer than ${count(L.lineLength)} characters in a rubric-language or YAML file (IR JSON, written by the tools, may be one line)`,
    generated(`the YAML base rubric with a standard text (评价标准) for indicator \`duty\` pasted as one line of ${count(L.lineLength + 1)} characters: \`standard: 社区卡口24小时值守…\``, () => {
      const start = '        standard: ';
      const text = repeat(L.lineLength, () => '社区卡口24小时值守，').slice(0, L.lineLength + 1 - start.length);
      return baseWith('        title: Duty\n', `        title: Duty\n${start}${text}\n`);
    }),
    'break the text over several lines: in YAML write `standard: >` and continue on indented lines below it',
  ],
  nesting: [
    `brackets ( [ { nested more than ${L.nesting} deep, or lines indented more than ${L.nesting * 2} columns; quoted text and comments do not count`,
    generated(`the YAML base rubric with \`rate\` inside ${L.nesting} more pairs of brackets in the rule of indicator \`rate\` (${L.nesting + 1} deep with those of \`round\`): \`round(10 * ((((…rate…)))), 0.5)\``, () =>
      baseWith(SCORE, `round(10 * ${'('.repeat(L.nesting)}rate${')'.repeat(L.nesting)}, 0.5)`),
    ),
    'remove the brackets that are not needed; split a deep rule into parameters or several indicators',
  ],
  indicators: [
    `a rubric with more than ${count(L.indicators)} indicators, all sections together`,
    generated(`the YAML base rubric with a second section of ${count(L.indicators - 1)} one-point indicators, ${count(L.indicators + 1)} in all`, () =>
      baseWith(
        'hard_requirements:',
        `  - id: s2\n    title: Part two\n    points: ${L.indicators - 1}\n    indicators:\n${repeat(L.indicators - 1, (i) => `      - { id: i${i}, title: Item ${i}, points: 1, score: "1" }\n`)}hard_requirements:`,
      ),
    ),
    'split the rubric into several rubrics (by part of the scale, for example)',
  ],
  facts: [
    `a rubric with more than ${count(L.facts)} facts (each field of a list fact counts as one)`,
    generated(`the YAML base rubric with ${count(L.facts - 4)} more yes/no facts, ${count(L.facts + 1)} in all`, () =>
      baseWith(EXPOSED_FACT, EXPOSED_FACT + repeat(L.facts - 4, (i) => `  f${i}: { label: Fact ${i}, type: boolean }\n`)),
    ),
    'split the rubric into several rubrics; or collect related yes/no facts into one list fact',
  ],
  listItems: [
    `a list in the rubric (levels, cases, checklist items, deductions, grades, tests, \`in\` options …) with more than ${count(L.listItems)} items`,
    generated(`the YAML base rubric with ${count(L.listItems + 1)} levels for the fact \`risk\`, one a line`, () =>
      baseWith(
        '  risk: { label: Risk, type: level, levels: [low, high] }\n',
        `  risk:\n    label: Risk\n    type: level\n    levels:\n      - low\n      - high\n${repeat(L.listItems - 1, (i) => `      - level${i}\n`)}`,
      ),
    ),
    'shorten the list, or split the rubric',
  ],
  expressionDepth: [
    `an expression more than ${L.expressionDepth} levels deep, such as a sum of more than ${L.expressionDepth} terms`,
    generated(`the YAML base rubric with indicator \`rate\` scored by one sum of ${L.expressionDepth + 1} terms: \`score: rate + rate + … + rate\``, () =>
      baseWith(`score: ${SCORE}`, `score: ${repeat(L.expressionDepth + 1, () => 'rate', ' + ')}`),
    ),
    'split the expression into named parts: parameters, or several indicators',
  ],
};
