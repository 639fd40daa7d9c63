/**
 * Words for ajv's validation errors in a standalone module: the same paths, codes and
 * messages as the library's subject reader (`evaluate/read-subject.ts`), which the tests
 * hold it to. Self-contained like the runtime: a standalone module embeds its source text.
 */

/** An ajv error, as much of it as the reporter reads. */
export interface AjvErrorLike {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A subject error (the model's `SubjectError`). */
export interface ReportedError {
  path: string;
  code: string;
  message: string;
}

/**
 * Builds the reporter for a rubric: `facts` are `[id, label]` of its facts in order;
 * `didYouMean` is the runtime's. The reporter turns ajv errors into subject errors (deduplicated
 * by path and code, errors at `skipPaths` or below dropped).
 */
export function createErrorReporter(
  facts: [string, string][],
  didYouMean: (word: string, candidates: Iterable<string>) => string | undefined,
): (errors: readonly AjvErrorLike[], subject: unknown, skipPaths: readonly string[]) => ReportedError[] {
  const labels = new Map<string, string>(facts);
  const TYPE_WORDS: Record<string, string> = {
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    string: 'text',
    array: 'a list',
    object: 'a record',
  };
  // The value an error is about: ajv's `data` in verbose mode, found here by its path.
  const valueAt = (subject: unknown, pointer: string): unknown => {
    let v = subject;
    for (const part of pointer.split('/').slice(1)) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return v;
  };
  const describe = (e: AjvErrorLike, subject: unknown): ReportedError => {
    const path = e.instancePath;
    const name = path === '' ? 'the subject' : `\`${path.slice(1).replace(/\//g, '.')}\``;
    const factId = path.split('/')[1] ?? '';
    const label = labels.has(factId) && path.split('/').length === 2 ? ` (${labels.get(factId)!})` : '';
    const p = e.params;
    switch (e.keyword) {
      case 'required': {
        const missing = String(p.missingProperty);
        const l = labels.get(missing);
        return {
          path: `${path}/${missing}`,
          code: 'data/missing',
          message: `\`${path === '' ? missing : `${path.slice(1)}.${missing}`}\`${l !== undefined ? ` (${l})` : ''} is required but missing`,
        };
      }
      case 'additionalProperties': {
        const extra = String(p.additionalProperty);
        const known = path === '' ? ['id', 'name', ...labels.keys()] : [];
        const hint = didYouMean(extra, known);
        return { path: `${path}/${extra}`, code: 'data/unknown-field', message: `unknown field \`${extra}\`${hint ? `: ${hint}` : ''}` };
      }
      case 'type': {
        const want = String(p.type)
          .split(',')
          .map((t) => TYPE_WORDS[t] ?? t)
          .join(' or ');
        return { path, code: 'data/wrong-type', message: `${name}${label} must be ${want}` };
      }
      case 'enum': {
        const allowed = (p.allowedValues as unknown[]).map(String);
        const value = valueAt(subject, path);
        const hint = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
        return {
          path,
          code: 'data/unknown-level',
          message: `${name}${label} is ${JSON.stringify(value)}, not one of ${allowed.join(', ')}${hint ? ` (${hint})` : ''}`,
        };
      }
      case 'minimum':
      case 'maximum':
        return {
          path,
          code: 'data/out-of-range',
          message: `${name}${label} is ${String(valueAt(subject, path))}, ${e.keyword === 'minimum' ? 'below the minimum' : 'above the maximum'} ${String(p.limit)}`,
        };
      case 'pattern':
      case 'format':
        return { path, code: 'data/bad-date', message: `${name}${label} must be a real date written YYYY-MM-DD` };
      default:
        return { path, code: 'data/invalid', message: `${name}${label} ${e.message ?? 'is invalid'}` };
    }
  };
  return (errors, subject, skipPaths) => {
    const seen = new Set<string>();
    const out: ReportedError[] = [];
    for (const e of errors) {
      const d = describe(e, subject);
      const k = `${d.path}\u0000${d.code}`;
      if (seen.has(k)) continue;
      seen.add(k);
      if (skipPaths.some((s) => d.path === s || d.path.startsWith(`${s}/`))) continue;
      out.push(d);
    }
    return out;
  };
}

/**
 * The numbers of a subject that are NaN or ±Infinity (`1e400` in JSON reads as Infinity, and a
 * JavaScript caller can pass either; ajv lets them through where a number has no bounds), as the
 * library's subject reader reports them (it calls this very function): top-level facts and the
 * fields of list records, `data/not-finite`. `facts` as for {@link createErrorReporter}.
 */
export function nonFiniteErrors(facts: [string, string][], data: Record<string, unknown>): ReportedError[] {
  const errors: ReportedError[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      errors.push({ path, code: 'data/not-finite', message: `\`${path.slice(1).replace(/\//g, '.')}\` is ${String(value)}, not a number a score can use` });
    } else if (Array.isArray(value)) {
      value.forEach((rec, i) => {
        if (rec && typeof rec === 'object') for (const [k, v] of Object.entries(rec)) visit(v, `${path}/${i}/${k}`);
      });
    }
  };
  for (const [id] of facts) visit(data[id], `/${id}`);
  return errors;
}
