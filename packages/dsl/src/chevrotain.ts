/**
 * Chevrotain's runtime, from the single-file build its package ships (`lib/chevrotain.mjs`,
 * the same release's code bundled). The package's ES module entry imports lodash-es file by
 * file: 640 modules, 0.55 s of every `rubric` start on this machine (the whole CLI needs
 * 0.7 s), against 20 ms for the bundle. The rest of the DSL imports chevrotain's values from
 * here and only its types from `chevrotain`.
 *
 * The bundle is not in the package's `exports`, so it is found beside the entry that is;
 * if a chevrotain release ever lays its files out differently, the package entry is used.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Chevrotain = typeof import('chevrotain');

/** Where the bundle is, if it is there: `lib/chevrotain.mjs` beside `lib/src/api.js`. */
export function chevrotainBundlePath(): string | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve('chevrotain');
    const bundle = join(dirname(entry), '..', 'chevrotain.mjs');
    return existsSync(bundle) ? bundle : undefined;
  } catch {
    return undefined;
  }
}

async function load(): Promise<Chevrotain> {
  const bundle = chevrotainBundlePath();
  return bundle ? ((await import(pathToFileURL(bundle).href)) as Chevrotain) : import('chevrotain');
}

const chevrotain = await load();

export const { createToken, tokenMatcher, EOF, VERSION } = chevrotain;
export const Lexer: Chevrotain['Lexer'] = chevrotain.Lexer;
export type Lexer = import('chevrotain').Lexer;
export const CstParser: Chevrotain['CstParser'] = chevrotain.CstParser;
export type CstParser = import('chevrotain').CstParser;
