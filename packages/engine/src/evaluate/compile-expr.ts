/**
 * Expression → closure. Names are resolved once, here, so evaluation does no lookups
 * by name beyond a property read. The checker has already proven names and types;
 * anything it could not prove (division by zero, a non-positive rounding step) is an
 * EvalError for the subject at hand.
 */
import { Decimal, type Expr, type Fact, type RoundingMode } from '@rubric/model';
import { EvalError, bool, list, num, sameValue, toJson, type Env, type RecordValue, type Value } from './values.js';

/** A compiled expression. */
export type Compiled = (env: Env) => Value;

/** What names mean where an expression is compiled. */
export interface CompileScope {
  facts: ReadonlyMap<string, Fact>;
  parameters: ReadonlySet<string>;
  /** Fields of the list record in scope (inside an aggregate), innermost first. */
  fields?: ReadonlySet<string>;
}

const ROUNDING: Record<string, RoundingMode> = { round: 'half-up', round_down: 'down', round_up: 'up' };

/** Compiles an expression to a closure over an {@link Env}. */
export function compileExpr(e: Expr, scope: CompileScope): Compiled {
  switch (e.kind) {
    case 'number': {
      const d = Decimal.from(e.value);
      return () => d;
    }
    case 'boolean':
    case 'text':
    case 'date': {
      const v = e.value;
      return () => v;
    }
    case 'ref':
      return compileRef(e.name, scope);
    case 'unary': {
      const x = compileExpr(e.operand, scope);
      return e.op === 'not' ? (env) => !bool(x(env)) : (env) => num(x(env)).neg();
    }
    case 'binary':
      return compileBinary(e.op, compileExpr(e.left, scope), compileExpr(e.right, scope));
    case 'if': {
      const c = compileExpr(e.cond, scope);
      const t = compileExpr(e.then, scope);
      const f = compileExpr(e.else, scope);
      return (env) => (bool(c(env)) ? t(env) : f(env));
    }
    case 'in': {
      const v = compileExpr(e.value, scope);
      const options = e.options.map((o) => compileExpr(o, scope));
      return (env) => {
        const x = v(env);
        return options.some((o) => sameValue(x, o(env)));
      };
    }
    case 'call':
      return compileCall(e.fn, e.args.map((a) => compileExpr(a, scope)));
    case 'aggregate':
      return compileAggregate(e, scope);
  }
}

function compileRef(name: string, scope: CompileScope): Compiled {
  if (scope.fields?.has(name)) {
    return (env) => {
      const v = env.record?.[name];
      if (v === undefined) throw new EvalError('internal/unbound', `field \`${name}\` read outside its list`);
      return v;
    };
  }
  if (scope.facts.has(name)) {
    return (env) => {
      const v = env.facts[name]!;
      if (env.reads) env.reads[name] = toJson(v);
      return v;
    };
  }
  if (scope.parameters.has(name)) {
    return (env) => {
      const v = env.param(name);
      if (env.reads) env.reads[name] = v.toNumber();
      return v;
    };
  }
  throw new EvalError('internal/unknown-name', `unknown name \`${name}\` (the checker should have caught this)`);
}

function compileBinary(op: string, l: Compiled, r: Compiled): Compiled {
  switch (op) {
    case 'and':
      return (env) => bool(l(env)) && bool(r(env));
    case 'or':
      return (env) => bool(l(env)) || bool(r(env));
    case '+':
      return (env) => num(l(env)).add(num(r(env)));
    case '-':
      return (env) => num(l(env)).sub(num(r(env)));
    case '*':
      return (env) => num(l(env)).mul(num(r(env)));
    case '/':
      return (env) => {
        const d = num(r(env));
        if (d.isZero()) throw new EvalError('eval/division-by-zero', 'division by zero');
        return num(l(env)).div(d);
      };
    case '==':
      return (env) => sameValue(l(env), r(env));
    case '!=':
      return (env) => !sameValue(l(env), r(env));
    default:
      return compileOrdering(op, l, r);
  }
}

function compileOrdering(op: string, l: Compiled, r: Compiled): Compiled {
  const test: (c: number) => boolean =
    op === '<' ? (c) => c < 0 : op === '<=' ? (c) => c <= 0 : op === '>' ? (c) => c > 0 : (c) => c >= 0;
  return (env) => {
    const a = l(env);
    const b = r(env);
    if (a instanceof Decimal) return test(a.cmp(num(b)));
    // Dates (YYYY-MM-DD) order as text.
    if (typeof a === 'string' && typeof b === 'string') return test(a < b ? -1 : a > b ? 1 : 0);
    throw new EvalError('internal/type', `cannot order ${JSON.stringify(toJson(a))} and ${JSON.stringify(toJson(b))}`);
  };
}

function compileCall(fn: string, args: Compiled[]): Compiled {
  const mode = ROUNDING[fn];
  if (mode) {
    const [x, s] = args as [Compiled, Compiled];
    return (env) => {
      const step = num(s(env));
      if (step.coef <= 0n) throw new EvalError('eval/bad-step', `${fn} needs a positive step, got ${step.toString()}`);
      return num(x(env)).roundTo(step, mode);
    };
  }
  switch (fn) {
    case 'min':
      return (env) => args.map((a) => num(a(env))).reduce((m, x) => Decimal.min(m, x));
    case 'max':
      return (env) => args.map((a) => num(a(env))).reduce((m, x) => Decimal.max(m, x));
    case 'abs': {
      const [x] = args as [Compiled];
      return (env) => num(x(env)).abs();
    }
    case 'clamp': {
      const [x, lo, hi] = args as [Compiled, Compiled, Compiled];
      return (env) => Decimal.min(Decimal.max(num(x(env)), num(lo(env))), num(hi(env)));
    }
    default:
      throw new EvalError('internal/unknown-function', `unknown function ${fn}`);
  }
}

function compileAggregate(e: Extract<Expr, { kind: 'aggregate' }>, scope: CompileScope): Compiled {
  const fact = scope.facts.get(e.list);
  const fields = new Set(fact?.type.kind === 'list' ? fact.type.fields.map((f) => f.id) : []);
  const inner: CompileScope = { ...scope, fields };
  const source = compileRef(e.list, { ...scope, fields: undefined });
  const where = e.where ? compileExpr(e.where, inner) : undefined;
  const value = e.value ? compileExpr(e.value, inner) : undefined;

  // Visits the records that pass `where`, restoring the outer record afterwards.
  const each = (env: Env, visit: (env: Env) => boolean | void): void => {
    const outer = env.record;
    try {
      for (const rec of list(source(env))) {
        env.record = rec as RecordValue;
        if (where && !bool(where(env))) continue;
        if (visit(env) === false) break;
      }
    } finally {
      env.record = outer;
    }
  };

  switch (e.fn) {
    case 'count':
      return (env) => {
        let n = 0;
        each(env, () => {
          n++;
        });
        return Decimal.fromInteger(n);
      };
    case 'sum':
      return (env) => {
        let s = Decimal.ZERO;
        each(env, (en) => {
          s = s.add(num(value!(en)));
        });
        return s;
      };
    case 'all':
      return (env) => {
        let ok = true;
        each(env, (en) => {
          if (!bool(value!(en))) ok = false;
          return ok;
        });
        return ok;
      };
    case 'any':
      return (env) => {
        let hit = false;
        each(env, (en) => {
          if (bool(value!(en))) hit = true;
          return !hit;
        });
        return hit;
      };
  }
}
