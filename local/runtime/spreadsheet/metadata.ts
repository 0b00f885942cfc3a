// DeveloperMetadata on a sheet: key/value pairs a script attaches to a tab, kept with the tab
// when it is renamed or moved and copied with it when the tab is duplicated.
// https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata
// https://developers.google.com/workspace/sheets/api/guides/metadata ("Metadata storage limits":
// the metadata of one sheet, or of the spreadsheet, totals at most 30,000 characters).
import { ServiceError } from '../errors';

export interface MetadataEntry {
  id: number;
  key: string;
  value: string | null;
}

export const MAX_METADATA_CHARS = 30_000;

const size = (entries: readonly MetadataEntry[]): number => entries.reduce((n, e) => n + e.key.length + (e.value?.length ?? 0), 0);

/** Refuses an addition or change that would pass the per-sheet budget (no documented text: ours names the limit). */
export function checkMetadataSize(entries: readonly MetadataEntry[], extra: number): void {
  if (size(entries) + extra > MAX_METADATA_CHARS) {
    throw new ServiceError(`Developer metadata of a sheet cannot exceed ${MAX_METADATA_CHARS} characters.`);
  }
}

let nextId = 1;
export const newMetadataId = (): number => nextId++;

export class DeveloperMetadata {
  static readonly apiName = 'SpreadsheetApp.DeveloperMetadata';

  /** An entry and the list it belongs to (remove() takes it out of that list). */
  constructor(readonly _entry: MetadataEntry, readonly _owner: MetadataEntry[]) {}

  getId(): number { return this._entry.id; }
  getKey(): string { return this._entry.key; }
  getValue(): string | null { return this._entry.value; }

  setValue(value: string): this {
    checkMetadataSize(this._owner.filter((e) => e !== this._entry), this._entry.key.length + String(value).length);
    this._entry.value = String(value);
    return this;
  }

  setKey(key: string): this {
    if (String(key) === '') throw new ServiceError('Invalid argument: key');
    this._entry.key = String(key);
    return this;
  }

  remove(): void {
    const i = this._owner.indexOf(this._entry);
    if (i >= 0) this._owner.splice(i, 1);
  }
}
