/**
 * Test fixtures: two small versions of one rubric in YAML, subjects for them, and services
 * that serve both from memory (with a `change` to edit a file and fire the watcher).
 */
import { compileRubric, loadRubricText, type Rubric } from '@rubric/rubric';
import type { LoadedVersion, SubjectRecord, TuiServices } from '../src/services.js';

/** Version 1: rate (10) + level (10), pass mark 15 (12 where `easy`), a hard requirement, a veto, a deduction. */
export const V1 = `rubric: tiny
title: 小测试量表
version: "1"
effective:
  from: 2022-01-01
  until: 2022-06-30
total: 20
facts:
  rate: { label: 比率, type: ratio }
  level: { label: 等级, type: level, levels: [full, partial, none] }
  exposed: { label: 媒体曝光, type: boolean, required: false, default: false }
  easy: { label: 低风险, type: boolean, required: false, default: false }
  complaints: { label: 投诉数, type: integer, min: 0, required: false, default: 0 }
parameters:
  pass_mark:
    label: 达标线
    value: 15
    overrides:
      - when: easy
        value: 12
pass_mark: pass_mark
sections:
  - id: s1
    title: 第一部分
    indicators:
      - id: rate_points
        title: 比率指标
        points: 10
        score: round(10 * rate, 0.5)
      - id: level_points
        title: 等级指标
        points: 10
        cases:
          - { when: level is full, score: 10 }
          - { when: level is partial, score: 5 }
        otherwise: 0
hard_requirements:
  - id: level_full
    title: 等级须得满分
    indicator: level_points
vetoes:
  - id: media
    reason: 媒体曝光
    when: exposed
deductions:
  - id: complaints
    reason: 投诉
    per: complaints
    amount: 1
    cap: 3
tests:
  - name: full marks
    subject: { id: t1, rate: 1, level: full }
    expect: { outcome: pass, total: 20 }
`;

/** Version 2: from July, the pass mark is 16 and partial earns 6. */
export const V2 = V1.replace('version: "1"', 'version: "2"')
  .replace('from: 2022-01-01\n  until: 2022-06-30', 'from: 2022-07-01')
  .replace('value: 15', 'value: 16')
  .replace('level is partial, score: 5', 'level is partial, score: 6');

/** Subjects for both versions (typed, as JSON Lines would give them). */
export const SUBJECTS: Record<string, unknown>[] = [
  { id: 'a-pass', rate: 1, level: 'full' }, // 20 / 20: pass
  { id: 'b-edge', rate: 0.5, level: 'full' }, // 15 / 15: pass at the mark under v1, fail under v2 (16)
  { id: 'c-below', rate: 0.45, level: 'full' }, // 14.5: fail (0.5 short) under v1
  { id: 'd-hard', rate: 1, level: 'partial' }, // 15 (v1) / 16 (v2): fail on the hard requirement
  { id: 'e-veto', rate: 1, level: 'full', exposed: true }, // vetoed
  { id: 'f-bad', rate: 2, level: 'full' }, // invalid: ratio above 1
  { id: 'g-easy', rate: 0.2, level: 'full', easy: true }, // 12, pass mark 12: pass
  { id: 'h-deduct', rate: 0.9, level: 'full', complaints: 5 }, // 19 − 3 = 16: pass
];

/** The subjects as records of a dataset. */
export function records(subjects: readonly Record<string, unknown>[] = SUBJECTS): SubjectRecord[] {
  return subjects.map((record, i) => ({ index: i + 1, line: i + 1, record }));
}

/** Loads YAML text as the CLI would load a file. */
export function loadVersionText(file: string, text: string): LoadedVersion {
  const loaded = loadRubricText(text, file, 'yaml');
  const v: LoadedVersion = { file, source: loaded.source, diagnostics: loaded.diagnostics };
  if (loaded.rubric) {
    v.rubric = loaded.rubric;
    v.compiled = compileRubric(loaded.rubric);
  }
  return v;
}

/** In-memory services, with a way to edit a file (and tell the watcher). */
export interface MemoryServices extends TuiServices {
  files: Map<string, string>;
  /** Replaces a file's text (a rubric, or the dataset as a list of subjects) and fires the watcher. */
  change(file: string, text: string | Record<string, unknown>[]): void;
  /** How many times the dataset was read. */
  reads: number;
  /** While set, reading the dataset for this rubric version waits for the promise. */
  hold?: { version: string; until: Promise<void> };
}

/** Services over files kept in memory. `data` undefined: the rubrics' own test cases are the subjects. */
export function memoryServices(files: Record<string, string>, data?: { name: string; subjects: Record<string, unknown>[] }): MemoryServices {
  const listeners: ((file: string) => void)[] = [];
  let subjects = data?.subjects;
  const s: MemoryServices = {
    rubricFiles: Object.keys(files),
    files: new Map(Object.entries(files)),
    reads: 0,
    async loadVersion(file: string) {
      const text = s.files.get(file);
      if (text === undefined) return { file, source: '', diagnostics: [{ severity: 'error', code: 'io/unreadable', message: 'cannot read the rubric: no such file', file, span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } }] };
      return loadVersionText(file, text);
    },
    watch(onChange) {
      listeners.push(onChange);
      return () => void listeners.splice(listeners.indexOf(onChange), 1);
    },
    change(file, text) {
      if (typeof text === 'string') s.files.set(file, text);
      else subjects = text;
      for (const l of [...listeners]) l(file);
    },
  };
  if (data) {
    Object.assign(s, {
      dataFile: data.name,
      async *readRecords(rubric: Rubric) {
        if (s.hold?.version === rubric.version) await s.hold.until;
        s.reads++;
        if (subjects === undefined) throw new Error(`cannot read the data file ${data.name}: no such file`);
        yield* records(subjects);
      },
    });
  }
  return s;
}
