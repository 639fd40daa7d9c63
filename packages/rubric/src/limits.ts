/**
 * Resource limits on rubric files, enforced by the facade before and after parsing so that a
 * huge or deeply nested file gives a located diagnostic (`limits/<name>`) instead of a stack
 * overflow, an out-of-memory crash or a minutes-long parse. The defaults are far above any
 * real rubric (the Beijing scale has 30 indicators) and are documented in docs/limits.md.
 */
import { locateIssues, type Diagnostic, type IrIssue, type Position, type Rubric, type SourceMap, type Span } from '@rubric/model';

/** The limits, each a maximum. */
export interface ResourceLimits {
  /** Size of a rubric file, in bytes of UTF-8. */
  fileBytes: number;
  /** Characters on one line. */
  lineLength: number;
  /** Depth of brackets (`{ [ (`) or of indentation (in steps of two columns) in the source text. */
  nesting: number;
  /** Indicators in all sections together. */
  indicators: number;
  /** Facts, counting the fields of list facts. */
  facts: number;
  /** Items of any other list in the rubric: sections, levels, cases, checklist items, deductions, grades, tests, `in` options. */
  listItems: number;
  /** Depth of one expression tree. */
  expressionDepth: number;
}

/** The default limits (see docs/limits.md for why each value). */
export const DEFAULT_LIMITS: Readonly<ResourceLimits> = Object.freeze({
  fileBytes: 5 * 1024 * 1024,
  lineLength: 2_000,
  nesting: 100,
  indicators: 10_000,
  facts: 2_000,
  listItems: 10_000,
  expressionDepth: 100,
});

function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1, offset };
}

function at(text: string, start: number, end = start): Span {
  return { start: positionAt(text, start), end: positionAt(text, end) };
}

function limitDiagnostic(file: string, span: Span, name: keyof ResourceLimits, message: string, hint: string): Diagnostic {
  return { severity: 'error', code: `limits/${name}`, message, file, span, hint };
}

/** A count as people write it: 10,001. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** The `limits/fileBytes` message, the same whether the file was refused before reading (load.ts) or its text after. */
export function fileBytesMessage(bytes: number, limit: number): string {
  return `the file is ${count(bytes)} bytes, over the limit of ${count(limit)} bytes (${(limit / (1 << 20)).toLocaleString('en-US')} MiB)`;
}

/** The `limits/fileBytes` hint. */
export const FILE_BYTES_HINT = 'split the rubric, or check that this is the right file';

/**
 * Limits checked on the text before it is parsed: file size, line length and nesting. The
 * scan is linear and keeps no stack, so it is safe on any input.
 */
export function checkSourceLimits(text: string, file: string, limits: ResourceLimits = DEFAULT_LIMITS): Diagnostic[] {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.fileBytes) {
    return [limitDiagnostic(file, at(text, 0), 'fileBytes', fileBytesMessage(bytes, limits.fileBytes), FILE_BYTES_HINT)];
  }
  const out: Diagnostic[] = [];
  let lineStart = 0;
  let depth = 0;
  let quote = '';
  let nestingReported = false;
  let lineReported = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text[i]! : '\n';
    if (c === '\n') {
      const length = i - lineStart - (text[i - 1] === '\r' ? 1 : 0);
      if (!lineReported && length > limits.lineLength) {
        lineReported = true;
        out.push(limitDiagnostic(file, at(text, lineStart + limits.lineLength, i), 'lineLength', `this line is ${count(length)} characters long, over the limit of ${count(limits.lineLength)}`, 'break the text over several lines (YAML `>` folded text, or shorter labels)'));
      }
      lineStart = i + 1;
      quote = '';
      // Indentation depth of the next line, in steps of two columns.
      let indent = 0;
      while (text[lineStart + indent] === ' ' || text[lineStart + indent] === '\t') indent++;
      if (!nestingReported && indent / 2 > limits.nesting) {
        nestingReported = true;
        out.push(limitDiagnostic(file, at(text, lineStart, lineStart + indent), 'nesting', `indented ${indent} columns deep, over the nesting limit of ${limits.nesting} levels`, 'flatten the structure; real rubrics nest a few levels'));
      }
      continue;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = (nl === -1 ? text.length : nl) - 1;
    } else if (c === '{' || c === '[' || c === '(') {
      depth++;
      if (!nestingReported && depth > limits.nesting) {
        nestingReported = true;
        out.push(limitDiagnostic(file, at(text, i, i + 1), 'nesting', `brackets nested ${depth} deep, over the limit of ${limits.nesting}`, 'flatten it: give parts of a long expression names of their own (parameters, or several indicators)'));
      }
    } else if (c === '}' || c === ']' || c === ')') depth = Math.max(0, depth - 1);
  }
  return out;
}

