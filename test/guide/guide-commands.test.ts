import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The guides in docs/guide/{en,zh} show real commands with the output the built CLI gave.
 * Each ```console block starts with `$ node packages/cli/dist/bin.js …`; this runs it again
 * from the repository root and checks that the shown lines appear in the output, in order
 * (`…` marks lines the guide leaves out), so a guide cannot keep showing stale output.
 */
const ROOT = new URL('../../', import.meta.url).pathname;

interface Block {
  file: string;
  args: string[];
  lines: string[];
}

function consoleBlocks(): Block[] {
  const blocks: Block[] = [];
  for (const lang of ['en', 'zh']) {
    const dir = join(ROOT, 'docs/guide', lang);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
      const text = readFileSync(join(dir, name), 'utf8');
      for (const m of text.matchAll(/```console\n([\s\S]*?)\n```/g)) {
        const [command, ...lines] = m[1]!.split('\n');
        const args = command!.replace(/^\$ node packages\/cli\/dist\/bin\.js /, '').split(' ');
        blocks.push({ file: `${lang}/${name}`, args, lines });
      }
    }
  }
  return blocks;
}

const BLOCKS = consoleBlocks();
// The Chinese and English guides show the same commands; run each distinct block once.
const DISTINCT = [...new Map(BLOCKS.map((b) => [JSON.stringify([b.args, b.lines]), b])).values()];

describe('the guides show what the CLI really prints', () => {
  it('has commands to check', () => {
    expect(BLOCKS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(DISTINCT.map((b) => [`${b.file}: rubric ${b.args.join(' ')}`, b] as const))('%s', (_name, block) => {
    const run = spawnSync('node', [join(ROOT, 'packages/cli/dist/bin.js'), ...block.args], { cwd: ROOT, encoding: 'utf8' });
    const output = `${run.stdout}${run.stderr}`.split('\n').map((l) => l.trimEnd());
    let at = 0;
    for (const line of block.lines.map((l) => l.trimEnd())) {
      if (line === '…') continue;
      const found = output.indexOf(line, at);
      expect(found, `${JSON.stringify(line)} not found (in order) in:\n${output.join('\n')}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });
});
