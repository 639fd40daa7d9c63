/**
 * Statements → the IR. Statements may come in any order: each kind is collected in the
 * order written, indicators go to the section above them, and the rubric's keys are put
 * in the IR's order. Statements with syntax errors are skipped (their mistakes are already
 * reported), and so are checks that such a statement could have satisfied.
 */
import type { CstNode, IToken } from 'chevrotain';
import { IR_FORMAT, type Deduction, type Fact, type GradeBand, type HardRequirement, type Parameter, type Rubric, type Section, type TestCase, type Veto } from '@rubric/model';
import type { StatementRule } from './dsl-parser.js';
import { child, join, rangeOf, type BuildContext, type Range } from './build-context.js';
import { buildHeader, type Header } from './build-header.js';
import { buildFact } from './build-facts.js';
import { buildParameter, buildPassMark, resolvePassMark, type PassMark } from './build-parameters.js';
import { buildIndicator, buildSection } from './build-sections.js';
import { buildDeduction, buildDeductionCap, buildFloor, buildGrade, buildHardRequirement, buildVeto } from './build-gates.js';
import { buildTest } from './build-tests.js';

/** One statement after parsing. */
export interface ParsedStatement {
  rule: StatementRule;
  tokens: IToken[];
  cst?: CstNode;
  /** Clauses parsed after an unknown one. */
  extra: CstNode[];
  /** Whether its tree is complete (words left over after a complete clause do not count). */
  ok: boolean;
  /** Whether words were left over (a clause may be missing because it was misspelt). */
  partial: boolean;
}

/**
 * Builds the IR one statement at a time (so each statement's tree can be dropped as soon
 * as it is read), then puts it together.
 */
export class RubricAssembler {
  private header: Header | undefined;
  private headerAt: IToken | undefined;
  private headerPartial = false;
  private passMark: PassMark | undefined;
  private passMarkAt: IToken | undefined;
  private deductionCap: number | undefined;
  private capAt: IToken | undefined;
  private floor: number | null = 0;
  private floorAt: IToken | undefined;
  private readonly facts: Fact[] = [];
  private readonly parameters: Parameter[] = [];
  private readonly sections: Section[] = [];
  private readonly hard: HardRequirement[] = [];
  private readonly vetoes: Veto[] = [];
  private readonly deductions: Deduction[] = [];
  private readonly grades: GradeBand[] = [];
  private readonly tests: TestCase[] = [];
  private section: Section | undefined;
  private sectionIndex = -1;
  private outsideReported = false;

  constructor(private readonly ctx: BuildContext) {}

  private firstOf(list: readonly unknown[], ptr: string, st: ParsedStatement): void {
    if (list.length === 0) this.ctx.mark(ptr, statementHead(st));
  }

  private once(seen: IToken | undefined, st: ParsedStatement, what: string): boolean {
    if (!seen) return true;
    this.ctx.error('dsl/duplicate-statement', `a second ${what}`, statementHead(st), `the first is on line ${this.ctx.lines.position(seen.startOffset).line}; a rubric has one ${what}, keep one`);
    return false;
  }

