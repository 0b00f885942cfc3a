// One tab as an HTML page that looks like Google Sheets at its default zoom: Arial 10, 21 px
// rows, column widths in pixels (100 by default), grid lines, row numbers and column letters,
// frozen rows, group bars with +/- controls, checkboxes, sparklines, charts over the grid and the
// tab bar with tab colours. A script in the page does what only layout can tell: a number or date
// that does not fit shows ### (it never spills over), and every cell whose text is cut is listed
// in window.__preview for the checks.
import { columnLetters } from '../runtime/spreadsheet/a1';
import { renderSparkline } from './sparkline';
import type { CellView, GroupBar, TabView } from './view';

export interface TabLink {
  name: string;
  file: string;
  tabColor: string | null;
}

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
const ROW_HEADER_PX = 46;
const GUTTER_PX = 18;

const CSS = `
* { box-sizing: border-box; }
body { margin: 0; font-family: Arial, "Liberation Sans", sans-serif; background: #fff; color: #000; }
.title { height: 40px; display: flex; align-items: center; padding: 0 16px; font-size: 18px; color: #1f1f1f; border-bottom: 1px solid #e0e0e0; background: #f9fbfd; }
.wrap { position: relative; overflow: hidden; }
table.grid { border-collapse: collapse; table-layout: fixed; font-size: 13.333px; }
table.grid th { background: #f8f9fa; color: #5f6368; font-weight: normal; font-size: 11px; border: 1px solid #e0e0e0; height: 21px; padding: 0; text-align: center; }
table.grid th.hidden-before { border-left: 3px double #a0a0a0; }
table.grid td { border: 1px solid #e2e3e3; padding: 0 3px; height: 21px; position: relative; line-height: 16px; overflow: visible; }
table.grid td .c { white-space: pre; overflow: hidden; }
table.grid td.wrap .c { white-space: pre-wrap; overflow-wrap: anywhere; }
table.grid td .spill { position: absolute; top: 0; bottom: 1px; overflow: hidden; white-space: pre; z-index: 2; padding: 0 3px; display: flex; }
table.grid tr.frozen-edge td, table.grid tr.frozen-edge th { border-bottom: 3px solid #c0c5cc; }
table.grid td.gutter, table.grid th.gutter { border: none; background: #f8f9fa; padding: 0; text-align: center; }
.ctl { display: inline-block; width: 13px; height: 13px; line-height: 11px; border: 1px solid #80868b; border-radius: 2px; font-size: 12px; color: #3c4043; background: #fff; text-align: center; }
.gline { border-top: 2px solid #80868b; height: 8px; margin-top: 8px; }
.vline { border-left: 2px solid #80868b; height: 21px; margin-left: 8px; }
.chart { position: absolute; z-index: 5; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
.tabs { position: fixed; bottom: 0; left: 0; right: 0; height: 38px; background: #f1f3f4; border-top: 1px solid #dadce0; display: flex; align-items: stretch; padding-left: 60px; z-index: 10; font-size: 13px; }
.tabs a { display: flex; align-items: center; padding: 0 14px; color: #444; text-decoration: none; border-bottom: 4px solid transparent; white-space: nowrap; }
.tabs a.on { background: #e1e9f7; color: #0b57d0; font-weight: bold; }
`;

function checkbox(checked: boolean): string {
  return checked
    ? '<svg width="14" height="14" viewBox="0 0 14 14"><rect x="0.5" y="0.5" width="13" height="13" rx="2" fill="#5f6368"/><path d="M3 7.2l2.6 2.6L11 4.4" stroke="#fff" stroke-width="2" fill="none"/></svg>'
    : '<svg width="14" height="14" viewBox="0 0 14 14"><rect x="1" y="1" width="12" height="12" rx="2" fill="#fff" stroke="#5f6368" stroke-width="2"/></svg>';
}

