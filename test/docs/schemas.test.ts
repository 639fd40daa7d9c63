import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RESULT_SCHEMA } from '@rubric/engine';
import { IR_SCHEMA } from '@rubric/model';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../docs/schema/${name}`, import.meta.url), 'utf8'));

describe('published schemas match the code (run scripts/write-schemas.mjs after a change)', () => {
  it('result.v1.json', () => expect(read('result.v1.json')).toEqual(RESULT_SCHEMA));
  it('ir.v1.json', () => expect(read('ir.v1.json')).toEqual(IR_SCHEMA));
});
