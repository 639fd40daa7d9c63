/**
 * Parameters and the pass mark in generated code: planning each parameter's values and scale,
 * the generated functions that resolve a parameter for a subject (period in force, then
 * overrides) and describe its source, reading its value, and the check of the total against
 * the pass mark.
 */
import { formatExpr, type Parameter } from '@rubric/model';
import { _, Block, type Code, join, type Name, type NameGen, objectLiteral } from './code.js';
import { coefAt, decimalsOf } from './decimal-constants.js';
import { type EmitContext, Fn, type ParamInfo, type Val } from './emit-context.js';
import type { ExprEmitter, ValueEmitter } from './emit-values.js';

/** Plans a parameter: every value it can take, their common scale and bound, and the names of its generated constants. */
export function planParam(names: NameGen, p: Parameter): ParamInfo {
  const combos: ParamInfo['combos'] = [];
  p.periods.forEach((per, i) => {
    per.overrides.forEach((o, k) => combos.push({ value: o.value, period: i, override: k, when: formatExpr(o.when) }));
    combos.push({ value: per.value, period: i });
  });
  let scale = 0;
  for (const c of combos) scale = Math.max(scale, decimalsOf(c.value).scale);
  let bound = 0;
  for (const c of combos) bound = Math.max(bound, Math.abs(coefAt(decimalsOf(c.value), scale) ?? Infinity));
  const n = names;
  return { p, combos, scale, bound, scaled: n.next('PV'), numbers: n.next('PN'), decimals: n.next('PD'), source: n.next('PS'), fastFn: n.next('PF'), exactFn: n.next('PE') };
}

/** `PS(k)`: a fresh pass-mark source object for combination k. */
export function emitParamSource(info: ParamInfo): Code {
  const cases = info.combos.map((c, k) => {
    const per = info.p.periods[c.period]!;
    const period: [string, Code][] = [];
    if (per.from !== undefined) period.push(['from', _`${per.from}`]);
    if (per.until !== undefined) period.push(['until', _`${per.until}`]);
    const entries: [string, Code][] = [
      ['parameter', _`${info.p.id}`],
      ['period', objectLiteral(period)],
    ];
    if (c.override !== undefined) entries.push(['override', _`${c.override}`], ['when', _`${c.when!}`]);
    return _`case ${k}: return ${objectLiteral(entries)};`;
  });
  return _`function ${info.source}(k) {
  switch (k) {
    ${join(cases, _`\n    `)}
  }
}`;
}

/**
 * The parameter's resolution for one subject: the period in force, then its first override
 * that holds. Fast: returns the combination index, -1 when no period is in force, -2 to give
 * up. Exact: returns the index or throws `eval/no-parameter-value`.
 */
export function emitParamFn(g: EmitContext, em: ExprEmitter, info: ParamInfo, fast: boolean): Code {
  const s = g.names.next('s');
  const asOf = g.names.next('asOf');
  const fn = new Fn(s, asOf, _`return -2;`, 'none', undefined);
  const body = new Block();
  let k = 0;
  info.p.periods.forEach((per) => {
    const conds: Code[] = [];
    if (per.from !== undefined) conds.push(_`${per.from} <= ${asOf}`);
    if (per.until !== undefined) conds.push(_`${asOf} <= ${per.until}`);
    const inner = body.child();
    for (const o of per.overrides) {
      const c = em.expr(o.when, inner, { fn, recordReads: false });
      em.need(c, 'bool', o.when);
      inner.push(_`if (${c.code}) return ${k};`);
      k++;
    }
    inner.push(_`return ${k};`);
    k++;
    body.wrap(_`if (${conds.length > 0 ? join(conds, _` && `) : _`true`})`, inner);
  });
  if (fast) body.push(_`return -1;`);
  else body.push(_`throw new ${g.rt}.EvalError("eval/no-parameter-value", "no value of \`" + ${info.p.id} + "\` is in force on " + ${asOf});`);
  return _`function ${fast ? info.fastFn : info.exactFn}(${s}, ${asOf}) {\n${fn.prologue.code()}\n${body.code()}\n}`;
}

/** The combination index of a parameter for this subject, resolved on first use. */
export function paramIndex(em: ValueEmitter, info: ParamInfo, out: Block, fn: Fn): Name {
  let k = fn.params.get(info.p.id);
  if (!k) {
    k = em.g.names.next('k');
    fn.prologue.push(_`let ${k} = -1;`);
    fn.params.set(info.p.id, k);
  }
  const inner = out.child();
  if (em.fast) inner.push(_`${k} = ${info.fastFn}(${fn.s}, ${fn.asOf});`, _`if (${k} < 0) ${fn.bail}`);
  else inner.push(_`${k} = ${info.exactFn}(${fn.s}, ${fn.asOf});`);
  out.wrap(_`if (${k} < 0)`, inner);
  return k;
}

/** The parameter's value for combination `k` (a scaled integer or a decimal). */
export function paramValue(em: ValueEmitter, info: ParamInfo, k: Name, out: Block, _fn: Fn): Val {
  if (!em.fast) return em.materialize({ kind: 'num', code: _`${info.decimals}[${k}]`, scale: 0, bound: 0 }, out, 'p');
  return em.materialize({ kind: 'num', code: _`${info.scaled}[${k}]`, scale: info.scale, bound: info.bound }, out, 'p');
}

/**
 * The pass mark for this subject and the reason a total below it gives: returns the parameter,
 * its combination index and its value.
 */
export function emitPassMark(em: ValueEmitter, body: Block, fn: Fn, reasons: Name, total: Val): { pm: ParamInfo; k: Name; pass: Val } {
  const pm = em.g.params.get(em.g.rubric.passMark)!;
  const k = paramIndex(em, pm, body, fn);
  const pass = paramValue(em, pm, k, body, fn);
  const below = body.child();
  below.push(_`${reasons}.push({ key: "below-pass-mark", kind: "below-pass-mark", message: "total " + ${em.text(total)} + " is below the pass mark " + ${em.text(pass)} });`);
  body.wrap(_`if (${em.cmp(total, pass, '<', body, fn).code})`, below);
  return { pm, k, pass };
}
