/** The rubric's pass mark in force on a date, for the header: `85 (+1 override)`. */
import type { Rubric } from '@rubric/rubric';

/** The pass-mark parameter's value on `asOf` and how many overrides may change it per subject; undefined when none is in force. */
export function passMarkOn(rubric: Rubric, asOf: string): { value: number; overrides: number } | undefined {
  const p = rubric.parameters.find((x) => x.id === rubric.passMark);
  const period = p?.periods.find((per) => (per.from === undefined || per.from <= asOf) && (per.until === undefined || asOf <= per.until));
  return period ? { value: period.value, overrides: period.overrides.length } : undefined;
}
