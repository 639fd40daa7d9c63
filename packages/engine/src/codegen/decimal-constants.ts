/**
 * The rubric's numbers as decimals, parsed once: cached conversions of numbers and number
 * literals to {@link Decimal}, and the scaled integer (coefficient) of a decimal at a scale.
 */
import { Decimal } from '@rubric/model';
import { MAX_SCALE } from './emit-context.js';

/*
 * A rubric uses a few distinct numbers many times over (each indicator's maximum, its points):
 * they are parsed once. Decimals are immutable, so the caches can be shared; they are bounded
 * so that compiling many rubrics cannot grow them without end.
 */
const CACHE_LIMIT = 10_000;
const fromNumbers = new Map<number, Decimal>();
const fromTexts = new Map<string, Decimal | null>();

/** The decimal of a number from the rubric, cached. */
export function decimalsOf(n: number): Decimal {
  let d = fromNumbers.get(n);
  if (d === undefined) {
    d = Decimal.fromNumber(n);
    if (fromNumbers.size >= CACHE_LIMIT) fromNumbers.clear();
    // -0 and 0 are one key of a Map, and one decimal.
    fromNumbers.set(n, d);
  }
  return d;
}

/** `Decimal.parse` of a number literal's text, cached. */
export function parseDecimal(text: string): Decimal | undefined {
  let d = fromTexts.get(text);
  if (d === undefined) {
    d = Decimal.parse(text) ?? null;
    if (fromTexts.size >= CACHE_LIMIT) fromTexts.clear();
    fromTexts.set(text, d);
  }
  return d ?? undefined;
}

const SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/** Coefficient of `d` at scale `s` (≥ d.scale) as a JS number, or undefined when it is not a safe integer. */
export function coefAt(d: Decimal, s: number): number | undefined {
  if (s < d.scale || s > MAX_SCALE) return undefined;
  if (d.coef <= SAFE_BIG && d.coef >= -SAFE_BIG) {
    // Both factors are exact doubles (10^k is for k ≤ 22): the product is exact when it is a
    // safe integer, and rounds to an unsafe one when it is not — as the BigInt product says.
    const n = Number(d.coef) * 10 ** (s - d.scale);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  const c = d.coef * 10n ** BigInt(s - d.scale);
  const n = Number(c);
  return Number.isSafeInteger(n) && BigInt(n) === c ? n : undefined;
}