const EXPR_KINDS = new Set(['number', 'boolean', 'text', 'date', 'ref', 'unary', 'binary', 'if', 'in', 'call', 'aggregate']);
const EXPR_KEYS = new Set(['points', 'when', 'otherwise', 'count', 'value', 'cond', 'then', 'else', 'left', 'right', 'operand', 'args', 'options', 'where', 'amount', 'per']);

/**
 * Limits checked on the parsed IR: counts and expression depth. Walks the IR with an explicit
 * stack (never recursion), located through the front end's source map.
 */
export function checkRubricLimits(rubric: Rubric, file: string, sourceMap: SourceMap, limits: ResourceLimits = DEFAULT_LIMITS): Diagnostic[] {
  const issues: IrIssue[] = [];
  const indicators = rubric.sections.reduce((n, s) => n + s.indicators.length, 0);
  if (indicators > limits.indicators) {
    issues.push({ severity: 'error', code: 'limits/indicators', message: `the rubric has ${count(indicators)} indicators, over the limit of ${count(limits.indicators)}`, hint: 'split it into several smaller rubrics (one per part of the scale, for example)', path: '/sections' });
  }
  const facts = rubric.facts.reduce((n, f) => n + 1 + (f.type.kind === 'list' ? f.type.fields.length : 0), 0);
  if (facts > limits.facts) {
    issues.push({ severity: 'error', code: 'limits/facts', message: `the rubric has ${count(facts)} facts, over the limit of ${count(limits.facts)}`, hint: 'split it into several smaller rubrics (one per part of the scale, for example)', path: '/facts' });
  }
  let listReported = false;
  let depthReported = false;
  const stack: { value: unknown; path: string; exprDepth: number }[] = [{ value: rubric, path: '', exprDepth: 0 }];
  while (stack.length > 0) {
    const { value, path, exprDepth } = stack.pop()!;
    if (Array.isArray(value)) {
      if (!listReported && value.length > limits.listItems && path !== '/sections' && path !== '/facts') {
        listReported = true;
        issues.push({ severity: 'error', code: 'limits/listItems', message: `a list of ${count(value.length)} items, over the limit of ${count(limits.listItems)}`, hint: 'shorten the list or split the rubric', path });
      }
      value.forEach((v, i) => stack.push({ value: v, path: `${path}/${i}`, exprDepth }));
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const record = value as Record<string, unknown>;
    const isExpr = typeof record['kind'] === 'string' && EXPR_KINDS.has(record['kind']) && exprDepth >= 0;
    const depth = isExpr ? exprDepth + 1 : exprDepth;
    if (isExpr && !depthReported && depth > limits.expressionDepth) {
      depthReported = true;
      issues.push({ severity: 'error', code: 'limits/expressionDepth', message: `an expression nested ${depth} deep, over the limit of ${limits.expressionDepth}`, hint: 'split it into named parts (parameters, or several indicators)', path });
      continue;
    }
    for (const [key, v] of Object.entries(record)) {
      // Only expression-valued keys carry the depth; anything else restarts it.
      stack.push({ value: v, path: `${path}/${key}`, exprDepth: isExpr || EXPR_KEYS.has(key) ? depth : 0 });
    }
  }
  return locateIssues(issues, file, sourceMap);
}
