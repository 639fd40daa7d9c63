/** `rubric` end to end: help, version, usage errors and their exit codes. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, rubric } from './helpers.js';

describe('rubric (built)', () => {
  it('is built', () => {
    expect(existsSync(BIN), `${BIN} is missing: run npm run build`).toBe(true);
  });

  it.each([[['--help']], [['check', '--help']], [['eval', '--help']], [['test', '--help']]])('%j shows help with examples, exit 0', (argv) => {
    const r = rubric(argv);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: rubric/);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('Exit codes:');
  });

  it('eval --help lists every option and format', () => {
    const r = rubric(['eval', '--help']);
    for (const word of ['--data', '--data-format', '--as-of', '--format', '--explain', '--out', 'jsonl', 'csv', 'md', 'table']) expect(r.stdout).toContain(word);
  });

  it('--version prints the version', () => {
    const r = rubric(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('no command, an unknown command, an unknown option: exit 2 with a message and no stack', () => {
    for (const argv of [[], ['frobnicate'], ['check', 'x.yaml', '--bogus'], ['eval', 'x.yaml']]) {
      const r = rubric(argv);
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(rubric(['frobnicate']).stderr).toContain("unknown command 'frobnicate'");
    expect(rubric(['eval', 'x.yaml']).stderr).toContain("required option '--data <file>'");
  });

  it('a bad --as-of, --format or data name: exit 2 pointing at eval --help', () => {
    for (const argv of [
      ['eval', 'x.yaml', '--data', 'd.csv', '--as-of', '2022-02-30'],
      ['eval', 'x.yaml', '--data', 'd.csv', '--as-of', 'tomorrow'],
      ['eval', 'x.yaml', '--data', 'd.csv', '--format', 'xml'],
      ['eval', 'x.yaml', '--data', 'd.txt'],
      ['eval', 'x.yaml', '--data', '-'],
    ]) {
      const r = rubric(argv);
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toContain('see `rubric eval --help`');
      expect(r.stdout).toBe('');
    }
  });
});
