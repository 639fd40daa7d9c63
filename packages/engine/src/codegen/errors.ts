/** Why a rubric could not be turned into code. */

/**
 * The generator met something it does not compile: a type mismatch the checker would have
 * reported, a duplicated id, a missing pass-mark parameter. `compileRubric` then uses the
 * reference evaluator (which reports such defects per subject); the standalone emitter
 * reports it to the user.
 */
export class CodegenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodegenError';
  }
}
