/**
 * CST → AST for expressions. The semantics of the syntax live here: operator meanings,
 * `is` / `in` sugar, literals, calls, aggregates and dates, and the checks the grammar
 * leaves open (arity, unknown functions, chained comparisons, list items, depth).
 *
 * It works on partial trees left by error recovery: a gap yields `undefined` and the
 * checks that need the missing part are skipped.
 *
 * The call checks and function tables live in `expression-calls.ts`; the types and CST
 * helpers both use live in `expression-cst.ts`.
 */
import type { CstNode, IToken } from 'chevrotain';
import { Decimal, RESERVED_WORDS, didYouMean, walkExpr } from '@rubric/model';
import type { BinaryOp, Expr } from '@rubric/model';
import { textTokenValue } from './expression-lexer.js';
import { makeIssue } from './issues.js';
import type { ExpressionIssue, ExpressionIssueCode, TextRange } from './issues.js';
import { tokenMatcher } from './chevrotain.js';
import { False, TOKEN_OPERATORS, Text, True, shorten } from './tokens.js';
import {
  FUNCTION_NAMES,
  buildAggregate,
  buildCall,
  buildDate,
  isAggregateFn,
  isCallFn,
  noWhere,
  reportReservedName,
} from './expression-calls.js';
import { endOf, isReal, isToken, nodesOf, startOf, tokensOf, type Argument, type BuildSink, type BuiltExpr } from './expression-cst.js';

export { FUNCTION_NAMES, FUNCTION_SIGNATURES } from './expression-calls.js';
export { isToken } from './expression-cst.js';
export type { BuiltExpr } from './expression-cst.js';

/** Deepest expression tree accepted; deeper trees are reported as `expr/too-deep`. */
export const MAX_TREE_DEPTH = 500;

/**
 * Builds expression ASTs from `expression` CST nodes, collecting issues as it goes.
 * One visitor per parsed text; it remembers each node's range for {@link spansOf}.
 */
export class ExpressionVisitor {
  /** Problems found while building. */
  readonly issues: ExpressionIssue[] = [];
  private readonly ranges = new Map<Expr, TextRange>();
  private wordsAsText = false;
  private tooDeepReported = false;
  /** This visitor as the call checks see it. */
  private readonly sink: BuildSink;

  /** `text` is the parsed source, for quoting it in hints. */
  constructor(
    private readonly text: string,
    private readonly maxDepth = MAX_TREE_DEPTH,
  ) {
    this.sink = {
      text,
      make: (expr, start, end, kids) => this.make(expr, start, end, kids),
      issue: (code, message, start, end, hint) => this.issue(code, message, start, end, hint),
    };
  }

  /**
   * JSON pointer (under `prefix`) of each node of `root` → its source range.
   * Empty after an `expr/too-deep` issue, so that a runaway tree is never walked.
   */
  spansOf(root: Expr, prefix = ''): Map<string, TextRange> {
    const spans = new Map<string, TextRange>();
    if (this.tooDeepReported) return spans;
    walkExpr(
      root,
      (node, pointer) => {
        const r = this.ranges.get(node);
        if (r) spans.set(pointer, { start: r.start, end: r.end });
      },
      prefix,
    );
    return spans;
  }

  /** Builds an `expression` node (`if` chains and everything below). */
  expression(node: CstNode | undefined): BuiltExpr | undefined {
    if (!node) return undefined;
    const ifs = tokensOf(node, 'If');
    const parts = nodesOf(node, 'orExpression').map((n) => this.orExpression(n));
    if (parts.length !== 2 * ifs.length + 1) return undefined;
    let acc = parts[parts.length - 1];
    for (let i = ifs.length - 1; i >= 0; i--) {
      const cond = parts[2 * i];
      const then = parts[2 * i + 1];
      const ifTok = ifs[i]!;
      if (!acc || !cond || !then || !isReal(ifTok)) return undefined;
      acc = this.make({ kind: 'if', cond: cond.expr, then: then.expr, else: acc.expr }, startOf(ifTok), acc.end, [cond, then, acc]);
    }
    return acc;
  }

  private orExpression(node: CstNode): BuiltExpr | undefined {
    const parts = nodesOf(node, 'andExpression').map((n) => this.andExpression(n));
    return this.fold(parts, tokensOf(node, 'Or').length, () => 'or');
  }

