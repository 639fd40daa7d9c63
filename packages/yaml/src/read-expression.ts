/**
 * Expressions inside YAML values: numbers and booleans become literal nodes; text goes
 * through the DSL's expression parser, whose issues and node spans are mapped from
 * offsets in the expression text to offsets in the file.
 */
import { isScalar, type Scalar } from 'yaml';
import { parseExpression } from '@rubric/dsl';
import { Decimal, type Expr } from '@rubric/model';
import { describeNode, isNull, type Reader } from './node-reader.js';
import { exactNumber, type Val } from './read-values.js';

/** The literal node for a YAML number, equal to what the expression parser gives for the same text. */
export function numberLiteral(value: number, source: string | undefined): Expr {
  const written = source === undefined ? undefined : Decimal.parse(source);
  const dec = written ?? Decimal.fromNumber(value);
  const negative = (source ?? String(value)).trim().startsWith('-') || dec.isNegative();
  const text = dec.abs().toString();
  const lit: Expr = { kind: 'number', value: text };
  return negative ? { kind: 'unary', op: 'neg', operand: lit } : lit;
}

/**
 * Maps offsets in a scalar's value to offsets in the file. Exact for plain and quoted
 * scalars whose source text equals their value; otherwise aligned character by
 * character (folded lines, escapes, block indentation), which is close enough to
 * point at the right place.
 */
export function scalarOffsetMapper(text: string, node: Scalar, value: string): (offset: number) => number {
  const range = node.range;
  if (!range) return () => 0;
  let start = range[0];
  let end = range[1];
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    start += 1;
    end -= 1;
  } else if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') {
    const nl = text.indexOf('\n', start);
    start = nl < 0 || nl >= end ? end : nl + 1;
  }
  const raw = text.slice(start, Math.max(start, end));
  if (raw === value) return (o) => start + Math.max(0, Math.min(o, raw.length));
  // Greedy alignment of value characters to source characters.
  const map = new Array<number>(value.length + 1);
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    let k = j;
    const limit = Math.min(raw.length, j + 40);
    while (k < limit && raw[k] !== c) k++;
    if (k < limit) {
      map[i] = k;
      j = k + 1;
    } else {
      map[i] = Math.min(j, raw.length);
    }
  }
  map[value.length] = Math.min(j, raw.length);
  return (o) => start + (map[Math.max(0, Math.min(o, value.length))] ?? raw.length);
}

/**
 * Reads an expression value: a YAML number or boolean as a literal, text through the
 * expression parser. Records `ptr` and, for parsed text, every AST node under it.
 */
export function readExpr(r: Reader, v: Val, ptr: string, what: string): Expr | undefined {
  r.mark(ptr, v.span);
  const n = v.node;
  if (!n || !isScalar(n) || isNull(n)) {
    r.report(v.span, 'yaml/wrong-type', `${what} must be an expression, not ${describeNode(n)}`, n && !isNull(n) ? 'write the expression as one line of text, quoted if it contains `: ` or ` #`' : undefined);
    return undefined;
  }
  if (typeof n.value === 'boolean') return { kind: 'boolean', value: n.value };
  if (typeof n.value === 'number') {
    const value = exactNumber(r, n.value, n.source, v.span, what);
    if (value === undefined) return undefined;
    const lit = numberLiteral(n.value, n.source);
    if (lit.kind === 'unary' && n.range) r.mark(`${ptr}/operand`, r.spanAt(n.range[0] + 1, n.range[1]));
    return lit;
  }
  if (typeof n.value !== 'string') {
    r.report(v.span, 'yaml/wrong-type', `${what} must be an expression, not ${describeNode(n)}`);
    return undefined;
  }
  const source = n.value;
  const toFile = scalarOffsetMapper(r.text, n, source);
  const spanOf = (s: number, e: number) => {
    const a = toFile(s);
    return r.spanAt(a, Math.max(a, toFile(e)));
  };
  const parsed = parseExpression(source);
  for (const issue of parsed.issues) {
    r.report(spanOf(issue.start, issue.end), issue.code, issue.message, issue.hint);
  }
  for (const [rel, s] of parsed.spans) {
    if (rel !== '') r.mark(ptr + rel, spanOf(s.start, s.end));
  }
  if (parsed.issues.length === 0 && !parsed.expr) {
    r.report(v.span, 'expr/empty', `${what} is empty`, 'write an expression');
  }
  return parsed.expr;
}
