/**
 * CST → AST for expressions. The semantics of the syntax live here: operator meanings,
 * `is` / `in` sugar, literals, calls, aggregates and dates, and the checks the grammar
 * leaves open (arity, unknown functions, chained comparisons, list items, depth).
 *
 * It works on partial trees left by error recovery: a gap yields `undefined` and the
 * checks that need the missing part are skipped.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import {
  AGGREGATE_FNS,
  CALL_ARITY,
  CALL_FNS,
  Decimal,
  RESERVED_WORDS,
  didYouMean,
  walkExpr,
} from '@rubric/model';
import { isCalendarDate, type AggregateFn, type BinaryOp, type CallFn, type Expr } from '@rubric/model';
import { textTokenValue } from './expression-lexer.js';
import { makeIssue } from './issues.js';
import type { ExpressionIssue, ExpressionIssueCode, TextRange } from './issues.js';
import { tokenMatcher } from './chevrotain.js';
import { False, TOKEN_OPERATORS, Text, True, shorten } from './tokens.js';

/** Deepest expression tree accepted; deeper trees are reported as `expr/too-deep`. */
export const MAX_TREE_DEPTH = 500;

/** An AST node with the source range that produced it. */
export interface BuiltExpr extends TextRange {
  expr: Expr;
  /** Height of the tree below and including this node. */
  depth: number;
}

/** How each function is written, for hints. */
export const FUNCTION_SIGNATURES: Readonly<Record<CallFn | AggregateFn | 'date', string>> = {
  min: 'min(a, b, ...)',
  max: 'max(a, b, ...)',
  round: 'round(x, step)',
  round_down: 'round_down(x, step)',
  round_up: 'round_up(x, step)',
  clamp: 'clamp(x, low, high)',
  abs: 'abs(x)',
  count: 'count(list) or count(list where condition)',
  sum: 'sum(list, value) or sum(list where condition, value)',
  all: 'all(list, condition) or all(list where condition, condition)',
  any: 'any(list, condition) or any(list where condition, condition)',
  date: 'date("2022-06-01")',
};

/** Every name that can be called: the functions, the aggregates and `date`. */
export const FUNCTION_NAMES: readonly string[] = [...CALL_FNS, ...AGGREGATE_FNS, 'date'];

const isCallFn = (s: string): s is CallFn => (CALL_FNS as readonly string[]).includes(s);
const isAggregateFn = (s: string): s is AggregateFn => (AGGREGATE_FNS as readonly string[]).includes(s);

interface Argument {
  value: BuiltExpr | undefined;
  where: BuiltExpr | undefined;
  whereToken: IToken | undefined;
  start: number;
  end: number;
}

function tokensOf(node: CstNode, key: string): IToken[] {
  return (node.children[key] ?? []) as IToken[];
}

function nodesOf(node: CstNode, key: string): CstNode[] {
  return (node.children[key] ?? []) as CstNode[];
}

/** Whether a token really is in the source (not inserted by error recovery). */
function isReal(t: IToken | undefined): t is IToken {
  return t !== undefined && t.isInsertedInRecovery !== true && Number.isFinite(t.startOffset);
}

