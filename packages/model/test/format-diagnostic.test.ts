/**
 * A diagnostic shows its source line with a caret under the column. A one-line file (IR JSON
 * written by a program) is megabytes on one line: only a window around the column is shown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../src/index.js';

function diagnostic(line: number, column: number, width = 1): Diagnostic {
  return {
    severity: 'error',
    code: 'rubric/unknown-name',
    message: 'no fact named `rat`',
    file: 'big.json',
    span: { start: { line, column, offset: 0 }, end: { line, column: column + width, offset: 0 } },
  };
}

/** The shown source line and the caret line of a formatted diagnostic. */
function shown(out: string): { source: string; caret: string } {
  const lines = out.split('\n');
  return { source: lines.at(-2)!, caret: lines.at(-1)! };
}

describe('formatDiagnostic', () => {
  it('shows a short line whole, with the caret under the column', () => {
    const out = formatDiagnostic(diagnostic(2, 10, 3), 'first\n{"when": rat > 1}\n');
    const { source, caret } = shown(out);
    expect(source).toBe('  2 | {"when": rat > 1}');
    expect(caret.indexOf('^')).toBe(source.indexOf('rat'));
    expect(caret.trim()).toBe('^^^');
  });

  it('shows a window of a very long line, cut with …, the caret still under the column', () => {
    const line = `{"facts":[${'{"id":"f","type":"ratio"},'.repeat(120_000)}{"id":"rat"}]}`;
    const column = line.indexOf('"rat"') + 2;
    const out = formatDiagnostic(diagnostic(1, column, 3), line);
    expect(out.length).toBeLessThan(600);
    const { source, caret } = shown(out);
    expect(source.startsWith('  1 | …')).toBe(true);
    expect(source.slice(caret.indexOf('^'), caret.indexOf('^') + 3)).toBe('rat');
  });

  it('puts the caret under the right character wherever the column is (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'x', '{', '"', '😀'), minLength: 1, maxLength: 3000, size: 'large' }), fc.nat(), (text, n) => {
        const column = (n % text.length) + 1;
        const out = formatDiagnostic(diagnostic(1, column), text);
        const { source, caret } = shown(out);
        expect(source.length).toBeLessThan(200);
        const at = caret.indexOf('^');
        // The character under the caret is the one at the column.
        expect(source.charCodeAt(at)).toBe(text.charCodeAt(column - 1));
        expect(source).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
      { numRuns: 300 },
    );
  });
});
