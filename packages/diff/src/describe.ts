/**
 * Canonical text for the parts of a rubric that a diff compares: two parts mean the same
 * exactly when their texts are equal. Orders that carry no meaning (checklist items, level
 * values, list fields, overrides are the exception: first match wins) are sorted away here.
 */
import { canonicalJson, formatExpr, type Deduction, type Fact, type FactType, type HardRequirement, type Indicator, type Parameter, type ParameterPeriod, type Rule } from '@rubric/model';

/** A rule as lines of text: one for an expression; one per case plus `otherwise`; a checklist's mode then its items by id. */
export function describeRule(rule: Rule): string[] {
  switch (rule.kind) {
    case 'expression':
      return [formatExpr(rule.points)];
    case 'cases':
      return [...rule.cases.map((c) => `${formatExpr(c.when)} → ${formatExpr(c.points)}`), `otherwise → ${formatExpr(rule.otherwise)}`];
    case 'checklist': {
      const head = rule.mode === 'deduct' ? 'checklist: the maximum minus the items, down to zero' : 'checklist: the sum of the items';
      const items = [...rule.items]
        .sort((a, b) => compareText(a.id, b.id))
        .map((it) => (it.count ? `item ${it.id}: ${it.points} × ${formatExpr(it.count)}` : `item ${it.id}: ${it.points} when ${formatExpr(it.when!)}`));
      return [head, ...items];
    }
  }
}

/** A fact's type as text, levels and list fields in sorted order (their order is only the form's). */
export function describeFactType(t: FactType): string {
  switch (t.kind) {
    case 'integer':
    case 'decimal': {
      const bounds = [t.min !== undefined ? `≥ ${t.min}` : '', t.max !== undefined ? `≤ ${t.max}` : ''].filter((s) => s !== '').join(' and ');
      return bounds ? `${t.kind} ${bounds}` : t.kind;
    }
    case 'level':
      return `level (${t.levels.map((l) => l.value).sort(compareText).join(' | ')})`;
    case 'list':
      return `list of {${[...t.fields].sort((a, b) => compareText(a.id, b.id)).map((f) => `${f.id}: ${describeFactType(f.type)}${f.required ? '' : ` = ${canonicalJson(f.default)}`}`).join(', ')}}`;
    default:
      return t.kind;
  }
}

/** Whether a fact must be given, or its default. */
export function describeRequired(f: Fact): string {
  return f.required ? 'required' : `optional, default ${canonicalJson(f.default)}`;
}

/** Level labels (wording), sorted by value. */
export function describeLevelLabels(f: Fact): string | undefined {
  if (f.type.kind !== 'level') return undefined;
  const labelled = [...f.type.levels].sort((a, b) => compareText(a.value, b.value)).filter((l) => l.label !== undefined);
  return labelled.length === 0 ? undefined : labelled.map((l) => `${l.value}: ${l.label}`).join(', ');
}

/** What a hard requirement asks, with old indicator ids translated through `rename`. */
export function describeHardRequirement(h: HardRequirement, rename: (id: string) => string = (id) => id): string {
  return h.kind === 'indicator-full' ? `indicator ${rename(h.indicator)} at full marks` : `requires ${formatExpr(h.require)}`;
}

/** A deduction's rule (not its reason wording). */
export function describeDeduction(d: Deduction): string {
  const cap = d.cap !== undefined ? `, at most ${d.cap}` : '';
  switch (d.kind) {
    case 'per-unit':
      return `${d.amount} per ${formatExpr(d.count)}${cap}`;
    case 'conditional':
      return `${d.amount} when ${formatExpr(d.when)}${cap}`;
    case 'discretionary':
      return `amount recorded in ${d.field ? `${d.fact}.${d.field}` : d.fact}, each within [${d.min}, ${d.max}]${cap}`;
  }
}

/** A parameter period's value with its overrides in order (their order is meaning: the first that holds wins). */
export function describePeriodValue(p: ParameterPeriod): string {
  return [String(p.value), ...p.overrides.map((o) => `${o.value} where ${formatExpr(o.when)}`)].join('; ');
}

/** A parameter's whole history, one line per period in date order. */
export function describeHistory(p: Parameter): string[] {
  return [...p.periods].sort((a, b) => compareText(a.from ?? '', b.from ?? '')).map((per) => `${describePeriod(per)}: ${describePeriodValue(per)}`);
}

/** A period as text: `from 2022-07-01`, `until 2022-06-30`, `2022-06-14 … 2022-06-30`, `always`. */
export function describePeriod(p: { from?: string; until?: string }): string {
  if (p.from && p.until) return `${p.from} … ${p.until}`;
  if (p.from) return `from ${p.from}`;
  if (p.until) return `until ${p.until}`;
  return 'always';
}

/** An indicator's rule lines, for summaries. */
export function indicatorRule(ind: Indicator): string[] {
  return describeRule(ind.rule);
}

/** Code-unit order (locale-independent, so output is the same everywhere). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
