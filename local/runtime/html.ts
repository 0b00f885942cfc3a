// HtmlService: HTML files from the bundle folder, outputs and templates with scriptlets.
// https://developers.google.com/apps-script/reference/html/html-service
// https://developers.google.com/apps-script/guides/html/templates
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceError } from './errors';

export const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const;
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;

export class HtmlOutput {
  static readonly apiName = 'HtmlService.HtmlOutput';
  _title = '';
  _width?: number;
  _height?: number;
  _sandbox: string = SandboxMode.IFRAME;
  _xFrame: string = XFrameOptionsMode.DEFAULT;

  constructor(private _content: string) {}

  getContent(): string { return this._content; }
  setContent(content: string): this { this._content = String(content); return this; }
  append(html: string): this { this._content += String(html); return this; }
  getTitle(): string { return this._title; }
  setTitle(title: string): this { this._title = String(title); return this; }
  getWidth(): number | undefined { return this._width; }
  setWidth(width: number): this { this._width = width; return this; }
  getHeight(): number | undefined { return this._height; }
  setHeight(height: number): this { this._height = height; return this; }
  /** Google ignores the mode now (always IFRAME) but keeps the method. */
  setSandboxMode(mode: string): this { this._sandbox = mode; return this; }
  setXFrameOptionsMode(mode: string): this { this._xFrame = mode; return this; }
  addMetaTag(name: string, content: string): this {
    this._content = `<meta name="${name}" content="${content}">` + this._content;
    return this;
  }
}

/** Runs compiled template code inside the bundle's context (so scriptlets can call its functions). */
export type TemplateRunner = (source: string, data: Record<string, unknown>) => string;

export class HtmlTemplate {
  static readonly apiName = 'HtmlService.HtmlTemplate';

  constructor(
    private readonly _source: string,
    private readonly _run: TemplateRunner,
  ) {}

  getCode(): string { return compileTemplate(this._source); }

  /** Variables are the template's own properties, set by the script (`t.page = 'x'`). */
  evaluate(): HtmlOutput {
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (!k.startsWith('_')) data[k] = v;
    return new HtmlOutput(this._run(compileTemplate(this._source), data));
  }
}

const ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (v: unknown): string => String(v).replace(/[&<>"']/g, (c) => ESCAPE[c] as string);

/**
 * `<? code ?>` runs, `<?= expr ?>` prints escaped, `<?!= expr ?>` prints raw. The result is the
 * body of `function (__data, __escape)` that returns the page text.
 */
export function compileTemplate(source: string): string {
  let code = 'var __out = ""; with (__data) {\n';
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    code += `__out += ${JSON.stringify(source.slice(last, m.index))};\n`;
    const body = (m[2] as string).trim();
    if (m[1] === '=') code += `__out += __escape(${body});\n`;
    else if (m[1] === '!=') code += `__out += String(${body});\n`;
    else code += `${body}\n`;
    last = re.lastIndex;
  }
  code += `__out += ${JSON.stringify(source.slice(last))};\n}\nreturn __out;`;
  return code;
}

export class HtmlServiceStandIn {
  static readonly apiName = 'HtmlService';
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  /** HTML files are read from `_dir`; templates run through `_run` in the bundle's context. */
  constructor(private readonly _dir: string, private readonly _run: TemplateRunner) {}

  createHtmlOutput(html = ''): HtmlOutput {
    return new HtmlOutput(String(html));
  }

  createHtmlOutputFromFile(filename: string): HtmlOutput {
    return new HtmlOutput(this._read(filename));
  }

  createTemplate(html: string): HtmlTemplate {
    return new HtmlTemplate(String(html), this._run);
  }

  createTemplateFromFile(filename: string): HtmlTemplate {
    return new HtmlTemplate(this._read(filename), this._run);
  }

  /** "Sidebar" and "Sidebar.html" name the same file, as in the Apps Script editor. */
  private _read(filename: string): string {
    const base = String(filename).replace(/\.html$/, '');
    const path = join(this._dir, `${base}.html`);
    if (!existsSync(path)) throw new ServiceError(`No HTML file named ${base} was found.`);
    return readFileSync(path, 'utf8');
  }
}
