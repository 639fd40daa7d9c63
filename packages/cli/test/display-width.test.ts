import { describe, expect, it } from 'vitest';
import { displayWidth, padEndDisplay, padStartDisplay } from '@rubric/rubric';

describe('displayWidth', () => {
  it('counts ASCII as one column and CJK, kana, Hangul and fullwidth forms as two', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('北京市')).toBe(6);
    expect(displayWidth('量表（村）')).toBe(10);
    expect(displayWidth('かな한글')).toBe(8);
    expect(displayWidth('ＡＢ')).toBe(4);
    expect(displayWidth('𠀀')).toBe(2);
  });

  it('counts combining marks and zero-width characters as nothing', () => {
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('a\u200bb')).toBe(2);
  });

  it('pads to a display width', () => {
    expect(padEndDisplay('中', 4)).toBe('中  ');
    expect(padStartDisplay('中', 3)).toBe(' 中');
    expect(padEndDisplay('中文字', 2)).toBe('中文字');
  });
});
