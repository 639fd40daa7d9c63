/**
 * How many rows each screen's scrolling parts get at the current terminal size. The
 * reducers use it to page and keep the cursor visible; the views use it to cut their lists.
 * Ink redraws in place only while the frame is shorter than the terminal, so every screen
 * draws `height − 1` lines.
 */
import { changeLinesOf, type ChangeLine } from '../model/changes.js';
import { bannerLines } from './banner.js';
import type { AppState } from './state.js';
import { detailData } from '../screens/detail/select.js';

/** Lines a screen may draw. */
export function frameHeight(s: AppState): number {
  return Math.max(8, s.size.height - 1);
}

/** Rows of the subjects table. */
export function subjectsRows(s: AppState): number {
  return Math.max(1, frameHeight(s) - 6 - bannerLines(s).length);
}

/** Side by side at this width; below it, Tab switches the compare body between its panes. */
export const WIDE = 110;

/** Rows of the compare list and changes panel. */
export function compareRows(s: AppState): number {
  return Math.max(1, frameHeight(s) - 6 - bannerLines(s).length);
}

let lastChanges: { a: unknown; b: unknown; lines: ChangeLine[] } | undefined;

/** The changes between versions A and B (memoised on their rubrics). */
export function changeLines(s: AppState): ChangeLine[] {
  const va = s.versions[s.compare.a];
  const vb = s.versions[s.compare.b];
  const a = va?.good?.rubric;
  const b = vb?.good?.rubric;
  if (lastChanges && lastChanges.a === a && lastChanges.b === b) return lastChanges.lines;
  let lines: ChangeLine[];
  if (!a || !b) lines = [{ mark: ' ', text: 'waiting for both versions to load' }];
  else if (a === b) lines = [{ mark: ' ', text: 'A and B are the same version' }];
  else {
    try {
      lines = changeLinesOf(a, b, { a: va.file, b: vb.file });
    } catch (e) {
      lines = [{ mark: ' ', text: `the diff failed: ${(e as Error).message}` }];
    }
  }
  lastChanges = { a, b, lines };
  return lines;
}

/** The detail screen's parts: list rows and explanation lines. */
export interface DetailLayout {
  header: number;
  list: number;
  explain: number;
}

/** Sizes of the detail screen. */
export function detailLayout(s: AppState): DetailLayout {
  const h = frameHeight(s);
  const gap = Math.max(1, Math.min(3, detailData(s)?.model.gap.length ?? 1));
  const header = 2 + gap;
  const explain = Math.max(4, Math.floor(h * 0.3));
  const list = Math.max(1, h - header - 2 - explain - bannerLines(s).length);
  return { header, list, explain };
}

/** Rows the help and diagnostics screens scroll in. */
export function pageRows(s: AppState): number {
  return Math.max(1, frameHeight(s) - 2);
}
