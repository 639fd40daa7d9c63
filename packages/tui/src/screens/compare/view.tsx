/** The compare screen: A and B side by side per subject, flips first, and the changes between the versions. */
import { Box, Text } from 'ink';
import { memo } from 'react';
import { Banner } from '../../components/banner.js';
import { Line as TextLine } from '../../components/line.js';
import { Footer, type Hint } from '../../components/footer.js';
import type { ChangeLine } from '../../model/changes.js';
import { OUTCOME_COLOR, OUTCOME_ORDER, OUTCOME_SYMBOL, outcomeLabel, type OutcomeCounts } from '../../model/outcome.js';
import { count, fit, fitStart } from '../../model/text.js';
import type { CompareLine, CompareViewProps } from './props.js';

const HINTS: readonly Hint[] = [
  ['↑↓', 'move'],
  ['⏎', 'detail'],
  ['Tab', 'changes'],
  ['f', 'flips only'],
  ['a b', 'versions'],
  ['x', 'swap'],
  ['+-', 'pass mark'],
  ['Esc', 'back'],
];

function Counts({ counts }: { counts: OutcomeCounts }) {
  return (
    <Text>
      {OUTCOME_ORDER.map((o) => (
        <Text key={o} color={OUTCOME_COLOR[o]}>{`${OUTCOME_SYMBOL[o]}${count(counts[o])} `}</Text>
      ))}
    </Text>
  );
}

const MARK_COLOR: Record<ChangeLine['mark'], string | undefined> = { '+': 'green', '-': 'red', '#': 'cyan', ' ': undefined };

function Changes({ lines, width, height }: { lines: ChangeLine[]; width: number; height: number }) {
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.map((l, i) => (
        <TextLine key={i} text={l.text} width={width} bold={l.mark === '#'} {...(MARK_COLOR[l.mark] ? { color: MARK_COLOR[l.mark] } : {})} />
      ))}
    </Box>
  );
}

function outcomeText(o: CompareLine['a'], width: number): string {
  return fit(o ? outcomeLabel(o.outcome) : '—', width);
}

/** One subject under A and B: few text nodes, memoised (see the subjects table). */
const Line = memo(
  function Line({ line, selected, width }: { line: CompareLine; selected: boolean; width: number }) {
    const id = Math.min(14, Math.max(8, Math.floor(width * 0.18)));
    const rest = Math.max(0, width - 2 - id - 1 - 10 - 6 - 3 - 10 - 6 - 7 - 1);
    return (
      <Text wrap="truncate" inverse={selected} bold={line.flip}>
        {`${selected ? '▸ ' : line.flip ? '⇄ ' : '  '}${fit(line.id, id)} `}
        <Text {...(line.a ? { color: OUTCOME_COLOR[line.a.outcome] } : { dimColor: true })}>{outcomeText(line.a, 10)}</Text>
        {`${fitStart(line.a?.total ?? '', 5)} → `}
        <Text {...(line.b ? { color: OUTCOME_COLOR[line.b.outcome] } : { dimColor: true })}>{outcomeText(line.b, 10)}</Text>
        {`${fitStart(line.b?.total ?? '', 5)} ${fitStart(line.change, 6)}  `}
        <Text dimColor={!selected}>{fit(line.reason, rest)}</Text>
      </Text>
    );
  },
  (a, b) => a.selected === b.selected && a.width === b.width && JSON.stringify(a.line) === JSON.stringify(b.line),
);

/** The compare screen. */
export function CompareView(p: CompareViewProps) {
  const rows = Math.max(1, p.height - 6 - p.banner.length);
  const listWidth = p.wide ? Math.max(72, Math.min(100, Math.floor(p.width * 0.52))) : p.width;
  const changesWidth = p.wide ? p.width - listWidth - 1 : p.width;
  const showList = p.wide || p.focus === 'subjects';
  const showChanges = p.wide || p.focus === 'changes';
  const s = p.summary;
  const dirs = s.byDirection.map((d) => `${OUTCOME_SYMBOL[d.from]} ${d.from} → ${OUTCOME_SYMBOL[d.to]} ${d.to} ${count(d.count)}`).join(' · ');
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <TextLine bold text={`compare  A ${p.a}  →  B ${p.b}`} width={p.width} />
      <Text wrap="truncate">
        <Text bold color={s.flips > 0 ? 'yellow' : 'green'}>{`${count(s.flips)} of ${count(s.paired)} flip`}</Text>
        <Text>{dirs ? `: ${dirs}` : ''}</Text>
        <Text dimColor>{` · ${count(s.totalChanged)} other totals changed${s.onlyA + s.onlyB > 0 ? ` · ${s.onlyA} only in A, ${s.onlyB} only in B` : ''}`}</Text>
      </Text>
      <Text wrap="truncate">
        <Text dimColor>A </Text>
        <Counts counts={p.countsA} />
        <Text dimColor> B </Text>
        <Counts counts={p.countsB} />
        <Text color="yellow" bold>{p.whatIf ? ` ${p.whatIf}` : ''}</Text>
      </Text>
      <Banner lines={p.banner} width={p.width} />
      <Text wrap="truncate">
        <Text inverse={p.focus === 'subjects'} bold>{` subjects ${count(p.listCount)}${p.flipsOnly ? ' (flips only)' : ''} `}</Text>
        <Text> </Text>
        <Text inverse={p.focus === 'changes'} bold>{` changes ${count(p.changeCount)} `}</Text>
        <Text dimColor>{p.wide ? '' : '  (Tab switches)'}</Text>
      </Text>
      <Text bold wrap="truncate">
        {showList
          ? `  ${fit('id', Math.min(14, Math.max(8, Math.floor(listWidth * 0.18))))} ${fit('A', 10)}${fitStart('total', 5)}   ${fit('B', 10)}${fitStart('total', 5)} ${fitStart('Δ', 6)}  reason (B)`
          : 'what changed from A to B'}
      </Text>
      <Box flexDirection="row" height={rows}>
        {showList ? (
          <Box flexDirection="column" width={listWidth} height={rows}>
            {p.lines.length === 0 ? <Text dimColor>{`  ${p.empty}`}</Text> : p.lines.map((l, i) => <Line key={i} line={l} selected={i === p.cursor && p.focus === 'subjects'} width={listWidth} />)}
          </Box>
        ) : null}
        {p.wide ? <Box width={1} height={rows} /> : null}
        {showChanges ? <Changes lines={p.changes} width={changesWidth} height={rows} /> : null}
      </Box>
      <Footer hints={HINTS} width={p.width} />
    </Box>
  );
}
