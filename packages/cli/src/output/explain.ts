/**
 * The readable explanation of one subject's result (`rubric eval --explain ID`): every
 * indicator with its points, the rule branch taken and the facts it read, then deductions,
 * vetoes, hard requirements, the pass mark and where it came from, and the reasons.
 */
import { escapeControl, type EvaluationResult, type Rubric } from '@rubric/rubric';
import type { Colors } from '../io.js';
import { outcomeLabel, colorOutcome } from './table.js';
import { numberText, recordLabel, type RecordPosition } from './writer.js';

const MAX_VALUE = 80;

/** A fact value for one line of text: JSON for text and lists, shortened when long, control characters escaped. */
export function valueText(value: unknown): string {
  const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : (JSON.stringify(value) ?? String(value));
  return escapeControl(text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text);
}

function readsText(reads: Record<string, unknown> | undefined): string | undefined {
  if (!reads) return undefined;
  const parts = Object.entries(reads).map(([k, v]) => `${escapeControl(k)} = ${valueText(v)}`);
  return parts.length > 0 ? `read: ${parts.join(', ')}` : undefined;
}

/** The pass mark line's explanation of where the pass mark came from. */
export function passMarkSourceText(result: EvaluationResult): string {
  const s = result.passMarkSource;
  if (!s) return '';
  const from = s.period.from ?? 'always';
  const until = s.period.until ?? 'open-ended';
  let text = `parameter ${escapeControl(s.parameter)}; period ${from} … ${until}`;
  if (s.override !== undefined) text += `; override ${s.override + 1}${s.when ? `: ${escapeControl(s.when)}` : ''}`;
  else text += '; base value';
  return text;
}

/** Renders the explanation of `result` (best evaluated with `explain: true`) against its rubric. */
export function renderExplanation(result: EvaluationResult, rubric: Rubric, at: RecordPosition, c: Colors): string {
  const ex = result.explanation;
  const out: string[] = [];
  const push = (indent: number, text: string | undefined): void => {
    if (text !== undefined && text !== '') out.push(`${'  '.repeat(indent)}${text}`);
  };
  const heading = (text: string): void => {
    out.push('');
    out.push(c.bold(text));
  };

  out.push(
    `${c.bold(`Explanation for ${escapeControl(recordLabel(result, at))}`)}: ${colorOutcome(outcomeLabel(result.outcome), result.outcome, c)}, as of ${result.asOf}`,
  );
  const indicatorSum = Object.values(result.indicators).reduce((a, b) => a + b, 0);
  if (result.total !== null) {
    push(1, `total ${result.total} (indicators ${roundForShow(indicatorSum)} − deductions ${result.deductionTotal})`);
  } else push(1, 'total —');
  const source = passMarkSourceText(result);
  push(1, `pass mark ${numberText(result.passMark)}${source ? ` (${source})` : ''}`);
  if (result.grade !== null) push(1, `grade ${escapeControl(result.grade)}`);

  heading('Indicators');
  for (const section of rubric.sections) {
    const sectionPoints = result.sections[section.id];
    const sectionMax = section.indicators.reduce((a, i) => a + i.max, 0);
    push(1, `${escapeControl(section.id)}  ${escapeControl(section.title)}  ${numberText(sectionPoints ?? null)}/${roundForShow(sectionMax)}`);
    for (const ind of section.indicators) {
      const points = result.indicators[ind.id];
      push(2, `${escapeControl(ind.id)}  ${escapeControl(ind.title)}  ${numberText(points ?? null)}/${ind.max}`);
      const e = ex?.indicators[ind.id];
      if (e) {
        // The rule text may already start with the branch (`otherwise -> 0`).
        const rule = e.rule && !e.rule.startsWith(e.branch) ? `${e.branch}: ${e.rule}` : e.rule || e.branch;
        push(3, escapeControl(rule));
        for (const item of e.items ?? []) push(3, `item ${escapeControl(item.id)}: ${item.hits} × ${item.points}`);
        push(3, readsText(e.reads));
      }
    }
  }

  if (rubric.deductions.length > 0) {
    heading('Deductions');
    for (const d of rubric.deductions) {
      const applied = result.deductions.find((a) => a.id === d.id);
      const amount = applied ? applied.amount : 0;
      const capped = applied && applied.uncapped !== applied.amount ? ` (${applied.uncapped} before the cap)` : '';
      push(1, `${escapeControl(d.id)}  ${escapeControl(d.reason)}  −${amount}${capped}`);
      const e = ex?.deductions[d.id];
      if (e) {
        push(3, e.rule ? `rule: ${escapeControl(e.rule)}` : undefined);
        push(3, readsText(e.reads));
      }
    }
    push(1, `all deductions: −${result.deductionTotal}`);
  }

  if (rubric.vetoes.length > 0) {
    heading('Vetoes');
    for (const v of rubric.vetoes) {
      const fired = result.vetoes.includes(v.id);
      push(1, `${escapeControl(v.id)}  ${fired ? c.magenta('⊘ fired') : 'not fired'}  ${escapeControl(v.reason)}`);
      const e = ex?.vetoes[v.id];
      if (e) {
        push(3, e.rule ? `when: ${escapeControl(e.rule)}` : undefined);
        push(3, readsText(e.reads));
      }
    }
  }

  if (rubric.hardRequirements.length > 0) {
    heading('Hard requirements');
    for (const h of rubric.hardRequirements) {
      const failed = result.hardRequirementsFailed.includes(h.id);
      const status = result.outcome === 'invalid' ? '—' : failed ? c.red('✗ not met') : c.green('✓ met');
      push(1, `${escapeControl(h.id)}  ${status}  ${escapeControl(h.title)}`);
      const e = ex?.hardRequirements[h.id];
      if (e) {
        push(3, e.rule ? `rule: ${escapeControl(e.rule)}` : undefined);
        push(3, readsText(e.reads));
      }
    }
  }

  if (result.reasons.length > 0) {
    heading('Reasons');
    for (const r of result.reasons) push(1, `${escapeControl(r.key)}  ${escapeControl(r.message)}`);
  }
  if (result.errors.length > 0) {
    heading('Errors');
    for (const e of result.errors) push(1, `${e.path ? `${escapeControl(e.path)}: ` : ''}${escapeControl(e.message)} (${escapeControl(e.code)})`);
  }
  return `${out.join('\n')}\n`;
}

/** A sum of decimals for display: binary float noise (0.30000000000000004) trimmed. */
function roundForShow(n: number): string {
  return String(Number(n.toPrecision(15)));
}
