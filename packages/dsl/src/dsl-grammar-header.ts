/**
 * The rubric grammar's header statements: `rubric` and its clauses, `fact` declarations
 * (types, ranges, defaults, list fields), `parameter` and `pass mark`, i.e. everything a
 * rubric declares before it scores.
 */
import { DslValueRulesParser } from './dsl-grammar-values.js';
import { Comma, Identifier, Pipe, Text } from './tokens.js';
import {
  At,
  DateLiteral,
  Default,
  Description,
  Effective,
  Fact,
  Field,
  From,
  Least,
  Level,
  Mark,
  Most,
  Parameter,
  Pass,
  Points,
  Replaces,
  Rubric,
  RubricId,
  To,
  Total,
  TypeWord,
  Until,
  Value,
  Version,
  When,
} from './dsl-tokens.js';

/** The rubric parser's class chain, with the header, fact and parameter rules added. */
export abstract class DslHeaderRulesParser extends DslValueRulesParser {
  // ------------------------------------------------------------ the rubric header

  /** `rubric <id> "<title>"` and its clauses. */
  rubricStatement = this.RULE('rubricStatement', () => {
    this.CONSUME(Rubric);
    this.CONSUME(RubricId);
    this.CONSUME(Text);
    this.MANY(() => this.SUBRULE(this.rubricClause));
  });

  /** The clauses of `rubric` alone (to resume after an unknown clause). */
  rubricClauses = this.RULE('rubricClauses', () => {
    this.MANY(() => this.SUBRULE(this.rubricClause));
  });

  rubricClause = this.RULE('rubricClause', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Version);
          this.CONSUME(Text);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Description);
          this.CONSUME2(Text);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Effective);
          this.CONSUME(From);
          this.CONSUME(DateLiteral, { LABEL: 'from' });
          this.OPTION(() => {
            this.CONSUME(Until);
            this.CONSUME2(DateLiteral, { LABEL: 'until' });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(Replaces);
          this.CONSUME3(Text);
          this.MANY(() => this.SUBRULE(this.mapping));
        },
      },
      {
        ALT: () => {
          this.CONSUME(Total);
          this.SUBRULE(this.signedNumber);
          this.OPTION2(() => this.CONSUME(Points));
        },
      },
    ]);
  });

  /** `[old_a, old_b] -> [new_a] "note"`. */
  mapping = this.RULE('mapping', () => {
    this.SUBRULE(this.nameList, { LABEL: 'from' });
    this.SUBRULE(this.arrow);
    this.SUBRULE2(this.nameList, { LABEL: 'to' });
    this.OPTION(() => this.CONSUME(Text));
  });

  // ------------------------------------------------------------ facts

  /** `fact <id> "<label>" <type> …` and its clauses. */
  factStatement = this.RULE('factStatement', () => {
    this.CONSUME(Fact);
    this.CONSUME(Identifier);
    this.CONSUME(Text);
    this.SUBRULE(this.factType);
    this.SUBRULE(this.factRest);
    this.MANY(() => this.SUBRULE(this.factClause));
  });

  factClauses = this.RULE('factClauses', () => {
    this.MANY(() => this.SUBRULE(this.factClause));
  });

  /** `level full "完全落实" | none`, or a type word. */
  factType = this.RULE('factType', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Level);
          this.SUBRULE(this.levelValue);
          this.MANY(() => {
            this.CONSUME(Pipe);
            this.SUBRULE2(this.levelValue);
          });
        },
      },
      { ALT: () => this.CONSUME(TypeWord) },
    ]);
  });

  /** `full "完全落实"`, `"two words"`. */
  levelValue = this.RULE('levelValue', () => {
    this.OR([{ ALT: () => this.CONSUME(Identifier, { LABEL: 'word' }) }, { ALT: () => this.CONSUME(Text, { LABEL: 'quoted' }) }]);
    this.OPTION(() => this.CONSUME2(Text, { LABEL: 'label' }));
  });

  /** The range and the default after a type. */
  factRest = this.RULE('factRest', () => {
    this.OPTION(() => this.SUBRULE(this.range));
    this.OPTION2(() => {
      this.OPTION3(() => this.CONSUME(Comma));
      this.CONSUME(Default);
      this.SUBRULE(this.value);
    });
  });

  /** `from 0 to 10`, `at least 0`, `at most 10`. */
  range = this.RULE('range', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(From);
          this.SUBRULE(this.signedNumber, { LABEL: 'min' });
          this.CONSUME(To);
          this.SUBRULE2(this.signedNumber, { LABEL: 'max' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(At);
          this.OR2([{ ALT: () => this.CONSUME(Least) }, { ALT: () => this.CONSUME(Most) }]);
          this.SUBRULE3(this.signedNumber);
        },
      },
    ]);
  });

  factClause = this.RULE('factClause', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Description);
          this.CONSUME(Text);
        },
      },
      { ALT: () => this.SUBRULE(this.fieldDeclaration) },
    ]);
  });

  /** `field <id> "<label>" <type> …` inside a list fact. */
  fieldDeclaration = this.RULE('fieldDeclaration', () => {
    this.CONSUME(Field);
    this.CONSUME(Identifier);
    this.CONSUME(Text);
    this.SUBRULE(this.factType);
    this.SUBRULE(this.factRest);
    this.OPTION(() => {
      this.CONSUME(Description);
      this.CONSUME2(Text, { LABEL: 'description' });
    });
  });

  // ------------------------------------------------------------ parameters and the pass mark

  /** `parameter <id> "<label>"` and its values. */
  parameterStatement = this.RULE('parameterStatement', () => {
    this.CONSUME(Parameter);
    this.CONSUME(Identifier);
    this.OPTION(() => this.CONSUME(Text));
    this.MANY(() => this.SUBRULE(this.parameterClause));
  });

  parameterClauses = this.RULE('parameterClauses', () => {
    this.MANY(() => this.SUBRULE(this.parameterClause));
  });

  parameterClause = this.RULE('parameterClause', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Description);
          this.CONSUME(Text);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Value);
          this.SUBRULE(this.signedNumber);
          this.OPTION(() => {
            this.CONSUME(From);
            this.CONSUME(DateLiteral, { LABEL: 'from' });
          });
          this.OPTION2(() => {
            this.CONSUME(Until);
            this.CONSUME2(DateLiteral, { LABEL: 'until' });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(When);
          this.SUBRULE(this.expression);
          this.SUBRULE(this.arrow);
          this.SUBRULE2(this.signedNumber);
        },
      },
    ]);
  });

  /** `pass mark pass_mark` or `pass mark 85`. */
  passMarkStatement = this.RULE('passMarkStatement', () => {
    this.CONSUME(Pass);
    this.CONSUME(Mark);
    this.OR([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.SUBRULE(this.signedNumber) }]);
  });
}
