/** The key hints at the bottom of a screen: as many as fit, most useful first. */
import { Box, Text } from 'ink';
import { displayWidth } from '../model/text.js';

/** A key and what it does, as the footer shows it. */
export type Hint = readonly [key: string, what: string];

/** Props of {@link Footer}. */
export interface FooterProps {
  hints: readonly Hint[];
  width: number;
  /** Shown last whatever the width (default: `? help`, `q quit`). */
  pinned?: readonly Hint[];
}

/** The help and quit keys, always in the footer. */
export const PINNED: readonly Hint[] = [
  ['?', 'help'],
  ['q', 'quit'],
];

const hintWidth = (h: Hint): number => displayWidth(h[0]) + 1 + displayWidth(h[1]) + 2;

/** The hints that fit in `width` columns, in order, with the pinned ones at the end. */
export function fitHints(hints: readonly Hint[], width: number, pinned: readonly Hint[] = PINNED): Hint[] {
  const out: Hint[] = [];
  let used = pinned.reduce((n, h) => n + hintWidth(h), 0);
  for (const h of hints) {
    if (used + hintWidth(h) > width) break;
    out.push(h);
    used += hintWidth(h);
  }
  return [...out, ...pinned];
}

/** One line of key hints. */
export function Footer({ hints, width, pinned = PINNED }: FooterProps) {
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate">
        {fitHints(hints, width, pinned).map(([k, what], i) => (
          <Text key={i}>
            <Text bold color="cyan">
              {k}
            </Text>
            <Text dimColor> {what}  </Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
