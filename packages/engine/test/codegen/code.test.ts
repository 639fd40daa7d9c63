import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { _, Block, Code, Name, NameGen, key, literal, numberLiteral, quote, setProp } from '../../src/codegen/code.js';
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

  it('come only from prefixes that are identifiers', () => {
    const g = new NameGen();
    for (const bad of ['1', 'a-b', 'a b', '', 'a"', '\u2028']) expect(() => g.next(bad)).toThrow(/not a valid identifier/);
    expect(String(g.next('ok_$'))).toMatch(/^ok_\$\d+$/);
  });
});

/**
 * The former Block, which kept one indented line per entry (splitting multi-line code into
 * lines at every level): the text of the current one, which joins statements as it goes, must
 * be the same for any sequence of statements and nesting.
 */
class LineBlock {
  readonly lines: string[] = [];
  constructor(readonly indent = '  ') {}
  push(text: string): void {
    for (const line of text.split('\n')) this.lines.push(this.indent + line);
  }
  child(): LineBlock {
    return new LineBlock(`${this.indent}  `);
  }
  wrap(head: string, child: LineBlock, tail: string): void {
    this.lines.push(`${this.indent}${head} {`, ...child.lines, `${this.indent}}${tail}`);
  }
  ifElse(head: string, then: LineBlock, otherwise: LineBlock): void {
    this.lines.push(`${this.indent}${head} {`, ...then.lines);
    if (otherwise.lines.length === 0) this.lines.push(`${this.indent}}`);
    else this.lines.push(`${this.indent}} else {`, ...otherwise.lines, `${this.indent}}`);
  }
}

type Op = { op: 'push'; text: string; times: number } | { op: 'wrap' | 'splice' | 'fresh'; body: Op[] } | { op: 'ifElse'; then: Op[]; otherwise: Op[] };

describe('a block of statements', () => {
  const textArb = fc.oneof(fc.constantFrom('x = 1;', '', 'a\nb', '\n', 'if (a) {\n  b;\n}', 'last\n'), fc.string({ maxLength: 6 }));
  const opsArb = fc.letrec<{ ops: Op[]; op: Op }>((tie) => ({
    ops: fc.array(tie('op'), { maxLength: 6 }),
    op: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      // Enough statements at times to fill the runs a block joins (256).
      fc.record({ op: fc.constant('push' as const), text: textArb, times: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 300 })) }),
      fc.record({ op: fc.constantFrom('wrap' as const, 'splice' as const, 'fresh' as const), body: tie('ops') }),
      fc.record({ op: fc.constant('ifElse' as const), then: tie('ops'), otherwise: tie('ops') }),
    ),
  })).ops;

  /** Runs the operations on both blocks; `fresh` makes a block of the default indent, as the case tables do. */
  function run(ops: Op[], b: Block, l: LineBlock): void {
    for (const o of ops) {
      if (o.op === 'push') {
        for (let i = 0; i < o.times; i++) {
          b.push(new Code(o.text));
          l.push(o.text);
        }
      } else if (o.op === 'ifElse') {
        const [bt, lt, bo, lo] = [b.child(), l.child(), b.child(), l.child()];
        run(o.then, bt, lt);
        run(o.otherwise, bo, lo);
        b.ifElse(_`if (c)`, bt, bo);
        l.ifElse('if (c)', lt, lo);
      } else {
        const [bc, lc] = o.op === 'fresh' ? [new Block(), new LineBlock()] : [b.child(), l.child()];
        run(o.body, bc, lc);
        if (o.op === 'wrap') {
          b.wrap(_`while (w)`, bc, _`;`);
          l.wrap('while (w)', lc, ';');
        } else {
          b.append(bc);
          l.lines.push(...lc.lines);
        }
      }
    }
  }

  it('writes the same text as one indented line per entry would', () => {
    fc.assert(
      fc.property(opsArb, fc.constantFrom('', '  ', '    '), (ops, indent) => {
        const b = new Block(indent);
        const l = new LineBlock(indent);
        run(ops, b, l);
        expect(b.text()).toBe(l.lines.join('\n'));
        expect(b.isEmpty()).toBe(l.lines.length === 0);
      }),
      // Shrinking thousands of statements takes long: report the first failing case as it is.
      { numRuns: 200, endOnFailure: true },
    );
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
