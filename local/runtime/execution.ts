// Who runs, and where. A script is deployed either bound to one spreadsheet or as an Editor
// add-on used in several; each execution runs in a context: the document whose properties, lock
// and cache it gets, what SpreadsheetApp.getActiveSpreadsheet() answers, and whether it may show
// UI. Every execution is recorded, so a test can see which stores it read and how it ended.
// https://developers.google.com/workspace/add-ons/concepts/editor-triggers
// https://developers.google.com/apps-script/guides/properties
import type { LocalSpreadsheet } from './spreadsheet/workbook';

/** 'bound': a container-bound script; 'addon': an Editor add-on used in every hosted spreadsheet. */
export type DeploymentMode = 'bound' | 'addon';

/** 'ui': a menu item, a dialog's or sidebar's server call, onOpen; 'trigger': an installable trigger. */
export type ExecutionKind = 'ui' | 'trigger';

export interface ExecutionContext {
  readonly id: string;
  readonly kind: ExecutionKind;
  readonly functionName: string;
  /** The document whose properties, lock and cache the execution gets (null: none). */
  readonly documentId: string | null;
  /** What SpreadsheetApp.getActiveSpreadsheet() returns (null in an add-on's time-driven trigger). */
  readonly activeDocumentId: string | null;
  /** The trigger that started it (e.triggerUid). */
  readonly triggerUid?: string;
  /** Runtime clock, epoch ms. */
  readonly startedAt: number;
}

export interface ExecutionRecord extends ExecutionContext {
  endedAt?: number;
  /** What it threw (a killed execution's ExecutionKilled among them). */
  error?: unknown;
  /** Every property read, as "<store>:<key>" (store: script, document:<id>, user:<email>). */
  readonly propertyReads: string[];
}

/** The spreadsheets a script can reach: the container (bound) or every document using the add-on. */
export class DocumentHost {
  private readonly books = new Map<string, LocalSpreadsheet>();

  constructor(
    readonly mode: DeploymentMode,
    books: readonly LocalSpreadsheet[],
  ) {
    if (books.length === 0) throw new Error('the runtime needs at least one spreadsheet');
    for (const b of books) this.add(b);
  }

  /** Another spreadsheet: a document the add-on is used in, or (bound) a file openById can open. */
  add(book: LocalSpreadsheet): void {
    const known = this.books.get(book.id);
    if (known && known !== book) throw new Error(`two spreadsheets share the id ${book.id} (${known.path}, ${book.path}): give them different paths`);
    this.books.set(book.id, book);
  }

  /** The first spreadsheet: a bound script's container, an add-on's default document. */
  get first(): LocalSpreadsheet {
    return this.books.values().next().value as LocalSpreadsheet;
  }

  byId(id: string): LocalSpreadsheet | undefined {
    return this.books.get(id);
  }

  /** True when the script runs in this document (always the container when bound). */
  usedIn(id: string): boolean {
    return this.mode === 'addon' ? this.books.has(id) : id === this.first.id;
  }

  list(): LocalSpreadsheet[] {
    return [...this.books.values()];
  }
}

/**
 * The context of an execution started from a person's action in `documentId`, or by a trigger
 * created there. In a time-driven trigger a bound script still has its container as the active
 * spreadsheet; an add-on's has none (no page documents one, and nothing seen in public reports
 * shows one), while its document properties and document lock stay those of the document the
 * trigger belongs to (Google keeps that association: one trigger of a type per user and document).
 */
export function contextFor(
  mode: DeploymentMode, kind: ExecutionKind, documentId: string | null, base: { id: string; functionName: string; startedAt: number; triggerUid?: string },
): ExecutionContext {
  const activeDocumentId = kind === 'trigger' && mode === 'addon' ? null : documentId;
  return { ...base, kind, documentId, activeDocumentId };
}
