/**
 * Deductions: the fact a discretionary amount is recorded in, ranges and caps.
 */
import { didYouMean, pointer } from '@rubric/model';
import type { CheckContext } from './context.js';
import { dec } from './fold.js';
import { describeBinding, describeFactType } from './types.js';

const AMOUNT_KINDS = ['integer', 'decimal'];

/** `rubric/bad-deduction-fact`, `rubric/unknown-name`, `rubric/unknown-field`, `rubric/bad-range`, `rubric/negative-cap`. */
export function checkDeductions(ctx: CheckContext): void {
  const r = ctx.rubric;
  r.deductions.forEach((d, i) => {
    const at = (...rest: (string | number)[]): string => pointer('deductions', i, ...rest);
    if (d.cap !== undefined && d.cap < 0) {
      ctx.error('rubric/negative-cap', at('cap'), `deduction \`${d.id}\` has a negative cap (${d.cap})`, 'a cap is the most a deduction takes off; use 0 or more');
    }
    if (d.kind !== 'discretionary') return;
    if (dec(d.min).gt(dec(d.max))) {
      ctx.error('rubric/bad-range', at('max'), `deduction \`${d.id}\` allows amounts from ${d.min} to ${d.max}: its lowest is above its highest`, 'write the range as [lowest, highest]');
    }
    const b = ctx.scope.resolve(d.fact);
    if (!b) {
      ctx.error(
        'rubric/unknown-name',
        at('fact'),
        `deduction \`${d.id}\` records its amounts in fact \`${d.fact}\`, which is not declared`,
        didYouMean(d.fact, r.facts.map((f) => f.id)) ?? 'declare it under `facts` as a decimal (or a list with a decimal field)',
      );
      return;
    }
    if (b.kind !== 'fact') {
      ctx.error('rubric/bad-deduction-fact', at('fact'), `deduction \`${d.id}\` records its amounts in \`${d.fact}\`, which is ${describeBinding(b)}, not a fact`);
      return;
    }
    const t = b.fact.type;
    if (d.field === undefined) {
      if (!AMOUNT_KINDS.includes(t.kind)) {
        ctx.error(
          'rubric/bad-deduction-fact',
          at('fact'),
          `deduction \`${d.id}\` records its amount in fact \`${d.fact}\`, which is ${describeFactType(t)}; it must be a decimal or integer fact`,
          t.kind === 'list' ? 'name the field of each record that holds its amount with `field`' : undefined,
        );
      }
      return;
    }
    if (t.kind !== 'list') {
      ctx.error(
        'rubric/bad-deduction-fact',
        at('fact'),
        `deduction \`${d.id}\` takes amounts from field \`${d.field}\` of \`${d.fact}\`, but \`${d.fact}\` is ${describeFactType(t)}, not a list`,
        AMOUNT_KINDS.includes(t.kind) ? 'remove `field` to read the amount from the fact itself' : undefined,
      );
      return;
    }
    const field = t.fields.find((f) => f.id === d.field);
    if (!field) {
      ctx.error(
        'rubric/unknown-field',
        at('field'),
        `list \`${d.fact}\` has no field \`${d.field}\``,
        didYouMean(d.field, t.fields.map((f) => f.id)) ?? (t.fields.length > 0 ? `its fields are ${t.fields.map((f) => `\`${f.id}\``).join(', ')}` : undefined),
      );
      return;
    }
    if (!AMOUNT_KINDS.includes(field.type.kind)) {
      ctx.error(
        'rubric/bad-deduction-fact',
        at('field'),
        `deduction \`${d.id}\` takes amounts from field \`${d.field}\` of \`${d.fact}\`, which is ${describeFactType(field.type)}; it must be a decimal or integer field`,
      );
    }
  });
  if (r.deductionCap !== undefined && r.deductionCap < 0) {
    ctx.error('rubric/negative-cap', '/deductionCap', `the cap on all deductions is negative (${r.deductionCap})`, 'a cap is the most the deductions take off together; use 0 or more');
  }
}
