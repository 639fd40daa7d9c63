/** The diagnostics screen: every rubric file's diagnostics in full, with the source line. */
import { Box, Text } from 'ink';
import { Footer } from '../../components/footer.js';
import { Line } from '../../components/line.js';
import type { DiagnosticLine } from './lines.js';

/** Props of the diagnostics view. */
export interface DiagnosticsViewProps {
  width: number;
  height: number;
  lines: DiagnosticLine[];
}

/** The diagnostics screen. */
export function DiagnosticsView(p: DiagnosticsViewProps) {
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Text bold wrap="truncate">
        Diagnostics of every rubric file
      </Text>
      <Box flexDirection="column" height={p.height - 2}>
        {p.lines.map((l, i) => (
          <Line key={i} text={l.text} width={p.width} {...(l.color ? { color: l.color } : {})} />
        ))}
      </Box>
      <Footer
        hints={[
          ['↑↓', 'scroll'],
          ['Esc', 'back'],
        ]}
        width={p.width}
      />
    </Box>
  );
}
