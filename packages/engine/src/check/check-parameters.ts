/**
 * Parameters whose overrides depend on themselves, directly or through other parameters.
 */
import { pointer, walkExpr } from '@rubric/model';
import type { CheckContext } from './context.js';

/** `rubric/cyclic-parameter`: an override condition that reads the parameter it decides (`pass_mark = 80 when pass_mark > 85`). */
export function checkParameterCycles(ctx: CheckContext): void {
  const params = ctx.rubric.parameters;
  const ids = new Set(params.map((p) => p.id));
  // Edges: parameter → (parameter read, where).
  const edges = new Map<string, { to: string; path: string }[]>();
  params.forEach((p, pi) => {
    if (edges.has(p.id)) return;
    const out: { to: string; path: string }[] = [];
    p.periods.forEach((per, j) =>
      per.overrides.forEach((o, k) => {
        const base = pointer('parameters', pi, 'periods', j, 'overrides', k, 'when');
        walkExpr(o.when, (n, ptr) => {
          if (n.kind === 'ref' && ids.has(n.name) && ctx.scope.resolve(n.name)?.kind === 'parameter') out.push({ to: n.name, path: `${base}${ptr}/name` });
        });
      }),
    );
    edges.set(p.id, out);
  });
  const reported = new Set<string>();
  for (const start of edges.keys()) {
    // Depth-first search for a path back to `start`.
    const stack: { id: string; trail: string[]; firstPath?: string }[] = [{ id: start, trail: [start] }];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const { id, trail, firstPath } = stack.pop()!;
      for (const e of edges.get(id) ?? []) {
        const path = firstPath ?? e.path;
        if (e.to === start) {
          const cycle = [...trail, start];
          const key = [...new Set(cycle)].sort().join(' ');
          if (!reported.has(key)) {
            reported.add(key);
            ctx.error(
              'rubric/cyclic-parameter',
              path,
              cycle.length === 2
                ? `an override of parameter \`${start}\` depends on \`${start}\` itself`
                : `parameter \`${start}\` depends on itself through its overrides (${cycle.map((c) => `\`${c}\``).join(' → ')})`,
              'an override condition may read facts and other parameters, but not the parameter it decides',
            );
          }
          continue;
        }
        if (seen.has(e.to)) continue;
        seen.add(e.to);
        stack.push({ id: e.to, trail: [...trail, e.to], firstPath: path });
      }
    }
  }
}