  private andExpression(node: CstNode): BuiltExpr | undefined {
    const parts = nodesOf(node, 'notExpression').map((n) => this.notExpression(n));
    return this.fold(parts, tokensOf(node, 'And').length, () => 'and');
  }

  private notExpression(node: CstNode): BuiltExpr | undefined {
    const nots = tokensOf(node, 'Not');
    let acc = this.comparison(nodesOf(node, 'comparison')[0]);
    for (let i = nots.length - 1; i >= 0 && acc; i--) {
      const t = nots[i]!;
      if (!isReal(t)) return undefined;
      acc = this.make({ kind: 'unary', op: 'not', operand: acc.expr }, startOf(t), acc.end, [acc]);
    }
    return acc;
  }

  private comparison(node: CstNode | undefined): BuiltExpr | undefined {
    if (!node) return undefined;
    const left = this.additive(nodesOf(node, 'additive')[0]);
    const tails = nodesOf(node, 'comparisonTail');
    if (tails.length === 0) return left;
    const first = this.comparisonTail(left, tails[0]!);
    if (tails.length > 1) {
      // Build the rest only to find the errors inside them.
      const second = tails[1]!;
      let prev = first;
      for (const tail of tails.slice(1)) prev = this.comparisonTail(prev, tail);
      const opTok = this.firstToken(second);
      if (opTok) {
        this.issue(
          'expr/chained-comparison',
          'comparisons cannot be chained',
          startOf(opTok),
          endOf(opTok),
          this.chainHint(node, left),
        );
      }
      return undefined;
    }
    return first;
  }

  private chainHint(node: CstNode, left: BuiltExpr | undefined): string {
    const generic = 'compare two values at a time and join the comparisons with `and`';
    const tails = nodesOf(node, 'comparisonTail');
    const [t1, t2] = tails;
    if (!left || !t1 || !t2) return generic;
    const op1 = tokensOf(t1, 'CompareOp')[0];
    const op2 = tokensOf(t2, 'CompareOp')[0];
    const mid = nodesOf(t1, 'additive')[0];
    const right = nodesOf(t2, 'additive')[0];
    if (!isReal(op1) || !isReal(op2) || !mid?.location || !right?.location) return generic;
    const src = (n: CstNode): string => this.text.slice(n.location!.startOffset, (n.location!.endOffset ?? n.location!.startOffset) + 1);
    const a = this.text.slice(left.start, left.end);
    const b = src(mid);
    const c = src(right);
    if ([a, b, c].some((s) => s.length > 40)) return generic;
    return `compare two values at a time and join the comparisons with \`and\`: \`${a} ${op1.image} ${b} and ${b} ${op2.image} ${c}\``;
  }

  private firstToken(node: CstNode): IToken | undefined {
    let best: IToken | undefined;
    for (const list of Object.values(node.children)) {
      for (const el of list) {
        const t = isToken(el) ? el : undefined;
        if (isReal(t) && (!best || t.startOffset < best.startOffset)) best = t;
      }
    }
    return best;
  }

  private comparisonTail(left: BuiltExpr | undefined, tail: CstNode): BuiltExpr | undefined {
    const opTok = tokensOf(tail, 'CompareOp')[0];
    if (opTok) {
      const right = this.additive(nodesOf(tail, 'additive')[0]);
      if (!left || !right) return undefined;
      const op = TOKEN_OPERATORS.get(opTok.tokenType) ?? '==';
      return this.make({ kind: 'binary', op, left: left.expr, right: right.expr }, left.start, right.end, [left, right]);
    }
    if (tokensOf(tail, 'Is').length > 0) {
      const negated = tokensOf(tail, 'Not').length > 0;
      const w = [...tokensOf(tail, 'Identifier'), ...tokensOf(tail, 'Text'), ...tokensOf(tail, 'True'), ...tokensOf(tail, 'False')][0];
      if (!left || !isReal(w)) return undefined;
      const value: Expr = tokenMatcher(w, True)
        ? { kind: 'boolean', value: true }
        : tokenMatcher(w, False)
          ? { kind: 'boolean', value: false }
          : tokenMatcher(w, Text)
            ? { kind: 'text', value: textTokenValue(w) }
            : { kind: 'text', value: w.image };
      const right = this.make(value, startOf(w), endOf(w), []);
      return this.make({ kind: 'binary', op: negated ? '!=' : '==', left: left.expr, right: value }, left.start, right.end, [left, right]);
    }
    if (tokensOf(tail, 'In').length > 0) {
      const bare = nodesOf(tail, 'additive')[0];
      if (bare) {
        const value = this.additive(bare);
        if (value) {
          const src = shorten(this.text.slice(value.start, value.end), 30);
          this.issue('expr/in-list', '`in` needs a list in brackets', value.start, value.end, `write \`[${src}]\`, or use \`==\` to compare with one value`);
        }
        return undefined;
      }
      const list = nodesOf(tail, 'list')[0];
      const options = list ? this.list(list) : undefined;
      if (!left || !options) return undefined;
      return this.make(
        { kind: 'in', value: left.expr, options: options.items.map((o) => o.expr) },
        left.start,
        options.end,
        [left, ...options.items],
      );
    }
    return undefined;
  }

