/**
 * Did-you-mean hints rest on an edit distance (with transpositions) that reuses its rows and
 * stops early past a bound: it must give what the plain table gives, and `closest` the same
 * suggestion as a search without the shortcuts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../src/index.js';

/** The whole table, no shortcuts. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function referenceClosest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const limit = Math.max(1, Math.floor(word.length / 3));
  for (const c of candidates) {
    const d = reference(word.toLowerCase(), c.toLowerCase());
    if (d < bestD && d <= limit) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '_', 'é', 'İ'), maxLength: 12 });

describe('editDistance', () => {
  it('equals the whole table, and past a bound says only that it is past it', () => {
    fc.assert(
      fc.property(word, word, fc.nat(6), (a, b, bound) => {
        const exact = reference(a, b);
        expect(editDistance(a, b)).toBe(exact);
        const bounded = editDistance(a, b, bound);
        if (exact <= bound) expect(bounded).toBe(exact);
        else expect(bounded).toBeGreaterThan(bound);
      }),
      { numRuns: 3000 },
    );
  });

  it('counts a transposition as one edit', () => {
    expect(editDistance('lable', 'label')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('points', 'points')).toBe(0);
  });
});

describe('closest', () => {
  it('suggests what the plain search suggests', () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 30 }), (w, candidates) => {
        expect(closest(w, candidates)).toBe(referenceClosest(w, candidates));
      }),
      { numRuns: 2000 },
    );
  });
});
