/**
 * The rubric grammar as a Chevrotain CST parser, built on the expression parser (its rules
 * are inherited and called for every condition and score). It only recognises structure;
 * the builders (`build-*.ts`) turn the CST into the IR and do the checks.
 *
 * A file is a sequence of statements, each starting with its keyword on a new line
 * (`parse-dsl.ts` cuts the tokens into statements); each statement rule here is called on
 * one statement's tokens:
 *
 * ```
 * rubric      := "rubric" RubricId Text rubricClause*
 * rubricClause:= "version" Text | "description" Text | "effective" "from" Date ("until" Date)?
 *              | "replaces" Text mapping* | "total" number "points"?
 * mapping     := "[" ids "]" arrow "[" ids "]" Text?
 * fact        := "fact" Name Text factType factRest factClause*
 * factType    := "level" levelValue ("|" levelValue)* | TypeWord
 * factRest    := range? (","? "default" value)?
 * range       := "from" number "to" number | "at" ("least" | "most") number
 * factClause  := "description" Text | "field" Name Text factType factRest ("description" Text)?
 * parameter   := "parameter" Name Text? ("description" Text | "value" number ("from" Date)? ("until" Date)?
 *              | "when" expression arrow number)*
 * passMark    := "pass" "mark" (Name | number)
 * section     := "section" Name Text (number "points"?)?
 * indicator   := "indicator" Name Text number "points"? indicatorClause*
 * indicatorClause := "standard" Text | "method" Text | "score" expression
 *              | "when" expression arrow expression | "otherwise" arrow expression
 *              | "checklist" Name item*
 * item        := "item" Name Text number "points"? ("when" | "per") expression
 * hard        := "hard" "requirement" Name Text "requires" ("full" "marks" "on" Name | expression)
 * veto        := "veto" Name Text "when" expression
 * deduct      := "deduct" Name Text number ("to" number)? "points"?
 *                ("per" expression | "when" expression | "recorded" "in" Name ("." Name)?)? ("," "at" "most" number)?
 * deductions  := "deductions" "at" "most" number
 * floor       := "floor" (number | Name)
 * grade       := "grade" Text "at" "least" number
 * test        := "test" Text ("as" "of" Date)? ("subject" record | "expect" expectItem ("," expectItem)*)*
 * expectItem  := "outcome" Name | "total" number | "pass" "mark" number | "indicators" record | "reasons" list
 * value       := number | Text | Date | true | false | Name | list | record
 * ```
 *
 * Keywords are soft (see `dsl-tokens.ts`): `Name` also matches a keyword.
 */
import type { IParserConfig, TokenType } from 'chevrotain';
import { ExpressionParser } from './expression-parser.js';
import { Comma, False, Identifier, In, LBracket, Minus, NumberLiteral, Pipe, RBracket, Text, True } from './tokens.js';
import {
  Arrow,
  As,
  At,
  Checklist,
  Colon,
  DSL_TOKENS,
  DateLiteral,
  Deduct,
  Deductions,
  Default,
  Description,
  Dot,
  Effective,
  Expect,
  Fact,
  FatArrow,
  Field,
  Floor,
  From,
  Grade,
  Hard,
  Indicator,
  Indicators,
  Item,
  LBrace,
  Least,
  Level,
  Mark,
  Method,
  Most,
  Of,
  Otherwise,
  Outcome,
  Parameter,
  Pass,
  Per,
  Points,
  RBrace,
  Reasons,
  Recorded,
  Replaces,
  Requirement,
  Requires,
  Rubric,
  RubricId,
  Score,
  Section,
  Standard,
  Subject,
  Test,
  To,
  Total,
  TypeWord,
  Until,
  Value,
  Version,
  Veto,
  When,
} from './dsl-tokens.js';
import { DSL_ERROR_MESSAGES } from './dsl-messages.js';

/** The statement rules, by the keyword that starts them. */
export type StatementRule =
  | 'rubricStatement'
  | 'factStatement'
  | 'parameterStatement'
  | 'passMarkStatement'
  | 'sectionStatement'
  | 'indicatorStatement'
  | 'hardStatement'
  | 'vetoStatement'
  | 'deductStatement'
  | 'deductionsStatement'
  | 'floorStatement'
  | 'gradeStatement'
  | 'testStatement';

/** Rules that parse only the clauses of a statement, to resume after an unknown clause. */
export type ClausesRule = 'rubricClauses' | 'factClauses' | 'parameterClauses' | 'indicatorClauses' | 'testClauses';

/**
 * The rubric parser. Keep one instance and reset it by assigning `input`; call one
 * statement rule per statement.
 */
export class DslParser extends ExpressionParser {
  constructor(config: IParserConfig = {}) {
    // Offsets are all the builders need; full locations (lines, columns) cost time on large files.
    super(DSL_TOKENS, { errorMessageProvider: DSL_ERROR_MESSAGES, nodeLocationTracking: 'onlyOffset', ...config });
    this.performSelfAnalysis();
  }

  // ------------------------------------------------------------ shared pieces

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

  // ------------------------------------------------------------ sections and indicators

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

  // ------------------------------------------------------------ gates and deductions

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

  // ------------------------------------------------------------ tests

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

/** The statement rule each statement keyword starts. */
export const STATEMENT_RULES: ReadonlyMap<TokenType, StatementRule> = new Map<TokenType, StatementRule>([
  [Rubric, 'rubricStatement'],
  [Fact, 'factStatement'],
  [Parameter, 'parameterStatement'],
  [Pass, 'passMarkStatement'],
  [Section, 'sectionStatement'],
  [Indicator, 'indicatorStatement'],
  [Hard, 'hardStatement'],
  [Veto, 'vetoStatement'],
  [Deduct, 'deductStatement'],
  [Deductions, 'deductionsStatement'],
  [Floor, 'floorStatement'],
  [Grade, 'gradeStatement'],
  [Test, 'testStatement'],
]);

let sharedParser: DslParser | undefined;

/** The one rubric parser instance, built on first use. */
export function getDslParser(): DslParser {
  sharedParser ??= new DslParser();
  return sharedParser;
}