  private list(node: CstNode): { items: BuiltExpr[]; end: number } | undefined {
    const saved = this.wordsAsText;
    const items: (BuiltExpr | undefined)[] = [];
    for (const e of nodesOf(node, 'expression')) {
      this.wordsAsText = true;
      try {
        items.push(this.expression(e));
      } finally {
        this.wordsAsText = saved;
      }
    }
    const ok: BuiltExpr[] = [];
    for (const item of items) {
      if (!item) return undefined;
      if (!this.isLiteral(item.expr)) {
        this.issue(
          'expr/list-item',
          `the items of a list must be plain values (numbers, words, text or dates), not \`${shorten(this.text.slice(item.start, item.end), 40)}\``,
          item.start,
          item.end,
          '`in` compares with fixed values; to compare with a computed value, use `==`',
        );
      }
      ok.push(item);
    }
    const close = tokensOf(node, 'RBracket')[0];
    if (!isReal(close)) return undefined;
    return { items: ok, end: endOf(close) };
  }

  private isLiteral(e: Expr): boolean {
    switch (e.kind) {
      case 'number':
      case 'text':
      case 'boolean':
      case 'date':
        return true;
      case 'unary':
        return e.op === 'neg' && e.operand.kind === 'number';
      default:
        return false;
    }
  }

  private additive(node: CstNode | undefined): BuiltExpr | undefined {
    if (!node) return undefined;
    const ops = tokensOf(node, 'AdditiveOp');
    const parts = nodesOf(node, 'multiplicative').map((n) => this.multiplicative(n));
    return this.fold(parts, ops.length, (i) => TOKEN_OPERATORS.get(ops[i]!.tokenType) ?? '+');
  }

  private multiplicative(node: CstNode): BuiltExpr | undefined {
    const ops = tokensOf(node, 'MultiplicativeOp');
    const parts = nodesOf(node, 'unary').map((n) => this.unary(n));
    return this.fold(parts, ops.length, (i) => TOKEN_OPERATORS.get(ops[i]!.tokenType) ?? '*');
  }

  private unary(node: CstNode): BuiltExpr | undefined {
    const minus = tokensOf(node, 'Minus');
    let acc = this.primary(nodesOf(node, 'primary')[0]);
    for (let i = minus.length - 1; i >= 0 && acc; i--) {
      const t = minus[i]!;
      if (!isReal(t)) return undefined;
      acc = this.make({ kind: 'unary', op: 'neg', operand: acc.expr }, startOf(t), acc.end, [acc]);
    }
    return acc;
  }

  private primary(node: CstNode | undefined): BuiltExpr | undefined {
    if (!node) return undefined;
    const c = node.children;
    const num = (c['NumberLiteral'] as IToken[] | undefined)?.[0];
    if (num) {
      if (!isReal(num)) return undefined;
      // A malformed number was reported by the lexer; 0 keeps the tree whole.
      const value = /^\d+(?:\.\d+)?$/.test(num.image) ? (Decimal.parse(num.image)?.toString() ?? '0') : '0';
      return this.make({ kind: 'number', value }, startOf(num), endOf(num), []);
    }
    const text = (c['Text'] as IToken[] | undefined)?.[0];
    if (text) {
      if (!isReal(text)) return undefined;
      return this.make({ kind: 'text', value: textTokenValue(text) }, startOf(text), endOf(text), []);
    }
    const bool = ((c['True'] ?? c['False']) as IToken[] | undefined)?.[0];
    if (bool) {
      if (!isReal(bool)) return undefined;
      return this.make({ kind: 'boolean', value: tokenMatcher(bool, True) }, startOf(bool), endOf(bool), []);
    }
    const call = nodesOf(node, 'nameOrCall')[0];
    if (call) return this.nameOrCall(call);
    const paren = nodesOf(node, 'parenthesized')[0];
    if (paren) return this.parenthesized(paren);
    return undefined;
  }

