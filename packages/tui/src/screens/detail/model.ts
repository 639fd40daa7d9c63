/**
 * A subject's detail as lines to show: one item per section, indicator, veto, hard
 * requirement and deduction (or per data error when the subject is invalid), each with
 * the explanation the lower pane shows for it; the pass mark and why; the gap analysis.
 */
import type { EvaluationResult } from '@rubric/rubric';
import { analyseGap, gapLines } from '../../model/gap.js';
import { numberText } from '../../model/rows.js';
import { safe } from '../../model/text.js';
import { deltaText, shiftedText } from '../../model/what-if.js';
import type { Subject } from '../../app/select.js';

/** How an item is coloured. */
export type ItemTone = 'good' | 'partial' | 'bad' | 'plain' | 'heading';

/** One line of the detail list. */
export interface DetailItem {
  id: string;
  /** Title, escaped. */
  label: string;
  /** `6/10`, `fired`, `met`, `−3`. */
  value: string;
  tone: ItemTone;
  /** The other version's value when it differs (compare), else empty. */
  other: string;
  /** The rule branch taken (`case 1`, `otherwise`, `expression`…), for indicators. */
  branch?: string;
  /** What the explanation pane shows for the item. */
  explain: string[];
}

/** Everything the detail screen shows. */
export interface DetailModel {
  items: DetailItem[];
  /** Pass mark and why. */
  passMark: string;
  /** How far from passing, and what could close the gap. */
  gap: string[];
}

function readsText(reads: Record<string, unknown>): string[] {
  const entries = Object.entries(reads);
  if (entries.length === 0) return ['reads: nothing'];
  return entries.map(([k, v]) => `  ${safe(k)} = ${safe(typeof v === 'string' ? v : JSON.stringify(v) ?? String(v))}`);
}

/** Builds the detail of a subject at a what-if pass mark; `other` is the same subject under version A (compare). */
export function buildDetail(subject: Subject, steps: number, other?: EvaluationResult): DetailModel {
  const { result, rubric } = subject;
  const items: DetailItem[] = [];
  if (result.outcome === 'invalid') {
    for (const e of result.errors) {
      items.push({
        id: e.code,
        label: `${safe(e.path || '(record)')}  ${e.code}`,
        value: 'error',
        tone: 'bad',
        other: '',
        explain: [safe(e.message), `code ${e.code}`, e.path ? `field ${safe(e.path)}` : 'the whole record'],
      });
    }
    return { items, passMark: 'no pass mark: the data is invalid, nothing was scored', gap: ['fix the data errors listed to score this subject'] };
  }
  const ex = result.explanation;
  for (const s of rubric.sections) {
    const max = s.indicators.reduce((acc, i) => acc + i.max, 0);
    const pts = result.sections[s.id];
    items.push({ id: s.id, label: safe(s.title), value: `${numberText(pts ?? null)}/${s.max ?? max}`, tone: 'heading', other: '', explain: [`section ${safe(s.id)}: ${safe(s.title)}`, `${numberText(pts ?? null)} of ${s.max ?? max} points`] });
    for (const ind of s.indicators) {
      const p = result.indicators[ind.id];
      const e = ex?.indicators[ind.id];
      const o = other?.indicators[ind.id];
      const explain = [`${safe(ind.id)}: ${safe(ind.title)}  (${numberText(p ?? null)} of ${ind.max})`];
      if (ind.standard) explain.push(`standard: ${safe(ind.standard)}`);
      if (e) {
        explain.push(`branch: ${safe(e.branch)}  rule: ${safe(e.rule)}`);
        explain.push(...readsText(e.reads));
        for (const it of e.items ?? []) explain.push(`  item ${safe(it.id)}: ${it.hits} × ${it.points}`);
      }
      if (o !== undefined && o !== p) explain.push(`version A gave ${o}`);
      const item: DetailItem = {
        id: ind.id,
        label: safe(ind.title),
        value: `${numberText(p ?? null)}/${ind.max}`,
        tone: p === ind.max ? 'good' : p === 0 ? 'bad' : 'partial',
        other: o !== undefined && o !== p ? String(o) : '',
        explain,
      };
      if (e) item.branch = safe(e.branch);
      items.push(item);
    }
  }
  for (const h of rubric.hardRequirements) {
    const failed = result.hardRequirementsFailed.includes(h.id);
    const e = ex?.hardRequirements[h.id];
    items.push({
      id: h.id,
      label: `hard: ${safe(h.title)}`,
      value: failed ? 'not met' : 'met',
      tone: failed ? 'bad' : 'good',
      other: '',
      explain: [`hard requirement ${safe(h.id)}: ${safe(h.title)}`, ...(e ? [`rule: ${safe(e.rule)}`, ...readsText(e.reads)] : [])],
    });
  }
  for (const v of rubric.vetoes) {
    const fired = result.vetoes.includes(v.id);
    const e = ex?.vetoes[v.id];
    items.push({
      id: v.id,
      label: `veto: ${safe(v.reason)}`,
      value: fired ? 'FIRED' : 'no',
      tone: fired ? 'bad' : 'good',
      other: '',
      explain: [`one-vote veto ${safe(v.id)}: ${safe(v.reason)}`, ...(e ? [`when: ${safe(e.rule)}`, ...readsText(e.reads)] : [])],
    });
  }
  for (const d of rubric.deductions) {
    const applied = result.deductions.find((x) => x.id === d.id);
    const e = ex?.deductions[d.id];
    const amount = applied ? `−${applied.amount}` : '0';
    items.push({
      id: d.id,
      label: `deduction: ${safe(d.reason)}`,
      value: amount,
      tone: applied ? 'bad' : 'plain',
      other: '',
      explain: [
        `deduction ${safe(d.id)}: ${safe(d.reason)}`,
        applied ? `took ${applied.amount}${applied.uncapped !== applied.amount ? ` (${applied.uncapped} before its cap)` : ''}` : 'took nothing',
        ...(e ? [`rule: ${safe(e.rule)}`, ...readsText(e.reads)] : []),
      ],
    });
  }
  const src = result.passMarkSource;
  const why = src
    ? `set by ${safe(src.parameter)}${src.period.from ? ` from ${src.period.from}` : ''}${src.period.until ? ` until ${src.period.until}` : ''}${src.when ? `, override “${safe(src.when)}”` : ', its base value'}`
    : '';
  const mark = steps === 0 ? `pass mark ${numberText(result.passMark)}` : `pass mark ${shiftedText(result.passMark, steps)} (what-if ${deltaText(steps)} from ${numberText(result.passMark)})`;
  return {
    items,
    passMark: `${mark}${why ? ` · ${why}` : ''}${result.deductionTotal > 0 ? ` · deductions −${result.deductionTotal}` : ''}`,
    gap: gapLines(analyseGap(rubric, result, steps), result.deductionTotal),
  };
}
