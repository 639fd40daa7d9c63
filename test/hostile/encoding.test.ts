/**
 * Data in GBK / GB18030 (issue 7, item 3): `--encoding auto` (the default) reads a file
 * that office software exported in GBK exactly as its UTF-8 twin, says on stderr what it
 * guessed, and streams: the guess is made from the first non-ASCII bytes, however far in.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeData, type DataEncoding, type DecodeNotes } from '../../packages/cli/src/data/encoding.js';
import { ROOT, TINY_RUBRIC, jsonLines, removeWorkdirs, rubric, workdir } from '../cli/helpers.js';

const iconv = createRequire(join(ROOT, 'packages/cli/package.json'))('iconv-lite') as { encode(text: string, enc: string): Buffer };

afterAll(removeWorkdirs);

const AS_OF = ['--as-of', '2022-06-20'];

/** Chinese ids, a Chinese boolean word, a comment row in Chinese, and a cell that is not a number. */
const TEXT = ['id,rate,level,exposed', '# 说明：比率 0..1，等级 full | partial | none', '东城区安定门街道,0.95,full,否', '西城区“德胜”街道,0.5,partial,否', '朝阳区望京街道,1,full,是', '海淀区,一半,full,否', ''].join('\r\n');

async function decodeAll(bytes: Buffer, encoding: DataEncoding, chunkSize: number): Promise<{ text: string; notes: DecodeNotes[] }> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const notes: DecodeNotes[] = [];
  let text = '';
  for await (const t of decodeData(chunks as unknown as AsyncIterable<Buffer>, encoding, { onNote: (n) => notes.push(n) })) text += t;
  return { text, notes };
}

