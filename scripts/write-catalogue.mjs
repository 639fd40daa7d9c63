#!/usr/bin/env node
/**
 * Writes docs/guide/diagnostics.md, the catalogue of every diagnostic code, from the code's own
 * registry (DIAGNOSTIC_CATALOGUE in packages/rubric/src/diagnostic-catalogue.ts): each wrong
 * example is run through the built facade and the message it really gives is written down.
 * `--check` writes nothing and exits 1 when the file differs from what would be written
 * (test/guide/catalogue.test.ts runs it). Build first: node_modules/.bin/tsc -b.
 *
 * Data file examples run the built `rubric eval` (the data readers belong to the command line,
 * which the catalogue's package cannot import), and the base rubric's IR JSON shown on the page
 * is what the built `rubric convert --to json` writes. Generated examples (the resource limits)
 * are described in words: their files are too big to print.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DIAGNOSTIC_CATALOGUE, INTERNAL_CODES, runCatalogueExample, CATALOGUE_BASE_YAML, CATALOGUE_BASE_DSL, CATALOGUE_BASE_RECORD } from '../packages/rubric/dist/index.js';

const OUT = fileURLToPath(new URL('../docs/guide/diagnostics.md', import.meta.url));
const CLI = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
const run = promisify(execFile);

/** Runs the built `rubric` command; exit status 1 (some record invalid) is an answer, not a failure. */
async function rubric(args) {
  try {
    return (await run(process.execPath, [CLI, ...args], { maxBuffer: 1 << 24 })).stdout;
  } catch (e) {
    if (e.code === 1 && typeof e.stdout === 'string') return e.stdout;
    throw e;
  }
}

/**
 * The catalogue's `evaluateDataFile`: `rubric eval RUBRIC --data DATA --as-of DATE --format jsonl`,
 * giving each record's errors in file order.
 */
export async function evaluateDataFileWithCli(rubricPath, dataPath, asOf) {
  const out = await rubric(['eval', rubricPath, '--data', dataPath, '--as-of', asOf, '--format', 'jsonl']);
  return out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line).errors);
}

