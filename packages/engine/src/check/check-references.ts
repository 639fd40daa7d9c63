/**
 * Ids that refer to other parts of the rubric: the pass-mark parameter, the indicator
 * of an `indicator-full` hard requirement, and the indicators of `replaces.mapping`.
 */
import { allIndicators, didYouMean, pointer } from '@rubric/model';
import type { CheckContext } from './context.js';

/** `rubric/unknown-parameter` for the pass mark and `rubric/unknown-indicator` for hard requirements. */
export function checkReferences(ctx: CheckContext): void {
  const r = ctx.rubric;
  const indicatorIds = allIndicators(r).map((x) => x.indicator.id);
  const params = r.parameters.map((p) => p.id);
  const b = ctx.scope.resolve(r.passMark);
  if (!b || b.kind !== 'parameter') {
    ctx.error(
      'rubric/unknown-parameter',
      '/passMark',
      b ? `the pass mark \`${r.passMark}\` is a fact, not a parameter` : `there is no parameter \`${r.passMark}\` to hold the pass mark`,
      didYouMean(r.passMark, params) ?? (params.length > 0 ? `the parameters are ${params.map((p) => `\`${p}\``).join(', ')}` : 'declare it under `parameters`, e.g. `pass_mark: { value: 85 }`'),
    );
  }
  r.hardRequirements.forEach((h, i) => {
    if (h.kind !== 'indicator-full' || indicatorIds.includes(h.indicator)) return;
    ctx.error(
      'rubric/unknown-indicator',
      pointer('hardRequirements', i, 'indicator'),
      `hard requirement \`${h.id}\` names indicator \`${h.indicator}\`, which this rubric does not have`,
      didYouMean(h.indicator, indicatorIds),
    );
  });
}

/**
 * `replaces`: it names another version (`rubric/replaces-itself`: a copied file whose
 * `replaces` was moved on but not its `version`); new ids of the mapping must exist here
 * (`rubric/unknown-indicator`); an old id belongs in one mapping (`rubric/duplicate-mapping`, warning).
 */
export function checkReplaces(ctx: CheckContext): void {
  const rep = ctx.rubric.replaces;
  if (!rep) return;
  if (rep.version === ctx.rubric.version) {
    // Comparing it with the version it names would be comparing it with itself through its
    // own mapping: every tool that follows `replaces` (diff, impact, folders) would mislead.
    ctx.error(
      'rubric/replaces-itself',
      pointer('replaces', 'version'),
      `the rubric replaces its own version ${JSON.stringify(rep.version)}`,
      '`replaces` names the version this one takes over from; if this file is a new version, change its `version`',
    );
  }
  const indicatorIds = allIndicators(ctx.rubric).map((x) => x.indicator.id);
  const seenFrom = new Map<string, number>();
  rep.mapping.forEach((m, mi) => {
    m.to.forEach((id, k) => {
      if (indicatorIds.includes(id)) return;
      ctx.error(
        'rubric/unknown-indicator',
        pointer('replaces', 'mapping', mi, 'to', k),
        `mapping ${mi + 1} maps to indicator \`${id}\`, which this rubric does not have`,
        didYouMean(id, indicatorIds) ?? '`to` lists indicators of this version; `from` lists those of the replaced one',
      );
    });
    m.from.forEach((id, k) => {
      const first = seenFrom.get(id);
      if (first !== undefined) {
        ctx.warning(
          'rubric/duplicate-mapping',
          pointer('replaces', 'mapping', mi, 'from', k),
          first === mi ? `old indicator \`${id}\` is listed twice in mapping ${mi + 1}` : `old indicator \`${id}\` is already mapped in mapping ${first + 1}`,
          'list each old indicator in one mapping; a split is one mapping with several `to`',
        );
      } else seenFrom.set(id, mi);
    });
  });
}
