/**
 * The valid base rubric (YAML and rubric language) and base record every catalogue example
 * starts from, and the day data examples are evaluated on: the fixed ground of the examples.
 */

/** The valid YAML rubric the rubric examples edit (the same as test/rubric/fixtures/mini.yaml). */
export const CATALOGUE_BASE_YAML = `rubric: mini
title: Mini scale
version: "1"
effective: { from: 2022-06-14 }
total: 20
facts:
  duty: { label: Duty, type: level, levels: [full, partial, none] }
  rate: { label: Rate, type: ratio }
  complaints: { label: Complaints, type: integer, min: 0 }
  risk: { label: Risk, type: level, levels: [low, high] }
  exposed: { label: Exposed, type: boolean }
parameters:
  pass_mark:
    value: 15
    overrides:
      - when: risk is low
        value: 12
pass_mark: pass_mark
sections:
  - id: s1
    title: Part one
    points: 20
    indicators:
      - id: duty
        title: Duty
        points: 10
        cases:
          - { when: duty is full, score: 10 }
          - { when: duty is partial, score: 5 }
        otherwise: 0
      - id: rate
        title: Rate
        points: 10
        score: round(10 * rate, 0.5)
hard_requirements:
  - { id: duty_full, title: Duty at full marks, indicator: duty }
vetoes:
  - { id: exposure, reason: Exposed by media, when: exposed }
deductions:
  - { id: hotline, reason: Complaints, per: complaints, amount: 1, cap: 5 }
`;

/** The same rubric in the rubric language. */
export const CATALOGUE_BASE_DSL = `rubric mini "Mini scale"
  version "1"
  effective from 2022-06-14
  total 20 points

fact duty "Duty" level full | partial | none
fact rate "Rate" ratio
fact complaints "Complaints" integer at least 0
fact risk "Risk" level low | high
fact exposed "Exposed" boolean

parameter pass_mark
  value 15
    when risk is low -> 12

pass mark pass_mark

section s1 "Part one" 20 points

  indicator duty "Duty" 10 points
    when duty is full -> 10
    when duty is partial -> 5
    otherwise -> 0

  indicator rate "Rate" 10 points
    score round(10 * rate, 0.5)

hard requirement duty_full "Duty at full marks" requires full marks on duty

veto exposure "Exposed by media" when exposed

deduct hotline "Complaints" 1 point per complaints, at most 5
`;

/** A subject the base rubric scores without error (the data examples change one field). */
export const CATALOGUE_BASE_RECORD = { id: 'c1', duty: 'full', rate: 0.9, complaints: 0, risk: 'high', exposed: false } as const;

/** The day data examples are evaluated on. */
export const CATALOGUE_AS_OF = '2022-06-20';
