/**
 * The text of an example's rubric: the base rubric (YAML, rubric language or IR JSON) with the
 * example's edits applied in turn. The runner loads it; the page writer and the tests print it.
 */
import { canonicalJson } from '@rubric/model';
import { loadRubricText } from '../load.js';
import { CATALOGUE_BASE_DSL, CATALOGUE_BASE_YAML } from './base.js';
import type { CatalogueEdit, CatalogueExample } from './types.js';

let baseIr: string | undefined;

/** The base rubric as IR JSON, as `rubric convert mini.yaml --to json` writes it (keys sorted, two-space indent); `json` edits apply to it. */
export function catalogueBaseIr(): string {
  if (baseIr === undefined) {
    const loaded = loadRubricText(CATALOGUE_BASE_YAML, 'mini.yaml', 'yaml');
    if (!loaded.rubric) throw new Error('the catalogue base rubric does not load');
    // canonicalJson sorts the keys; parsing it back keeps that order for the indented print.
    baseIr = `${JSON.stringify(JSON.parse(canonicalJson(loaded.rubric)), null, 2)}\n`;
  }
  return baseIr;
}

/** Applies edits in turn; the first whose `from` is not in the text so far is returned as stale. */
export function applyEdits(base: string, edits: readonly CatalogueEdit[]): { text: string } | { stale: string } {
  let text = base;
  for (const e of edits) {
    if (!text.includes(e.from)) return { stale: e.from };
    // A function, so that `$&` and the like in the new text stay as written.
    text = text.replace(e.from, () => e.to);
  }
  return { text };
}

/** The base text an example edits and its edits (undefined for kinds that edit no single rubric). */
export function editedRubric(example: CatalogueExample): { base: string; edits: CatalogueEdit[]; file: string; format: 'yaml' | 'dsl' | 'json' } | undefined {
  switch (example.kind) {
    case 'rubric':
      return {
        base: example.format === 'yaml' ? CATALOGUE_BASE_YAML : CATALOGUE_BASE_DSL,
        edits: [{ from: example.from, to: example.to }, ...(example.also ?? [])],
        file: example.format === 'yaml' ? 'mini.yaml' : 'mini.rubric',
        format: example.format,
      };
    case 'json':
      return 'edit' in example ? { base: catalogueBaseIr(), edits: [example.edit], file: 'mini.json', format: 'json' } : undefined;
    case 'data':
    case 'cells':
      return { base: CATALOGUE_BASE_YAML, edits: example.edit ? [example.edit] : [], file: 'mini.yaml', format: 'yaml' };
    default:
      return undefined;
  }
}

/** The text of a rubric example after its edits: rubric, IR JSON, data and generated examples (undefined for other kinds). */
export function exampleRubricText(example: CatalogueExample): string | undefined {
  if (example.kind === 'json' && 'text' in example) return example.text;
  if (example.kind === 'generated') return example.build();
  const edited = editedRubric(example);
  if (!edited) return undefined;
  const applied = applyEdits(edited.base, edited.edits);
  return 'text' in applied ? applied.text : undefined;
}
