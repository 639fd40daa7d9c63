/** Outcomes as the TUI shows and counts them: a small code per outcome, a symbol and a colour. */
import type { Outcome } from '@rubric/rubric';

/** Outcome codes, in the order counts and the outcome sort list them. */
export const OUTCOME_ORDER: readonly Outcome[] = ['pass', 'fail', 'vetoed', 'invalid'];

/** The code of an outcome: its position in {@link OUTCOME_ORDER}. */
export function outcomeCode(o: Outcome): number {
  return OUTCOME_ORDER.indexOf(o);
}

/** The outcome of a code. */
export function outcomeOf(code: number): Outcome {
  return OUTCOME_ORDER[code] ?? 'invalid';
}

/** The symbol before each outcome (the same as `rubric eval`'s table), so it reads without colour. */
export const OUTCOME_SYMBOL: Record<Outcome, string> = { pass: '✓', fail: '✗', vetoed: '⊘', invalid: '!' };

/** Ink colour names per outcome. */
export const OUTCOME_COLOR: Record<Outcome, string> = { pass: 'green', fail: 'red', vetoed: 'magenta', invalid: 'yellow' };

/** `✓ pass`. */
export function outcomeLabel(o: Outcome): string {
  return `${OUTCOME_SYMBOL[o]} ${o}`;
}

/** Subjects per outcome. */
export type OutcomeCounts = Record<Outcome, number>;

/** All zero. */
export function zeroCounts(): OutcomeCounts {
  return { pass: 0, fail: 0, vetoed: 0, invalid: 0 };
}
