/**
 * What generated evaluators call at run time: exact decimals for the exact path, number
 * formatting, calendar dates and a few helpers.
 *
 * {@link createRuntime} is self-contained on purpose: it refers to nothing outside its own
 * body, so a standalone module embeds its source text (`createRuntime.toString()`) and runs
 * the very same code the library runs. Its decimal is a copy of the model's `Decimal`
 * (BigInt coefficient, 20-place half-even division, rounding to a step); property tests keep
 * the two equal.
 */

/** An exact decimal of the runtime: `c × 10^-s`. */
export interface RtDecimal {
  readonly c: bigint;
  readonly s: number;
  add(o: RtDecimal): RtDecimal;
  sub(o: RtDecimal): RtDecimal;
  mul(o: RtDecimal): RtDecimal;
  div(o: RtDecimal): RtDecimal;
  neg(): RtDecimal;
  abs(): RtDecimal;
  cmp(o: RtDecimal): -1 | 0 | 1;
  eq(o: RtDecimal): boolean;
  lt(o: RtDecimal): boolean;
  gt(o: RtDecimal): boolean;
  gte(o: RtDecimal): boolean;
  isZero(): boolean;
  isNegative(): boolean;
  isInteger(): boolean;
  roundTo(step: RtDecimal, mode: 'half-up' | 'down' | 'up'): RtDecimal;
  toString(): string;
  toNumber(): number;
}

/** An error met while scoring one subject; the subject comes out `invalid` with it. */
export interface RtEvalError extends Error {
  readonly code: string;
  readonly path: string;
}

/** The runtime object generated code receives as `rt`. */
export interface Runtime {
  /** Parses trusted decimal text (a literal of the rubric). */
  dec(text: string): RtDecimal;
  /** The decimal a JSON number stands for (its shortest text). */
  fromNumber(n: number): RtDecimal;
  fromInteger(n: number): RtDecimal;
  ZERO: RtDecimal;
  ONE: RtDecimal;
  min(a: RtDecimal, b: RtDecimal): RtDecimal;
  max(a: RtDecimal, b: RtDecimal): RtDecimal;
  /** A runtime value as JSON for explanations (decimals become numbers, list records are copied). */
  toJson(v: unknown): unknown;
  /** Exact text of the scaled integer `m × 10^-s` (no exponent, no trailing zeros). */
  fmt(m: number, s: number): string;
  isCalendarDate(text: string): boolean;
  /** A subject's `id` as text, or null. */
  idOf(subject: unknown): string | null;
  EvalError: new (code: string, message: string, path?: string) => RtEvalError;
  isEvalError(e: unknown): e is RtEvalError;
  /** Levenshtein hint for misspelt names: "did you mean `x`?". */
  didYouMean(word: string, candidates: Iterable<string>): string | undefined;
}