const startOf = (t: IToken): number => t.startOffset;
const endOf = (t: IToken): number => t.startOffset + t.image.length;


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

  /** `text` is the parsed source, for quoting it in hints. */
  constructor(
    private readonly text: string,
    private readonly maxDepth = MAX_TREE_DEPTH,
  ) {}

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
      if (RESERVED_WORDS.has(name)) this.reservedName(id);
      return this.make({ kind: 'ref', name }, startOf(id), endOf(id), []);
    }
    const close = tokensOf(node, 'RParen')[0];
    const args = nodesOf(node, 'callArgument').map((a) => this.callArgument(a));
    const start = startOf(id);
    let end = isReal(close) ? endOf(close) : endOf(id);
    if (!isReal(close)) for (const a of args) end = Math.max(end, a.end);
    // Checks that count arguments are skipped when recovery left the call incomplete.
    const complete = node.recoveredNode !== true && isReal(close) && args.every((a) => a.value !== undefined);

    if (isCallFn(name)) return this.call(name, args, start, end, complete);
    if (isAggregateFn(name)) return this.aggregate(name, args, start, end, complete);
    if (name === 'date') return this.date(args, start, end, complete);

    const suggestion = didYouMean(name, FUNCTION_NAMES);
    this.issue(
      'expr/unknown-function',
      `there is no function \`${name}\``,
      startOf(id),
      endOf(id),
      suggestion ?? `the functions are ${FUNCTION_NAMES.join(', ')}; to multiply, write \`*\``,
    );
    for (const a of args) this.noWhere(a, name);
    return this.make({ kind: 'ref', name }, start, end, []);
  }

  private reservedName(id: IToken): void {
    const name = id.image;
    const hint =
      name === 'date'
        ? `write a date as ${FUNCTION_SIGNATURES.date}`
        : isCallFn(name) || isAggregateFn(name)
          ? `\`${name}\` is a function: call it as ${FUNCTION_SIGNATURES[name]}`
          : undefined;
    this.issue('expr/reserved-word', `\`${name}\` is a reserved word and cannot be used as a name`, startOf(id), endOf(id), hint);
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

  private noWhere(a: Argument, fn: string): void {
    if (!isReal(a.whereToken)) return;
    this.issue(
      'expr/misplaced-where',
      `\`where\` cannot be used here in \`${fn}\``,
      startOf(a.whereToken),
      endOf(a.whereToken),
      '`where` can only follow the list name in count, sum, all or any: `count(list where condition)`',
    );
  }

  private call(fn: CallFn, args: Argument[], start: number, end: number, complete: boolean): BuiltExpr | undefined {
    for (const a of args) this.noWhere(a, fn);
    const [lo, hi] = CALL_ARITY[fn];
    if (complete && (args.length < lo || args.length > hi)) {
      const wanted =
        hi === Infinity ? `at least ${lo} arguments` : lo === hi ? `${lo} argument${lo === 1 ? '' : 's'}` : `${lo} to ${hi} arguments`;
      this.issue(
        'expr/arity',
        `\`${fn}\` takes ${wanted}, not ${args.length}`,
        start,
        end,
        `write ${FUNCTION_SIGNATURES[fn]}`,
      );
    }
    const values: BuiltExpr[] = [];
    for (const a of args) {
      if (!a.value) return undefined;
      values.push(a.value);
    }
    return this.make({ kind: 'call', fn, args: values.map((v) => v.expr) }, start, end, values);
  }

  private aggregate(fn: AggregateFn, args: Argument[], start: number, end: number, complete: boolean): BuiltExpr | undefined {
    const usage = `write ${FUNCTION_SIGNATURES[fn]}`;
    args.slice(1).forEach((a) => this.noWhere(a, fn));
    const first = args[0];
    if (!first) {
      if (complete) this.issue('expr/arity', `\`${fn}\` needs the name of a list`, start, end, usage);
      return undefined;
    }
    let list: string | undefined;
    if (first.value) {
      if (first.value.expr.kind === 'ref') list = first.value.expr.name;
      else {
        this.issue(
          'expr/aggregate-list',
          `the first argument of \`${fn}\` must be the name of a list`,
          first.value.start,
          first.value.end,
          usage,
        );
      }
    }
    if (complete) {
      if (fn === 'count' && args.length > 1) {
        const extra = args[1]!;
        this.issue(
          'expr/aggregate-value',
          '`count` takes no value: it counts the records',
          extra.start,
          args[args.length - 1]!.end,
          `write ${FUNCTION_SIGNATURES.count}`,
        );
      } else if (fn !== 'count' && args.length === 1) {
        this.issue(
          'expr/aggregate-value',
          fn === 'sum' ? '`sum` needs a value to add up for each record' : `\`${fn}\` needs a condition to test on each record`,
          start,
          end,
          usage,
        );
      } else if (fn !== 'count' && args.length > 2) {
        this.issue('expr/arity', `\`${fn}\` takes a list and one ${fn === 'sum' ? 'value' : 'condition'}, not ${args.length} arguments`, start, end, usage);
      }
    }
    if (list === undefined || (first.whereToken && !first.where)) return undefined;
    const value = args[1]?.value;
    const expr: Expr = { kind: 'aggregate', fn, list };
    const kids: BuiltExpr[] = [];
    if (first.where) {
      expr.where = first.where.expr;
      kids.push(first.where);
    }
    if (value && fn !== 'count') {
      expr.value = value.expr;
      kids.push(value);
    }
    return this.make(expr, start, end, kids);
  }

  private date(args: Argument[], start: number, end: number, complete: boolean): BuiltExpr | undefined {
    const usage = `write ${FUNCTION_SIGNATURES.date}`;
    for (const a of args) this.noWhere(a, 'date');
    if (args.length !== 1) {
      if (complete) this.issue('expr/bad-date', `\`date\` takes one argument, not ${args.length}`, start, end, usage);
      return undefined;
    }
    const arg = args[0]!.value;
    if (!arg) return undefined;
    const src = this.text.slice(arg.start, arg.end);
    if (arg.expr.kind !== 'text') {
      this.issue(
        'expr/bad-date',
        'a date is written as text in double quotes',
        arg.start,
        arg.end,
        /^[\d\s-]+$/.test(src) ? `write date("${src.replace(/\s+/g, '')}")` : usage,
      );
      return undefined;
    }
    const value = arg.expr.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      this.issue('expr/bad-date', `\`${shorten(value)}\` is not a date in the form YYYY-MM-DD`, arg.start, arg.end, usage);
      return undefined;
    }
    if (!isCalendarDate(value)) {
      this.issue('expr/bad-date', `\`${value}\` is not a real calendar date`, arg.start, arg.end, 'check the month and the day');
      return undefined;
    }
    return this.make({ kind: 'date', value }, start, end, []);
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

/** Whether a CST element is a token (not a node). */
export function isToken(el: CstElement): el is IToken {
  return 'tokenType' in el;
}
