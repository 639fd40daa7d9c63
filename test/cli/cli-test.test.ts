/** `rubric test` end to end: the test cases kept in a rubric file. */
import { afterAll, describe, expect, it } from 'vitest';
import { TINY_RUBRIC, BROKEN_RUBRIC, rubric, workdir, removeWorkdirs } from './helpers.js';

afterAll(removeWorkdirs);

const TESTS = `tests:
  - name: full marks pass
    as_of: 2022-06-20
    subject: { id: t1, rate: 1, level: full }
    expect: { outcome: pass, total: 20, pass_mark: 15, indicators: { rate_points: 10 } }
  - name: partial fails
    subject: { id: t2, rate: 0.5, level: partial }
    expect: { outcome: fail, total: 10, reasons: [below-pass-mark] }
`;

describe('rubric test', () => {
  it('exit 0 when every kept test passes, with branch coverage', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC + TESTS });
    const r = rubric(['test', 'tiny.yaml'], { cwd });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('✓ full marks pass');
    expect(r.stdout).toContain('✓ partial fails');
    expect(r.stdout).toContain('2 tests: 2 passed, 0 failed; branches reached 3/4');
    expect(r.stdout).toContain('not reached: level_points: otherwise');
  });

  it('exit 1 with what differs when a test fails; JSON on request', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC + TESTS.replace('total: 20', 'total: 19') });
    const r = rubric(['test', 'tiny.yaml'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ full marks pass');
    expect(r.stdout).toContain('total: expected 19, got 20');
    const j = rubric(['test', 'tiny.yaml', '--format', 'json'], { cwd });
    expect(j.status).toBe(1);
    expect(JSON.parse(j.stdout).rubrics[0].tests[0]).toMatchObject({ name: 'full marks pass', ok: false, failures: ['total: expected 19, got 20'] });
  });

  it('exit 2 for a rubric with errors or one that cannot be read', () => {
    const cwd = workdir({ 'broken.yaml': BROKEN_RUBRIC });
    expect(rubric(['test', 'broken.yaml'], { cwd }).status).toBe(2);
    expect(rubric(['test', 'missing.yaml'], { cwd }).status).toBe(2);
  });
});
