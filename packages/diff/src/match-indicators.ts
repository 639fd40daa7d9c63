/**
 * Old indicators ↔ new ones: first the `replaces` mapping (when one version replaces the
 * other), then equal ids for indicators the mapping does not mention; what is left is
 * added or removed.
 */
import { allIndicators, type IndicatorMapping, type Rubric } from '@rubric/model';
import { compareText } from './describe.js';
import type { GroupKind, IndicatorGroup, MappingSource } from './types.js';

/** The mapping that applies from `old` to `next`, oriented old → new, and where it came from. */
export function mappingBetween(old: Rubric, next: Rubric): { source: MappingSource; mapping: IndicatorMapping[] } {
  if (old.id === next.id && next.replaces?.version === old.version) return { source: 'new-replaces-old', mapping: next.replaces.mapping };
  if (old.id === next.id && old.replaces?.version === next.version) {
    // Diffing backwards: read the newer version's mapping the other way round.
    return { source: 'old-replaces-new', mapping: old.replaces.mapping.map((m) => ({ ...m, from: m.to, to: m.from })) };
  }
  return { source: 'none', mapping: [] };
}

/** Groups every indicator of both versions. Unknown ids in the mapping are ignored (the checkers report them). */
export function matchIndicators(old: Rubric, next: Rubric, mapping: readonly IndicatorMapping[]): IndicatorGroup[] {
  const oldIds = new Set(allIndicators(old).map((x) => x.indicator.id));
  const newIds = new Set(allIndicators(next).map((x) => x.indicator.id));
  const usedOld = new Set<string>();
  const usedNew = new Set<string>();
  const groups: IndicatorGroup[] = [];
  for (const m of mapping) {
    // An id already placed by an earlier mapping stays there (the checker warns about the repeat).
    const from = unique(m.from.filter((id) => oldIds.has(id) && !usedOld.has(id)));
    const to = unique(m.to.filter((id) => newIds.has(id) && !usedNew.has(id)));
    if (from.length === 0 && to.length === 0) continue;
    for (const id of from) usedOld.add(id);
    for (const id of to) usedNew.add(id);
    const g: IndicatorGroup = { kind: groupKind(from, to), from, to, mapped: true };
    if (m.note !== undefined) g.note = m.note;
    groups.push(g);
  }
  for (const id of oldIds) {
    if (usedOld.has(id)) continue;
    if (newIds.has(id) && !usedNew.has(id)) {
      usedOld.add(id);
      usedNew.add(id);
      groups.push({ kind: 'kept', from: [id], to: [id], mapped: false });
    }
  }
  for (const id of oldIds) if (!usedOld.has(id)) groups.push({ kind: 'removed', from: [id], to: [], mapped: false });
  for (const id of newIds) if (!usedNew.has(id)) groups.push({ kind: 'added', from: [], to: [id], mapped: false });
  return sortGroups(groups);
}

function groupKind(from: readonly string[], to: readonly string[]): GroupKind {
  if (from.length === 0) return 'added';
  if (to.length === 0) return 'removed';
  if (from.length === 1 && to.length === 1) return from[0] === to[0] ? 'kept' : 'renamed';
  if (to.length === 1) return 'merged';
  if (from.length === 1) return 'split';
  return 'regrouped';
}

/** Groups in a fixed order: by their first new id, else their first old id (ids sorted inside). */
function sortGroups(groups: IndicatorGroup[]): IndicatorGroup[] {
  for (const g of groups) {
    g.from.sort(compareText);
    g.to.sort(compareText);
  }
  const key = (g: IndicatorGroup): string => (g.to[0] ?? '') + '\u0000' + (g.from[0] ?? '');
  return groups.sort((a, b) => compareText(key(a), key(b)));
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/** Old id → the new id it became, for groups that keep or rename one indicator. */
export function renamesOf(groups: readonly IndicatorGroup[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const g of groups) if ((g.kind === 'kept' || g.kind === 'renamed') && g.from[0] && g.to[0]) m.set(g.from[0], g.to[0]);
  return m;
}
