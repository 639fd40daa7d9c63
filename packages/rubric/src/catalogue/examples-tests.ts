/**
 * The catalogue entries of the test file codes (`tests/…`): sending the cases of a test file beside
 * a folder of versions to a version.
 */
import type { CatalogueEntry } from './types.js';

/** Entries of the test file codes (`tests/…`). */
export const TESTS_EXAMPLES: CatalogueEntry[] = [
  { code: 'tests/no-version', severity: 'error', source: 'tests', meaning: 'a case of a test file without `version:` has no `as_of` date, so no version can be chosen for it', example: { kind: 'folder', files: [{ name: 'mini-1.yaml', edits: [] }], tests: [{ name: 'mini.test.yaml', text: 'rubric: mini\ntests:\n  - name: full marks\n    subject: { id: c1, duty: full, rate: 1, complaints: 0, risk: high, exposed: false }\n    expect: { outcome: pass, total: 20 }\n' }] }, fix: 'give the case an `as_of` date, or the test file a top-level `version:`' },
  { code: 'tests/no-version-in-force', severity: 'error', source: 'tests', meaning: "a dated case of a test file without `version:` falls on a day no version of the folder is in force", example: { kind: 'folder', files: [{ name: 'mini-1.yaml', edits: [] }], tests: [{ name: 'mini.test.yaml', text: 'rubric: mini\ntests:\n  - name: full marks\n    as_of: 2022-06-01\n    subject: { id: c1, duty: full, rate: 1, complaints: 0, risk: high, exposed: false }\n    expect: { outcome: pass, total: 20 }\n' }] }, fix: "move the date into a version's period, or name the version in the file's `version:`" },
  { code: 'tests/unknown-version', severity: 'error', source: 'tests', meaning: "a test file's `version:` names a version the folder does not have", example: { kind: 'folder', files: [{ name: 'mini-1.yaml', edits: [] }], tests: [{ name: 'mini.test.yaml', text: 'rubric: mini\nversion: "2"\ntests:\n  - name: full marks\n    subject: { id: c1, duty: full, rate: 1, complaints: 0, risk: high, exposed: false }\n    expect: { outcome: pass, total: 20 }\n' }] }, fix: 'name the version exactly as its rubric file writes it (the hint lists them)' },
];
