import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contentHash, type Rubric } from '@rubric/model';
import { parseDslRubric, printDslRubric } from '../src/index.js';
import { FULL_DSL, SMALL_DSL } from './fixtures.js';
import { TRICKY_TEXTS, baseRubric, rubricArb } from '../../../test/support/arbitrary-rubric.js';

function roundTrip(ir: Rubric): string {
  const text = printDslRubric(ir);
  const back = parseDslRubric(text, 'x.rubric');
  expect(back.diagnostics, text).toEqual([]);
  expect(back.rubric, text).toStrictEqual(ir);
  return text;
}

describe('printDslRubric', () => {
  it('writes the canonical layout', () => {
    const { rubric } = parseDslRubric(SMALL_DSL, 'small.rubric');
    expect(roundTrip(rubric!)).toBe(SMALL_DSL);
  });

  it('is the formatter: printing the printed text again changes nothing', () => {
    const full = parseDslRubric(FULL_DSL, 'full.rubric');
    const once = printDslRubric(full.rubric!, { comments: full.comments });
    const again = parseDslRubric(once, 'once.rubric');
    expect(printDslRubric(again.rubric!, { comments: again.comments })).toBe(once);
    expect(contentHash(again.rubric!)).toBe(contentHash(full.rubric!));
  });

  it('round-trips text that needs quoting or escaping', () => {
    for (const t of TRICKY_TEXTS) {
      const ir = baseRubric({
        title: t,
        version: t === '' ? 'v' : t,
        description: t,
        facts: [
          { id: 'x', label: t, description: t, type: { kind: 'decimal' }, required: true },
          { id: 'n', label: 'N', type: { kind: 'text' }, required: false, default: t },
          { id: 'l', label: 'L', type: { kind: 'level', levels: [{ value: t === '' ? 'e' : t, label: t }, { value: 'z' }] }, required: true },
        ],
        sections: [{ id: 's', title: t, indicators: [{ id: 'i', title: t, standard: t, method: t, max: 10, rule: { kind: 'expression', points: { kind: 'text', value: t } } }] }],
        vetoes: [{ id: 'v', reason: t, when: { kind: 'binary', op: '==', left: { kind: 'ref', name: 'l' }, right: { kind: 'text', value: t } } }],
        grades: [{ label: t, min: 1 }],
        tests: [{ name: t, subject: { [t]: t, list: [t] }, expect: { reasons: [t] } }],
      });
      roundTrip(ir);
    }
  });

  it('escapes invisible and line-breaking characters in text', () => {
    const ir = baseRubric({ title: 'a\u2028b\u202ec\u0007d\ufeff' });
    const text = roundTrip(ir);
    expect(text.split('\n')[0]).toBe('rubric r "a\\u2028b\\u202ec\\u0007d\\ufeff"');
  });

  it('writes numbers as exact decimals and points in words', () => {
    const ir = baseRubric({
      total: 1e21,
      deductionCap: 0.0000001,
      floor: -5.25,
      parameters: [{ id: 'pm', periods: [{ value: -0.5, overrides: [] }] }],
      sections: [{ id: 's', title: 'S', max: 1, indicators: [{ id: 'i', title: 'I', max: 0.5, rule: { kind: 'expression', points: { kind: 'number', value: '0.12345678901234567890123' } } }] }],
      grades: [{ label: 'low', min: -10 }],
    });
    const text = roundTrip(ir);
    expect(text).toContain('  total 1000000000000000000000 points\n');
    expect(text).toContain('deductions at most 0.0000001\nfloor -5.25\n');
    expect(text).toContain('section s "S" 1 point\n');
    expect(text).toContain('  indicator i "I" 0.5 points\n    score 0.12345678901234567890123\n');
    expect(text).toContain('  value -0.5\n');
  });

  it('uses the `pass mark` number only for the parameter a number declares', () => {
    const plain = baseRubric({ parameters: [{ id: 'pass_mark', periods: [{ value: 6, overrides: [] }] }], passMark: 'pass_mark' });
    expect(roundTrip(plain)).toContain('\npass mark 6\n');
    const first = baseRubric({ parameters: [{ id: 'pass_mark', periods: [{ value: 6, overrides: [] }] }, { id: 'o', periods: [{ value: 1, overrides: [] }] }], passMark: 'pass_mark' });
    const text = roundTrip(first);
    expect(text).toContain('\nparameter pass_mark\n  value 6\n');
    expect(text).toContain('\npass mark pass_mark\n');
    const labelled = baseRubric({ parameters: [{ id: 'pass_mark', label: 'PM', periods: [{ value: 6, overrides: [] }] }], passMark: 'pass_mark' });
    expect(roundTrip(labelled)).toContain('\nparameter pass_mark "PM"\n  value 6\n');
  });

  it('round-trips names that are keywords of the language', () => {
    const words = ['total', 'level', 'score', 'points', 'value', 'text', 'section', 'fact', 'test', 'pass', 'default', 'when', 'null', 'none', 'list'];
    for (const w of words) {
      const ir = baseRubric({
        facts: [
          { id: w, label: 'W', type: { kind: 'level', levels: [{ value: w }, { value: 'x' }] }, required: false, default: w },
          { id: 'x', label: 'X', type: { kind: 'decimal' }, required: true },
        ],
        sections: [{ id: w, title: 'S', indicators: [{ id: w, title: 'I', max: 10, rule: { kind: 'cases', cases: [{ when: { kind: 'binary', op: '==', left: { kind: 'ref', name: w }, right: { kind: 'text', value: w } }, points: { kind: 'ref', name: 'x' } }], otherwise: { kind: 'number', value: '0' } } }] }],
        hardRequirements: [{ id: w, title: 'H', kind: 'indicator-full', indicator: w }],
        tests: [{ name: w, subject: { [w]: w }, expect: { indicators: { [w]: 1 } } }],
      });
      roundTrip(ir);
    }
  });

  it('parse(print(ir)) equals ir for the YAML printer\'s generated rubrics', () => {
    fc.assert(
      fc.property(rubricArb, (ir) => {
        roundTrip(ir);
      }),
      { seed: 20220614, numRuns: 200 },
    );
  });
});
