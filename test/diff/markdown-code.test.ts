/** Rule text and ids in diff reports are HTML code spans that Markdown cannot turn into anything else. */
import { describe, expect, it } from 'vitest';
import { markdownCode } from '../../packages/diff/src/render.js';

describe('markdownCode', () => {
  it('keeps ids readable', () => {
    expect(markdownCode('four_piece_check')).toBe('<code>four_piece_check</code>');
    expect(markdownCode("district_risk is 'low'")).toBe("<code>district_risk is 'low'</code>");
  });

  it('turns every Markdown mark into an entity: no emphasis, link, code span, strike-through or table cell', () => {
    const html = markdownCode('*b* _i_ [l](javascript:x) `c` ~~s~~ a\\b x|y <script>&');
    expect(html).toBe(
      '<code>&#42;b&#42; &#95;i&#95; &#91;l&#93;(javascript:x) &#96;c&#96; &#126;&#126;s&#126;&#126; a&#92;b x&#124;y &lt;script&gt;&amp;</code>',
    );
  });

  it('keeps the text on one line and escapes control characters', () => {
    expect(markdownCode('a\nb\u202ec')).toBe('<code>a b&#92;u202ec</code>'); // shows as \u202e
  });
});
