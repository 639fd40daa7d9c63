/** A small IR rubric and a hand-written stand-in for its compiled evaluator, for testing the CLI without the engine. */
import type { CompiledRubric, EvaluateOptions, EvaluationResult, Rubric, SubjectError } from '@rubric/rubric';

export const RUBRIC: Rubric = {
  format: 'rubric-ir/1',
  id: 'tiny',
  title: '小测试量表',
  version: '1',
  effective: { from: '2022-01-01' },
  total: 20,
  facts: [
    { id: 'a', label: 'A', type: { kind: 'decimal', min: 0, max: 10 }, required: true },
    { id: 'b', label: 'B', type: { kind: 'decimal', min: 0, max: 10 }, required: true },
    { id: 'media', label: '曝光', type: { kind: 'boolean' }, required: false, default: false },
  ],
  parameters: [{ id: 'pass_mark', periods: [{ value: 15, overrides: [] }] }],
  passMark: 'pass_mark',
  sections: [
    {
      id: 's1',
      title: '第一部分',
      indicators: [
        { id: 'ia', title: '指标A', max: 10, rule: { kind: 'expression', points: { kind: 'ref', name: 'a' } } },
        { id: 'ib', title: '指标B', max: 10, rule: { kind: 'expression', points: { kind: 'ref', name: 'b' } } },
      ],
    },
  ],
  hardRequirements: [],
  vetoes: [{ id: 'media_veto', reason: '媒体曝光', when: { kind: 'ref', name: 'media' } }],
  deductions: [],
  floor: 0,
  grades: [],
  tests: [],
};

const HASH = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

function base(id: string | null, asOf: string): EvaluationResult {
  return {
    format: 'rubric-result/1',
    id,
    outcome: 'invalid',
    total: null,
    sections: {},
    indicators: {},
    deductions: [],
    deductionTotal: 0,
    passMark: null,
    passMarkSource: null,
    hardRequirementsFailed: [],
    vetoes: [],
    reasons: [],
    grade: null,
    errors: [],
    asOf,
    rubric: { id: RUBRIC.id, version: RUBRIC.version, hash: HASH },
  };
}

/** Calls made to the fake, to assert on. */
export interface FakeCalls {
  evaluate: { subject: unknown; options: EvaluateOptions | undefined }[];
  invalid: { id: string | null; errors: SubjectError[] }[];
}

/** A fake compiled rubric: total = a + b, pass at 15, vetoed when `media` is true; `a`/`b` must be numbers. */
export function fakeCompiled(calls: FakeCalls = { evaluate: [], invalid: [] }): CompiledRubric & { calls: FakeCalls } {
  return {
    rubric: RUBRIC,
    hash: HASH,
    inputSchema: {},
    calls,
    evaluate(subject: unknown, options?: EvaluateOptions): EvaluationResult {
      calls.evaluate.push({ subject, options });
      const s = subject as Record<string, unknown>;
      const id = typeof s['id'] === 'string' || typeof s['id'] === 'number' ? String(s['id']) : null;
      const r = base(id, options?.asOf ?? RUBRIC.effective.from);
      const errors: SubjectError[] = [...(options?.inputErrors ?? [])];
      for (const k of ['a', 'b']) {
        if (typeof s[k] !== 'number' && !errors.some((e) => e.path === `/${k}`)) errors.push({ path: `/${k}`, code: 'data/wrong-type', message: `${k} must be a number` });
      }
      if (errors.length > 0) return { ...r, errors };
      const a = s['a'] as number;
      const b = s['b'] as number;
      const total = a + b;
      const vetoed = s['media'] === true;
      const result: EvaluationResult = {
        ...r,
        outcome: vetoed ? 'vetoed' : total >= 15 ? 'pass' : 'fail',
        total,
        sections: { s1: total },
        indicators: { ia: a, ib: b },
        passMark: 15,
        passMarkSource: { parameter: 'pass_mark', period: {} },
        vetoes: vetoed ? ['media_veto'] : [],
        reasons: vetoed
          ? [{ key: 'veto:media_veto', kind: 'veto', id: 'media_veto', message: '媒体曝光' }]
          : total < 15
            ? [{ key: 'below-pass-mark', kind: 'below-pass-mark', message: `total ${total} is below the pass mark 15` }]
            : [],
      };
      if (options?.explain) {
        result.explanation = {
          indicators: {
            ia: { branch: 'expression', rule: 'a', reads: { a } },
            ib: { branch: 'expression', rule: 'b', reads: { b } },
          },
          vetoes: { media_veto: { fired: vetoed, rule: 'media', reads: { media: s['media'] ?? false } } },
          hardRequirements: {},
          deductions: {},
        };
      }
      return result;
    },
    invalid(id: string | null, errors: SubjectError[], options?: { asOf?: string }): EvaluationResult {
      calls.invalid.push({ id, errors });
      return { ...base(id, options?.asOf ?? RUBRIC.effective.from), errors };
    },
  };
}

/** A result as the fake would give it for `subject`. */
export function resultOf(subject: Record<string, unknown>, asOf = '2022-06-20'): EvaluationResult {
  return fakeCompiled().evaluate(subject, { asOf });
}

/** An output stream that keeps what is written. */
export class MemoryStream {
  text = '';
  write(chunk: string | Uint8Array): boolean {
    // Bytes come whole records at a time (JSON Lines), so each decodes on its own.
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }
  once(): this {
    return this;
  }
}

/** Collects an async iterable into an array. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
