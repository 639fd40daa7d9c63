import { describe, expect, it } from 'vitest';
import { contentHash, type Rubric } from '@rubric/model';
import { compileRubric, generateEvaluatorSource, inputSchema } from '../../src/index.js';
import { beijingIr, is, n, perfectSubject } from '../evaluate/fixtures.js';
import { SubjectGenerator } from './subjects.js';

const AS_OF = '2022-06-20';

/**
 * Changes a Beijing IR in every place the parts a generated evaluator builds after compiling
 * read: rule points and conditions, a level's value, an indicator's maximum, the pass mark,
 * a veto, the deduction, an id and the title.
 */
function vandalise(r: Rubric): void {
  const s1 = r.sections[0]!;
  const first = s1.indicators[0]!;
  if (first.rule.kind === 'cases') {
    first.rule.cases[0]!.points = n(3);
    first.rule.cases[1]!.when = is('checkpoint_24h', 'none');
  }
  first.max = 3;
  const level = r.facts.find((f) => f.id === 'checkpoint_24h')!;
  if (level.type.kind === 'level') level.type.levels[0]!.value = 'fully';
  r.parameters[0]!.periods[0]!.value = 10;
  r.vetoes.pop();
  r.deductions[0] = { ...r.deductions[0]!, amount: 3 } as Rubric['deductions'][number];
  s1.indicators[1]!.id = 'renamed';
  r.title = 'changed';
}

describe('a generated evaluator keeps the rubric as it was compiled', () => {
  it('scores, explains, rejects and describes as if the rubric had not changed since', () => {
    const rubric = beijingIr();
    const compiled = compileRubric(rubric);
    expect((compiled as { fastPath?: boolean }).fastPath).toBe(true);
    // Only the fast path without explanations is built when compiling: everything below is
    // generated or built after the caller has changed the rubric.
    vandalise(rubric);
    const original = beijingIr();
    const reference = compileRubric(original, { evaluator: 'reference' });
    const gen = new SubjectGenerator(original, 11, { seeds: [perfectSubject(), perfectSubject({ district_risk: 'low' })] });
    const outcomes = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const s = gen.next(i);
      const explain = i % 2 === 0;
      const got = compiled.evaluate(s, { asOf: AS_OF, explain });
      expect(got).toEqual(reference.evaluate(s, { asOf: AS_OF, explain }));
      outcomes.add(got.outcome);
    }
    // Explained (a later unit), exact (more decimals than the fast path keeps: a later unit) and
    // invalid subjects (the reference, built later) were all met.
    for (const s of [perfectSubject({ four_piece_check_rate: 0.1234567 }), perfectSubject({ checkpoint_24h: 'fully' })]) {
      expect(compiled.evaluate(s, { asOf: AS_OF, explain: true })).toEqual(reference.evaluate(s, { asOf: AS_OF, explain: true }));
    }
    expect(outcomes).toEqual(new Set(['pass', 'fail', 'vetoed', 'invalid']));
    expect(compiled.hash).toBe(contentHash(original));
    expect(compiled.inputSchema).toEqual(inputSchema(original));
    expect((compiled as unknown as { source: string }).source).toBe(generateEvaluatorSource(original).source);
  });

  it('reads a rubric that is not plain JSON data as JSON reads it, as before', () => {
    // NaN in a test case's expectation (which scoring never reads), and members left undefined:
    // a copy through JSON writes null for the one and drops the others.
    const rubric = beijingIr();
    rubric.tests = [{ name: 't', subject: perfectSubject(), expect: { total: Number.NaN } }] as unknown as Rubric['tests'];
    (rubric.facts[0] as { description?: string }).description = undefined;
    const copy = JSON.parse(JSON.stringify(rubric)) as Rubric;
    const compiled = compileRubric(rubric);
    expect((compiled as { fastPath?: boolean }).fastPath).toBe(true);
    expect(compiled.hash).toBe(contentHash(copy));
    expect(() => contentHash(rubric)).toThrow(TypeError);
    const reference = compileRubric(copy, { evaluator: 'reference' });
    for (const s of [perfectSubject(), perfectSubject({ publicity: 'partial' }), perfectSubject({ publicity: 'lots' })]) {
      expect(compiled.evaluate(s, { asOf: AS_OF, explain: true })).toEqual(reference.evaluate(s, { asOf: AS_OF, explain: true }));
    }
  });
});
