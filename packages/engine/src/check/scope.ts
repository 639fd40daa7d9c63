/**
 * Name resolution for expressions. A name is a fact or a parameter (one namespace);
 * inside an aggregate (`count(checkpoints where staffed_24h)`) the fields of the
 * list's records come first, then the enclosing names.
 */
import { pointer, type Fact, type Parameter, type Rubric } from '@rubric/model';

/** What a name in an expression stands for. `path` is the JSON pointer of its declaration. */
export type Binding =
  | { kind: 'fact'; name: string; fact: Fact; path: string }
  | { kind: 'parameter'; name: string; parameter: Parameter; path: string }
  | { kind: 'field'; name: string; list: Fact; field: Fact; path: string };

/**
 * A stable key for a binding, unique across the rubric: `fact:x`, `parameter:x`,
 * `field:list.x`. The range analysis keys what it knows about a value by it.
 */
export function bindingKey(b: Binding): string {
  switch (b.kind) {
    case 'fact':
      return `fact:${b.name}`;
    case 'parameter':
      return `parameter:${b.name}`;
    case 'field':
      return `field:${b.list.id}.${b.name}`;
  }
}

/**
 * The names visible at one point of an expression. Build the rubric's scope with
 * {@link Scope.ofRubric} and step into an aggregate's records with {@link Scope.enterList}.
 * When ids are duplicated, the first declaration wins (the duplicate is reported elsewhere).
 */
export class Scope {
  private constructor(
    private readonly names: ReadonlyMap<string, Binding>,
    /** The enclosing scope (the rubric's, for an aggregate's record scope). */
    readonly parent: Scope | undefined,
    /** The list fact whose records this scope ranges over, if any. */
    readonly list: Fact | undefined,
  ) {}

  /** The top-level scope of a rubric: its facts and parameters. */
  static ofRubric(rubric: Rubric): Scope {
    const names = new Map<string, Binding>();
    rubric.facts.forEach((fact, i) => {
      if (!names.has(fact.id)) names.set(fact.id, { kind: 'fact', name: fact.id, fact, path: pointer('facts', i) });
    });
    rubric.parameters.forEach((parameter, i) => {
      if (!names.has(parameter.id)) {
        names.set(parameter.id, { kind: 'parameter', name: parameter.id, parameter, path: pointer('parameters', i) });
      }
    });
    return new Scope(names, undefined, undefined);
  }

  /**
   * The scope inside an aggregate over `list` (a list fact declared at `listPath`):
   * its fields first, then everything this scope sees.
   */
  enterList(list: Fact, listPath: string): Scope {
    const names = new Map<string, Binding>();
    if (list.type.kind === 'list') {
      list.type.fields.forEach((field, i) => {
        if (!names.has(field.id)) {
          names.set(field.id, { kind: 'field', name: field.id, list, field, path: `${listPath}/type/fields/${i}` });
        }
      });
    }
    return new Scope(names, this, list);
  }

  /** What `name` stands for here, innermost first; undefined when nothing declares it. */
  resolve(name: string): Binding | undefined {
    return this.names.get(name) ?? this.parent?.resolve(name);
  }

  /** Every name visible here, innermost first (for "did you mean" hints). */
  visibleNames(): string[] {
    const out = [...this.names.keys()];
    for (const n of this.parent?.visibleNames() ?? []) if (!this.names.has(n)) out.push(n);
    return out;
  }

  /** The names of the list facts visible here (for "did you mean" hints on aggregates). */
  listNames(): string[] {
    return this.visibleNames().filter((n) => {
      const b = this.resolve(n);
      return b?.kind === 'fact' && b.fact.type.kind === 'list';
    });
  }
}