  /** Builds one statement into the rubric (statements with syntax errors only count as present). */
  add(st: ParsedStatement): void {
    const ctx = this.ctx;
    const kw = st.tokens[0]!;
    const cst = st.ok ? st.cst : undefined;
    ctx.partial = st.partial;
    switch (st.rule) {
      case 'rubricStatement':
        if (!this.once(this.headerAt, st, '`rubric` statement')) break;
        this.headerAt = kw;
        if (cst) this.header = buildHeader(ctx, cst, st.extra);
        this.headerPartial = st.partial;
        break;
      case 'factStatement':
        if (!cst) break;
        this.firstOf(this.facts, '/facts', st);
        this.facts.push(buildFact(ctx, cst, st.extra, child('/facts', this.facts.length)));
        break;
      case 'parameterStatement':
        if (!cst) break;
        this.firstOf(this.parameters, '/parameters', st);
        this.parameters.push(buildParameter(ctx, cst, st.extra, child('/parameters', this.parameters.length)));
        break;
      case 'passMarkStatement':
        if (!this.once(this.passMarkAt, st, '`pass mark`')) break;
        this.passMarkAt = kw;
        if (cst) this.passMark = buildPassMark(ctx, cst);
        break;
      case 'sectionStatement':
        if (!cst) {
          // Keep the indicators below a broken section together, without reporting them as orphans.
          this.section = { id: '', title: '', indicators: [] };
          this.sectionIndex = -1;
          break;
        }
        this.firstOf(this.sections, '/sections', st);
        this.sectionIndex = this.sections.length;
        this.section = buildSection(ctx, cst, child('/sections', this.sections.length));
        this.sections.push(this.section);
        break;
      case 'indicatorStatement': {
        const section = this.section;
        if (!section) {
          if (!this.outsideReported) {
            ctx.error('dsl/outside-section', 'an indicator must come after the section it belongs to', statementHead(st), 'add `section <id> "<title>"` above it, e.g. `section s1 "严格卡口管理"`');
          }
          this.outsideReported = true;
          break;
        }
        if (!cst) break;
        const index = this.sectionIndex < 0 ? this.sections.length : this.sectionIndex;
        const ptr = child(child(child('/sections', index), 'indicators'), section.indicators.length);
        section.indicators.push(buildIndicator(ctx, cst, st.extra, ptr));
        break;
      }
      case 'hardStatement':
        if (!cst) break;
        this.firstOf(this.hard, '/hardRequirements', st);
        this.hard.push(buildHardRequirement(ctx, cst, child('/hardRequirements', this.hard.length)));
        break;
      case 'vetoStatement':
        if (!cst) break;
        this.firstOf(this.vetoes, '/vetoes', st);
        this.vetoes.push(buildVeto(ctx, cst, child('/vetoes', this.vetoes.length)));
        break;
      case 'deductStatement':
        if (!cst) break;
        this.firstOf(this.deductions, '/deductions', st);
        this.deductions.push(buildDeduction(ctx, cst, child('/deductions', this.deductions.length)));
        break;
      case 'deductionsStatement':
        if (!this.once(this.capAt, st, '`deductions at most`')) break;
        this.capAt = kw;
        if (cst) this.deductionCap = buildDeductionCap(ctx, cst);
        break;
      case 'floorStatement':
        if (!this.once(this.floorAt, st, '`floor`')) break;
        this.floorAt = kw;
        if (cst) {
          const f = buildFloor(ctx, cst);
          if (f) this.floor = f.value;
        }
        break;
      case 'gradeStatement':
        if (!cst) break;
        this.firstOf(this.grades, '/grades', st);
        this.grades.push(buildGrade(ctx, cst, child('/grades', this.grades.length)));
        break;
      case 'testStatement':
        if (!cst) break;
        this.firstOf(this.tests, '/tests', st);
        this.tests.push(buildTest(ctx, cst, st.extra, child('/tests', this.tests.length)));
        break;
    }
    ctx.partial = false;
  }

  /**
   * Reports what the whole file lacks and returns the IR; undefined when a required part
   * is missing or `syntaxErrors` (the issues say what).
   */
  finish(syntaxErrors: boolean): Rubric | undefined {
    const ctx = this.ctx;
    const header = this.header;
    const fileStart: Range = { start: 0, end: 0 };
    if (!this.headerAt) {
      ctx.error('dsl/missing-statement', 'the file has no `rubric` statement', fileStart, 'start the file with the rubric\'s id and title: `rubric my-scale "My scale"`');
    } else if (header && !this.headerPartial) {
      const at = rangeOf(header.keyword);
      if (header.version === undefined && !ctx.issues.some((i) => i.code === 'dsl/bad-value' && i.message === 'the version is empty')) {
        ctx.error('dsl/missing-clause', 'the rubric has no `version`', at, 'add `version "2022-06"` after the `rubric` line');
      }
      if (!header.effective) ctx.error('dsl/missing-clause', 'the rubric has no `effective` date', at, 'add `effective from 2022-06-14` (and `until …` if it ends)');
      if (header.total === undefined && !ctx.sourceMap.has('/total')) ctx.error('dsl/missing-clause', 'the rubric has no `total`', at, 'add the declared total, e.g. `total 100 points`');
    }
    if (!this.passMarkAt && !syntaxErrors) {
      ctx.error('dsl/missing-statement', 'the rubric has no pass mark', this.headerAt ? rangeOf(this.headerAt) : fileStart, 'add `pass mark 85`, or `pass mark <parameter>` to use a parameter');
    }
    const passMarkId = this.passMark ? resolvePassMark(ctx, this.passMark, this.parameters) : '';
    if (!header || !this.passMark || syntaxErrors) return undefined;

    const rubric: Record<string, unknown> = {
      format: IR_FORMAT,
      id: header.id,
      title: header.title,
      version: header.version ?? '',
    };
    if (header.description !== undefined) rubric['description'] = header.description;
    rubric['effective'] = header.effective ?? { from: '' };
    if (header.replaces) rubric['replaces'] = header.replaces;
    rubric['total'] = header.total ?? 0;
    rubric['facts'] = this.facts;
    rubric['parameters'] = this.parameters;
    rubric['passMark'] = passMarkId;
    rubric['sections'] = this.sections;
    rubric['hardRequirements'] = this.hard;
    rubric['vetoes'] = this.vetoes;
    rubric['deductions'] = this.deductions;
    if (this.deductionCap !== undefined) rubric['deductionCap'] = this.deductionCap;
    rubric['floor'] = this.floor;
    rubric['grades'] = this.grades;
    rubric['tests'] = this.tests;
    return rubric as unknown as Rubric;
  }
}

/** The keyword and name that start a statement (`fact rate`), for reporting on the whole statement. */
function statementHead(st: ParsedStatement): Range {
  const kw = st.tokens[0]!;
  const next = st.tokens[1];
  return next && next.startLine === kw.startLine ? join(rangeOf(kw), rangeOf(next)) : rangeOf(kw);
}
