/**
 * The rubric grammar's gate statements, which act on the score once it is added up:
 * `hard requirement`, `veto`, `deduct`, `deductions at most`, `floor` and `grade`.
 */
import { DslScoringRulesParser } from './dsl-grammar-scoring.js';
import { Comma, Identifier, In, Text } from './tokens.js';
import {
  At,
  Deduct,
  Deductions,
  Dot,
  Floor,
  Grade,
  Hard,
  Least,
  Most,
  Per,
  Points,
  Recorded,
  Requirement,
  Requires,
  To,
  Veto,
  When,
} from './dsl-tokens.js';

/** The rubric parser's class chain, with the gate, deduction and grade rules added. */
export abstract class DslGateRulesParser extends DslScoringRulesParser {
  /** `hard requirement <id> "<title>" requires full marks on <indicator>` or `requires <condition>`. */
  hardStatement = this.RULE('hardStatement', () => {
    this.CONSUME(Hard);
    this.CONSUME(Requirement);
    this.CONSUME(Identifier);
    this.CONSUME(Text);
    this.CONSUME(Requires);
    this.OR([
      {
        // `full marks on x`: three names in a row never start an expression.
        ALT: () => {
          this.CONSUME2(Identifier, { LABEL: 'words' });
          this.CONSUME3(Identifier, { LABEL: 'words' });
          this.CONSUME4(Identifier, { LABEL: 'words' });
          this.CONSUME5(Identifier, { LABEL: 'indicator' });
        },
      },
      { ALT: () => this.SUBRULE(this.expression) },
    ]);
  });

  /** `veto <id> "<reason>" when <condition>`. */
  vetoStatement = this.RULE('vetoStatement', () => {
    this.CONSUME(Veto);
    this.CONSUME(Identifier);
    this.CONSUME(Text);
    this.CONSUME(When);
    this.SUBRULE(this.expression);
  });

  /** `deduct <id> "<reason>" 1 point per <count>, at most 5`, `… when …`, `0.5 to 2 points recorded in <fact>.<field>`. */
  deductStatement = this.RULE('deductStatement', () => {
    this.CONSUME(Deduct);
    this.CONSUME(Identifier);
    this.CONSUME(Text);
    this.SUBRULE(this.signedNumber, { LABEL: 'amount' });
    this.OPTION(() => {
      this.CONSUME(To);
      this.SUBRULE2(this.signedNumber, { LABEL: 'upper' });
    });
    this.OPTION2(() => this.CONSUME(Points));
    this.OPTION3(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(Per);
            this.SUBRULE(this.expression);
          },
        },
        {
          ALT: () => {
            this.CONSUME(When);
            this.SUBRULE2(this.expression);
          },
        },
        {
          ALT: () => {
            this.CONSUME(Recorded);
            this.CONSUME(In);
            this.CONSUME2(Identifier, { LABEL: 'fact' });
            this.OPTION4(() => {
              this.CONSUME(Dot);
              this.CONSUME3(Identifier, { LABEL: 'field' });
            });
          },
        },
      ]);
    });
    this.OPTION5(() => {
      this.CONSUME(Comma);
      this.CONSUME(At);
      this.CONSUME(Most);
      this.SUBRULE3(this.signedNumber, { LABEL: 'cap' });
    });
  });

  /** `deductions at most 10`. */
  deductionsStatement = this.RULE('deductionsStatement', () => {
    this.CONSUME(Deductions);
    this.CONSUME(At);
    this.CONSUME(Most);
    this.SUBRULE(this.signedNumber);
  });

  /** `floor 0` or `floor none`. */
  floorStatement = this.RULE('floorStatement', () => {
    this.CONSUME(Floor);
    this.OR([{ ALT: () => this.SUBRULE(this.signedNumber) }, { ALT: () => this.CONSUME(Identifier) }]);
  });

  /** `grade "优秀" at least 95`. */
  gradeStatement = this.RULE('gradeStatement', () => {
    this.CONSUME(Grade);
    this.CONSUME(Text);
    this.CONSUME(At);
    this.CONSUME(Least);
    this.SUBRULE(this.signedNumber);
  });
}
