import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDslRubric, printDslRubric } from '../src/index.js';
import { FULL_DSL, MINI_DSL } from './fixtures.js';

/** Formats DSL text: parse, then print with the comments. */
function fmt(text: string): string {
  const r = parseDslRubric(text, 'x.rubric');
  expect(r.diagnostics, text).toEqual([]);
  return printDslRubric(r.rubric!, { comments: r.comments });
}

const commentsOf = (text: string): string[] => [...text.matchAll(/#[^\n]*/g)].map((m) => m[0].trimEnd());

describe('comments', () => {
  it('attach to the node whose line they precede or end', () => {
    const text = [
      '# about the rubric',
      'rubric r "R"  # the id',
      '  version "1"',
      '  effective from 2022-01-01',
      '  total 10 points',
      '# the only fact',
      'fact x "X" ratio  # a ratio',
      '  # what it means',
      '  description "d"',
      'pass mark 5',
      'section s "S"',
      '  # the indicator',
      '  indicator i "I" 10 points',
      '    when x > 0.5 -> 10  # most',
      '    otherwise -> 0',
      'test "t"',
      '  subject {',
      '    # the data',
      '    x: 1,  # all of it',
      '    id: "c1"',
      '  }',
      '  expect total 10  # full marks',
      '# the end',
      '',
    ].join('\n');
    const r = parseDslRubric(text, 'x.rubric');
    expect(r.diagnostics).toEqual([]);
    expect(r.comments).toEqual([
      { pointer: '/id', text: '# about the rubric', placement: 'before' },
      { pointer: '/id', text: '# the id', placement: 'trailing' },
      { pointer: '/facts/0', text: '# the only fact', placement: 'before' },
      { pointer: '/facts/0', text: '# a ratio', placement: 'trailing' },
      { pointer: '/facts/0/description', text: '# what it means', placement: 'before' },
      { pointer: '/sections/0/indicators/0', text: '# the indicator', placement: 'before' },
      { pointer: '/sections/0/indicators/0/rule/cases/0', text: '# most', placement: 'trailing' },
      { pointer: '/tests/0/subject/x', text: '# the data', placement: 'before' },
      { pointer: '/tests/0/subject/x', text: '# all of it', placement: 'trailing' },
      { pointer: '/tests/0/expect/total', text: '# full marks', placement: 'trailing' },
      { pointer: '', text: '# the end', placement: 'trailing' },
    ]);
    const out = printDslRubric(r.rubric!, { comments: r.comments });
    expect(out).toBe(
      [
        '# about the rubric',
        'rubric r "R"  # the id',
        '  version "1"',
        '  effective from 2022-01-01',
        '  total 10 points',
        '',
        '# the only fact',
        'fact x "X" ratio  # a ratio',
        '  # what it means',
        '  description "d"',
        '',
        'pass mark 5',
        '',
        'section s "S"',
        '',
        '  # the indicator',
        '  indicator i "I" 10 points',
        '    when x > 0.5 -> 10  # most',
        '    otherwise -> 0',
        '',
        'test "t"',
        '  subject {',
        '    # the data',
        '    x: 1,  # all of it',
        '    id: c1',
        '  }',
        '  expect total 10  # full marks',
        '',
        '# the end',
        '',
      ].join('\n'),
    );
    expect(fmt(out)).toBe(out);
  });

  it('survive formatting of the fixtures', () => {
    for (const text of [FULL_DSL, MINI_DSL]) {
      const out = fmt(text);
      expect(commentsOf(out)).toEqual(commentsOf(text));
      expect(fmt(out)).toBe(out);
    }
  });

  it('are never lost, and formatting is idempotent, wherever they are put', () => {
    const lines = MINI_DSL.split('\n');
    const placement = fc.record({ line: fc.nat({ max: lines.length - 1 }), own: fc.boolean(), text: fc.stringMatching(/^[ \w一-龥,.()-]{0,20}$/) });
    fc.assert(
      fc.property(fc.array(placement, { minLength: 1, maxLength: 6 }), (adds) => {
        const copy = [...lines];
        adds.forEach((a, k) => {
          const c = `# c${k} ${a.text}`.trimEnd();
          const i = Math.min(a.line, copy.length - 1);
          if (a.own) copy.splice(i, 0, c);
          else copy[i] = copy[i]!.trim() === '' ? c : `${copy[i]}  ${c}`;
        });
        const text = copy.join('\n');
        const r = parseDslRubric(text, 'x.rubric');
        expect(r.diagnostics, text).toEqual([]);
        const out = printDslRubric(r.rubric!, { comments: r.comments });
        expect([...commentsOf(out)].sort(), out).toEqual([...commentsOf(text)].sort());
        expect(fmt(out)).toBe(out);
        expect(parseDslRubric(out, 'y.rubric').rubric).toStrictEqual(r.rubric);
      }),
      { seed: 2022, numRuns: 200 },
    );
  });

  it('whose node is not printed go with the nearest printed node, never dropped', () => {
    const r = parseDslRubric(MINI_DSL, 'x.rubric');
    const out = printDslRubric(r.rubric!, {
      comments: [
        { pointer: '/sections/0/indicators/1/rule/points/args/0', text: '# deep', placement: 'trailing' },
        { pointer: '/facts/9', text: 'no hash', placement: 'before' },
        { pointer: '/nowhere/at/all', text: '# lost?', placement: 'before' },
      ],
    });
    expect(out).toContain('    score round(10 * rate, 0.5)  # deep\n');
    expect(out).toContain('# no hash\nfact duty');
    expect(out.startsWith('# lost?\n')).toBe(true);
  });
});
