/**
 * Ids: duplicates within each namespace, and fact/parameter/field ids that are words
 * of the expression language.
 */
import { RESERVED_WORDS, pointer, type Fact } from '@rubric/model';
import type { CheckContext } from './context.js';

interface Named {
  id: string;
  /** JSON pointer of the id itself. */
  path: string;
}

/** Reports every occurrence after the first of an id, at the later occurrence. */
function reportDuplicates(ctx: CheckContext, items: readonly Named[], what: (id: string, first: Named) => string, hint?: string): void {
  const seen = new Map<string, Named>();
  for (const item of items) {
    const first = seen.get(item.id);
    if (first) ctx.error('rubric/duplicate-id', item.path, what(item.id, first), hint);
    else seen.set(item.id, item);
  }
}

function reportReserved(ctx: CheckContext, id: string, path: string, noun: string): void {
  if (!RESERVED_WORDS.has(id)) return;
  ctx.error(
    'rubric/reserved-name',
    path,
    `${noun} \`${id}\` has the name of an expression word, so expressions cannot refer to it`,
    `rename it, e.g. \`${id}_value\`; reserved words: ${[...RESERVED_WORDS].join(', ')}`,
  );
}

function checkFactNames(ctx: CheckContext, fact: Fact, path: string, listOf?: string): void {
  reportReserved(ctx, fact.id, `${path}/id`, listOf ? `field of \`${listOf}\`` : 'fact');
  const t = fact.type;
  if (t.kind === 'level') {
    reportDuplicates(
      ctx,
      t.levels.map((l, i) => ({ id: l.value, path: `${path}/type/levels/${i}/value` })),
      (id) => `level \`${id}\` of \`${fact.id}\` is listed twice`,
    );
  }
  if (t.kind === 'list') {
    reportDuplicates(
      ctx,
      t.fields.map((f, i) => ({ id: f.id, path: `${path}/type/fields/${i}/id` })),
      (id) => `list \`${fact.id}\` has two fields named \`${id}\``,
    );
    t.fields.forEach((f, i) => checkFactNames(ctx, f, `${path}/type/fields/${i}`, fact.id));
  }
}

/** Duplicate ids (`rubric/duplicate-id`) and reserved names (`rubric/reserved-name`). */
export function checkNames(ctx: CheckContext): void {
  const r = ctx.rubric;
  // Facts and parameters share one namespace: expressions name both the same way.
  const values: (Named & { kind: string })[] = [
    ...r.facts.map((f, i) => ({ id: f.id, path: pointer('facts', i, 'id'), kind: 'fact' })),
    ...r.parameters.map((p, i) => ({ id: p.id, path: pointer('parameters', i, 'id'), kind: 'parameter' })),
  ];
  reportDuplicates(
    ctx,
    values,
    (id, first) => `\`${id}\` is declared twice (it is already a ${(first as Named & { kind: string }).kind})`,
    'facts and parameters share one set of names; rename one of them',
  );
  r.facts.forEach((f, i) => checkFactNames(ctx, f, pointer('facts', i)));
  r.parameters.forEach((p, i) => reportReserved(ctx, p.id, pointer('parameters', i, 'id'), 'parameter'));

  reportDuplicates(ctx, r.sections.map((s, i) => ({ id: s.id, path: pointer('sections', i, 'id') })), (id) => `two sections have the id \`${id}\``);
  reportDuplicates(
    ctx,
    r.sections.flatMap((s, si) => s.indicators.map((ind, ii) => ({ id: ind.id, path: pointer('sections', si, 'indicators', ii, 'id') }))),
    (id) => `two indicators have the id \`${id}\``,
    'indicator ids are unique across all sections',
  );
  r.sections.forEach((s, si) =>
    s.indicators.forEach((ind, ii) => {
      if (ind.rule.kind !== 'checklist') return;
      reportDuplicates(
        ctx,
        ind.rule.items.map((it, k) => ({ id: it.id, path: pointer('sections', si, 'indicators', ii, 'rule', 'items', k, 'id') })),
        (id) => `indicator \`${ind.id}\` has two checklist items with the id \`${id}\``,
      );
    }),
  );
  reportDuplicates(ctx, r.hardRequirements.map((h, i) => ({ id: h.id, path: pointer('hardRequirements', i, 'id') })), (id) => `two hard requirements have the id \`${id}\``);
  reportDuplicates(ctx, r.vetoes.map((v, i) => ({ id: v.id, path: pointer('vetoes', i, 'id') })), (id) => `two vetoes have the id \`${id}\``);
  reportDuplicates(ctx, r.deductions.map((d, i) => ({ id: d.id, path: pointer('deductions', i, 'id') })), (id) => `two deductions have the id \`${id}\``);
  reportDuplicates(ctx, r.tests.map((t, i) => ({ id: t.name, path: pointer('tests', i, 'name') })), (id) => `two tests are named \`${id}\``);
}
