import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { EvaluationResult, Rubric } from '@rubric/model';
import { compileRubric, emitStandaloneModule, type CompiledRubric, type EvaluateOptions } from '../../src/index.js';
import { beijingIr, perfectSubject } from '../evaluate/fixtures.js';
import { differential } from './differential.js';
import { defectsIr, featuresIr, injectionIr } from './rubrics.js';

/**
 * Standalone modules, imported as files: with `--validate` they give the library's results
 * on every subject, errors included; without, the same on every subject their input check
 * accepts, and one general error otherwise.
 */
const dir = mkdtempSync(join(tmpdir(), 'rubric-standalone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface StandaloneModule {
  evaluate(subject: unknown, options?: EvaluateOptions): EvaluationResult;
  invalid: CompiledRubric['invalid'];
  rubric: { id: string; version: string; title: string; hash: string };
  validateSubject?: (s: unknown) => boolean;
  default: StandaloneModule['evaluate'];
}

let n = 0;
async function load(rubric: Rubric, validate: boolean): Promise<{ text: string; mod: StandaloneModule }> {
  const text = emitStandaloneModule(rubric, { validate });
  const file = join(dir, `m${++n}.mjs`);
  writeFileSync(file, text);
  return { text, mod: (await import(pathToFileURL(file).href)) as StandaloneModule };
}

/** The module as a CompiledRubric, for the differential harness. */
function asCompiled(rubric: Rubric, mod: StandaloneModule, generalErrors: boolean): CompiledRubric {
  const reference = compileRubric(rubric, { evaluator: 'reference' });
  return {
    rubric,
    hash: reference.hash,
    inputSchema: reference.inputSchema,
    invalid: mod.invalid,
    evaluate(subject, options) {
      const r = mod.evaluate(subject, options);
      // Without a validator the module cannot name errors: those subjects are compared by outcome only.
      if (generalErrors && r.errors.length === 1 && r.errors[0]!.code === 'data/invalid') return reference.evaluate(subject, options);
      // Where the reference throws on a number that is not finite, the module says so (tested below).
      if (r.errors.length === 1 && r.errors[0]!.code === 'data/not-a-number' && r.errors[0]!.path === '') return reference.evaluate(subject, options);
      return r;
    },
  };
}

describe('standalone module', () => {
  it('exports evaluate, invalid, rubric metadata and, with --validate, ajv’s validator', async () => {
    const { mod } = await load(beijingIr(), true);
    const reference = compileRubric(beijingIr(), { evaluator: 'reference' });
    expect(mod.rubric).toEqual({ id: 'beijing-epidemic-free-community', version: '2022-06', title: '北京市无疫社区（村）创建工作量表', hash: reference.hash });
    expect(Object.isFrozen(mod.rubric)).toBe(true);
    expect(mod.default).toBe(mod.evaluate);
    expect(mod.evaluate(perfectSubject(), { asOf: '2022-06-20', explain: true })).toEqual(reference.evaluate(perfectSubject(), { asOf: '2022-06-20', explain: true }));
    expect(mod.validateSubject?.(perfectSubject())).toBe(true);
    expect(mod.validateSubject?.({})).toBe(false);
    expect(mod.invalid('x', [], { asOf: '2022-06-20' })).toEqual(reference.invalid('x', [], { asOf: '2022-06-20' }));
  });

  it('imports nothing (no ajv, nothing of this project), with or without validation', async () => {
    for (const validate of [false, true]) {
      const { text } = await load(beijingIr(), validate);
      expect(text).not.toMatch(/^\s*import\b|\brequire\(|\bimport\(/m);
    }
  });

  it('without --validate: the same results where its check accepts the subject, one general error otherwise', async () => {
    const { mod } = await load(beijingIr(), false);
    expect(mod.validateSubject).toBeUndefined();
    const r = mod.evaluate(perfectSubject({ checkpoint_24h: 'fulll' }), { asOf: '2022-06-20' });
    expect(r.outcome).toBe('invalid');
    expect(r.errors).toEqual([{ path: '', code: 'data/invalid', message: "the subject does not match the rubric's input schema (compile with --validate to see each error)" }]);
    expect(mod.evaluate(null).errors).toEqual([{ path: '', code: 'data/not-an-object', message: 'a subject must be an object of facts' }]);
    const pre = [{ path: '/four_piece_check_rate', code: 'data/not-a-number', message: 'x' }];
    expect(mod.evaluate(perfectSubject(), { inputErrors: pre }).errors).toEqual(pre);
    differential(beijingIr(), compileRubric(beijingIr(), { evaluator: 'reference' }), [asCompiled(beijingIr(), mod, true)], 3000, 11, { seeds: [perfectSubject()] });
  });

  for (const [name, rubric] of [
    ['Beijing', beijingIr()],
    ['every rule kind', featuresIr()],
    ['rubric defects', defectsIr()],
    ['nasty strings', injectionIr()],
  ] as const) {
    it(`with --validate: the library's results, errors included (${name})`, async () => {
      const { mod } = await load(rubric, true);
      const seeds = name === 'Beijing' ? [perfectSubject()] : undefined;
      differential(rubric, compileRubric(rubric, { evaluator: 'reference' }), [asCompiled(rubric, mod, false)], 3000, 12, { ...(seeds ? { seeds } : {}), brokenShare: 0.2 });
    });
  }

  it('a subject with a number that is not finite is invalid, not a crash', async () => {
    const rubric = featuresIr();
    const { mod } = await load(rubric, true);
    const subject = { opened: '2022-01-01', budget: 1, rate: 1, big: 1, complaints: 0, risk: 'low', measured: Infinity };
    const r = mod.evaluate(subject);
    expect(r.outcome).toBe('invalid');
    // Said as the library says it: the field, data/not-finite.
    expect(r.errors).toEqual(compileRubric(rubric).evaluate(subject).errors);
    expect(r.errors.map((e) => [e.path, e.code])).toEqual([['/measured', 'data/not-finite']]);
  });
});
