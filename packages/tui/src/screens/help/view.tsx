/** The `?` help screen: every key, by where it works. */
import { Box, Text } from 'ink';
import { Footer } from '../../components/footer.js';
import { Line } from '../../components/line.js';

/** Props of the help view. */
export interface HelpViewProps {
  width: number;
  height: number;
  /** The lines shown (already scrolled). */
  lines: string[];
  /** More lines below. */
  more: boolean;
}

/** The help screen. */
export function HelpView(p: HelpViewProps) {
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Text bold color="cyan" wrap="truncate">
        {`Keys${p.more ? '  (↓ for more)' : ''}`}
      </Text>
      <Box flexDirection="column" height={p.height - 2}>
        {p.lines.map((l, i) => (
          <Line key={i} text={l} width={p.width} bold={!l.startsWith(' ')} />
        ))}
      </Box>
      <Footer
        hints={[
          ['? Esc', 'close'],
          ['↑↓', 'scroll'],
        ]}
        pinned={[['q', 'quit']]}
        width={p.width}
      />
    </Box>
  );
}
