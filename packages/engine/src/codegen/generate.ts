/**
 * The generated evaluator: source generation, and building it with `new Function` into a
 * {@link CompiledRubric} that the library uses like the reference one.
 */
import { plainContentHash, type EvaluationResult, type Rubric, type SubjectError } from '@rubric/model';
import type { CompiledRubric, EvaluateOptions } from '../evaluate/evaluator.js';
import { inputSchema } from '../evaluate/input-schema.js';
import { emitEvaluatorBody, emitEvaluatorParts, emitUnits, type UnitKind } from './emit-evaluator.js';
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
  /** Whether the fast path was generated. */
  readonly fastPath: boolean;
  private readonly generated: Generated;
  /**
   * The rubric as it was compiled, as JSON: what is generated or built later (the other
   * units, the reference for invalid subjects, the input schema, the source) must see the
   * rubric as it is now, not as the caller may have changed it since.
   */
  private readonly snapshot: string;
  /** The rubric parsed from {@link snapshot}, when first needed. */
  private copy: Rubric | undefined;
  private schema: object | undefined;
  private readonly options: GenerateOptions;

  constructor(
    readonly rubric: Rubric,
    reference: (rubric: Rubric) => CompiledRubric,
    options: GenerateOptions,
  ) {
    this.options = options;
    // The rubric is read as JSON reads it (it always was copied through JSON). Copying a large
    // one costs more than generating its fast path, though: when it is plain JSON data, which
    // a copy would not change, what is generated now reads the rubric itself (the caller
    // cannot change it meanwhile), and the copy is kept as text, parsed only when the later
    // units, the reference or the source are first needed.
    const plainHash = plainContentHash(rubric);
    this.snapshot = JSON.stringify(rubric);
    const now = plainHash === undefined ? this.frozen : rubric;
    const schema = inputSchema(now) as Record<string, unknown>;
    const parts = emitEvaluatorParts(now, schema, options, plainHash);
    this.hash = parts.hash;
    const fastBody = parts.unit('fast');
    this.fastPath = fastBody !== undefined;
    let later: ((kind: UnitKind) => string | undefined) | undefined;
    runtime ??= createRuntime();
    const rt = runtime;
    const load =
      (kind: UnitKind) =>
      (invalid: unknown): ScoringFn | null => {
        let body: string | undefined;
        if (kind === 'fast') body = fastBody;
        else if (this.fastPath || kind === 'exact') body = (later ??= emitUnits(this.frozen, this.inputSchema as Record<string, unknown>, this.hash, options))(kind);
        return body === undefined ? null : build<(rt: Runtime, invalid: unknown) => ScoringFn>(['rt', 'invalid'], body)(rt, invalid);
      };
    let ref: CompiledRubric | undefined;
    // The reference (and its ajv validator) is built only when a subject first needs it.
    const fallback: Fallback = { evaluate: (subject, o) => (ref ??= reference(this.frozen)).evaluate(subject, o) };
    const main = build<(rt: Runtime, fallback: Fallback, units: Record<UnitKind, (invalid: unknown) => ScoringFn | null>) => Generated>(['rt', 'fallback', 'units'], parts.main);
    this.generated = main(rt, fallback, { fast: load('fast'), fastExplain: load('fastExplain'), exact: load('exact') });
  }

  /** A copy of the rubric as it was compiled (parsed from the snapshot on first use). */
  private get frozen(): Rubric {
    return (this.copy ??= JSON.parse(this.snapshot) as Rubric);
  }

  /** JSON Schema of one subject's data (of the rubric as it was compiled). */
  get inputSchema(): object {
    return (this.schema ??= inputSchema(this.frozen));
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
