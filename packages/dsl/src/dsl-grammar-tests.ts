/**
 * The rubric grammar's `test` statement: a named case with an as-of date, a subject record
 * and the expected outcome, total, pass mark, indicator scores and reasons.
 */
import { DslGateRulesParser } from './dsl-grammar-gates.js';
import { Comma, Identifier, Text } from './tokens.js';
import {
  As,
  DateLiteral,
  Expect,
  Indicators,
  Mark,
  Of,
  Outcome,
  Pass,
  Reasons,
  Subject,
  Test,
  Total,
} from './dsl-tokens.js';

/** The rubric parser's class chain, with the test rules added; `DslParser` completes it. */
export abstract class DslTestRulesParser extends DslGateRulesParser {
  /** `test "<name>" as of 2022-06-20` and its clauses. */
  testStatement = this.RULE('testStatement', () => {
    this.CONSUME(Test);
    this.CONSUME(Text);
    this.OPTION(() => {
      this.CONSUME(As);
      this.CONSUME(Of);
      this.CONSUME(DateLiteral);
    });
    this.MANY(() => this.SUBRULE(this.testClause));
  });

  testClauses = this.RULE('testClauses', () => {
    this.MANY(() => this.SUBRULE(this.testClause));
  });

  testClause = this.RULE('testClause', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Subject);
          this.SUBRULE(this.record);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Expect);
          this.SUBRULE(this.expectItem);
          this.MANY(() => {
            this.CONSUME(Comma);
            this.SUBRULE2(this.expectItem);
          });
        },
      },
    ]);
  });

  expectItem = this.RULE('expectItem', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Outcome);
          this.CONSUME(Identifier);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Total);
          this.SUBRULE(this.signedNumber);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Pass);
          this.CONSUME(Mark);
          this.SUBRULE2(this.signedNumber);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Indicators);
          this.SUBRULE(this.record);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Reasons);
          this.SUBRULE(this.valueList);
        },
      },
    ]);
  });
}
