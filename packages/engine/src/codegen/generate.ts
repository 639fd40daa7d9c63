/**
 * The generated evaluator: source generation, and building it with `new Function` into a
 * {@link CompiledRubric} that the library uses like the reference one.
 */
import type { EvaluationResult, Rubric, SubjectError } from '@rubric/model';
import type { CompiledRubric, EvaluateOptions } from '../evaluate/compile-rubric.js';
import { inputSchema } from '../evaluate/input-schema.js';
import { emitEvaluatorBody, emitEvaluatorParts, type UnitKind } from './emit-evaluator.js';
import { createRuntime, type Runtime } from './runtime.js';

/** Options of {@link generateEvaluatorSource}. */
export interface GenerateOptions {
  /**
   * Generate the fast path (scaled integers; default true). Without it every subject is
   * scored by the exact path (BigInt decimals): differential tests use this to test that
   * path on every subject.
   */
  fastPath?: boolean;
}

/** The source of a generated evaluator. */
export interface EvaluatorSource {
  /**
   * Body of `function (rt, fallback)` returning `{ evaluate, invalid, paths }`: `rt` is
   * {@link createRuntime}'s object, `fallback.evaluate(subject, options)` scores subjects
   * the generated input check rejects (it reports their errors).
   */
  source: string;
  /** Whether the fast path was generated (it is not when the rubric's numbers do not fit scaled integers). */
  fastPath: boolean;
  /** Content hash of the rubric, as results carry it. */
  hash: string;
}

/** Generates the JavaScript of an evaluator for a rubric. Throws `CodegenError` for a rubric it cannot compile (one with type errors). */
export function generateEvaluatorSource(rubric: Rubric, options: GenerateOptions = {}): EvaluatorSource {
  const emitted = emitEvaluatorBody(rubric, inputSchema(rubric), options);
  return { source: emitted.body, fastPath: emitted.fastPath, hash: emitted.hash };
}

/** What generated code calls for subjects its input check rejects. */
export interface Fallback {
  evaluate(subject: unknown, options: EvaluateOptions): EvaluationResult;
}

/** What the generated code returns. */
export interface Generated {
  evaluate(subject: unknown, options?: EvaluateOptions): EvaluationResult;
  invalid(id: string | null, errors: SubjectError[], options?: { asOf?: string }): EvaluationResult;
  /** The parts, for white-box tests: the input check and each scoring path (`fast*` return undefined when they give up). */
  paths: {
    precheck(subject: object): boolean;
    exact(subject: object, asOf: string, id: string | null, explain: boolean): EvaluationResult;
    fast?: (subject: object, asOf: string, id: string | null) => EvaluationResult | undefined;
    fastExplain?: (subject: object, asOf: string, id: string | null) => EvaluationResult | undefined;
  };
}

let runtime: Runtime | undefined;

/** The source with line numbers, for an error message. */
function numbered(source: string): string {
  return source
    .split('\n')
    .map((l, i) => `${String(i + 1).padStart(5)}  ${l}`)
    .join('\n');
}

/** `new Function(...params, source)` (never `eval`); on a syntax error, the error shows the whole source. */
function build<F>(params: string[], source: string): F {
  try {
    return new Function(...params, source) as F;
  } catch (e) {
    throw new Error(`the generated evaluator does not compile (${(e as Error).message}); its source:\n${numbered(source)}`);
  }
}

/** Builds generated source (from {@link generateEvaluatorSource}) into its `{ evaluate, invalid, paths }`. */
export function buildEvaluator(source: string, fallback: Fallback): Generated {
  runtime ??= createRuntime();
  return build<(rt: Runtime, fallback: Fallback) => Generated>(['rt', 'fallback'], source)(runtime, fallback);
}

type ScoringFn = (...args: unknown[]) => unknown;

/**
 * A rubric compiled to generated code. The fast path without explanations is generated now;
 * the explaining fast path and the exact path are generated and built the first time a
 * subject needs them, which keeps compiling a large rubric quick.
 */
class GeneratedEvaluator implements CompiledRubric {
  readonly hash: string;
  readonly inputSchema: object;
  /** Whether the fast path was generated. */
  readonly fastPath: boolean;
  private readonly generated: Generated;
  private readonly frozen: Rubric;
  private readonly options: GenerateOptions;

  constructor(
    readonly rubric: Rubric,
    reference: (rubric: Rubric) => CompiledRubric,
    options: GenerateOptions,
  ) {
    // What is generated or built later must see the rubric as it is now.
    this.frozen = JSON.parse(JSON.stringify(rubric)) as Rubric;
    this.options = options;
    this.inputSchema = inputSchema(this.frozen);
    const parts = emitEvaluatorParts(this.frozen, this.inputSchema as Record<string, unknown>, options);
    this.hash = parts.hash;
    const fastBody = parts.unit('fast');
    this.fastPath = fastBody !== undefined;
    runtime ??= createRuntime();
    const rt = runtime;
    const load =
      (kind: UnitKind) =>
      (invalid: unknown): ScoringFn | null => {
        const body = kind === 'fast' ? fastBody : this.fastPath || kind === 'exact' ? parts.unit(kind) : undefined;
        return body === undefined ? null : build<(rt: Runtime, invalid: unknown) => ScoringFn>(['rt', 'invalid'], body)(rt, invalid);
      };
    let ref: CompiledRubric | undefined;
    // The reference (and its ajv validator) is built only when a subject first needs it.
    const fallback: Fallback = { evaluate: (subject, o) => (ref ??= reference(this.frozen)).evaluate(subject, o) };
    const main = build<(rt: Runtime, fallback: Fallback, units: Record<UnitKind, (invalid: unknown) => ScoringFn | null>) => Generated>(['rt', 'fallback', 'units'], parts.main);
    this.generated = main(rt, fallback, { fast: load('fast'), fastExplain: load('fastExplain'), exact: load('exact') });
  }

  /** The whole generated source, as {@link generateEvaluatorSource} gives it (for inspection). */
  get source(): string {
    return generateEvaluatorSource(this.frozen, this.options).source;
  }

  /** The parts, for white-box tests. */
  get paths(): Generated['paths'] {
    return this.generated.paths;
  }

  evaluate(subject: unknown, options?: EvaluateOptions): EvaluationResult {
    return this.generated.evaluate(subject, options);
  }

  invalid(id: string | null, errors: SubjectError[], options?: { asOf?: string }): EvaluationResult {
    return this.generated.invalid(id, errors, options);
  }
}

/** Compiles a rubric to a generated evaluator. Throws `CodegenError` when it cannot. */
export function compileGenerated(rubric: Rubric, reference: (rubric: Rubric) => CompiledRubric, options: GenerateOptions = {}): CompiledRubric {
  return new GeneratedEvaluator(rubric, reference, options);
}
