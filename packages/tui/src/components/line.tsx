/**
 * One line of text cut to the width. Cut here, not by Ink: Ink's own truncation can end a
 * line of wide (CJK) characters one column past the width, which wraps it in a terminal.
 */
import { Text, type TextProps } from 'ink';
import { truncate } from '../model/text.js';

/** Props of {@link Line}: Ink's text props, the text and the width. */
export interface LineProps extends Omit<TextProps, 'children' | 'wrap'> {
  text: string;
  width: number;
}

/** A single line of `text`, at most `width` columns. */
export function Line({ text, width, ...props }: LineProps) {
  return (
    <Text wrap="truncate" {...props}>
      {truncate(text, width)}
    </Text>
  );
}
