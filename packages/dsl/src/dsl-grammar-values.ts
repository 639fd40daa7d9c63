/**
 * The rubric grammar's shared pieces: signed numbers, arrows, and the data values (lists,
 * records) that fact defaults and tests write. Every statement family below builds on them.
 */
import { ExpressionParser } from './expression-parser.js';
import { Comma, False, Identifier, LBracket, Minus, NumberLiteral, RBracket, Text, True } from './tokens.js';
import { Arrow, Colon, DateLiteral, FatArrow, LBrace, RBrace } from './dsl-tokens.js';

/**
 * First link of the rubric parser's class chain (see `dsl-parser.ts`): the expression
 * rules plus the shared value rules. Abstract: only `DslParser` runs self-analysis.
 */
export abstract class DslValueRulesParser extends ExpressionParser {
  /** `12`, `-0.5`. */
  signedNumber = this.RULE('signedNumber', () => {
    this.OPTION(() => this.CONSUME(Minus));
    this.CONSUME(NumberLiteral);
  });

  /** `->` (or the mistaken `=>`). */
  arrow = this.RULE('arrow', () => {
    this.OR([{ ALT: () => this.CONSUME(Arrow) }, { ALT: () => this.CONSUME(FatArrow) }]);
  });

  /** A data value: defaults and test subjects. */
  value = this.RULE('value', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.signedNumber) },
      { ALT: () => this.CONSUME(Text) },
      { ALT: () => this.CONSUME(DateLiteral) },
      { ALT: () => this.CONSUME(True) },
      { ALT: () => this.CONSUME(False) },
      { ALT: () => this.CONSUME(Identifier) },
      { ALT: () => this.SUBRULE(this.valueList) },
      { ALT: () => this.SUBRULE(this.record) },
    ]);
  });

  /** `[a, "b", 3]`. A trailing comma is allowed. */
  valueList = this.RULE('valueList', () => {
    this.CONSUME(LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.value);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.SUBRULE2(this.value);
      });
      this.OPTION2(() => this.CONSUME2(Comma));
    });
    this.CONSUME(RBracket);
  });

  /** `{key: value, "other key": value}`. A trailing comma is allowed. */
  record = this.RULE('record', () => {
    this.CONSUME(LBrace);
    this.OPTION(() => {
      this.SUBRULE(this.recordEntry);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.SUBRULE2(this.recordEntry);
      });
      this.OPTION2(() => this.CONSUME2(Comma));
    });
    this.CONSUME(RBrace);
  });

  /** `key: value`. */
  recordEntry = this.RULE('recordEntry', () => {
    this.OR([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(Text) }]);
    this.CONSUME(Colon);
    this.SUBRULE(this.value);
  });

  /** `[a, b]` of names (indicator ids in `replaces`). */
  nameList = this.RULE('nameList', () => {
    this.CONSUME(LBracket);
    this.OPTION(() => {
      this.CONSUME(Identifier);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.CONSUME2(Identifier);
      });
    });
    this.CONSUME(RBracket);
  });
}
