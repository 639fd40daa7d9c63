/**
 * Every `yaml/*` code the YAML front end reports, with its severity and when it is reported
 * (for the diagnostic catalogue in docs/guide and for tests). Expression strings inside a
 * YAML file keep the expression parser's `expr/*` codes.
 */

/** One diagnostic code of the YAML front end. */
export interface YamlCode {
  severity: 'error' | 'warning';
  /** When it is reported. */
  summary: string;
}

/** The YAML front end's codes (the table in docs/yaml-format.md). */
export const YAML_CODES = {
  'yaml/syntax': { severity: 'error', summary: 'the file is not valid YAML' },
  'yaml/unknown-key': { severity: 'error', summary: 'a key this format does not have (the hint names the closest one)' },
  'yaml/missing-key': { severity: 'error', summary: 'a required key is absent' },
  'yaml/wrong-type': { severity: 'error', summary: 'a value of the wrong kind (a list where a map belongs, text where a number belongs)' },
  'yaml/bad-value': { severity: 'error', summary: 'a value outside what the key allows (`type: levle`, a malformed date)' },
  'yaml/conflicting-keys': { severity: 'error', summary: 'keys that exclude each other (`score` and `cases`)' },
  'yaml/missing-default': { severity: 'error', summary: '`required: false` without a `default`' },
  'yaml/bad-id': { severity: 'error', summary: 'an id that is not an identifier' },
  'yaml/duplicate-key': { severity: 'error', summary: 'the same key twice in one map (two facts with one id)' },
} as const satisfies Record<string, YamlCode>;

/** A code the YAML front end reports. */
export type YamlCodeName = keyof typeof YAML_CODES;
