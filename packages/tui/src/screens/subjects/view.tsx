/** The subjects table: header, versions strip, counts, status lines, the visible rows, key hints. */
import { Box, Text } from 'ink';
import { memo } from 'react';
import { Banner } from '../../components/banner.js';
import { Footer, type Hint } from '../../components/footer.js';
import { Line as TextLine } from '../../components/line.js';
import { OUTCOME_COLOR, OUTCOME_ORDER, OUTCOME_SYMBOL, outcomeLabel } from '../../model/outcome.js';
import { count, fit, fitStart } from '../../model/text.js';
import type { SubjectLine, SubjectsViewProps, VersionTab } from './props.js';

const HINTS: readonly Hint[] = [
  ['↑↓', 'move'],
  ['⏎', 'detail'],
  ['/', 'search'],
  ['s', 'sort'],
  ['f', 'filter'],
  ['+-', 'pass mark'],
  ['c', 'compare'],
  ['Tab', 'pane'],
  ['[ ]', 'version'],
  ['r', 'reverse'],
  ['d', 'diagnostics'],
];

const SEARCH_HINTS: readonly Hint[] = [
  ['⏎', 'keep'],
  ['Esc', 'clear'],
  ['↑↓', 'move'],
];

function VersionStrip({ versions, focused }: { versions: VersionTab[]; focused: boolean }) {
  return (
    <Text>
      <Text bold={focused} color={focused ? 'cyan' : 'gray'}>
        {focused ? '▸versions ' : ' versions '}
      </Text>
      {versions.map((v, i) => {
        const mark = v.state === 'broken' ? '✖' : v.state === 'loading' || v.state === 'evaluating' ? '…' : '';
        return (
          <Text key={i}>
            <Text inverse={v.current} bold={v.current} {...(v.state === 'broken' ? { color: 'red' } : {})}>
              {` ${v.label}${mark} `}
            </Text>
            <Text dimColor>{i < versions.length - 1 ? '│' : ''}</Text>
          </Text>
        );
      })}
    </Text>
  );
}

/** Column widths of the table at a terminal width. */
export function columns(width: number, idWidth: number): { id: number; outcome: number; total: number; mark: number; reason: number } {
  const id = Math.max(4, idWidth);
  const outcome = 10;
  const total = 7;
  const mark = 7;
  return { id, outcome, total, mark, reason: Math.max(0, width - 2 - id - 1 - outcome - total - mark - 2) };
}

/**
 * One table row: few text nodes and no box of its own (Ink's cost per frame grows with the
 * nodes it lays out), and memoised, so moving the cursor re-renders two rows.
 */
const Line = memo(
  function Line({ line, selected, dim, width, idWidth }: { line: SubjectLine; selected: boolean; dim: boolean; width: number; idWidth: number }) {
    const c = columns(width, idWidth);
    const numbers = `${fitStart(line.total, c.total - 1)} ${fitStart(line.passMark, c.mark - 1)}  `;
    return (
      <Text wrap="truncate" inverse={selected && !dim} bold={selected}>
        {`${selected ? '▸ ' : '  '}${fit(line.id, c.id)} `}
        <Text color={OUTCOME_COLOR[line.outcome]} bold={line.moved}>
          {fit(outcomeLabel(line.outcome) + (line.moved ? '*' : ''), c.outcome)}
        </Text>
        {line.moved ? <Text color="yellow">{numbers}</Text> : numbers}
        <Text dimColor={!selected}>{fit(line.reason, c.reason)}</Text>
      </Text>
    );
  },
  (a, b) =>
    a.selected === b.selected &&
    a.dim === b.dim &&
    a.width === b.width &&
    a.idWidth === b.idWidth &&
    a.line.id === b.line.id &&
    a.line.outcome === b.line.outcome &&
    a.line.total === b.line.total &&
    a.line.passMark === b.line.passMark &&
    a.line.reason === b.line.reason &&
    a.line.moved === b.line.moved,
);

/** The subjects screen. */
export function SubjectsView(p: SubjectsViewProps) {
  const c = columns(p.width, p.idWidth);
  const tableRows = Math.max(1, p.height - 6 - p.banner.length);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <TextLine bold text={p.title} width={p.width} />
      <Box width={p.width} height={1} overflow="hidden">
        <Text wrap="truncate">
          <Text {...(p.whatIf ? { color: 'yellow', bold: true } : {})}>{p.passMark}</Text>
          <Text dimColor>{p.passMark ? ' │' : ''}</Text>
          <VersionStrip versions={p.versions} focused={p.focus === 'versions'} />
        </Text>
      </Box>
      <Text wrap="truncate">
        {OUTCOME_ORDER.map((o) => (
          <Text key={o} color={OUTCOME_COLOR[o]}>
            {`${OUTCOME_SYMBOL[o]} ${o} ${count(p.counts[o])}  `}
          </Text>
        ))}
      </Text>
      <Banner lines={p.banner} width={p.width} />
      <TextLine dimColor text={`${p.status} · ${p.data}`} width={p.width} />
      <Text bold wrap="truncate">
        {`  ${fit('id', c.id)} ${fit('outcome', c.outcome)}${fitStart('total', c.total - 1)} ${fitStart('mark', c.mark - 1)}  reason`}
      </Text>
      <Box flexDirection="column" height={tableRows}>
        {p.lines.length === 0 ? (
          <Text dimColor>{`  ${p.empty}`}</Text>
        ) : (
          p.lines.map((l, i) => <Line key={i} line={l} selected={i === p.cursor} dim={p.focus !== 'table'} width={p.width} idWidth={p.idWidth} />)
        )}
      </Box>
      {p.searching ? (
        <Box width={p.width} height={1} overflow="hidden">
          <Text wrap="truncate">
            <Text color="cyan" bold>{`/${p.query}█`}</Text>
            <Text dimColor>{'  '}</Text>
            {SEARCH_HINTS.map(([k, w], i) => (
              <Text key={i}>
                <Text bold color="cyan">
                  {k}
                </Text>
                <Text dimColor> {w}  </Text>
              </Text>
            ))}
          </Text>
        </Box>
      ) : (
        <Footer hints={HINTS} width={p.width} />
      )}
    </Box>
  );
}
