import { describe, expect, it } from 'vitest';
import { Decimal } from '@rubric/model';
import { RangeAnalyzer, Scope, checkExprType, typeOfExpr, CHECK_CODES, formatInterval } from '../../src/check/index.js';
import { beijingRubric } from './beijing.js';
import { bool, fact, level, ratio, rubric, x } from './helpers.js';

const r = rubric({
  facts: [ratio('rate'), level('risk', ['low', 'high']), fact('checkpoints', { kind: 'list', fields: [bool('staffed'), fact('rate', { kind: 'integer', min: 0 })] })],
});

describe('Scope', () => {
  it('resolves facts and parameters; inside an aggregate, fields first', () => {
    const scope = Scope.ofRubric(r);
    expect(scope.resolve('rate')).toMatchObject({ kind: 'fact', path: '/facts/0' });
    expect(scope.resolve('pass_mark')).toMatchObject({ kind: 'parameter', path: '/parameters/0' });
    expect(scope.resolve('staffed')).toBeUndefined();
    const b = scope.resolve('checkpoints');
    if (b?.kind !== 'fact') throw new Error('checkpoints');
    const inner = scope.enterList(b.fact, b.path);
    expect(inner.resolve('rate')).toMatchObject({ kind: 'field', path: '/facts/2/type/fields/1' });
    expect(inner.resolve('risk')).toMatchObject({ kind: 'fact' });
    expect(inner.visibleNames().slice(0, 2)).toEqual(['staffed', 'rate']);
    expect(scope.listNames()).toEqual(['checkpoints']);
  });
});

describe('typeOfExpr / checkExprType', () => {
  const scope = Scope.ofRubric(r);
  it('infers types', () => {
    expect(typeOfExpr(x('round(10 * rate, 0.5)'), scope).type).toEqual({ kind: 'number' });
    expect(typeOfExpr(x('risk'), scope).type).toEqual({ kind: 'level', fact: 'risk', levels: ['low', 'high'] });
    expect(typeOfExpr(x('if rate > 0.5 then risk else low'), scope).type.kind).toBe('level');
    expect(typeOfExpr(x('count(checkpoints where staffed and rate > 2)'), scope)).toEqual({ type: { kind: 'number' }, issues: [] });
    expect(typeOfExpr(x('nope'), scope).type).toEqual({ kind: 'unknown' });
  });

  it('issues are relative to the path given', () => {
    const { issues } = typeOfExpr(x('rate and true'), scope, '/here');
    expect(issues.map((i) => i.path)).toEqual(['/here/left']);
    expect(checkExprType(x('rate'), 'boolean', scope, '/p', 'the condition').issues[0]?.message).toBe('`rate` is a ratio (a number); the condition must be true/false');
  });
});

describe('RangeAnalyzer', () => {
  it('ranges and possibilities', () => {
    const an = new RangeAnalyzer(r, Scope.ofRubric(r));
    const env = an.baseEnv();
    expect(formatInterval(an.numberRange(x('round(10 * rate, 0.5)'), env))).toBe('[0, 10]');
    expect(formatInterval(an.numberRange(x('if risk is low then 80 else 85'), env))).toBe('[80, 85]');
    expect(an.possible(x('rate > 1'), env)).toEqual({ canTrue: false, canFalse: true });
    expect(an.possible(x('risk is low or risk is high'), env)).toEqual({ canTrue: true, canFalse: false });
    const narrowed = an.assume(x('rate <= 0.25'), true, env);
    expect(narrowed && an.numberRange(x('4 * rate'), narrowed).hi?.eq(Decimal.ONE)).toBe(true);
  });
});

describe('CHECK_CODES', () => {
  it('lists every code the tests see, with a severity', () => {
    expect(Object.keys(CHECK_CODES).length).toBeGreaterThan(35);
    for (const c of Object.values(CHECK_CODES)) expect(['error', 'warning']).toContain(c.severity);
    expect(beijingRubric().sections).toHaveLength(3);
  });
});
