/**
 * The differential harness: the reference interpreter and a generated evaluator score the
 * same subjects, and every result must be the same bytes as JSON, explanations included, and
 * (on every `deepEvery`-th subject, as it costs more) the same data, -0 and 0 told apart; when
 * the reference throws, the generated evaluator must throw the same message.
 */
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import type { Rubric } from '@rubric/model';
import type { CompiledRubric } from '../../src/index.js';
import { SubjectGenerator, asOfDates } from './subjects.js';

type Outcome = { result: unknown } | { threw: string };

function run(c: CompiledRubric, subject: unknown, options: { asOf: string; explain: boolean }): Outcome {
  try {
    return { result: c.evaluate(subject, options) };
  } catch (e) {
    return { threw: (e as Error).message };
  }
}

/** What a differential run saw. */
export interface DifferentialStats {
  subjects: number;
  invalid: number;
  threw: number;
  outcomes: Record<string, number>;
}

/**
 * Scores `count` generated subjects (seeded) with `reference` and each of `candidates`,
 * explaining every `explainEvery`-th and cycling through as-of dates; fails on the first
 * difference with both results shown.
 */
export function differential(
  rubric: Rubric,
  reference: CompiledRubric,
  candidates: CompiledRubric[],
  count: number,
  seed: number,
  options: {
    /** Subjects to start from (default: the rubric's test cases). */
    seeds?: readonly Record<string, unknown>[];
    /** Compare as data (not only as JSON) every n-th subject (default 1). */
    deepEvery?: number;
    /** Explain every n-th subject (default 2). */
    explainEvery?: number;
    brokenShare?: number;
    noise?: number;
  } = {},
): DifferentialStats {
  const deepEvery = options.deepEvery ?? 1;
  const explainEvery = options.explainEvery ?? 2;
  const gen = new SubjectGenerator(rubric, seed, {
    seeds: options.seeds ?? rubric.tests.map((t) => t.subject),
    ...(options.brokenShare !== undefined ? { brokenShare: options.brokenShare } : {}),
    ...(options.noise !== undefined ? { noise: options.noise } : {}),
  });
  const dates = asOfDates(rubric);
  const stats: DifferentialStats = { subjects: 0, invalid: 0, threw: 0, outcomes: {} };
  for (let i = 0; i < count; i++) {
    const subject = gen.next(i);
    const options = { asOf: dates[i % dates.length]!, explain: i % explainEvery === 1 };
    const want = run(reference, subject, options);
    const wantJson = JSON.stringify(want);
    for (const c of candidates) {
      const got = run(c, subject, options);
      if (JSON.stringify(got) !== wantJson || (i % deepEvery === 0 && !isDeepStrictEqual(got, want))) {
        // Show the difference with vitest's diff, then fail.
        expect({ subject, options, got }).toStrictEqual({ subject, options, got: want });
        throw new Error(`differs on subject ${i}: ${JSON.stringify(subject)}`);
      }
    }
    stats.subjects++;
    if ('threw' in want) stats.threw++;
    else {
      const outcome = (want.result as { outcome: string }).outcome;
      stats.outcomes[outcome] = (stats.outcomes[outcome] ?? 0) + 1;
      if (outcome === 'invalid') stats.invalid++;
    }
  }
  return stats;
}
