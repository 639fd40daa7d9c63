/**
 * Readers shared by several statements: the arrow, and data values (fact defaults, which
 * must fit the fact's type, and test data, which is any JSON).
 */
import type { CstNode, IToken } from 'chevrotain';
import type { Fact, FactRecord, FactType, FactValue } from '@rubric/model';
import { didYouMean, isCalendarDate } from '@rubric/model';
import { False, Identifier, Text, True } from './tokens.js';
import { DateLiteral, FatArrow } from './dsl-tokens.js';
import {
  child,
  defineKey,
  rangeOf,
  rangeOfNode,
  readDate,
  readNumber,
  sub,
  subs,
  textOf,
  tok,
  type BuildContext,
  type Range,
} from './build-context.js';

/** Reports `=>` written for `->`. */
export function checkArrow(ctx: BuildContext, node: CstNode | undefined): void {
  const fat = tok(node, FatArrow.name);
  if (fat) ctx.error('dsl/wrong-arrow', '`=>` is not an arrow of this language', rangeOf(fat), 'write `->`');
}

/** Which form a `value` node has. */
type ValueForm = 'number' | 'text' | 'date' | 'boolean' | 'word' | 'list' | 'record';

function formOf(node: CstNode): ValueForm {
  const c = node.children;
  if (c['signedNumber']) return 'number';
  if (c[Text.name]) return 'text';
  if (c[DateLiteral.name]) return 'date';
  if (c[True.name] || c[False.name]) return 'boolean';
  if (c[Identifier.name]) return 'word';
  if (c['valueList']) return 'list';
  return 'record';
}

const FORM_NAMES: Record<ValueForm, string> = {
  number: 'a number',
  text: 'text',
  date: 'a date',
  boolean: 'a yes/no value',
  word: 'a word',
  list: 'a list',
  record: 'a record',
};

/** A key of a record entry, as written. */
function keyOf(entry: CstNode): { key: string; token: IToken } {
  const id = tok(entry, Identifier.name);
  if (id) return { key: id.image, token: id };
  const t = tok(entry, Text.name)!;
  return { key: textOf(t), token: t };
}

/**
 * Reads a value as plain JSON (test subjects): a bare word is text, except `null`; dates
 * are text. Records keep their keys as written; a key given twice is reported.
 */
export function readJson(ctx: BuildContext, node: CstNode, ptr: string, what: string): unknown {
  const range = rangeOfNode(node);
  ctx.mark(ptr, range);
  switch (formOf(node)) {
    case 'number':
      return readNumber(ctx, sub(node, 'signedNumber'), { what: `a number in ${what}` })?.value;
    case 'text':
      return textOf(tok(node, Text.name)!);
    case 'date':
      return tok(node, DateLiteral.name)!.image;
    case 'boolean':
      return tok(node, True.name) !== undefined;
    case 'word': {
      const w = tok(node, Identifier.name)!.image;
      return w === 'null' ? null : w;
    }
    case 'list':
      return subs(sub(node, 'valueList'), 'value').map((v, i) => readJson(ctx, v, child(ptr, i), what));
    case 'record': {
      const obj: Record<string, unknown> = {};
      const seen = new Set<string>();
      for (const entry of subs(sub(node, 'record'), 'recordEntry')) {
        const { key, token } = keyOf(entry);
        if (seen.has(key)) {
          ctx.error('dsl/duplicate-key', `the key \`${key}\` appears twice in ${what}`, rangeOf(token), 'each key may appear only once in a record');
          continue;
        }
        seen.add(key);
        defineKey(obj, key, readJson(ctx, sub(entry, 'value')!, child(ptr, key), what));
      }
      return obj;
    }
  }
}

/** The entries of a record value, with their keys (for expectations and subjects' anchors). */
export function recordEntries(node: CstNode | undefined): { key: string; token: IToken; value: CstNode }[] {
  return subs(node, 'recordEntry').map((e) => ({ ...keyOf(e), value: sub(e, 'value')! }));
}