/** The base rubric as IR JSON, as `rubric convert mini.yaml --to json` writes it (what `json` edits change). */
export async function baseIrWithCli() {
  const dir = await mkdtemp(join(tmpdir(), 'rubric-catalogue-'));
  try {
    await writeFile(join(dir, 'mini.yaml'), CATALOGUE_BASE_YAML, 'utf8');
    return await rubric(['convert', join(dir, 'mini.yaml'), '--to', 'json']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const GROUPS = [
  ['yaml', 'YAML 格式 · The YAML front end'],
  ['dsl', '规则语言 · The rubric language (DSL)'],
  ['expression', '表达式 · Expressions'],
  ['checker', '检查器 · The checker (`rubric check`)'],
  ['facade', '文件 · Rubric files'],
  ['limits', '资源限制 · Resource limits ([limits.md](../limits.md))'],
  ['versions', '版本 · Versions in a folder'],
  ['tests', '测试文件 · Test files (`rubric test`)'],
  ['data', '数据 · Data (per record)'],
  ['eval', '计分 · Evaluation (per record)'],
];

const SEVERITY = { error: '错误 error', warning: '警告 warning' };

/** A fenced block whose fence is longer than any backtick run inside. */
function fence(lang, text) {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${text.replace(/\n$/, '')}\n${f}`;
}

/** Indents a block under a list item. */
function indent(block) {
  return block
    .split('\n')
    .map((l) => (l === '' ? '' : `  ${l}`))
    .join('\n');
}

function diffBlock(from, to) {
  // An empty line gets a bare sign: no trailing space in the page.
  const minus = from.replace(/\n$/, '').split('\n').map((l) => (l === '' ? '-' : `- ${l}`));
  const plus = to === '' ? [] : to.replace(/\n$/, '').split('\n').map((l) => (l === '' ? '+' : `+ ${l}`));
  return fence('diff', [...minus, ...plus].join('\n'));
}

/** Several edits: one diff block each, in the order they apply. */
function diffBlocks(edits) {
  return edits.map((e) => diffBlock(e.from, e.to)).join('\n\nand · 以及：\n\n');
}

/** A CSV cell as a CSV writer quotes it. */
function csvCell(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function exampleText(ex) {
  switch (ex.kind) {
    case 'rubric':
      return `In the ${ex.format === 'yaml' ? 'YAML' : 'rubric-language'} base rubric (\`mini.${ex.format === 'yaml' ? 'yaml' : 'rubric'}\`) · 在基础量表中改动：\n\n${diffBlocks([{ from: ex.from, to: ex.to }, ...(ex.also ?? [])])}`;
    case 'json':
      if ('edit' in ex) return `In the base rubric as IR JSON (\`mini.json\`, written by \`rubric convert mini.yaml --to json\`) · 在基础量表的 IR JSON 中改动：\n\n${diffBlock(ex.edit.from, ex.edit.to)}`;
      return `An IR file \`mini.json\` · IR 文件内容：\n\n${fence('json', ex.text)}`;
    case 'data': {
      const edit = ex.edit ? `After this change to \`mini.yaml\` · 先改动量表：\n\n${diffBlock(ex.edit.from, ex.edit.to)}\n\n` : '';
      const by = ex.module ? 'Scored by the module `rubric compile mini.yaml` writes, without `--validate` · 由 `rubric compile` 生成的模块（不加 `--validate`）计分。\n\n' : '';
      return `${edit}${by}The record · 数据记录：\n\n${fence('json', JSON.stringify(ex.record, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)))}`;
    }
    case 'cells': {
      const edit = ex.edit ? `After this change to \`mini.yaml\` · 先改动量表：\n\n${diffBlock(ex.edit.from, ex.edit.to)}\n\n` : '';
      return `${edit}A CSV row · CSV 行：\n\n${fence('csv', `${Object.keys(ex.cells).map(csvCell).join(',')}\n${Object.values(ex.cells).map(csvCell).join(',')}`)}`;
    }
    case 'file':
      return `Loading the file \`${ex.name}\`${ex.content === undefined ? ' (it does not exist)' : ''} · 读取文件 \`${ex.name}\``;
    case 'folder': {
      if (ex.files.length === 0) return '`rubric check mini/` on an empty folder `mini/` · 检查空文件夹';
      const files = ex.files.map((f) =>
        f.edits.length === 0
          ? `- \`mini/${f.name}\`: the YAML base rubric unchanged · 基础量表原样`
          : `- \`mini/${f.name}\`: the YAML base rubric with · 基础量表改动：\n\n${indent(diffBlocks(f.edits))}`,
      );
      const tests = (ex.tests ?? []).map((t) => `- \`mini/${t.name}\`, a test file · 测试文件：\n\n${indent(fence('yaml', t.text))}`);
      if (tests.length > 0) return `\`rubric test mini/\` on a folder of versions and test files · 运行版本文件夹中的测试：\n\n${[...files, ...tests].join('\n')}`;
      return `\`rubric check mini/\` on a folder of versions · 检查版本文件夹：\n\n${files.join('\n')}`;
    }
    case 'generated':
      // Too big to print: what it holds, in words; the message below is the real one.
      return `\`rubric check ${ex.name}\` on a generated file, too big to print here · 检查生成的文件（篇幅过大，不在此列出）：${ex.what}.`;
    case 'data-file':
      return `The data file \`${ex.name}\`, evaluated with \`rubric eval mini.yaml --data ${ex.name} --as-of 2022-06-20\` · 数据文件：\n\n${fence(ex.name.endsWith('.csv') ? 'csv' : 'json', ex.text)}`;
    default:
      return `No snippet · 无片段示例: ${ex.where}.`;
  }
}

function messageText(entry, reports) {
  const hit = reports.find((r) => r.code === entry.code);
  if (!hit) return '';
  const lines = [`${hit.where} ${hit.severity} ${hit.code}: ${hit.message}`];
  if (hit.hint) lines.push(`  hint: ${hit.hint}`);
  return `Message · 提示信息：\n\n${fence('text', lines.join('\n'))}`;
}

/** The whole Markdown file. */
export async function renderCatalogue() {
  const parts = [
    '<!-- Generated by scripts/write-catalogue.mjs from packages/rubric/src/diagnostic-catalogue.ts. Do not edit by hand: test/guide/catalogue.test.ts fails when this file drifts. -->',
    '# 诊断代码目录 · Diagnostic code catalogue',
    '',
    'Every code the rubric tools report, with a wrong example, the message it really gives and the fix. ' +
      'The examples are small edits to one valid rubric (below); each was run through the tools to write this page, ' +
      'and a test runs them again, so this page cannot drift from the code. ' +
      'The resource limits need files too big to print: for those the page says what the generated file holds.',
    '',
    '本页列出工具报告的每一个诊断代码：错误示例、实际提示信息和修改方法。示例都是对下面同一个有效量表的小改动；' +
      '本页由脚本运行这些示例生成，测试会再次运行它们，因此本页与代码始终一致。资源限制的示例文件过大，本页只说明生成的文件内容。',
    '',
    `${DIAGNOSTIC_CATALOGUE.length} codes · ${DIAGNOSTIC_CATALOGUE.filter((e) => e.example.kind !== 'none').length} with a runnable example · 共 ${DIAGNOSTIC_CATALOGUE.length} 个代码。`,
    '',
    '## 基础量表 · The base rubric',
    '',
    fence('yaml', CATALOGUE_BASE_YAML),
    '',
    'The same rubric in the rubric language · 同一量表的规则语言写法：',
    '',
    fence('text', CATALOGUE_BASE_DSL),
    '',
    'Data examples start from this record, evaluated as of 2022-06-20 · 数据示例以此记录为基础：',
    '',
    fence('json', JSON.stringify(CATALOGUE_BASE_RECORD)),
    '',
    'Examples for codes that only IR JSON can reach edit the same rubric as `rubric convert mini.yaml --to json` writes it · 仅 IR JSON 能触发的代码，其示例改动同一量表的 IR JSON：',
    '',
    '<details><summary><code>mini.json</code></summary>',
    '',
    fence('json', await baseIrWithCli()),
    '',
    '</details>',
    '',
  ];
  for (const [source, title] of GROUPS) {
    const entries = DIAGNOSTIC_CATALOGUE.filter((e) => e.source === source);
    if (entries.length === 0) continue;
    parts.push(`## ${title}`, '');
    for (const entry of entries) {
      const reports = await runCatalogueExample(entry.example, { evaluateDataFile: evaluateDataFileWithCli });
      parts.push(`### \`${entry.code}\``, '', `${SEVERITY[entry.severity]} — ${entry.meaning}`, '', exampleText(entry.example), '');
      const message = messageText(entry, reports);
      if (message) parts.push(message, '');
      parts.push(`Fix · 修改：${entry.fix}`, '');
    }
  }
  parts.push(
    '## 内部代码 · Internal codes',
    '',
    'These report a bug in the tools, never a mistake in a rubric or its data; please report them with the file. ' +
      '以下代码表示工具自身的缺陷，而非量表或数据的错误，请连同文件一起报告。',
    '',
    ...INTERNAL_CODES.map((c) => `- \`${c}\``),
    '',
  );
  return parts.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await renderCatalogue();
  if (process.argv.includes('--check')) {
    const current = await readFile(OUT, 'utf8').catch(() => '');
    if (current !== text) {
      process.stderr.write('docs/guide/diagnostics.md is out of date: run node scripts/write-catalogue.mjs\n');
      process.exit(1);
    }
  } else {
    await writeFile(OUT, text, 'utf8');
    process.stdout.write(`wrote ${OUT}\n`);
  }
}
