/**
 * Exact decimal arithmetic for scores: a value is `coef × 10^-scale` with a BigInt
 * coefficient, so 0.1 + 0.2 is 0.3 and 84.9 + 0.1 reaches 85.
 *
 * Addition, subtraction and multiplication are exact. Division is exact whenever the
 * quotient has at most {@link DIVISION_SCALE} decimal places, and otherwise rounds half
 * to even at that place (a rubric that divides should round explicitly with `round`).
 */

/** Decimal places kept by a division whose quotient does not terminate. */
export const DIVISION_SCALE = 20;

const TEN = 10n;
const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1]! * TEN);
  return POW10[n]!;
}

const DECIMAL_TEXT = /^([+-])?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** How `round` resolves a value between two multiples of the step. */
export type RoundingMode = 'half-up' | 'down' | 'up';

/** Integer quotient of n / d (d > 0) under a rounding mode; half-up rounds ties away from zero. */
function divRound(n: bigint, d: bigint, mode: RoundingMode | 'half-even'): bigint {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  let q = n / d; // truncates toward zero
  const r = n - q * d;
  if (r === 0n) return q;
  const neg = n < 0n;
  switch (mode) {
    case 'down': // toward −∞
      return neg ? q - 1n : q;
    case 'up': // toward +∞
      return neg ? q : q + 1n;
    case 'half-up': {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice >= d) q += neg ? -1n : 1n;
      return q;
    }
    case 'half-even': {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice > d || (twice === d && q % 2n !== 0n)) q += neg ? -1n : 1n;
      return q;
    }
  }
}

