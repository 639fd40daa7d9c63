/**
 * The wrong examples and fixes of the YAML front end's codes (`yaml/…`), keyed by code; their
 * meanings and severities come from YAML_CODES of @rubric/yaml.
 */
import type { CatalogueExample } from './types.js';

/** Wrong example and fix of each YAML front end code (`yaml/…`; meanings and severities come from YAML_CODES). */
export const YAML_EXAMPLES: Record<string, [CatalogueExample, string]> = {
  'yaml/syntax': [{ kind: 'rubric', format: 'yaml', from: 'title: Mini scale', to: 'title: [Mini scale' }, 'correct the YAML at the place shown (a bracket, quote or indentation)'],
  'yaml/unknown-key': [{ kind: 'rubric', format: 'yaml', from: '        points: 10\n        cases:', to: '        pionts: 10\n        cases:' }, 'correct the key (the hint names the closest)'],
  'yaml/missing-key': [{ kind: 'rubric', format: 'yaml', from: 'title: Mini scale\n', to: '' }, 'add the key'],
  'yaml/wrong-type': [{ kind: 'rubric', format: 'yaml', from: 'total: 20', to: 'total: [20]' }, 'give a value of the kind the key takes'],
  'yaml/bad-value': [{ kind: 'rubric', format: 'yaml', from: 'type: ratio', to: 'type: ration' }, 'use one of the values the key allows (the hint names the closest)'],
  'yaml/conflicting-keys': [{ kind: 'rubric', format: 'yaml', from: '        points: 10\n        cases:', to: '        points: 10\n        score: 3\n        cases:' }, 'keep one of the keys'],
  'yaml/missing-default': [{ kind: 'rubric', format: 'yaml', from: 'type: boolean }', to: 'type: boolean, required: false }' }, 'give `default:` to an optional fact'],
  'yaml/bad-id': [{ kind: 'rubric', format: 'yaml', from: '- id: rate\n', to: '- id: 2rate\n' }, 'an id starts with a letter and holds letters, digits and _'],
  'yaml/duplicate-key': [{ kind: 'rubric', format: 'yaml', from: 'total: 20\n', to: 'total: 20\ntotal: 20\n' }, 'keep one'],
};
