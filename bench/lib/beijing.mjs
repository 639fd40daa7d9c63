// The Beijing rubric and a deterministic dataset of its subjects, shared by every part of
// the benchmark. Reads the built packages (`npm run bench` builds first).
import { fileURLToPath } from 'node:url';
import { compileRubric, loadRubric } from '@rubric/rubric';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BEIJING_FILE = `${ROOT}rubrics/beijing-epidemic-free-community/2022-06.yaml`;
export const AS_OF = '2022-06-20';

/** The Beijing rubric's IR. */
export async function loadBeijing() {
  const loaded = await loadRubric(BEIJING_FILE);
  if (!loaded.rubric) throw new Error(`the Beijing rubric does not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  return loaded.rubric;
}

/**
 * Compiles with the evaluator asked for, and says which one came back: `compileRubric` takes
 * `{evaluator: 'generated' | 'reference'}` once code generation has landed; before that (or
 * for a rubric the generator cannot compile) it gives the reference interpreter.
 */
export function compileWith(rubric, evaluator) {
  const compiled = compileRubric(rubric, { evaluator });
  return { compiled, kind: evaluatorKind(compiled) };
}

/**
 * `generated` for a generated evaluator, else `reference`. A generated evaluator says whether
 * it has a fast path (`fastPath`, a boolean); the reference interpreter has no such field.
 * (Not `compiled.source`: that getter generates the whole source again, which at 10,000
 * indicators took longer than compiling.)
 */
export function evaluatorKind(compiled) {
  return typeof compiled.fastPath === 'boolean' ? 'generated' : 'reference';
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function prng(seed) {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` valid subjects of the rubric, the same every run: levels uniform, ratios with three
 * decimals (one in ten an odd multiple of 0.025, exactly where `round(10 × r, 0.5)` or
 * `round(6 × r, 0.5)` is half-way, and where binary floating point goes wrong), booleans mostly true, vetoes rare, complaints mostly 0–3.
 */
export function subjects(rubric, n, seed = 20220614) {
  return [...subjectStream(rubric, n, seed)];
}

/** The same subjects one at a time, for datasets too large to hold. */
export function* subjectStream(rubric, n, seed = 20220614) {
  const rand = prng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  for (let i = 0; i < n; i++) {
    const s = { id: `S-${i}` };
    for (const f of rubric.facts) {
      const t = f.type;
      if (t.kind === 'level') s[f.id] = pick(t.levels).value;
      else if (t.kind === 'ratio') s[f.id] = rand() < 0.1 ? ((2 * Math.floor(rand() * 20) + 1) * 25) / 1000 : Math.round(rand() * 1000) / 1000;
      else if (t.kind === 'boolean') s[f.id] = rand() < (/reported|lapse/.test(f.id) ? 0.03 : 0.85);
      else if (t.kind === 'integer') s[f.id] = Math.floor(rand() * rand() * 8);
    }
    yield s;
  }
}
