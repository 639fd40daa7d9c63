/**
 * Grade bands in the reference evaluator: compiled once, then the first band whose
 * minimum the total reaches. The interpreter's counterpart of `codegen/emit-grades.ts`.
 */
import { Decimal, type Rubric } from '@rubric/model';

/** One grade band, highest first as in the rubric. */
export interface GradePlan {
  label: string;
  min: Decimal;
}

/** The rubric's grade bands with their minimums as decimals. */
export function planGrades(rubric: Rubric): GradePlan[] {
  return rubric.grades.map((g) => ({ label: g.label, min: Decimal.fromNumber(g.min) }));
}

/** The grade of a total: none when vetoed, else the first band it reaches (or none). */
export function gradeOf(grades: GradePlan[], outcome: 'vetoed' | 'fail' | 'pass', total: Decimal): string | null {
  return outcome === 'vetoed' ? null : (grades.find((g) => total.gte(g.min))?.label ?? null);
}