/** An immutable exact decimal number. */
export class Decimal {
  private constructor(
    /** Coefficient; the value is `coef / 10^scale`. */
    readonly coef: bigint,
    /** Non-negative count of decimal places. */
    readonly scale: number,
  ) {}

  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);

  /** Builds from a coefficient and scale, dropping trailing zeros. */
  static of(coef: bigint, scale = 0): Decimal {
    if (scale < 0) return new Decimal(coef * pow10(-scale), 0);
    while (scale > 0 && coef % TEN === 0n) {
      coef /= TEN;
      scale--;
    }
    return new Decimal(coef, scale);
  }

  /** Parses decimal text (`"84.9"`, `"-0.5"`, `"1e-7"`); returns undefined when it is not a number. */
  static parse(text: string): Decimal | undefined {
    const m = DECIMAL_TEXT.exec(text.trim());
    if (!m) return undefined;
    const [, sign, int, frac = '', exp] = m;
    let scale = frac.length - (exp ? Number(exp) : 0);
    if (!Number.isFinite(scale) || Math.abs(scale) > 10_000) return undefined;
    let coef = BigInt(int! + frac);
    if (sign === '-') coef = -coef;
    if (scale < 0) {
      coef *= pow10(-scale);
      scale = 0;
    }
    return Decimal.of(coef, scale);
  }

  /** Parses decimal text, throwing on malformed input (for trusted literals). */
  static from(text: string): Decimal {
    const d = Decimal.parse(text);
    if (!d) throw new RangeError(`not a decimal number: ${JSON.stringify(text)}`);
    return d;
  }

  /**
   * The decimal a JSON/JS number stands for: its shortest round-trip text, which is
   * what the person wrote (`0.1` is 0.1, not 0.1000000000000000055…).
   */
  static fromNumber(n: number): Decimal {
    if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
    if (Number.isSafeInteger(n)) return new Decimal(BigInt(n), 0);
    return Decimal.from(String(n));
  }

  static fromInteger(n: number | bigint): Decimal {
    return new Decimal(BigInt(n), 0);
  }

  private align(other: Decimal): [bigint, bigint, number] {
    if (this.scale === other.scale) return [this.coef, other.coef, this.scale];
    if (this.scale > other.scale) return [this.coef, other.coef * pow10(this.scale - other.scale), this.scale];
    return [this.coef * pow10(other.scale - this.scale), other.coef, other.scale];
  }

  add(o: Decimal): Decimal {
    const [a, b, s] = this.align(o);
    return Decimal.of(a + b, s);
  }

  sub(o: Decimal): Decimal {
    const [a, b, s] = this.align(o);
    return Decimal.of(a - b, s);
  }

  mul(o: Decimal): Decimal {
    return Decimal.of(this.coef * o.coef, this.scale + o.scale);
  }

  /** Quotient; throws RangeError on division by zero (the engine reports it per subject). */
  div(o: Decimal): Decimal {
    if (o.coef === 0n) throw new RangeError('division by zero');
    // (a / 10^s1) / (b / 10^s2) = a·10^(s2+P) / (b·10^s1) · 10^-P
    const n = this.coef * pow10(o.scale + DIVISION_SCALE);
    const d = o.coef * pow10(this.scale);
    return Decimal.of(divRound(n, d, 'half-even'), DIVISION_SCALE);
  }

  neg(): Decimal {
    return new Decimal(-this.coef, this.scale);
  }

  abs(): Decimal {
    return this.coef < 0n ? this.neg() : this;
  }

  /** −1, 0 or 1. */
  cmp(o: Decimal): -1 | 0 | 1 {
    const [a, b] = this.align(o);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(o: Decimal): boolean {
    return this.cmp(o) === 0;
  }
  lt(o: Decimal): boolean {
    return this.cmp(o) < 0;
  }
  lte(o: Decimal): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Decimal): boolean {
    return this.cmp(o) > 0;
  }
  gte(o: Decimal): boolean {
    return this.cmp(o) >= 0;
  }

  isZero(): boolean {
    return this.coef === 0n;
  }
  isNegative(): boolean {
    return this.coef < 0n;
  }
  isInteger(): boolean {
    return this.scale === 0 || this.coef % pow10(this.scale) === 0n;
  }

  static min(a: Decimal, b: Decimal): Decimal {
    return b.lt(a) ? b : a;
  }
  static max(a: Decimal, b: Decimal): Decimal {
    return b.gt(a) ? b : a;
  }

  /**
   * Rounds to a multiple of `step` (> 0): `half-up` (ties away from zero, 四舍五入),
   * `down` (toward −∞) or `up` (toward +∞). `round(5.75, 0.5)` is 6.
   */
  roundTo(step: Decimal, mode: RoundingMode = 'half-up'): Decimal {
    if (step.coef <= 0n) throw new RangeError('rounding step must be positive');
    // q = this / step = (a·10^s2) / (b·10^s1)
    const n = this.coef * pow10(step.scale);
    const d = step.coef * pow10(this.scale);
    const q = divRound(n, d, mode);
    return Decimal.of(q * step.coef, step.scale);
  }

  /** Canonical text: no exponent, no trailing zeros, `-` only when negative (`"85"`, `"0.5"`). */
  toString(): string {
    const neg = this.coef < 0n;
    let digits = (neg ? -this.coef : this.coef).toString();
    if (this.scale > 0) {
      digits = digits.padStart(this.scale + 1, '0');
      digits = `${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`;
      digits = digits.replace(/\.?0+$/, '');
    }
    return neg && digits !== '0' ? `-${digits}` : digits;
  }

  /** The nearest JS number; JSON.stringify of it prints this decimal's text (up to 15 significant digits). */
  toNumber(): number {
    return Number(this.toString());
  }

  toJSON(): number {
    return this.toNumber();
  }
}

/** Whether a JS number survives the trip to Decimal and back (finite, ≤ 15 significant digits). */
export function isExactNumber(n: number): boolean {
  if (!Number.isFinite(n)) return false;
  // Significant digits of the shortest text: leading and trailing zeros do not count.
  const digits = String(n).replace(/e.*$/i, '').replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length <= 15;
}