/** Builds the runtime. Must not refer to anything outside its body (see the module comment). */
export function createRuntime(): Runtime {
  const DIVISION_SCALE = 20;
  const POW10: bigint[] = [1n];
  const pow10 = (n: number): bigint => {
    while (POW10.length <= n) POW10.push(POW10[POW10.length - 1]! * 10n);
    return POW10[n]!;
  };
  const DECIMAL_TEXT = /^([+-])?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

  const divRound = (n: bigint, d: bigint, mode: string): bigint => {
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    let q = n / d;
    const r = n - q * d;
    if (r === 0n) return q;
    const neg = n < 0n;
    if (mode === 'down') return neg ? q - 1n : q;
    if (mode === 'up') return neg ? q : q + 1n;
    const twice = (r < 0n ? -r : r) * 2n;
    if (mode === 'half-up') {
      if (twice >= d) q += neg ? -1n : 1n;
      return q;
    }
    if (twice > d || (twice === d && q % 2n !== 0n)) q += neg ? -1n : 1n;
    return q;
  };

  class Dec implements RtDecimal {
    constructor(
      readonly c: bigint,
      readonly s: number,
    ) {}
    static of(c: bigint, s: number): Dec {
      if (s < 0) return new Dec(c * pow10(-s), 0);
      while (s > 0 && c % 10n === 0n) {
        c /= 10n;
        s--;
      }
      return new Dec(c, s);
    }
    private align(o: Dec): [bigint, bigint, number] {
      if (this.s === o.s) return [this.c, o.c, this.s];
      if (this.s > o.s) return [this.c, o.c * pow10(this.s - o.s), this.s];
      return [this.c * pow10(o.s - this.s), o.c, o.s];
    }
    add(o: Dec): Dec {
      const [a, b, s] = this.align(o);
      return Dec.of(a + b, s);
    }
    sub(o: Dec): Dec {
      const [a, b, s] = this.align(o);
      return Dec.of(a - b, s);
    }
    mul(o: Dec): Dec {
      return Dec.of(this.c * o.c, this.s + o.s);
    }
    div(o: Dec): Dec {
      if (o.c === 0n) throw new RangeError('division by zero');
      return Dec.of(divRound(this.c * pow10(o.s + DIVISION_SCALE), o.c * pow10(this.s), 'half-even'), DIVISION_SCALE);
    }
    neg(): Dec {
      return new Dec(-this.c, this.s);
    }
    abs(): Dec {
      return this.c < 0n ? this.neg() : this;
    }
    cmp(o: Dec): -1 | 0 | 1 {
      const [a, b] = this.align(o);
      return a < b ? -1 : a > b ? 1 : 0;
    }
    eq(o: Dec): boolean {
      return this.cmp(o) === 0;
    }
    lt(o: Dec): boolean {
      return this.cmp(o) < 0;
    }
    gt(o: Dec): boolean {
      return this.cmp(o) > 0;
    }
    gte(o: Dec): boolean {
      return this.cmp(o) >= 0;
    }
    isZero(): boolean {
      return this.c === 0n;
    }
    isNegative(): boolean {
      return this.c < 0n;
    }
    isInteger(): boolean {
      return this.s === 0 || this.c % pow10(this.s) === 0n;
    }
    roundTo(step: Dec, mode: string): Dec {
      if (step.c <= 0n) throw new RangeError('rounding step must be positive');
      const q = divRound(this.c * pow10(step.s), step.c * pow10(this.s), mode);
      return Dec.of(q * step.c, step.s);
    }
    toString(): string {
      const neg = this.c < 0n;
      let digits = (neg ? -this.c : this.c).toString();
      if (this.s > 0) {
        digits = digits.padStart(this.s + 1, '0');
        digits = `${digits.slice(0, -this.s)}.${digits.slice(-this.s)}`;
        digits = digits.replace(/\.?0+$/, '');
      }
      return neg && digits !== '0' ? `-${digits}` : digits;
    }
    toNumber(): number {
      return Number(this.toString());
    }
  }

  const parse = (text: string): Dec | undefined => {
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
    return Dec.of(coef, scale);
  };
  const dec = (text: string): Dec => {
    const d = parse(text);
    if (!d) throw new RangeError(`not a decimal number: ${JSON.stringify(text)}`);
    return d;
  };
  const fromNumber = (n: number): Dec => {
    if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
    if (Number.isSafeInteger(n)) return new Dec(BigInt(n), 0);
    return dec(String(n));
  };

  class EvalError extends Error implements RtEvalError {
    constructor(
      readonly code: string,
      message: string,
      readonly path = '',
    ) {
      super(message);
    }
  }

  const toJson = (v: unknown): unknown => {
    if (v instanceof Dec) return v.toNumber();
    if (Array.isArray(v)) {
      return v.map((r: Record<string, unknown>) => {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(r)) Object.defineProperty(out, k, { value: toJson(r[k]), enumerable: true, writable: true, configurable: true });
        return out;
      });
    }
    return v;
  };

  // Called for every failing subject's message: plain integer arithmetic, no regular expression.
  const fmt = (m: number, s: number): string => {
    const neg = m < 0;
    const a = neg ? -m : m;
    const p = 10 ** s;
    // `%` is exact on integers, so both parts are exact.
    let frac = a % p;
    const int = (a - frac) / p;
    const sign = neg && a !== 0 ? '-' : '';
    if (frac === 0) return `${sign}${int}`;
    let places = s;
    while (frac % 10 === 0) {
      frac /= 10;
      places--;
    }
    const f = String(frac);
    return `${sign}${int}.${'0'.repeat(places - f.length)}${f}`;
  };

  const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  const isCalendarDate = (text: string): boolean => {
    const m = DATE.exec(text);
    if (!m) return false;
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1) return false;
    const back = new Date(Date.UTC(y, mo - 1, d));
    return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d;
  };

  const idOf = (subject: unknown): string | null => {
    if (subject === null || typeof subject !== 'object' || Array.isArray(subject)) return null;
    const id = (subject as Record<string, unknown>).id;
    if (typeof id === 'string' && id !== '') return id;
    if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
    return null;
  };

  const editDistance = (a: string, b: string): number => {
    const m = a.length;
    const n = b.length;
    const d: number[][] = [];
    for (let i = 0; i <= m; i++) {
      const row = new Array<number>(n + 1).fill(0);
      row[0] = i;
      d.push(row);
    }
    for (let j = 0; j <= n; j++) d[0]![j] = j;
    for (let i = 1; i <= m; i++) {
      for (let j = 1; j <= n; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
        d[i]![j] = v;
      }
    }
    return d[m]![n]!;
  };
  const didYouMean = (word: string, candidates: Iterable<string>): string | undefined => {
    let best: string | undefined;
    let bestD = Infinity;
    const limit = Math.max(1, Math.floor(word.length / 3));
    for (const c of candidates) {
      const dist = editDistance(word.toLowerCase(), c.toLowerCase());
      if (dist < bestD && dist <= limit) {
        best = c;
        bestD = dist;
      }
    }
    return best === undefined ? undefined : `did you mean \`${best}\`?`;
  };

  const ZERO = new Dec(0n, 0);
  return {
    dec,
    fromNumber,
    fromInteger: (n: number) => new Dec(BigInt(n), 0),
    ZERO,
    ONE: new Dec(1n, 0),
    min: (a, b) => (b.lt(a) ? b : a),
    max: (a, b) => (b.gt(a) ? b : a),
    toJson,
    fmt,
    isCalendarDate,
    idOf,
    EvalError,
    isEvalError: (e: unknown): e is RtEvalError => e instanceof EvalError,
    didYouMean,
  };
}
