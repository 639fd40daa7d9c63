/** Status lines: progress, diagnostics of a broken rubric, notices. */
import { Box } from 'ink';
import { Line } from './line.js';
import type { BannerLine } from '../app/banner.js';

/** Props of {@link Banner}. */
export interface BannerProps {
  lines: readonly BannerLine[];
  width: number;
}

/** The status lines, one terminal line each. */
export function Banner({ lines, width }: BannerProps) {
  if (lines.length === 0) return null;
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((l, i) => (
        <Line key={i} text={l.text} width={width} {...(l.color ? { color: l.color } : {})} />
      ))}
    </Box>
  );
}
