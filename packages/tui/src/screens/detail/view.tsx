/** The subject detail: outcome, pass mark and why, the gap, indicators and gates, and the selected one's explanation. */
import { Box, Text } from 'ink';
import { Banner } from '../../components/banner.js';
import { Line } from '../../components/line.js';
import { Footer, type Hint } from '../../components/footer.js';
import { OUTCOME_COLOR, outcomeLabel } from '../../model/outcome.js';
import { fit, fitStart } from '../../model/text.js';
import type { DetailItem, ItemTone } from './model.js';
import type { DetailViewProps } from './props.js';

const HINTS: readonly Hint[] = [
  ['↑↓', 'move'],
  ['Tab', 'explanation'],
  ['n p', 'next/prev subject'],
  ['+-', 'pass mark'],
  ['[ ]', 'version'],
  ['Esc', 'back'],
];

/** From this width the list shows each indicator's rule branch. */
export const WIDE_DETAIL = 110;

const TONE: Record<ItemTone, string | undefined> = { good: 'green', partial: 'yellow', bad: 'red', plain: undefined, heading: undefined };

function Item({ item, selected, focused, width }: { item: DetailItem; selected: boolean; focused: boolean; width: number }) {
  const heading = item.tone === 'heading';
  const value = 10;
  const other = item.other ? `A ${item.other}` : '';
  // A wide terminal also shows the rule branch each indicator took.
  const branch = width >= WIDE_DETAIL ? 22 : 0;
  const label = Math.max(0, width - 2 - (heading ? 0 : 2) - value - 8 - 2 - branch);
  return (
    <Text wrap="truncate" inverse={selected && focused} bold={heading || selected}>
      {`${selected ? '▸ ' : '  '}${heading ? '' : '  '}${fit(item.label, label)} `}
      <Text {...(TONE[item.tone] ? { color: TONE[item.tone] } : {})}>{fitStart(item.value, value)}</Text>
      <Text color="yellow">{fitStart(other, 8)}</Text>
      {branch > 0 ? <Text dimColor>{`  ${fit(item.branch ?? '', branch - 2)}`}</Text> : null}
    </Text>
  );
}

/** The detail screen. */
export function DetailView(p: DetailViewProps) {
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Text wrap="truncate" bold>
        <Text>{p.id || '—'}</Text>
        <Text dimColor>{` · ${p.version} · `}</Text>
        {p.outcome ? <Text color={OUTCOME_COLOR[p.outcome]}>{outcomeLabel(p.outcome)}</Text> : null}
        {p.fileOutcome ? <Text color="yellow">{` (what-if; the rubric says ${p.fileOutcome})`}</Text> : null}
        <Text>{p.total ? ` · total ${p.total}` : ''}</Text>
        <Text color="cyan">{p.other ? ` · ${p.other}` : ''}</Text>
      </Text>
      <Line text={p.passMark} width={p.width} />
      <Box flexDirection="column" height={p.gapRows}>
        {p.gap.slice(0, p.gapRows).map((g, i) => (
          <Line key={i} text={g} width={p.width} color={g.startsWith('passes') ? 'green' : 'yellow'} />
        ))}
      </Box>
      <Banner lines={p.banner} width={p.width} />
      <Box flexDirection="column" height={p.listRows}>
        {p.items.map((it, i) => (
          <Item key={i} item={it} selected={i === p.cursor} focused={p.focus === 'list'} width={p.width} />
        ))}
      </Box>
      <Line
        text={`── ${p.explainTitle} ${'─'.repeat(Math.max(0, p.width))}`.slice(0, p.width)}
        width={p.width}
        dimColor={p.focus !== 'explain'}
        bold={p.focus === 'explain'}
        color={p.focus === 'explain' ? 'cyan' : 'gray'}
      />
      <Box flexDirection="column" height={p.explainRows}>
        {p.explain.map((l, i) => (
          <Line key={i} text={l} width={p.width} />
        ))}
      </Box>
      <Footer hints={HINTS} width={p.width} />
    </Box>
  );
}