function wrongForm(ctx: BuildContext, node: CstNode, what: string, wanted: string, hint: string): undefined {
  const form = formOf(node);
  ctx.error('dsl/wrong-type', `${what} must be ${wanted}, not ${FORM_NAMES[form]}`, rangeOfNode(node), hint);
  return undefined;
}

/** Reads a value of a fact type: a default, or a field of a default record. */
export function readFactValue(ctx: BuildContext, node: CstNode, type: FactType, what: string, ptr: string): FactValue | undefined {
  ctx.mark(ptr, rangeOfNode(node));
  const form = formOf(node);
  switch (type.kind) {
    case 'boolean':
      return form === 'boolean' ? tok(node, True.name) !== undefined : wrongForm(ctx, node, what, '`true` or `false`', 'write `default true` or `default false`');
    case 'integer':
    case 'decimal':
    case 'ratio':
      return form === 'number'
        ? readNumber(ctx, sub(node, 'signedNumber'), { what })?.value
        : wrongForm(ctx, node, what, 'a number', form === 'text' ? 'remove the quotes around the number' : 'write a number with digits, e.g. `default 0`');
    case 'date':
      if (form === 'date') return readDate(ctx, tok(node, DateLiteral.name), what);
      if (form === 'text' && /^\d{4}-\d{2}-\d{2}$/.test(textOf(tok(node, Text.name)!))) {
        const s = textOf(tok(node, Text.name)!);
        if (isCalendarDate(s)) return s;
      }
      return wrongForm(ctx, node, what, 'a date (YYYY-MM-DD)', 'e.g. 2022-06-14');
    case 'text':
    case 'level':
      if (form === 'text') return textOf(tok(node, Text.name)!);
      if (form === 'word') return tok(node, Identifier.name)!.image;
      if (form === 'date') return tok(node, DateLiteral.name)!.image;
      return wrongForm(ctx, node, what, type.kind === 'level' ? 'one of its levels' : 'text in double quotes', type.kind === 'level' ? 'write one of the level values, e.g. `default none`' : 'e.g. `default "无"`');
    case 'list': {
      if (form !== 'list') return wrongForm(ctx, node, what, 'a list of records', 'e.g. `[]` for none, or `[{name: "东门", staffed_24h: true}]`');
      const records: FactRecord[] = [];
      subs(sub(node, 'valueList'), 'value').forEach((item, i) => {
        const rec = readRecord(ctx, item, type.fields, `record ${i + 1} of ${what}`, child(ptr, i));
        if (rec) records.push(rec);
      });
      return records;
    }
  }
}

function readRecord(ctx: BuildContext, node: CstNode, fields: readonly Fact[], what: string, ptr: string): FactRecord | undefined {
  ctx.mark(ptr, rangeOfNode(node));
  if (formOf(node) !== 'record') return wrongForm(ctx, node, what, 'a record `{field: value, …}`', 'each record gives its fields: `{name: "东门", staffed_24h: true}`');
  const rec: FactRecord = {};
  const seen = new Set<string>();
  const ids = fields.map((f) => f.id);
  for (const { key, token, value } of recordEntries(sub(node, 'record'))) {
    const at: Range = rangeOf(token);
    const field = fields.find((f) => f.id === key);
    if (!field) {
      ctx.error('dsl/bad-value', `${what} has no field \`${key}\``, at, didYouMean(key, ids) ?? (ids.length > 0 ? `its fields are ${ids.map((k) => `\`${k}\``).join(', ')}` : 'the list declares no fields'));
      continue;
    }
    if (seen.has(key)) {
      ctx.error('dsl/duplicate-key', `the field \`${key}\` appears twice in ${what}`, at, 'give each field once');
      continue;
    }
    seen.add(key);
    const v = readFactValue(ctx, value, field.type, `field \`${key}\` of ${what}`, child(ptr, key));
    if (v !== undefined && !Array.isArray(v)) defineKey(rec, key, v);
  }
  for (const f of fields) {
    if (f.required && !seen.has(f.id)) {
      ctx.error('dsl/missing-clause', `${what} needs the field \`${f.id}\``, rangeOfNode(node), `add \`${f.id}: …\`, or give the field a default`);
    }
  }
  return rec;
}
