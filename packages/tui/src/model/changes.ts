/**
 * What changed between two versions, as lines for the compare screen's side panel: the
 * semantic diff of the facade (`diffRubrics`, rendered by `renderDiffText`), with each line
 * marked for colour — removed, added, a heading, or plain.
 */
import { diffRubrics, renderDiffText, type Rubric } from '@rubric/rubric';
import { safe } from './text.js';

/** One line of the changes panel: `+` added, `-` removed, `#` a heading, ` ` anything else. */
export interface ChangeLine {
  mark: '+' | '-' | '#' | ' ';
  text: string;
}

/** Marks one line of a rendered diff. */
export function markLine(line: string): ChangeLine {
  const t = line.trimStart();
  if (t.startsWith('- ')) return { mark: '-', text: safe(line) };
  if (t.startsWith('+ ')) return { mark: '+', text: safe(line) };
  if (line !== '' && !line.startsWith(' ')) return { mark: '#', text: safe(line) };
  return { mark: ' ', text: safe(line) };
}

/** The semantic diff from `a` to `b` as marked lines (blank lines dropped: the panel is small). */
export function changeLinesOf(a: Rubric, b: Rubric, files: { a?: string; b?: string } = {}): ChangeLine[] {
  const diff = diffRubrics(a, b, { ...(files.a !== undefined ? { oldFile: files.a } : {}), ...(files.b !== undefined ? { newFile: files.b } : {}) });
  return renderDiffText(diff)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(markLine);
}
