// Conditional format rules (SpreadsheetApp.newConditionalFormatRule()), saved to the .xlsx as
// expression rules so the traffic-light colours show when a person opens the file.
// https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder
import type ExcelJS from 'exceljs';
import { ServiceError } from '../errors';
import { toA1, type GridRect } from './a1';
import { argb } from './colors';

export interface RuleCondition {
  kind: 'TEXT_EQ' | 'CUSTOM_FORMULA';
  value: string;
}

/** A range a rule applies to, independent of the Range stand-in (which lives in range.ts). */
export interface RuleRange {
  _rect: GridRect;
}

export class ConditionalFormatRule {
  static readonly apiName = 'SpreadsheetApp.ConditionalFormatRule';

  constructor(
    readonly _condition: RuleCondition,
    readonly _background: string | null,
    readonly _fontColor: string | null,
    readonly _ranges: RuleRange[],
  ) {}

  getRanges(): RuleRange[] {
    return [...this._ranges];
  }

  /** Google's BooleanCondition: the criteria and the format it applies. */
  getBooleanCondition(): { getCriteriaType(): string; getCriteriaValues(): string[]; getBackground(): string | null; getFontColor(): string | null } {
    const c = this._condition;
    return { getCriteriaType: () => c.kind, getCriteriaValues: () => [c.value], getBackground: () => this._background, getFontColor: () => this._fontColor };
  }

  copy(): ConditionalFormatRuleBuilder {
    const b = new ConditionalFormatRuleBuilder();
    b._condition = this._condition;
    b._background = this._background;
    b._fontColor = this._fontColor;
    b._ranges = [...this._ranges];
    return b;
  }

  toExcel(): ExcelJS.ConditionalFormattingOptions {
    const first = this._ranges[0]?._rect ?? { row: 1, column: 1, numRows: 1, numColumns: 1 };
    const topLeft = toA1({ ...first, numRows: 1, numColumns: 1 });
    const formula =
      this._condition.kind === 'TEXT_EQ'
        ? `${topLeft}="${this._condition.value.replace(/"/g, '""')}"`
        : this._condition.value.replace(/^=/, '');
    const style: Partial<ExcelJS.Style> = {};
    if (this._background) style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(this._background) } };
    if (this._fontColor) style.font = { color: { argb: argb(this._fontColor) } };
    return {
      ref: this._ranges.map((r) => toA1(r._rect)).join(' '),
      rules: [{ type: 'expression', priority: 1, formulae: [formula], style }],
    };
  }
}

export class ConditionalFormatRuleBuilder {
  static readonly apiName = 'SpreadsheetApp.ConditionalFormatRuleBuilder';
  _condition: RuleCondition | null = null;
  _background: string | null = null;
  _fontColor: string | null = null;
  _ranges: RuleRange[] = [];

  whenTextEqualTo(text: string): this {
    this._condition = { kind: 'TEXT_EQ', value: String(text) };
    return this;
  }

  whenFormulaSatisfied(formula: string): this {
    this._condition = { kind: 'CUSTOM_FORMULA', value: String(formula) };
    return this;
  }

  setBackground(color: string | null): this {
    this._background = color;
    return this;
  }

  setFontColor(color: string | null): this {
    this._fontColor = color;
    return this;
  }

  setRanges(ranges: RuleRange[]): this {
    this._ranges = [...ranges];
    return this;
  }

  build(): ConditionalFormatRule {
    // Sheets refuses a rule without a condition or without a range to apply to.
    if (!this._condition) throw new ServiceError('Conditional format rule must have a boolean condition.');
    if (this._ranges.length === 0) throw new ServiceError('Conditional format rule must have at least one range.');
    return new ConditionalFormatRule(this._condition, this._background, this._fontColor, this._ranges);
  }
}
