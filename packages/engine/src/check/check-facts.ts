/**
 * Fact declarations: bounds, defaults and list fields.
 */
import { didYouMean, pointer, type Fact, type FactType } from '@rubric/model';
import type { CheckContext } from './context.js';
import { isCalendarDate } from '@rubric/model';
import { dec } from './fold.js';
import { describeFactType } from './types.js';

interface Problem {
  path: string;
  message: string;
  hint?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

/** What is wrong with `v` as a value of type `t` (at `path`), or undefined when it fits. */
function valueProblem(t: FactType, v: unknown, path: string, noun: string): Problem | undefined {
  const wrong = (hint?: string): Problem => {
    const p: Problem = { path, message: `the default of ${noun} is ${show(v)}, but ${noun} is ${describeFactType(t)}` };
    if (hint !== undefined) p.hint = hint;
    return p;
  };
  switch (t.kind) {
    case 'boolean':
      return typeof v === 'boolean' ? undefined : wrong('use `true` or `false`');
    case 'integer':
    case 'decimal':
    case 'ratio': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return wrong();
      if (t.kind === 'integer' && !Number.isInteger(v)) return wrong('use a whole number');
      const lo = t.kind === 'ratio' ? 0 : t.min;
      const hi = t.kind === 'ratio' ? 1 : t.max;
      const d = dec(v);
      if ((lo !== undefined && d.lt(dec(lo))) || (hi !== undefined && d.gt(dec(hi)))) {
        return { path, message: `the default of ${noun} is ${d.toString()}, outside its range ${lo ?? '−∞'}..${hi ?? '+∞'}` };
      }
      return undefined;
    }
    case 'level': {
      const levels = t.levels.map((l) => l.value);
      if (typeof v === 'string' && levels.includes(v)) return undefined;
      return {
        path,
        message: `the default of ${noun} is ${show(v)}, which is not one of its levels (${levels.join(', ')})`,
        hint: (typeof v === 'string' ? didYouMean(v, levels) : undefined) ?? `use one of ${levels.join(', ')}`,
      };
    }
    case 'date':
      return typeof v === 'string' && isCalendarDate(v) ? undefined : wrong('write a calendar day as YYYY-MM-DD');
    case 'text':
      return typeof v === 'string' ? undefined : wrong('quote it as text');
    case 'list': {
      if (!Array.isArray(v)) return wrong('write a list of records, or `[]` for none');
      for (let k = 0; k < v.length; k++) {
        const rec: unknown = v[k];
        if (!isRecord(rec)) return { path: `${path}/${k}`, message: `record ${k + 1} of the default of ${noun} is ${show(rec)}, not a record`, hint: 'write each record as a map of field → value' };
        const fieldIds = t.fields.map((f) => f.id);
        for (const key of Object.keys(rec)) {
          if (fieldIds.includes(key)) continue;
          const p: Problem = { path: `${path}/${k}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: `record ${k + 1} of the default of ${noun} has \`${key}\`, which is not a field of it` };
          const h = didYouMean(key, fieldIds);
          if (h) p.hint = h;
          return p;
        }
        for (const f of t.fields) {
          const fp = `${path}/${k}/${f.id}`;
          if (!(f.id in rec)) {
            if (f.required) return { path: `${path}/${k}`, message: `record ${k + 1} of the default of ${noun} has no \`${f.id}\`` };
            continue;
          }
          const inner = valueProblem(f.type, rec[f.id], fp, `field \`${f.id}\``);
          if (inner) return { ...inner, message: `record ${k + 1} of the default of ${noun}: ${inner.message}` };
        }
      }
      return undefined;
    }
  }
}

function checkFact(ctx: CheckContext, f: Fact, path: string, listOf?: string): void {
  const noun = listOf ? `field \`${f.id}\` of \`${listOf}\`` : `fact \`${f.id}\``;
  const t = f.type;
  if ((t.kind === 'integer' || t.kind === 'decimal') && t.min !== undefined && t.max !== undefined && dec(t.min).gt(dec(t.max))) {
    ctx.error('rubric/bad-range', `${path}/type/max`, `${noun} has \`min\` ${t.min} above \`max\` ${t.max}`, 'swap them, or fix the one that is wrong');
  }
  if (t.kind === 'list') {
    t.fields.forEach((field, i) => {
      const fp = `${path}/type/fields/${i}`;
      if (field.type.kind === 'list') {
        ctx.error('rubric/nested-list', `${fp}/type`, `field \`${field.id}\` of \`${f.id}\` is a list; fields of a list must be single values`, 'make it a separate list fact');
        return;
      }
      checkFact(ctx, field, fp, f.id);
    });
  }
  if (!f.required && f.default === undefined) {
    ctx.error('rubric/missing-default', `${path}/required`, `${noun} is optional but has no default`, 'give it a `default`, the value to use when a subject leaves it out');
  }
  if (f.default !== undefined) {
    if (f.required) {
      ctx.warning('rubric/bad-default', `${path}/default`, `${noun} is required, so its default is never used`, 'remove the default, or make the fact optional');
    }
    const p = valueProblem(t, f.default, `${path}/default`, noun);
    if (p) ctx.error('rubric/bad-default', p.path, p.message, p.hint);
  }
}

/** `rubric/bad-range` (min > max), `rubric/nested-list`, `rubric/missing-default`, `rubric/bad-default`. */
export function checkFacts(ctx: CheckContext): void {
  ctx.rubric.facts.forEach((f, i) => checkFact(ctx, f, pointer('facts', i)));
}
