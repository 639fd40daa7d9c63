/**
 * What the expression visitor and its call checks share: the built-node type, the shape
 * of a call argument, the sink they report to, and helpers for reading CST tokens.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { Expr } from '@rubric/model';
import type { ExpressionIssueCode, TextRange } from './issues.js';

/** An AST node with the source range that produced it. */
export interface BuiltExpr extends TextRange {
  expr: Expr;
  /** Height of the tree below and including this node. */
  depth: number;
}

/** One argument of a call, as built: its value and, for aggregates, its `where` condition. */
export interface Argument {
  value: BuiltExpr | undefined;
  where: BuiltExpr | undefined;
  whereToken: IToken | undefined;
  start: number;
  end: number;
}

/** What the builders outside the visitor need from it: the source, node making and issue reporting. */
export interface BuildSink {
  /** The parsed source, for quoting it in hints. */
  readonly text: string;
  /** Wraps `expr` as a built node spanning `start`–`end` above `kids`, recording its range and depth. */
  make(expr: Expr, start: number, end: number, kids: readonly BuiltExpr[]): BuiltExpr;
  /** Reports a problem in the expression. */
  issue(code: ExpressionIssueCode, message: string, start: number, end: number, hint?: string): void;
}

/** The tokens under `key` of a CST node. */
export function tokensOf(node: CstNode, key: string): IToken[] {
  return (node.children[key] ?? []) as IToken[];
}

/** The child nodes under `key` of a CST node. */
export function nodesOf(node: CstNode, key: string): CstNode[] {
  return (node.children[key] ?? []) as CstNode[];
}

/** Whether a token really is in the source (not inserted by error recovery). */
export function isReal(t: IToken | undefined): t is IToken {
  return t !== undefined && t.isInsertedInRecovery !== true && Number.isFinite(t.startOffset);
}

/** Where a token starts in the source. */
export const startOf = (t: IToken): number => t.startOffset;
/** Where a token ends in the source (exclusive). */
export const endOf = (t: IToken): number => t.startOffset + t.image.length;

/** Whether a CST element is a token (not a node). */
export function isToken(el: CstElement): el is IToken {
  return 'tokenType' in el;
}
