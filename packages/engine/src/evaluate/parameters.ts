/**
 * Parameters: the period in force on the as-of date, then the first override whose
 * condition holds for the subject.
 */
import { Decimal, formatExpr, type Parameter, type PassMarkSource } from '@rubric/model';
import { compileExpr, type Compiled, type CompileScope } from './compile-expr.js';
import { EvalError, bool, type Env } from './values.js';

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
