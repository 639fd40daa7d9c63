/**
 * A generated yes/no check of a subject against the rubric's input schema, compiled from the
 * very schema ajv validates with (`inputSchema`), keyword by keyword as ajv reads it:
 * `required` is `!== undefined`, unknown keys are found with `for…in`, `integer` is
 * `x % 1 === 0`, bounds compare as ajv compares them. It accepts exactly what ajv accepts,
 * except numbers that are not finite (ajv lets `Infinity` through; the reference evaluator
 * then fails on it), which it rejects. A subject it rejects goes to the reference path for
 * its errors; it never needs to say why.
 */
import { _, Block, join, type Code, type Name, type NameGen } from './code.js';
import { CodegenError } from './errors.js';

type Schema = Record<string, unknown>;

const KNOWN = new Set(['$schema', '$id', 'title', 'description', 'default', 'type', 'minimum', 'maximum', 'enum', 'pattern', 'format', 'items', 'properties', 'required', 'additionalProperties']);

/** Generated check: its hoisted constants (patterns) and the function itself. */
export interface Precheck {
  /** Statements to place once, before the function (regular expressions). */
  hoisted: Code[];
  /** `function name(s) { … return true; }` */
  fn: Code;
}

/** Compiles `schema` (the root object schema of a subject) into `function ${name}(s)`. */
export function emitPrecheck(schema: Schema, name: Name, names: NameGen, rt: Name): Precheck {
  const hoisted: Code[] = [];
  const body = new Block();
  const s = names.next('s');
  checkObject(schema, s, body, hoisted, names, rt);
  body.push(_`return true;`);
  return { hoisted, fn: _`function ${name}(${s}) {\n${body.code()}\n}` };
}

function known(schema: Schema): void {
  for (const k of Object.keys(schema)) {
    if (!KNOWN.has(k)) throw new CodegenError(`the input schema uses \`${k}\`, which the generated check does not know`);
  }
}

/** Statements that `return false` unless `v` (known to be an object) matches the object schema. */
function checkObject(schema: Schema, v: Name, out: Block, hoisted: Code[], names: NameGen, rt: Name): void {
  known(schema);
  if (schema.additionalProperties !== false) throw new CodegenError('the generated check expects closed objects (additionalProperties: false)');
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  for (const r of required) if (!(r in properties)) throw new CodegenError(`required \`${r}\` has no schema`);
  for (const [k, ps] of Object.entries(properties)) {
    const x = names.next('x');
    out.push(_`const ${x} = ${v}[${k}];`);
    const inner = out.child();
    checkValue(ps, x, inner, hoisted, names, rt);
    if (required.has(k)) {
      out.push(_`if (${x} === undefined) return false;`);
      out.append(inner);
    } else if (!inner.isEmpty()) {
      out.wrap(_`if (${x} !== undefined)`, inner);
    }
  }
  const k = names.next('k');
  const keys = Object.keys(properties);
  const loop = out.child();
  if (keys.length === 0) {
    loop.push(_`return false;`);
  } else {
    loop.push(_`switch (${k}) {`, join(keys.map((key) => _`case ${key}:`), _` `), _`break;`, _`default: return false;`, _`}`);
  }
  out.wrap(_`for (const ${k} in ${v})`, loop);
}

/** Statements that `return false` unless `x` (not undefined) matches `schema`. */
function checkValue(schema: Schema, x: Name, out: Block, hoisted: Code[], names: NameGen, rt: Name): void {
  known(schema);
  const type = schema.type;
  const bounds: Code[] = [];
  if (typeof schema.minimum === 'number') bounds.push(_`${x} >= ${schema.minimum}`);
  if (typeof schema.maximum === 'number') bounds.push(_`${x} <= ${schema.maximum}`);
  const allBounds = (first: Code): Code => join([first, ...bounds], _` && `);
  if (Array.isArray(type)) {
    const kinds = [...type].sort().join(',');
    if (kinds !== 'integer,string' || bounds.length > 0) throw new CodegenError(`the generated check does not know the type ${JSON.stringify(type)}`);
    out.push(_`if (!(typeof ${x} === "string" || (typeof ${x} === "number" && ${x} % 1 === 0))) return false;`);
    return;
  }
  switch (type) {
    case 'boolean':
      out.push(_`if (typeof ${x} !== "boolean") return false;`);
      return;
    case 'integer':
      // `% 1` is NaN for NaN and ±Infinity, so both fail here.
      out.push(_`if (!(${allBounds(_`typeof ${x} === "number" && ${x} % 1 === 0`)})) return false;`);
      return;
    case 'number':
      // `x - x` is NaN for NaN and ±Infinity.
      out.push(_`if (!(${allBounds(_`typeof ${x} === "number" && ${x} - ${x} === 0`)})) return false;`);
      return;
    case 'string': {
      if (bounds.length > 0) throw new CodegenError('bounds on text');
      out.push(_`if (typeof ${x} !== "string") return false;`);
      if (schema.enum !== undefined) {
        const values = schema.enum as unknown[];
        if (!values.every((e) => typeof e === 'string')) throw new CodegenError('an enum of values that are not text');
        const test = values.length === 0 ? _`false` : join(values.map((e) => _`${x} === ${e as string}`), _` || `);
        out.push(_`if (!(${test})) return false;`);
      }
      if (schema.pattern !== undefined) {
        const re = names.next('re');
        hoisted.push(_`const ${re} = new RegExp(${String(schema.pattern)}, "u");`);
        out.push(_`if (!${re}.test(${x})) return false;`);
      }
      if (schema.format !== undefined) {
        if (schema.format !== 'date') throw new CodegenError(`the format \`${String(schema.format)}\``);
        out.push(_`if (!${rt}.isCalendarDate(${x})) return false;`);
      }
      return;
    }
    case 'array': {
      const items = schema.items as Schema | undefined;
      if (!items || items.type !== 'object') throw new CodegenError('a list whose items are not records');
      out.push(_`if (!Array.isArray(${x})) return false;`);
      const i = names.next('i');
      const rec = names.next('r');
      const loop = out.child();
      loop.push(_`const ${rec} = ${x}[${i}];`, _`if (${rec} === null || typeof ${rec} !== "object" || Array.isArray(${rec})) return false;`);
      checkObject(items, rec, loop, hoisted, names, rt);
      out.wrap(_`for (let ${i} = 0; ${i} < ${x}.length; ${i}++)`, loop);
      return;
    }
    default:
      throw new CodegenError(`the generated check does not know the type ${JSON.stringify(type)}`);
  }
}