function cellHtml(cell: CellView, width: number, height: number | null): string {
  const a1 = `${cell.column}:${cell.row}`;
  const style: string[] = [`text-align:${cell.align}`, `vertical-align:${cell.valign}`, `color:${cell.color}`, `font-size:${(cell.sizePt * 4) / 3}px`];
  if (cell.fill) style.push(`background:${cell.fill}`);
  if (cell.bold) style.push('font-weight:bold');
  if (cell.italic) style.push('font-style:italic');
  for (const [side, css] of Object.entries(cell.borders)) if (css) style.push(`border-${side}:${css}`);
  const attrs = `data-cell="${a1}" data-a1="${columnLetters(cell.column)}${cell.row}" data-kind="${cell.kind}" data-wrap="${cell.wrap}" data-header="${esc(cell.header)}" data-label="${esc(cell.label)}" data-text="${esc(cell.text)}"${cell.serial ? ' data-serial="1"' : ''}`;
  const cls = cell.wrap === 'WRAP' ? ' class="wrap"' : '';
  let inner = '';
  if (cell.kind === 'checkbox') inner = `<div class="c" style="display:flex;justify-content:center">${checkbox(!!cell.checked)}</div>`;
  else if (cell.kind === 'sparkline' && cell.sparkline) inner = `<div class="c">${renderSparkline(cell.sparkline, width - 6, (height ?? 21) - 2)}</div>`;
  else if (cell.kind === 'text' && cell.wrap === 'OVERFLOW') {
    const justify = cell.align === 'right' ? 'flex-end' : cell.align === 'center' ? 'center' : 'flex-start';
    const items = cell.valign === 'top' ? 'flex-start' : cell.valign === 'middle' ? 'center' : 'flex-end';
    inner = `<div class="spill" style="left:${-cell.room.left}px;width:${width + cell.room.left + cell.room.right}px;justify-content:${justify};align-items:${items}"><span>${esc(cell.text)}</span></div>`;
  } else if (cell.text !== '') inner = `<div class="c"${height ? ` style="max-height:${height - 2}px"` : ''}>${esc(cell.text)}</div>`;
  return `<td${cls} ${attrs} style="${style.join(';')}">${inner}</td>`;
}

/** One header row per group depth: a line over each expanded group, its +/- control at the toggle. */
function columnGroupRows(view: TabView, gutter: boolean): string {
  const depth = Math.max(0, ...view.columnGroups.map((g) => g.depth));
  let out = '';
  for (let d = 1; d <= depth; d++) {
    const groups = view.columnGroups.filter((g) => g.depth === d);
    const cells = view.columns.map((c) => {
      const g = groups.find((x) => x.control === c.index || (!x.collapsed && c.index >= x.start && c.index <= x.end));
      if (!g) return '<th class="gutter"></th>';
      if (g.control === c.index) return `<th class="gutter"><span class="ctl">${g.collapsed ? '+' : '−'}</span></th>`;
      return '<th class="gutter"><div class="gline"></div></th>';
    });
    out += `<tr>${gutter ? '<th class="gutter"></th>' : ''}<th class="gutter"></th>${cells.join('')}</tr>`;
  }
  return out;
}

function rowGutter(groups: GroupBar[], row: number): string {
  const g = groups.find((x) => x.control === row) ?? groups.find((x) => !x.collapsed && row >= x.start && row <= x.end);
  if (!g) return '<td class="gutter"></td>';
  return g.control === row ? `<td class="gutter"><span class="ctl">${g.collapsed ? '+' : '−'}</span></td>` : '<td class="gutter"><div class="vline"></div></td>';
}

