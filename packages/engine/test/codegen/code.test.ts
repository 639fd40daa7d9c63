import { describe, expect, it } from 'vitest';
import { _, Name, NameGen, key, literal, numberLiteral, quote, setProp } from '../../src/codegen/code.js';
import { NASTY } from './rubrics.js';

/** Evaluates generated code as an expression. */
const run = (code: { toString(): string }): unknown => new Function(`return (${code.toString()});`)();

describe('the code template quotes every plain value', () => {
  it('turns each nasty string into a literal that evaluates back to itself', () => {
    for (const s of NASTY) {
      expect(run(_`${s}`)).toBe(s);
      // Inside a larger expression, the string still cannot end it early.
      expect(run(_`[${s}, 1].length`)).toBe(2);
    }
  });

  it('escapes the line separators JSON leaves alone', () => {
    expect(quote('a\u2028b\u2029c')).toBe('"a\\u2028b\\u2029c"');
    expect(quote('a\u2028b')).not.toMatch(/\u2028/);
  });

  it('parenthesises negative numbers and refuses numbers that are not finite', () => {
    expect(numberLiteral(-5)).toBe('(-5)');
    expect(run(_`10 - ${-5}`)).toBe(15);
    expect(String(_`${0.5}`)).toBe('0.5');
    expect(() => numberLiteral(Number.NaN)).toThrow(/finite/);
    expect(() => numberLiteral(Infinity)).toThrow(/finite/);
  });

  it('splices code and names unquoted, and rejects anything else', () => {
    const x = new Name('x1');
    expect(String(_`${x} + ${_`2`}`)).toBe('x1 + 2');
    expect(String(_`${true} ${null} ${undefined}`)).toBe('true null undefined');
    expect(() => _`${{} as unknown as string}`).toThrow(/cannot splice/);
  });
});

describe('generated names', () => {
  it('accepts identifiers only', () => {
    for (const bad of ['1a', 'a-b', 'a b', '', 'a"', 'a;b', '\u2028']) expect(() => new Name(bad)).toThrow(/not a valid identifier/);
    expect(String(new Name('$_a1'))).toBe('$_a1');
  });

  it('are unique', () => {
    const g = new NameGen();
    expect(String(g.next('v'))).not.toBe(String(g.next('v')));
  });
});

describe('rubric names as property keys', () => {
  it('keeps __proto__ an own data property in object literals and assignments', () => {
    expect(String(key('__proto__'))).toBe('["__proto__"]');
    const o = run(literal({ __proto__: 1, constructor: 2 } as unknown as Record<string, number>)) as object;
    // A literal `{"__proto__": 1}` would have set the prototype instead.
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['constructor']);
    const built = run(literal(JSON.parse('{"__proto__": 1, "constructor": 2}'))) as object;
    expect(Object.keys(built)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype);
    const target = {};
    new Function('o', setProp(_`o`, '__proto__', _`5`).toString())(target);
    expect(Object.getOwnPropertyDescriptor(target, '__proto__')?.value).toBe(5);
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
  });
});
