/**
 * How far a subject is from passing, and what could close the gap: the indicators with
 * room left (maximum − points), the deductions taken, and the gates no total can open
 * (a veto, a failed hard requirement).
 */
import { Decimal, type EvaluationResult, type Rubric } from '@rubric/rubric';
import { safe } from './text.js';
import { whatIfDelta } from './what-if.js';

/** An indicator that could earn more points. */
export interface Headroom {
  id: string;
  title: string;
  points: number;
  max: number;
  /** max − points, exact. */
  room: Decimal;
}

/** The analysis of one subject at a what-if pass mark. */
export interface Gap {
  /** Points still needed (moved pass mark − total); null when the total reaches it or there is none. */
  needed: Decimal | null;
  /** Points to spare above the moved pass mark; null when below or none. */
  spare: Decimal | null;
  /** Indicators with room left, most room first. */
  headroom: Headroom[];
  /** Those whose room alone closes the gap. */
  enough: Headroom[];
  /** What fails the subject whatever the total (escaped text). */
  blockers: string[];
}

/** Analyses a (valid) result at a pass mark moved by `steps` half points. */
export function analyseGap(rubric: Rubric, result: EvaluationResult, steps: number): Gap {
  const blockers: string[] = [];
  for (const id of result.vetoes) {
    const v = rubric.vetoes.find((x) => x.id === id);
    blockers.push(`veto ${safe(id)}: ${safe(v?.reason ?? '')} (no total can pass)`);
  }
  for (const id of result.hardRequirementsFailed) {
    const h = rubric.hardRequirements.find((x) => x.id === id);
    if (h?.kind === 'indicator-full') {
      const ind = rubric.sections.flatMap((s) => s.indicators).find((i) => i.id === h.indicator);
      blockers.push(`hard requirement ${safe(id)}: ${safe(h.indicator)} must reach ${ind?.max ?? '?'} (has ${result.indicators[h.indicator] ?? '?'})`);
    } else {
      blockers.push(`hard requirement ${safe(id)}: ${safe(h?.title ?? '')}`);
    }
  }
  const headroom: Headroom[] = [];
  for (const s of rubric.sections) {
    for (const ind of s.indicators) {
      const points = result.indicators[ind.id];
      if (points === undefined) continue;
      const room = Decimal.fromNumber(ind.max).sub(Decimal.fromNumber(points));
      if (room.gt(Decimal.ZERO)) headroom.push({ id: ind.id, title: ind.title, points, max: ind.max, room });
    }
  }
  headroom.sort((x, y) => y.room.cmp(x.room));
  let needed: Decimal | null = null;
  let spare: Decimal | null = null;
  if (result.total !== null && result.passMark !== null) {
    const mark = Decimal.fromNumber(result.passMark).add(whatIfDelta(steps));
    const diff = mark.sub(Decimal.fromNumber(result.total));
    if (diff.gt(Decimal.ZERO)) needed = diff;
    else spare = diff.neg();
  }
  const enough = needed ? headroom.filter((h) => h.room.gte(needed)) : [];
  return { needed, spare, headroom, enough, blockers };
}

/** `point` for exactly one, else `points`. */
function pointWord(d: Decimal): string {
  return d.eq(Decimal.ONE) ? 'point' : 'points';
}

/** The analysis in a few lines of plain text. */
export function gapLines(gap: Gap, deductionTotal: number): string[] {
  const lines = [...gap.blockers];
  if (gap.needed) {
    const d = deductionTotal > 0 ? `; deductions took ${deductionTotal}` : '';
    if (gap.enough.length > 0) {
      lines.push(`needs ${gap.needed.toString()} more ${pointWord(gap.needed)}: any one of ${gap.enough.slice(0, 4).map((h) => `${safe(h.id)} (+${h.room.toString()})`).join(', ')}${gap.enough.length > 4 ? ` and ${gap.enough.length - 4} more` : ''}${d}`);
    } else if (gap.headroom.length > 0) {
      lines.push(`needs ${gap.needed.toString()} more ${pointWord(gap.needed)}: no one indicator is enough; most room in ${gap.headroom.slice(0, 3).map((h) => `${safe(h.id)} (+${h.room.toString()})`).join(', ')}${d}`);
    } else {
      lines.push(`needs ${gap.needed.toString()} more ${pointWord(gap.needed)}, and every indicator is at its maximum${d}`);
    }
  } else if (gap.spare && gap.blockers.length === 0) {
    lines.push(gap.spare.isZero() ? 'passes exactly at the pass mark' : `passes with ${gap.spare.toString()} ${pointWord(gap.spare)} to spare`);
  }
  return lines;
}
