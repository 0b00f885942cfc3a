// Ui: menus, sidebars, dialogs and alerts, recorded so tests can read what a person would see.
// https://developers.google.com/apps-script/reference/base/ui
// https://developers.google.com/apps-script/reference/base/menu

export const Button = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
export const ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as const;
export type ButtonName = keyof typeof Button;

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'subMenu'; menu: MenuRecord };

export interface MenuRecord {
  title: string;
  /** true for createAddonMenu(): Sheets shows it under Extensions → <add-on name>. */
  addon: boolean;
  items: MenuEntry[];
}

/** Anything with an HtmlOutput's getters (see html.ts). */
export interface HtmlLike {
  getContent(): string;
  getTitle(): string;
  _width?: number;
  _height?: number;
}

export interface DialogRecord {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  content: string;
  width?: number;
  height?: number;
}

export interface AlertRecord {
  title: string;
  prompt: string;
  buttons: string;
}

export interface PromptAnswer {
  text: string;
  button: ButtonName;
}

export class Menu {
  static readonly apiName = 'Ui.Menu';
  readonly _record: MenuRecord;

  constructor(title: string, addon: boolean, private readonly _onAdd: (menu: MenuRecord) => void) {
    this._record = { title, addon, items: [] };
  }

  addItem(caption: string, functionName: string): this {
    this._record.items.push({ kind: 'item', caption: String(caption), functionName: String(functionName) });
    return this;
  }

  addSeparator(): this {
    this._record.items.push({ kind: 'separator' });
    return this;
  }

  addSubMenu(menu: Menu): this {
    this._record.items.push({ kind: 'subMenu', menu: menu._record });
    return this;
  }

  addToUi(): void {
    this._onAdd(this._record);
  }
}

export class PromptResponse {
  static readonly apiName = 'Ui.PromptResponse';
  constructor(private readonly _answer: PromptAnswer) {}
  getResponseText(): string { return this._answer.text; }
  getSelectedButton(): string { return Button[this._answer.button]; }
}

/** What the Ui stand-in recorded (services.ui): read menus/dialogs/alerts, queue answers. */
export class UiRecorder {
  readonly menus: MenuRecord[] = [];
  readonly dialogs: DialogRecord[] = [];
  readonly alerts: AlertRecord[] = [];
  /** Answers for the next prompt() calls, first in first out; default OK with ''. */
  readonly promptAnswers: PromptAnswer[] = [];
  /** Buttons for the next alert() calls; default OK. */
  readonly alertAnswers: ButtonName[] = [];
}

export class Ui {
  static readonly apiName = 'Ui';
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  /** What a person would see is recorded in `_rec`; add-on menus carry `_addonName`. */
  constructor(private readonly _rec: UiRecorder, private readonly _addonName: string) {}

  createMenu(caption: string): Menu {
    return new Menu(String(caption), false, (m) => this._addMenu(m));
  }

  createAddonMenu(): Menu {
    return new Menu(this._addonName, true, (m) => this._addMenu(m));
  }

  showSidebar(html: HtmlLike): void {
    this._rec.dialogs.push({ kind: 'sidebar', title: html.getTitle(), content: html.getContent(), width: html._width });
  }

  showModalDialog(html: HtmlLike, title: string): void {
    this._rec.dialogs.push({ kind: 'modal', title: String(title), content: html.getContent(), width: html._width, height: html._height });
  }

  showModelessDialog(html: HtmlLike, title: string): void {
    this._rec.dialogs.push({ kind: 'modeless', title: String(title), content: html.getContent(), width: html._width, height: html._height });
  }

  /** alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons). */
  alert(a: string, b?: string, c?: string): string {
    const [title, prompt, buttons] = c !== undefined ? [a, b ?? '', c] : b !== undefined && b in ButtonSet ? ['', a, b] : ['', a, ButtonSet.OK];
    this._rec.alerts.push({ title: String(title), prompt: String(prompt), buttons });
    return Button[this._rec.alertAnswers.shift() ?? 'OK'];
  }

  prompt(a: string, b?: string, c?: string): PromptResponse {
    const [title, prompt, buttons] = c !== undefined ? [a, b ?? '', c] : b !== undefined && b in ButtonSet ? ['', a, b] : ['', a, ButtonSet.OK];
    this._rec.alerts.push({ title: String(title), prompt: String(prompt), buttons });
    return new PromptResponse(this._rec.promptAnswers.shift() ?? { text: '', button: 'OK' });
  }

  private _addMenu(menu: MenuRecord): void {
    // Adding a menu with the same title again replaces it (onOpen may run more than once).
    const i = this._rec.menus.findIndex((m) => m.title === menu.title && m.addon === menu.addon);
    if (i >= 0) this._rec.menus.splice(i, 1, menu);
    else this._rec.menus.push(menu);
  }
}
