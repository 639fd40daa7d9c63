// The house rules of issue 13, held by a test so they stay true: no source file over 500
// lines, and no import loop between the source files of a package (type-only imports count:
// a loop through a type still ties two files that should lean one way).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MAX_LINES = 500;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const files = readdirSync(join(ROOT, 'packages')).flatMap((pkg) => {
  try {
    return sourceFiles(join(ROOT, 'packages', pkg, 'src'));
  } catch {
    return [];
  }
});
const known = new Set(files);

/** The source files a file imports or re-exports from, by relative specifier. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const targets: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/gms)) {
    const spec = m[1]!.replace(/\.js$/, '');
    for (const ext of ['.ts', '.tsx', '/index.ts']) {
      const target = resolve(dirname(file), spec + ext);
      if (known.has(target)) {
        targets.push(target);
        break;
      }
    }
  }
  return targets;
}

/** Strongly connected components of more than one file (Tarjan), as relative paths. */
function importLoops(): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(relative(ROOT, w));
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) loops.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return loops;
}

describe('the house', () => {
  it('reads the source files of every package', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it(`has no source file over ${MAX_LINES} lines`, () => {
    const long = files
      .map((f) => ({ file: relative(ROOT, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('has no import loop between files', () => {
    expect(importLoops()).toEqual([]);
  });
});
