/**
 * Builders of the generated examples (the resource limits, an expression too deep to print):
 * rubric texts too big to write down as data, built from the YAML base only when an example runs.
 */
import { CATALOGUE_BASE_YAML } from './base.js';
import type { CatalogueExample } from './types.js';

/** A number as the page writes it: 10,001. */
export const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** The YAML base with one edit; for generated texts, whose edits are built in code (a missing `from` is a bug here, so it throws). */
export function baseWith(from: string, to: string): string {
  if (!CATALOGUE_BASE_YAML.includes(from)) throw new Error(`the catalogue base rubric has no ${JSON.stringify(from)}`);
  return CATALOGUE_BASE_YAML.replace(from, () => to);
}
/** A generated YAML rubric `mini.yaml` (see {@link CatalogueExample}). */
export const generated = (what: string, build: () => string): CatalogueExample => ({ kind: 'generated', name: 'mini.yaml', what, build });
/** `n` copies of `unit` joined by `sep`: the long or deep parts of generated rubrics. */
export const repeat = (n: number, unit: (i: number) => string, sep = ''): string => Array.from({ length: n }, (_, i) => unit(i + 1)).join(sep);