export function tabHtml(view: TabView, book: string, links: readonly TabLink[]): string {
  const gutter = view.rowGroups.length > 0;
  const cols = `${gutter ? `<col style="width:${GUTTER_PX}px">` : ''}<col style="width:${ROW_HEADER_PX}px">${view.columns.map((c) => `<col style="width:${c.width}px">`).join('')}`;
  const letters = `<tr>${gutter ? '<th class="gutter"></th>' : ''}<th></th>${view.columns.map((c) => `<th${c.hiddenBefore ? ' class="hidden-before"' : ''}>${c.letter}</th>`).join('')}</tr>`;
  const body = view.rows.map((r) => {
    const edge = r.index === view.frozenRows ? ' class="frozen-edge"' : '';
    const height = r.height ? ` style="height:${r.height}px"` : '';
    const cells = r.cells.map((cell, i) => cellHtml(cell, view.columns[i]?.width ?? 100, r.height)).join('');
    return `<tr${edge}${height}>${gutter ? rowGutter(view.rowGroups, r.index) : ''}<th${r.hiddenBefore ? ' class="hidden-before"' : ''}>${r.index}</th>${cells}</tr>`;
  }).join('\n');
  const charts = view.charts.map((c) => `<div class="chart" data-row="${c.row}" data-col="${c.column}" data-dx="${c.offsetX}" data-dy="${c.offsetY}" data-chart="${c.chartId}" data-type="${c.type}" style="width:${c.width}px;height:${c.height}px">${c.svg}</div>`).join('\n');
  const tabs = links.map((l) => `<a href="${esc(l.file)}"${l.name === view.name ? ' class="on"' : ''} style="${l.tabColor ? `border-bottom-color:${l.tabColor}` : ''}">${esc(l.name)}</a>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(view.name)} — ${esc(book)}</title><style>${CSS}</style></head>
<body data-tab="${esc(view.name)}"><div class="title">${esc(book)}</div><div class="wrap" id="wrap">
<table class="grid" style="width:${(gutter ? GUTTER_PX : 0) + ROW_HEADER_PX + view.columns.reduce((n, c) => n + c.width, 0)}px"><colgroup>${cols}</colgroup><thead>${columnGroupRows(view, gutter)}${letters}</thead><tbody>
${body}
</tbody></table>
${charts}
</div><div style="height:40px"></div><nav class="tabs">${tabs}</nav>
<script>${PAGE_SCRIPT}</script></body></html>`;
}

/** Runs in the page: ### for numbers that do not fit, cut text found, charts put on their anchor cells. */
const PAGE_SCRIPT = `(function () {
  var report = { tab: document.body.dataset.tab, cut: [], hashes: [], serials: [], charts: [] };
  var info = function (td) { return { cell: td.dataset.a1, kind: td.dataset.kind, header: td.dataset.header, label: td.dataset.label, text: td.dataset.text }; };
  // Measure everything first, then write the ###: a write between two reads would lay the page out again.
  var hashes = [];
  document.querySelectorAll('td[data-kind]').forEach(function (td) {
    var kind = td.dataset.kind;
    if (td.dataset.serial) report.serials.push(info(td));
    if (kind === 'number' || kind === 'date') {
      var c = td.querySelector('.c');
      if (c && c.scrollWidth > c.clientWidth + 0.5) hashes.push([td, c, c.clientWidth]);
      return;
    }
    if (kind !== 'text') return;
    var box = td.querySelector('.spill') || td.querySelector('.c');
    if (!box) return;
    var cut = td.dataset.wrap === 'WRAP' ? box.scrollHeight > box.clientHeight + 1 : box.scrollWidth > box.clientWidth + 0.5;
    if (cut) report.cut.push(info(td));
  });
  hashes.forEach(function (h) {
    h[1].textContent = new Array(Math.max(1, Math.floor(h[2] / 7.4)) + 1).join('#');
    report.hashes.push(info(h[0]));
  });
  document.querySelectorAll('.chart').forEach(function (chart) {
    var rowEl = null, colEl = null;
    document.querySelectorAll('td[data-cell]').forEach(function (td) {
      var p = td.dataset.cell.split(':');
      if (!rowEl && Number(p[1]) >= Number(chart.dataset.row)) rowEl = td;
      if (!colEl && Number(p[0]) >= Number(chart.dataset.col)) colEl = td;
    });
    var top = (rowEl ? rowEl.offsetTop + rowEl.offsetParent.offsetTop : 0) + Number(chart.dataset.dy);
    var left = (colEl ? colEl.offsetLeft : 0) + Number(chart.dataset.dx);
    chart.style.top = top + 'px';
    chart.style.left = left + 'px';
    report.charts.push({ chartId: chart.dataset.chart, type: chart.dataset.type, top: top, left: left });
  });
  window.__preview = report;
})();`;
