/**
 * Snippets of the base rubric that several example tables change (a rule, the last DSL line, the
 * pass-mark parameter) and the edits the folder examples share: plain constants, so each table
 * names the same text the same way.
 */
import type { CatalogueEdit } from './types.js';

/** The rule of indicator `rate` in the YAML and rubric-language base rubrics, which many examples change. */
export const SCORE = 'round(10 * rate, 0.5)';
/** The last line of the DSL base: statements may come in any order, so examples add theirs after it. */
export const DSL_END = 'deduct hotline "Complaints" 1 point per complaints, at most 5\n';
/** The pass-mark parameter of the YAML base, replaced by dated values in some examples. */
export const YAML_PASS_MARK = '    value: 15\n    overrides:\n      - when: risk is low\n        value: 12\n';
/** A pass mark whose only value starts after the rubric does: 2022-06-14 to 2022-06-30 have none. */
export const LATE_PASS_MARK = '    history:\n      - { from: 2022-07-01, value: 15 }\n';
/** Two award items that can both be met (a rate above 0.8 meets both): 12 points on a 10-point indicator. */
export const TWO_ITEMS = 'checklist: { mode: award, items: [{ id: half, title: Over half, points: 6, when: rate > 0.5 }, { id: most, title: Over 80%, points: 6, when: rate > 0.8 }] }';
/** The rule of indicator `rate` in the base rubric as IR JSON (`catalogueBaseIr` in ./example-text.ts). */
export const RATE_RULE_IR = `          "rule": {
            "kind": "expression",
            "points": {
              "args": [
                {
                  "kind": "binary",
                  "left": {
                    "kind": "number",
                    "value": "10"
                  },
                  "op": "*",
                  "right": {
                    "kind": "ref",
                    "name": "rate"
                  }
                },
                {
                  "kind": "number",
                  "value": "0.5"
                }
              ],
              "fn": "round",
              "kind": "call"
            }
          },`;
// Edits of the version files of folder examples: the base rubric is version 1, from 2022-06-14, open-ended.
/** Version 1 ends on 2022-06-30. */
export const ENDS_JUNE: CatalogueEdit = { from: 'effective: { from: 2022-06-14 }', to: 'effective: { from: 2022-06-14, until: 2022-06-30 }' };
/** The file holds version 2. */
export const VERSION_2: CatalogueEdit = { from: 'version: "1"', to: 'version: "2"' };
/** The version starts on 2022-07-01 and replaces version 1, keeping every indicator. */
export const JULY_REPLACES_1: CatalogueEdit = { from: 'effective: { from: 2022-06-14 }', to: 'effective: { from: 2022-07-01 }\nreplaces: { version: "1", mapping: [] }' };
