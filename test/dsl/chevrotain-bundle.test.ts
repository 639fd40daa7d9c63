/**
 * The DSL loads chevrotain from the single-file build in its package (20 ms) instead of the
 * package entry, which imports 640 lodash-es modules (0.55 s of every `rubric` start). It must
 * be that release's bundle, and the whole DSL must use that one copy of chevrotain.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chevrotainBundlePath, Lexer, VERSION } from '../../packages/dsl/src/chevrotain.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('chevrotain from its bundle', () => {
  it('is the bundle of the installed release', async () => {
    const bundle = chevrotainBundlePath();
    expect(bundle).toMatch(/chevrotain\.mjs$/);
    const pkg = JSON.parse(readFileSync(join(dirname(bundle!), '..', 'package.json'), 'utf8')) as { name: string; version: string };
    expect(pkg.name).toBe('chevrotain');
    expect(VERSION).toBe(pkg.version);
    const loaded = (await import(pathToFileURL(bundle!).href)) as { Lexer: unknown };
    expect(loaded.Lexer).toBe(Lexer);
  });

  it('keeps lodash-es out of the CLI: no module of it is loaded by `rubric --version`', () => {
    // A module hook that prints every module loaded; lodash-es must not be among them.
    const hook = `data:text/javascript,${encodeURIComponent(
      "export async function load(url, context, next) { process.stderr.write('LOAD ' + url + '\\n'); return next(url, context); }",
    )}`;
    const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hook)});`)}`;
    const r = spawnSync(process.execPath, ['--import', register, join(ROOT, 'packages/cli/dist/bin.js'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const loaded = r.stderr.split('\n').filter((l) => l.startsWith('LOAD '));
    expect(loaded.some((l) => l.includes('/packages/dsl/'))).toBe(true);
    expect(loaded.filter((l) => l.includes('lodash'))).toEqual([]);
  });
});
