// Data validation rules (SpreadsheetApp.newDataValidation()): checkboxes and lists.
// https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
// https://developers.google.com/apps-script/reference/spreadsheet/data-validation
import { ServiceError } from '../errors';
import type { ValidationSpec } from './model';

export const DataValidationCriteria = {
  CHECKBOX: 'CHECKBOX', VALUE_IN_LIST: 'VALUE_IN_LIST',
} as const;

type Scalar = string | number | boolean;

export class DataValidation {
  static readonly apiName = 'SpreadsheetApp.DataValidation';
  constructor(readonly _spec: ValidationSpec) {}

  getCriteriaType(): string { return this._spec.criteria; }
  /** Checkbox: [] or [checked] or [checked, unchecked]; list: [values, showDropdown]. */
  getCriteriaValues(): unknown[] {
    const s = this._spec;
    return s.criteria === 'VALUE_IN_LIST' ? [[...s.values], s.showDropdown ?? true] : [...s.values];
  }
  getAllowInvalid(): boolean { return this._spec.allowInvalid; }
  getHelpText(): string | null { return this._spec.helpText; }
  copy(): DataValidationBuilder { return new DataValidationBuilder({ ...this._spec, values: [...this._spec.values] }); }
}

export class DataValidationBuilder {
  static readonly apiName = 'SpreadsheetApp.DataValidationBuilder';
  // A new rule allows invalid input (shows a warning) until setAllowInvalid(false).
  constructor(private _spec: Partial<ValidationSpec> & { allowInvalid: boolean; helpText: string | null } = { allowInvalid: true, helpText: null }) {}

  /** requireCheckbox(), requireCheckbox(checked), requireCheckbox(checked, unchecked). */
  requireCheckbox(checkedValue?: Scalar, uncheckedValue?: Scalar): this {
    const values = [checkedValue, uncheckedValue].filter((v): v is Scalar => v !== undefined && v !== null);
    this._spec = { ...this._spec, criteria: 'CHECKBOX', values };
    return this;
  }

  requireValueInList(values: Scalar[], showDropdown = true): this {
    if (!Array.isArray(values)) throw new ServiceError("The parameters (String) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.");
    this._spec = { ...this._spec, criteria: 'VALUE_IN_LIST', values: values.map(String), showDropdown: !!showDropdown };
    return this;
  }

  setAllowInvalid(allowInvalidData: boolean): this {
    this._spec.allowInvalid = !!allowInvalidData;
    return this;
  }

  setHelpText(helpText: string): this {
    this._spec.helpText = String(helpText);
    return this;
  }

  getCriteriaType(): string | null { return this._spec.criteria ?? null; }
  getAllowInvalid(): boolean { return this._spec.allowInvalid; }
  getHelpText(): string | null { return this._spec.helpText; }

  build(): DataValidation {
    const { criteria, values } = this._spec;
    // The wording is ours: Google's page does not print the error for a rule without criteria.
    if (!criteria || !values) throw new ServiceError('A data validation rule must have criteria.');
    return new DataValidation({ ...this._spec, criteria, values: [...values] } as ValidationSpec);
  }

  copy(): DataValidationBuilder { return new DataValidationBuilder({ ...this._spec }); }
}

/** A checkbox rule's checked and unchecked values (TRUE/FALSE unless custom; one custom value → ''). */
export function checkboxValues(spec: ValidationSpec): { checked: Scalar; unchecked: Scalar } {
  if (spec.values.length === 0) return { checked: true, unchecked: false };
  return { checked: spec.values[0] as Scalar, unchecked: spec.values.length > 1 ? (spec.values[1] as Scalar) : '' };
}
