/**
 * Finds keys written twice in one JSON object. `JSON.parse` silently keeps the last of
 * them, so `{"rate": 1, "rate": 0}` would be scored as 0 with no word said: a spreadsheet
 * macro or a hand edit that repeats a field must be reported, not guessed at.
 */

/** A key found twice: its JSON path of keys and indexes (the object's path plus the key). */
export interface DuplicateKey {
  path: (string | number)[];
  key: string;
}

/**
 * The duplicate keys in `text`, which must be valid JSON (parse it first) and is `value`
 * parsed. A cheap count decides first: when the text holds as many keys as the parsed value,
 * there is no duplicate and the text is not walked again key by key.
 */
export function findDuplicateKeys(text: string, value: unknown): DuplicateKey[] {
  if (countTextKeys(text) === countValueKeys(value)) return [];
  return walkDuplicates(text);
}

/** Counts object keys in JSON text: strings followed by `:`. */
function countTextKeys(text: string): number {
  let n = 0;
  let i = 0;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return n;
    const end = stringEnd(text, q);
    i = end + 1;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 58 /* : */) n++;
  }
}

/** Counts the keys of every object in a parsed JSON value. */
function countValueKeys(value: unknown): number {
  if (Array.isArray(value)) {
    let n = 0;
    for (const v of value) n += countValueKeys(v);
    return n;
  }
  if (value !== null && typeof value === 'object') {
    // for…in, not Object.keys: no array per object (this runs on every record of a batch). An
    // enumerable key inherited from a polluted prototype only makes the counts differ, and
    // the text is then walked key by key, which is exact.
    let n = 0;
    for (const k in value) {
      n++;
      const v = (value as Record<string, unknown>)[k];
      if (v !== null && typeof v === 'object') n += countValueKeys(v);
    }
    return n;
  }
  return 0;
}

/** The index of the quote closing the string whose opening quote is at `q`. */
function stringEnd(text: string, q: number): number {
  let i = q + 1;
  for (;;) {
    const e = text.indexOf('"', i);
    if (e < 0) return text.length;
    let bs = 0;
    for (let j = e - 1; j > q && text.charCodeAt(j) === 92; j--) bs++;
    if (bs % 2 === 0) return e;
    i = e + 1;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

interface Frame {
  /** Keys seen so far, for an object; undefined for an array. */
  keys: Set<string> | undefined;
  /** The element index (array) or the last key (object) the frame is at. */
  at: string | number;
}

/** Walks valid JSON text, tracking the path, and reports every key seen twice in its object. */
function walkDuplicates(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: Frame[] = [];
  const pathOf = (): (string | number)[] => stack.map((f) => f.at);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = stringEnd(text, i);
      let j = end + 1;
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      const top = stack[stack.length - 1];
      if (text.charCodeAt(j) === 58 && top?.keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) found.push({ path: [...pathOf().slice(0, -1), key], key });
        top.keys.add(key);
        top.at = key;
        i = j;
      } else i = end;
    } else if (c === 123 /* { */) stack.push({ keys: new Set(), at: '' });
    else if (c === 91 /* [ */) stack.push({ keys: undefined, at: 0 });
    else if (c === 125 || c === 93) stack.pop();
    else if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top && !top.keys) top.at = (top.at as number) + 1;
    }
  }
  return found;
}

/** The JSON pointer (`/a/0/b`) of a path, as subject errors name fields. */
export function pointerOf(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
