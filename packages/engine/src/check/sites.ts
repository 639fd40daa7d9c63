/**
 * Every place in a rubric that holds an expression, with what kind of value belongs there.
 */
import { pointer, type Expr, type Rubric } from '@rubric/model';

/** One expression of a rubric and the value it must give. */
export interface ExpressionSite {
  expr: Expr;
  /** JSON pointer of the expression. */
  path: string;
  /** `number` for points and counts, `boolean` for conditions. */
  expected: 'number' | 'boolean';
  /** The place in words, for messages: "the points of indicator `four_piece_check`". */
  role: string;
}

/** All expressions of a rubric, in document order. */
export function expressionSites(r: Rubric): ExpressionSite[] {
  const out: ExpressionSite[] = [];
  const add = (expr: Expr | undefined, path: string, expected: 'number' | 'boolean', role: string): void => {
    if (expr) out.push({ expr, path, expected, role });
  };
  r.parameters.forEach((p, pi) =>
    p.periods.forEach((per, j) =>
      per.overrides.forEach((o, k) =>
        add(o.when, pointer('parameters', pi, 'periods', j, 'overrides', k, 'when'), 'boolean', `the condition of override ${k + 1} of parameter \`${p.id}\``),
      ),
    ),
  );
  r.sections.forEach((s, si) =>
    s.indicators.forEach((ind, ii) => {
      const rp = pointer('sections', si, 'indicators', ii, 'rule');
      const rule = ind.rule;
      const of = `indicator \`${ind.id}\``;
      switch (rule.kind) {
        case 'expression':
          add(rule.points, `${rp}/points`, 'number', `the points of ${of}`);
          break;
        case 'cases':
          rule.cases.forEach((c, k) => {
            add(c.when, `${rp}/cases/${k}/when`, 'boolean', `the condition of case ${k + 1} of ${of}`);
            add(c.points, `${rp}/cases/${k}/points`, 'number', `the points of case ${k + 1} of ${of}`);
          });
          add(rule.otherwise, `${rp}/otherwise`, 'number', `the \`otherwise\` points of ${of}`);
          break;
        case 'checklist':
          rule.items.forEach((it, k) => {
            add(it.when, `${rp}/items/${k}/when`, 'boolean', `the condition of item \`${it.id}\` of ${of}`);
            add(it.count, `${rp}/items/${k}/count`, 'number', `the count of item \`${it.id}\` of ${of}`);
          });
          break;
      }
    }),
  );
  r.hardRequirements.forEach((h, i) => {
    if (h.kind === 'condition') add(h.require, pointer('hardRequirements', i, 'require'), 'boolean', `hard requirement \`${h.id}\``);
  });
  r.vetoes.forEach((v, i) => add(v.when, pointer('vetoes', i, 'when'), 'boolean', `the condition of veto \`${v.id}\``));
  r.deductions.forEach((d, i) => {
    if (d.kind === 'per-unit') add(d.count, pointer('deductions', i, 'count'), 'number', `the count of deduction \`${d.id}\``);
    if (d.kind === 'conditional') add(d.when, pointer('deductions', i, 'when'), 'boolean', `the condition of deduction \`${d.id}\``);
  });
  return out;
}
