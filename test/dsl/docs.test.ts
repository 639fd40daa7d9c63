import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDslRubric } from '@rubric/dsl';

/** Every example in docs/language.md reads without a mistake (fragments inside a minimal rubric). */
const DOC = readFileSync(new URL('../../docs/language.md', import.meta.url), 'utf8');
const BLOCKS = [...DOC.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]!);
const STATEMENT = /^(#|rubric |fact |parameter |pass mark |section |indicator |hard requirement |veto |deduct |grade |test )/;

const HEADER = 'rubric doc "Doc"\n  version "1"\n  effective from 2022-01-01\n  total 0 points\n';

describe('docs/language.md', () => {
  const examples = BLOCKS.filter((b) => STATEMENT.test(b));

  it('has an example for every statement', () => {
    const all = examples.join('\n');
    for (const kw of ['rubric ', 'replaces ', 'fact ', 'field ', 'parameter ', 'pass mark ', 'section ', 'indicator ', 'standard ', 'method ', 'score ', 'otherwise ', 'checklist award', 'checklist deduct', 'item ', 'hard requirement ', 'requires full marks on', 'veto ', ' per ', 'recorded in', 'deductions at most', 'floor ', 'grade ', 'test ', 'subject ', 'expect ']) {
      expect(all, kw).toContain(kw);
    }
  });

  it.each(examples.map((b, i) => [i, b]))('example %i reads without a mistake', (_i, block) => {
    let text = block;
    if (!/^rubric /m.test(text)) text = HEADER + text;
    if (!/^pass mark /m.test(text)) text += '\npass mark 1\n';
    if (/^\s*indicator /m.test(text) && !/^section /m.test(text)) text = text.replace(/^(\s*indicator )/m, 'section s "S"\n$1');
    const r = parseDslRubric(text, 'doc.rubric');
    expect(r.diagnostics, text).toEqual([]);
  });
});
