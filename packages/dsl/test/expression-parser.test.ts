import { describe, expect, it } from 'vitest';
import type { CstNode } from 'chevrotain';
import {
  EXPRESSION_TOKENS,
  ExpressionParser,
  ExpressionTokens,
  ExpressionVisitor,
  getExpressionParser,
  lexExpression,
  parseExpression,
  readSyntaxError,
} from '../src/index.js';

/** A grammar that embeds two expressions, the way the rubric grammar will. */
class GuardParser extends ExpressionParser {
  constructor() {
    super(EXPRESSION_TOKENS);
    this.performSelfAnalysis();
  }

  /** `where <condition> then <value>`. */
  guard = this.RULE('guard', () => {
    this.CONSUME(ExpressionTokens.Where);
    this.SUBRULE(this.expression);
    this.CONSUME(ExpressionTokens.Then);
    this.SUBRULE2(this.expression);
  });
}

describe('ExpressionParser', () => {
  it('is one shared instance, reset for each input', () => {
    expect(getExpressionParser()).toBe(getExpressionParser());
    expect(parseExpression('a +').issues).toHaveLength(1);
    expect(parseExpression('a + 1').issues).toEqual([]);
  });

  it('can be extended by a grammar that embeds expressions', () => {
    const parser = new GuardParser();
    const src = 'where x is full then round(y, 0.5)';
    parser.input = lexExpression(src).tokens;
    const cst = parser.guard();
    expect(parser.errors).toEqual([]);
    const visitor = new ExpressionVisitor(src);
    const [cond, value] = (cst.children['expression'] ?? []) as CstNode[];
    const c = visitor.expression(cond);
    const v = visitor.expression(value);
    expect(c?.expr).toEqual({ kind: 'binary', op: '==', left: { kind: 'ref', name: 'x' }, right: { kind: 'text', value: 'full' } });
    expect(v?.expr).toEqual({ kind: 'call', fn: 'round', args: [{ kind: 'ref', name: 'y' }, { kind: 'number', value: '0.5' }] });
    expect(visitor.spansOf(v!.expr, '/rule')).toEqual(
      new Map([
        ['/rule', { start: 21, end: 34 }],
        ['/rule/args/0', { start: 27, end: 28 }],
        ['/rule/args/1', { start: 30, end: 33 }],
      ]),
    );
    expect(visitor.issues).toEqual([]);
  });

  it('words the errors of an extending grammar the same way', () => {
    const parser = new GuardParser();
    parser.input = lexExpression('where x > then 1').tokens;
    parser.guard();
    expect(parser.errors).toHaveLength(1);
    expect(readSyntaxError(parser.errors[0]!)).toEqual({
      message: 'expected a value after the operator `>`, found the word `then`',
      hint: 'a value is missing before the word `then`',
    });
  });
});
