// Every way the benchmark evaluates the Beijing rubric, built from its IR. Each entry gives a
// `build(rubric, hash)` (what "compile time" times) returning `evaluate(subject)`; async ones
// return promises. `full` evaluators return the engine's whole result; the others return
// `{outcome, total}`.
import { compileWith, AS_OF } from '../lib/beijing.mjs';
import { handWritten, handWrittenMinimal } from './hand-written.mjs';
import { compileJsonRulesEngine } from './json-rules-engine.mjs';
import { compileJsonLogic } from './json-logic.mjs';
import { compileZen } from './zen.mjs';

/** Builds the rubric's evaluator of the given kind; `kind` tells which one came back. */
function project(evaluator, explain) {
  return (rubric) => {
    const { compiled, kind } = compileWith(rubric, evaluator);
    const options = explain ? { asOf: AS_OF, explain: true } : { asOf: AS_OF };
    const evaluate = (s) => compiled.evaluate(s, options);
    evaluate.kind = kind;
    return evaluate;
  };
}

export const ENGINES = [
  { name: 'generated', label: 'this project, generated evaluator', full: true, build: project('generated', false) },
  { name: 'generated+explain', label: 'generated, with explanation', full: true, explain: true, build: project('generated', true) },
  { name: 'reference', label: 'this project, reference interpreter', full: true, build: project('reference', false) },
  { name: 'reference+explain', label: 'reference, with explanation', full: true, explain: true, build: project('reference', true) },
  { name: 'hand-written', label: 'hand-written JS (the ceiling)', full: true, build: (rubric, hash) => { const f = handWritten(rubric, hash); return (s) => f(s, AS_OF); } },
  { name: 'hand-written-minimal', label: 'hand-written, outcome + total only', build: () => handWrittenMinimal() },
  { name: 'json-logic-js', label: 'json-logic-js 2.0.5', build: (rubric) => compileJsonLogic(rubric) },
  { name: 'json-rules-engine', label: 'json-rules-engine 7.3.1', async: true, build: (rubric) => compileJsonRulesEngine(rubric) },
  { name: 'zen-engine', label: '@gorules/zen-engine 0.54.0', async: true, build: (rubric) => compileZen(rubric) },
];
