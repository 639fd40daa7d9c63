/**
 * The rubric grammar's scoring statements: `section`, `indicator` with its clauses
 * (standard, method, score, when/otherwise rules) and checklists with their items.
 */
import { DslHeaderRulesParser } from './dsl-grammar-header.js';
import { Identifier, Text } from './tokens.js';
import {
  Checklist,
  Indicator,
  Item,
  Method,
  Otherwise,
  Per,
  Points,
  Score,
  Section,
  Standard,
  When,
} from './dsl-tokens.js';

/** The rubric parser's class chain, with the section, indicator and checklist rules added. */
export abstract class DslScoringRulesParser extends DslHeaderRulesParser {
  /** `section <id> "<title>" 44 points`. */
  sectionStatement = this.RULE('sectionStatement', () => {
    this.CONSUME(Section);
    this.CONSUME(Identifier);
    this.CONSUME(Text);
    this.OPTION(() => {
      this.SUBRULE(this.signedNumber);
      this.OPTION2(() => this.CONSUME(Points));
    });
  });

  /** `indicator <id> "<title>" 10 points` and its clauses. */
  indicatorStatement = this.RULE('indicatorStatement', () => {
    this.CONSUME(Indicator);
    this.CONSUME(Identifier);
    this.CONSUME(Text);
    this.SUBRULE(this.signedNumber);
    this.OPTION(() => this.CONSUME(Points));
    this.MANY(() => this.SUBRULE(this.indicatorClause));
  });

  indicatorClauses = this.RULE('indicatorClauses', () => {
    this.MANY(() => this.SUBRULE(this.indicatorClause));
  });

  indicatorClause = this.RULE('indicatorClause', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Standard);
          this.CONSUME(Text);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Method);
          this.CONSUME2(Text);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Score);
          this.SUBRULE(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(When);
          this.SUBRULE2(this.expression, { LABEL: 'condition' });
          this.SUBRULE(this.arrow);
          this.SUBRULE3(this.expression, { LABEL: 'points' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(Otherwise);
          this.SUBRULE2(this.arrow);
          this.SUBRULE4(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Checklist);
          this.CONSUME(Identifier, { LABEL: 'mode' });
          this.MANY(() => this.SUBRULE(this.checklistItem));
        },
      },
    ]);
  });

  /** `item <id> "<title>" 2 points when <condition>` or `… per <count>`. */
  checklistItem = this.RULE('checklistItem', () => {
    this.CONSUME(Item);
    this.CONSUME(Identifier);
    this.CONSUME(Text);
    this.SUBRULE(this.signedNumber);
    this.OPTION(() => this.CONSUME(Points));
    this.OR([
      {
        ALT: () => {
          this.CONSUME(When);
          this.SUBRULE(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Per);
          this.SUBRULE2(this.expression);
        },
      },
    ]);
  });
}