  private parenthesized(node: CstNode): BuiltExpr | undefined {
    const inner = this.expression(nodesOf(node, 'expression')[0]);
    if (!inner) return undefined;
    const open = tokensOf(node, 'LParen')[0];
    const close = tokensOf(node, 'RParen')[0];
    const start = isReal(open) ? startOf(open) : inner.start;
    const end = isReal(close) ? endOf(close) : inner.end;
    this.ranges.set(inner.expr, { start, end });
    return { ...inner, start, end };
  }

  private nameOrCall(node: CstNode): BuiltExpr | undefined {
    const id = tokensOf(node, 'Identifier')[0];
    if (!isReal(id)) return undefined;
    const name = id.image;
    const open = tokensOf(node, 'LParen')[0];
    if (!open) {
      if (this.wordsAsText) return this.make({ kind: 'text', value: name }, startOf(id), endOf(id), []);
      if (RESERVED_WORDS.has(name)) reportReservedName(this.sink, id);
      return this.make({ kind: 'ref', name }, startOf(id), endOf(id), []);
    }
    const close = tokensOf(node, 'RParen')[0];
    const args = nodesOf(node, 'callArgument').map((a) => this.callArgument(a));
    const start = startOf(id);
    let end = isReal(close) ? endOf(close) : endOf(id);
    if (!isReal(close)) for (const a of args) end = Math.max(end, a.end);
    // Checks that count arguments are skipped when recovery left the call incomplete.
    const complete = node.recoveredNode !== true && isReal(close) && args.every((a) => a.value !== undefined);

    if (isCallFn(name)) return buildCall(this.sink, name, args, start, end, complete);
    if (isAggregateFn(name)) return buildAggregate(this.sink, name, args, start, end, complete);
    if (name === 'date') return buildDate(this.sink, args, start, end, complete);

    const suggestion = didYouMean(name, FUNCTION_NAMES);
    this.issue(
      'expr/unknown-function',
      `there is no function \`${name}\``,
      startOf(id),
      endOf(id),
      suggestion ?? `the functions are ${FUNCTION_NAMES.join(', ')}; to multiply, write \`*\``,
    );
    for (const a of args) noWhere(this.sink, a, name);
    return this.make({ kind: 'ref', name }, start, end, []);
  }


  private callArgument(node: CstNode): Argument {
    const exprs = nodesOf(node, 'expression');
    const value = this.expression(exprs[0]);
    const whereToken = tokensOf(node, 'Where')[0];
    const where = whereToken ? this.expression(exprs[1]) : undefined;
    const loc = node.location;
    const start = value?.start ?? loc?.startOffset ?? 0;
    const end = where?.end ?? value?.end ?? (loc?.endOffset !== undefined ? loc.endOffset + 1 : start);
    return { value, where, whereToken, start, end };
  }

  /** Left-folds `parts` joined by `opCount` operators. */
  private fold(parts: (BuiltExpr | undefined)[], opCount: number, opAt: (i: number) => BinaryOp): BuiltExpr | undefined {
    if (parts.length === 0 || parts.length !== opCount + 1) return undefined;
    let acc = parts[0];
    for (let i = 1; i < parts.length; i++) {
      const right = parts[i];
      if (!acc || !right) return undefined;
      acc = this.make({ kind: 'binary', op: opAt(i - 1), left: acc.expr, right: right.expr }, acc.start, right.end, [acc, right]);
    }
    return acc;
  }

  private make(expr: Expr, start: number, end: number, kids: readonly BuiltExpr[]): BuiltExpr {
    let depth = 1;
    for (const k of kids) if (k.depth + 1 > depth) depth = k.depth + 1;
    if (depth > this.maxDepth && !this.tooDeepReported) {
      this.tooDeepReported = true;
      this.issue(
        'expr/too-deep',
        `the expression is nested too deeply (more than ${this.maxDepth} levels)`,
        start,
        end,
        'split it into smaller parts, for example with parameters',
      );
    }
    this.ranges.set(expr, { start, end });
    return { expr, start, end, depth };
  }

  private issue(code: ExpressionIssueCode, message: string, start: number, end: number, hint?: string): void {
    this.issues.push(makeIssue(code, message, start, end, hint));
  }
}
