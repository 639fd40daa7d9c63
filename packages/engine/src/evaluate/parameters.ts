/**
 * Parameters: the period in force on the as-of date, then the first override whose
 * condition holds for the subject; resolved lazily once per subject, and the pass mark
 * among them. The interpreter's counterpart of `codegen/emit-parameters.ts`.
 */
import { Decimal, formatExpr, type Parameter, type PassMarkSource, type Reason, type Rubric } from '@rubric/model';
import { compileExpr, type Compiled, type CompileScope } from './compile-expr.js';
import { EvalError, bool, type Env, type Value } from './values.js';

interface CompiledPeriod {
  from?: string;
  until?: string;
  value: Decimal;
  overrides: { when: Compiled; value: Decimal; text: string }[];
}

/** The value a parameter takes for one subject, and which rule chose it. */
export interface ResolvedParameter {
  value: Decimal;
  source: PassMarkSource;
}

/** A parameter compiled for repeated resolution. */
export class CompiledParameter {
  private readonly periods: CompiledPeriod[];

  constructor(
    readonly parameter: Parameter,
    scope: CompileScope,
  ) {
    this.periods = parameter.periods.map((p) => {
      const c: CompiledPeriod = {
        value: Decimal.fromNumber(p.value),
        overrides: p.overrides.map((o) => ({ when: compileExpr(o.when, scope), value: Decimal.fromNumber(o.value), text: formatExpr(o.when) })),
      };
      if (p.from !== undefined) c.from = p.from;
      if (p.until !== undefined) c.until = p.until;
      return c;
    });
  }

  /** Resolves for one subject on one date; throws EvalError when no period is in force. */
  resolve(env: Env, asOf: string): ResolvedParameter {
    const period = this.periods.find((p) => (p.from === undefined || p.from <= asOf) && (p.until === undefined || asOf <= p.until));
    if (!period) {
      throw new EvalError('eval/no-parameter-value', `no value of \`${this.parameter.id}\` is in force on ${asOf}`);
    }
    const span: PassMarkSource['period'] = {};
    if (period.from !== undefined) span.from = period.from;
    if (period.until !== undefined) span.until = period.until;
    for (let i = 0; i < period.overrides.length; i++) {
      const o = period.overrides[i]!;
      if (bool(o.when(env))) return { value: o.value, source: { parameter: this.parameter.id, period: span, override: i, when: o.text } };
    }
    return { value: period.value, source: { parameter: this.parameter.id, period: span } };
  }
}

/** Every parameter of the rubric compiled, by id. */
export function compileParameters(rubric: Rubric, scope: CompileScope): Map<string, CompiledParameter> {
  const params = new Map<string, CompiledParameter>();
  for (const p of rubric.parameters) params.set(p.id, new CompiledParameter(p, scope));
  return params;
}

/** An environment over one subject's facts whose parameters resolve on first use, once each. */
export function parameterEnv(params: Map<string, CompiledParameter>, facts: Record<string, Value>, asOf: string): Env {
  const cache = new Map<string, ResolvedParameter>();
  const env: Env = {
    facts,
    param(pid) {
      let r = cache.get(pid);
      if (!r) {
        // Overrides read facts; keep those reads out of whichever rule asked first.
        const saved = env.reads;
        if (saved) env.reads = {};
        r = params.get(pid)!.resolve(env, asOf);
        env.reads = saved;
        cache.set(pid, r);
      }
      return r.value;
    },
  };
  return env;
}

/** Resolves the pass mark for one subject; pushes the below-pass-mark reason onto `reasons` when the total falls short. */
export function resolvePassMark(params: Map<string, CompiledParameter>, passMark: string, env: Env, asOf: string, total: Decimal, reasons: Reason[]): ResolvedParameter {
  const pass = params.get(passMark)!.resolve(env, asOf);
  if (total.lt(pass.value)) {
    reasons.push({ key: 'below-pass-mark', kind: 'below-pass-mark', message: `total ${total.toString()} is below the pass mark ${pass.value.toString()}` });
  }
  return pass;
}
