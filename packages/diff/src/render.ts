/**
 * A diff (and its impact) as text for a terminal, or as Markdown to paste into a review.
 * Both list the changes by target, wording-only changes last, then the impact: counts,
 * flipped subjects with their causes, and subjects whose total changed.
 */
import { escapeControl, shortHash } from '@rubric/model';
import { describePeriod } from './describe.js';
import type { Change, Impact, RubricDiff, VersionRef } from './types.js';
import { CHANGE_TARGETS } from './types.js';
import { TARGET_HEADINGS, causeWords, changeWords, deltaWords, resultWords, subjectLabel, type ChangeWords, type Segment } from './words.js';

/** Colour functions for the text renderer (identity by default). */
export interface DiffColors {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
}

const PLAIN: DiffColors = { bold: (s) => s, dim: (s) => s, red: (s) => s, green: (s) => s };

/** How many subjects whose outcome stayed the same the renderers list by name (all are in the JSON). */
export const LISTED_TOTAL_CHANGES = 50;

function mappingWords(diff: RubricDiff): string {
  switch (diff.mapping) {
    case 'new-replaces-old':
      return `indicators matched through the mapping of ${diff.new.version} (it replaces ${diff.old.version}), and by id`;
    case 'old-replaces-new':
      return `indicators matched through the mapping of ${diff.old.version} (it replaces ${diff.new.version}), read backwards, and by id`;
    case 'none':
      return 'indicators matched by id (neither version replaces the other, so there is no mapping)';
  }
}

function countChanges(diff: RubricDiff): string {
  const n = diff.changes.length;
  const w = diff.changes.filter((c) => c.wording).length;
  if (n === 0) return 'no changes of meaning';
  return `${n} ${n === 1 ? 'change' : 'changes'}${w > 0 ? ` (${w} of wording only)` : ''}`;
}

function grouped(diff: RubricDiff): { heading: string; changes: Change[] }[] {
  const out: { heading: string; changes: Change[] }[] = [];
  for (const t of CHANGE_TARGETS) {
    const cs = diff.changes.filter((c) => c.target === t && !c.wording);
    if (cs.length > 0) out.push({ heading: TARGET_HEADINGS[t], changes: cs });
  }
  const wording = diff.changes.filter((c) => c.wording);
  if (wording.length > 0) out.push({ heading: 'Wording (no score changes)', changes: wording });
  return out;
}

// ---------------------------------------------------------------- text

function text(segs: readonly Segment[]): string {
  return segs.map((s) => escapeControl(typeof s === 'string' ? s : s.code)).join('');
}

function textWords(w: ChangeWords, indent: string, c: DiffColors): string {
  let out = `${indent}${text(w.head)}\n`;
  for (const l of w.before ?? []) out += `${indent}  ${c.red(`- ${text(l)}`)}\n`;
  for (const l of w.after ?? []) out += `${indent}  ${c.green(`+ ${text(l)}`)}\n`;
  return out;
}

function refText(label: string, r: VersionRef): string {
  return `  ${label}  ${escapeControl(r.version)}  ${r.file !== undefined ? `${escapeControl(r.file)}  ` : ''}${shortHash(r.hash)}  in force ${describePeriod(r.effective)}\n`;
}

/** The diff as text for a terminal: user text escaped, optional colour. */
export function renderDiffText(diff: RubricDiff, colors: DiffColors = PLAIN): string {
  const c = colors;
  let out = `${c.bold(`${escapeControl(diff.new.id)}: ${escapeControl(diff.old.version)} → ${escapeControl(diff.new.version)}`)}\n`;
  if (diff.old.id !== diff.new.id) out = `${c.bold(`${escapeControl(diff.old.id)} ${escapeControl(diff.old.version)} → ${escapeControl(diff.new.id)} ${escapeControl(diff.new.version)}`)}\n`;
  out += refText('old', diff.old) + refText('new', diff.new);
  out += `  ${mappingWords(diff)}\n`;
  const olds = diff.indicators.reduce((n, g) => n + g.from.length, 0);
  const news = diff.indicators.reduce((n, g) => n + g.to.length, 0);
  if (olds !== news) out += `  ${olds} indicators → ${news}\n`;
  for (const g of grouped(diff)) {
    out += `\n${c.bold(g.heading)}\n`;
    for (const ch of g.changes) out += textWords(changeWords(ch), '  ', c);
  }
  out += `\n${countChanges(diff)}\n`;
  if (diff.impact) out += `\n${renderImpactText(diff.impact, c)}`;
  return out;
}

/** The impact as text: counts, then flipped subjects with causes, then changed totals. */
export function renderImpactText(impact: Impact, colors: DiffColors = PLAIN): string {
  const c = colors;
  let out = `${c.bold(`Impact${impact.data !== undefined ? ` on ${escapeControl(impact.data)}` : ''}`)} (old as of ${impact.asOf.old}, new as of ${impact.asOf.new})\n`;
  out += `  ${impact.subjects} ${impact.subjects === 1 ? 'subject' : 'subjects'}: ${impact.flipped} flipped, ${impact.totalChanged} with another total, ${impact.unchanged} unchanged\n`;
  const width = Math.max(0, ...impact.counts.map((t) => `${t.from} → ${t.to}`.length));
  for (const t of impact.counts) out += `  ${`${t.from} → ${t.to}`.padEnd(width)}  ${String(t.count).padStart(5)}\n`;
  const flipped = impact.results.filter((r) => r.flipped);
  if (flipped.length > 0) {
    out += `\n${c.bold('Flipped')}\n`;
    for (const s of flipped) {
      out += `  ${escapeControl(subjectLabel(s))}  ${resultWords(s.old)} → ${resultWords(s.new)}\n`;
      for (const cause of s.causes) out += textWords(causeWords(cause), '    ', c);
    }
  }
  const totals = impact.results.filter((r) => !r.flipped && r.delta !== null && r.delta !== 0);
  if (totals.length > 0) {
    out += `\n${c.bold('Same outcome, another total')}\n`;
    for (const s of totals.slice(0, LISTED_TOTAL_CHANGES)) {
      const why = s.causes.filter((x) => x.kind === 'indicator' || x.kind === 'deduction').map((x) => text(causeWords(x).head));
      out += `  ${escapeControl(subjectLabel(s))}  ${resultWords(s.old)} → ${resultWords(s.new)} (${deltaWords(s.delta)})${why.length > 0 ? `: ${why.join('; ')}` : ''}\n`;
    }
    if (totals.length > LISTED_TOTAL_CHANGES) out += `  … and ${totals.length - LISTED_TOTAL_CHANGES} more (all are in --format json)\n`;
  }
  return out;
}