describe('--encoding auto through the built CLI', () => {
  const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC, 'utf8.csv': TEXT });
  writeFileSync(join(cwd, 'gbk.csv'), iconv.encode(TEXT, 'gbk'));
  writeFileSync(join(cwd, 'bom.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]));
  const run = (data: string, extra: string[] = [], input?: string) => rubric(['eval', 'tiny.yaml', '--data', data, ...AS_OF, '--format', 'jsonl', ...extra], { cwd, ...(input !== undefined ? { input } : {}) });
  const twin = run('utf8.csv');

  it('the UTF-8 twin: scored, with nothing said about encodings', () => {
    expect(twin.status).toBe(1);
    expect(jsonLines(twin.stdout).map((x) => [x['id'], x['outcome']])).toEqual([
      ['东城区安定门街道', 'pass'],
      ['西城区“德胜”街道', 'fail'],
      ['朝阳区望京街道', 'vetoed'],
      ['海淀区', 'invalid'],
    ]);
    expect(twin.stderr).toBe('');
  });

  it('a GBK file (generated with iconv-lite) gives the same bytes, and a note on stderr', () => {
    const gbk = run('gbk.csv');
    expect(gbk.status).toBe(1);
    expect(gbk.stdout).toBe(twin.stdout);
    expect(gbk.stderr).toContain('note: the data is not UTF-8; it is read as GB18030 (GBK)');
  });

  it('--encoding gbk and gb18030 read it too, silently; --encoding utf8 reads U+FFFD and warns', () => {
    for (const enc of ['gbk', 'gb18030']) {
      const r = run('gbk.csv', ['--encoding', enc]);
      expect(r.stdout, enc).toBe(twin.stdout);
      expect(r.stderr, enc).toBe('');
    }
    const wrong = run('gbk.csv', ['--encoding', 'utf8']);
    expect(wrong.stdout).not.toBe(twin.stdout);
    expect(jsonLines(wrong.stdout)).toHaveLength(4);
    expect(wrong.stderr).toMatch(/warning: the data is not valid UTF-8 \(from about byte \d+\).*--encoding gb18030/);
  });

  it('a UTF-8 byte order mark means UTF-8; standard input is decoded the same way', () => {
    expect(run('bom.csv').stdout).toBe(twin.stdout);
    const stdinGbk = rubric(['eval', 'tiny.yaml', '--data', '-', '--data-format', 'csv', ...AS_OF, '--format', 'jsonl'], { cwd, input: iconv.encode(TEXT, 'gbk') as unknown as string });
    expect(stdinGbk.stdout).toBe(twin.stdout);
  });

  it('an unknown --encoding is a usage error', () => {
    const r = run('utf8.csv', ['--encoding', 'latin1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("argument 'latin1' is invalid");
  });
});

describe('decodeData: streamed, chunk boundaries anywhere', () => {
  it('counts the bytes read, not the decoded text (the progress bar measures against the file size)', async () => {
    const bytes = iconv.encode(TEXT, 'gbk');
    let counted = 0;
    let text = '';
    const chunks = [bytes.subarray(0, 10), bytes.subarray(10, 11), bytes.subarray(11)];
    for await (const t of decodeData(chunks as unknown as AsyncIterable<Buffer>, 'auto', { onBytes: (n) => (counted += n) })) text += t;
    expect(text).toBe(TEXT);
    expect(counted).toBe(bytes.length);
    expect(Buffer.byteLength(text)).toBeGreaterThan(bytes.length); // what used to be counted
  });

  // Four-byte GB18030 sequences (a CJK Extension B character, an emoji) that GBK lacks.
  const gb18030Text = `${'ascii,only\n'.repeat(700)}𠀀,😀,中文,€\n`;

  for (const size of [1, 2, 3, 7, 4096, 1 << 20]) {
    it(`chunks of ${size} bytes: GBK, GB18030 and UTF-8 all decode exactly`, async () => {
      const gbk = await decodeAll(iconv.encode(TEXT, 'gbk'), 'auto', size);
      expect(gbk.text).toBe(TEXT);
      expect(gbk.notes).toEqual([{ chosen: 'gb18030' }]);
      const gb = await decodeAll(iconv.encode(gb18030Text, 'gb18030'), 'auto', size);
      expect(gb.text).toBe(gb18030Text);
      const utf8 = await decodeAll(Buffer.from(gb18030Text), 'auto', size);
      expect(utf8.text).toBe(gb18030Text);
      expect(utf8.notes).toEqual([]);
      const bom = await decodeAll(Buffer.from(`\ufeff${TEXT}`), 'auto', size);
      expect(bom.text.replace(/^\ufeff/, '')).toBe(TEXT);
      expect(bom.notes).toEqual([]);
    });
  }

  it('bad bytes among the first non-ASCII ones: GB18030', async () => {
    const r = await decodeAll(Buffer.concat([Buffer.from('id,名称\n'), Buffer.from([0xff, 0x41])]), 'auto', 3);
    expect(r.notes).toEqual([{ chosen: 'gb18030' }]);
  });

  it('UTF-8 that turns bad later: read with U+FFFD, and the first bad byte is reported once', async () => {
    // Past the first 4096 bytes of non-ASCII, which decide the encoding.
    const head = `id,名称\n${'A,好\n'.repeat(1000)}`;
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('\n')]);
    const r = await decodeAll(bytes, 'auto', 500);
    expect(r.text.startsWith(head)).toBe(true);
    expect(r.text).toContain('\ufffd');
    expect(r.notes).toEqual([{ chosen: 'utf8', firstBadByte: expect.any(Number) }]);
    expect(r.notes[0]!.firstBadByte).toBeGreaterThanOrEqual(bytes.indexOf(0xff) - 500);
    expect(r.notes[0]!.firstBadByte).toBeLessThanOrEqual(bytes.indexOf(0xff));
  });

  it('a UTF-16 byte order mark means UTF-16; pure ASCII and an empty file pass unchanged', async () => {
    const utf16 = await decodeAll(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'auto', 3);
    expect(utf16.text).toBe(TEXT);
    expect(utf16.notes).toEqual([{ chosen: 'utf16' }]);
    expect((await decodeAll(Buffer.from('a,b\n1,2\n'), 'auto', 2)).text).toBe('a,b\n1,2\n');
    expect((await decodeAll(Buffer.alloc(0), 'auto', 2)).text).toBe('');
  });
});
