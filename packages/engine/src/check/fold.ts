/**
 * Constant folding of number expressions, with exact decimals.
 */
import { Decimal, type Expr } from '@rubric/model';

/**
 * The value of an expression made only of number literals, `-`, `+ - * /`, and the
 * number functions; undefined when it reads a name or cannot be computed (÷ 0).
 */
export function constantNumber(e: Expr): Decimal | undefined {
  switch (e.kind) {
    case 'number':
      return Decimal.parse(e.value);
    case 'unary': {
      if (e.op !== 'neg') return undefined;
      return constantNumber(e.operand)?.neg();
    }
    case 'binary': {
      if (!['+', '-', '*', '/'].includes(e.op)) return undefined;
      const a = constantNumber(e.left);
      const b = constantNumber(e.right);
      if (!a || !b) return undefined;
      if (e.op === '+') return a.add(b);
      if (e.op === '-') return a.sub(b);
      if (e.op === '*') return a.mul(b);
      return b.isZero() ? undefined : a.div(b);
    }
    case 'call': {
      const args = e.args.map(constantNumber);
      if (args.some((a) => a === undefined)) return undefined;
      const xs = args as Decimal[];
      const [x, y, z] = xs;
      switch (e.fn) {
        case 'min':
          return xs.length >= 2 ? xs.reduce((m, v) => Decimal.min(m, v)) : undefined;
        case 'max':
          return xs.length >= 2 ? xs.reduce((m, v) => Decimal.max(m, v)) : undefined;
        case 'abs':
          return xs.length === 1 ? x?.abs() : undefined;
        case 'clamp':
          return xs.length === 3 && x && y && z && y.lte(z) ? Decimal.min(Decimal.max(x, y), z) : undefined;
        case 'round':
        case 'round_down':
        case 'round_up':
          if (xs.length !== 2 || !x || !y || y.coef <= 0n) return undefined;
          return x.roundTo(y, e.fn === 'round' ? 'half-up' : e.fn === 'round_down' ? 'down' : 'up');
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Decimal of an IR number (a JSON number standing for an exact decimal). */
export function dec(n: number): Decimal {
  return Decimal.fromNumber(n);
}