// ---------------------------------------------------------------- Markdown

/** User text made safe in Markdown (also inside a table cell): HTML, emphasis, links, pipes and line breaks escaped. */
export function escapeMarkdown(s: string): string {
  return escapeControl(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/^([-+=#>])/, '\\$1')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** Code (ids, rule text) as an HTML code span: safe in tables, whatever backticks or pipes it holds. */
export function markdownCode(s: string): string {
  // Markdown is still parsed inside inline HTML: brackets, emphasis marks, backticks and
  // backslashes become entities so user text (titles, standards, level labels) can never
  // form a link, emphasis or a code span, and reads exactly as written.
  const html = escapeControl(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[|[\]*`~\\]/g, (c) => `&#${c.charCodeAt(0)};`)
    // `_` emphasises only at a word's edge: ids like `four_piece_check` stay as they are.
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '&#95;')
    .replace(/\r\n|\r|\n/g, ' ');
  return `<code>${html}</code>`;
}

function md(segs: readonly Segment[]): string {
  return segs.map((s) => (typeof s === 'string' ? escapeMarkdown(s) : markdownCode(s.code))).join('');
}

function mdWords(w: ChangeWords, indent: string): string {
  let out = `${indent}- ${md(w.head)}\n`;
  for (const l of w.before ?? []) out += `${indent}  - before: ${md(l)}\n`;
  for (const l of w.after ?? []) out += `${indent}  - after: ${md(l)}\n`;
  return out;
}

/** The diff as Markdown for a review: headings, lists, tables; every user text escaped. */
export function renderDiffMarkdown(diff: RubricDiff): string {
  let out = `## ${escapeMarkdown(diff.new.title)}: ${escapeMarkdown(diff.old.version)} → ${escapeMarkdown(diff.new.version)}\n\n`;
  out += '| | version | file | content hash | in force |\n|---|---|---|---|---|\n';
  for (const [label, r] of [['old', diff.old], ['new', diff.new]] as const) {
    out += `| ${label} | ${escapeMarkdown(r.version)} | ${r.file !== undefined ? markdownCode(r.file) : ''} | ${markdownCode(shortHash(r.hash))} | ${describePeriod(r.effective)} |\n`;
  }
  out += `\nRubric ${markdownCode(diff.new.id)}; ${escapeMarkdown(mappingWords(diff))}. ${escapeMarkdown(countChanges(diff))}.\n`;
  for (const g of grouped(diff)) {
    out += `\n### ${escapeMarkdown(g.heading)}\n\n`;
    for (const ch of g.changes) out += mdWords(changeWords(ch), '');
  }
  if (diff.impact) out += `\n${renderImpactMarkdown(diff.impact)}`;
  return out;
}

/** The impact as Markdown: a counts table, flipped subjects with causes, then changed totals. */
export function renderImpactMarkdown(impact: Impact): string {
  let out = `### Impact${impact.data !== undefined ? ` on ${markdownCode(impact.data)}` : ''}\n\n`;
  out += `Old version as of ${impact.asOf.old}, new version as of ${impact.asOf.new}: ${impact.subjects} subjects, **${impact.flipped} flipped**, ${impact.totalChanged} with another total, ${impact.unchanged} unchanged.\n\n`;
  out += '| from | to | subjects |\n|---|---|---:|\n';
  for (const t of impact.counts) out += `| ${t.from} | ${t.to} | ${t.count} |\n`;
  const flipped = impact.results.filter((r) => r.flipped);
  if (flipped.length > 0) {
    out += '\n#### Flipped\n\n';
    for (const s of flipped) {
      out += `- **${escapeMarkdown(subjectLabel(s))}**: ${resultWords(s.old)} → ${resultWords(s.new)}\n`;
      for (const cause of s.causes) out += mdWords(causeWords(cause), '  ');
    }
  }
  const totals = impact.results.filter((r) => !r.flipped && r.delta !== null && r.delta !== 0);
  if (totals.length > 0) {
    out += '\n#### Same outcome, another total\n\n| subject | old | new | change | why |\n|---|---|---|---:|---|\n';
    for (const s of totals.slice(0, LISTED_TOTAL_CHANGES)) {
      const why = s.causes.filter((x) => x.kind === 'indicator' || x.kind === 'deduction').map((x) => md(causeWords(x).head));
      out += `| ${escapeMarkdown(subjectLabel(s))} | ${resultWords(s.old)} | ${resultWords(s.new)} | ${deltaWords(s.delta)} | ${why.join('; ')} |\n`;
    }
    if (totals.length > LISTED_TOTAL_CHANGES) out += `\n… and ${totals.length - LISTED_TOTAL_CHANGES} more (all are in the JSON output).\n`;
  }
  return out;
}
