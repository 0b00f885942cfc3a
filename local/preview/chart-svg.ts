// Draws a chart as SVG the way Sheets lays out its default charts: title on top, value axis with
// round ticks and grid lines, legend at the right (or where `legend.position` says), Sheets'
// series colours. Columns, bars, lines, areas, combos (series.N.type), scatter, pie (pieHole) and
// table; any other type is drawn as a labelled frame.
import type { ChartData } from './chart-data';

export const SHEETS_COLOURS = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6', '#7baaf7', '#f07b72', '#fcd04f', '#71c287'];
const FONT = 'font-family="Arial, Liberation Sans, sans-serif"';

type Options = Record<string, unknown>;
type Mark = 'bars' | 'line' | 'area' | 'steppedArea' | 'points';

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
const obj = (v: unknown): Options => (typeof v === 'object' && v !== null ? (v as Options) : {});
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function colourOf(options: Options, i: number): string {
  const own = obj(obj(options.series)[String(i)]).color;
  const list = Array.isArray(options.colors) ? (options.colors as unknown[]) : [];
  return typeof own === 'string' ? own : typeof list[i] === 'string' ? (list[i] as string) : SHEETS_COLOURS[i % SHEETS_COLOURS.length] as string;
}

function markOf(type: string, options: Options, i: number): Mark {
  const own = String(obj(obj(options.series)[String(i)]).type ?? (type === 'COMBO' ? options.seriesType ?? 'bars' : ''));
  if (own === 'line') return 'line';
  if (own === 'area') return 'area';
  if (own === 'bars') return 'bars';
  return type === 'LINE' ? 'line' : type === 'AREA' ? 'area' : type === 'STEPPED_AREA' ? 'steppedArea' : type === 'SCATTER' ? 'points' : 'bars';
}

/** Round ticks covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (hi === lo) hi = lo + 1;
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  if ((out[out.length - 1] ?? lo) < hi) out.push(Number(((out[out.length - 1] ?? lo) + step).toPrecision(12)));
  return out;
}

const fmt = (v: number): string => (Math.abs(v) >= 1000 ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : String(Number(v.toPrecision(4))));

function legend(data: ChartData, options: Options, x: number, y: number, vertical: boolean): string {
  let out = '';
  let at = 0;
  data.series.forEach((s, i) => {
    const [lx, ly] = vertical ? [x, y + at] : [x + at, y];
    out += `<rect x="${lx}" y="${ly - 9}" width="10" height="10" rx="2" fill="${colourOf(options, i)}"/><text x="${lx + 14}" y="${ly}" font-size="12" ${FONT} fill="#222">${esc(s.name)}</text>`;
    at += vertical ? 20 : 24 + s.name.length * 7;
  });
  return out;
}

function pie(data: ChartData, options: Options, w: number, h: number, top: number): string {
  const values = (data.series[0]?.values ?? []).map((v) => Math.max(0, v ?? 0));
  const total = values.reduce((a, b) => a + b, 0) || 1;
  const r = Math.min(w * 0.6, h - top) / 2 - 10;
  const cx = r + 20;
  const cy = top + (h - top) / 2;
  const hole = (num(options.pieHole) ?? 0) * r;
  let angle = -Math.PI / 2;
  let out = '';
  values.forEach((v, i) => {
    const a2 = angle + (v / total) * Math.PI * 2;
    const large = a2 - angle > Math.PI ? 1 : 0;
    const p = (a: number, rad: number) => `${cx + rad * Math.cos(a)} ${cy + rad * Math.sin(a)}`;
    out += `<path d="M ${p(angle, r)} A ${r} ${r} 0 ${large} 1 ${p(a2, r)} L ${p(a2, hole)} ${hole ? `A ${hole} ${hole} 0 ${large} 0 ${p(angle, hole)}` : ''} Z" fill="${colourOf(options, i)}" stroke="#fff"/>`;
    angle = a2;
  });
  const names = { domain: data.domain, series: data.domain.map((d) => ({ name: d, values: [] })) };
  return out + legend(names, options, cx + r + 30, top + 20, true);
}

function axes(data: ChartData, options: Options, type: string, box: { x: number; y: number; w: number; h: number }): string {
  const stacked = options.isStacked === true || options.isStacked === 'true' || options.isStacked === 'absolute';
  const horizontal = type === 'BAR';
  const sums = data.domain.map((_, j) => data.series.reduce((a, s) => a + Math.max(0, s.values[j] ?? 0), 0));
  const all = data.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const vAxis = obj(horizontal ? options.hAxis : options.vAxis);
  const lo = num(obj(vAxis.viewWindow).min) ?? num(vAxis.minValue) ?? Math.min(0, ...all);
  const hi = num(obj(vAxis.viewWindow).max) ?? num(vAxis.maxValue) ?? Math.max(1, ...(stacked ? sums : all));
  const t = ticks(lo, hi);
  const [min, max] = [t[0] as number, t[t.length - 1] as number];
  const along = horizontal ? box.h : box.w;
  const across = horizontal ? box.w : box.h;
  const scale = (v: number) => ((v - min) / (max - min || 1)) * across;
  const band = along / Math.max(1, data.domain.length);
  const pos = (j: number, v: number, x0 = 0): [number, number] => (horizontal ? [box.x + x0 + scale(v) - scale(min), box.y + band * j] : [box.x + band * j, box.y + box.h - scale(v) + scale(min) - x0]);
  let out = '';
  for (const v of t) {
    const d = scale(v);
    out += horizontal
      ? `<line x1="${box.x + d}" y1="${box.y}" x2="${box.x + d}" y2="${box.y + box.h}" stroke="#e0e0e0"/><text x="${box.x + d}" y="${box.y + box.h + 16}" font-size="11" text-anchor="middle" ${FONT} fill="#444">${fmt(v)}</text>`
      : `<line x1="${box.x}" y1="${box.y + box.h - d}" x2="${box.x + box.w}" y2="${box.y + box.h - d}" stroke="#e0e0e0"/><text x="${box.x - 6}" y="${box.y + box.h - d + 4}" font-size="11" text-anchor="end" ${FONT} fill="#444">${fmt(v)}</text>`;
  }
  const every = Math.max(1, Math.ceil(data.domain.length / Math.max(1, Math.floor(along / 48))));
  data.domain.forEach((d, j) => {
    if (j % every) return;
    out += horizontal
      ? `<text x="${box.x - 6}" y="${box.y + band * j + band / 2 + 4}" font-size="11" text-anchor="end" ${FONT} fill="#444">${esc(d)}</text>`
      : `<text x="${box.x + band * j + band / 2}" y="${box.y + box.h + 16}" font-size="11" text-anchor="middle" ${FONT} fill="#444">${esc(d)}</text>`;
  });
  const barSeries = data.series.map((_, i) => i).filter((i) => markOf(type, options, i) === 'bars');
  const base = data.domain.map(() => 0);
  data.series.forEach((s, i) => {
    const colour = colourOf(options, i);
    const mark = markOf(type, options, i);
    if (mark === 'bars') {
      const k = barSeries.indexOf(i);
      const slot = stacked ? band * 0.6 : (band * 0.7) / barSeries.length;
      s.values.forEach((v, j) => {
        if (v === null) return;
        const start = stacked ? base[j] as number : 0;
        const size = Math.abs(scale(v) - scale(0));
        const offset = (band - (stacked ? slot : slot * barSeries.length)) / 2 + (stacked ? 0 : slot * k);
        const [px, py] = pos(j, Math.max(v, 0) + start);
        out += horizontal
          ? `<rect x="${box.x + scale(start) - scale(min) + (v < 0 ? -size : 0)}" y="${py + offset}" width="${size}" height="${slot}" fill="${colour}"/>`
          : `<rect x="${px + offset}" y="${v < 0 ? box.y + box.h - scale(0) + scale(min) : py}" width="${slot}" height="${size}" fill="${colour}"/>`;
        if (stacked) base[j] = start + Math.max(v, 0);
      });
      return;
    }
    const points = s.values.map((v, j) => (v === null ? null : [box.x + band * j + band / 2, box.y + box.h - scale(v) + scale(min)] as [number, number])).filter((p): p is [number, number] => p !== null);
    if (mark === 'points') for (const [x, y] of points) out += `<circle cx="${x}" cy="${y}" r="3.5" fill="${colour}"/>`;
    else {
      const d = points.map(([x, y], n) => (n === 0 ? `M ${x} ${y}` : mark === 'steppedArea' ? `H ${x} V ${y}` : `L ${x} ${y}`)).join(' ');
      if (mark !== 'line' && points.length) out += `<path d="${d} V ${box.y + box.h} H ${points[0]![0]} Z" fill="${colour}" fill-opacity="0.3"/>`;
      out += `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`;
    }
  });
  const hTitle = obj(options.hAxis).title;
  const vTitle = obj(options.vAxis).title;
  if (typeof hTitle === 'string') out += `<text x="${box.x + box.w / 2}" y="${box.y + box.h + 34}" font-size="12" text-anchor="middle" ${FONT} font-style="italic" fill="#222">${esc(hTitle)}</text>`;
  if (typeof vTitle === 'string') out += `<text transform="translate(${box.x - 44} ${box.y + box.h / 2}) rotate(-90)" font-size="12" text-anchor="middle" ${FONT} font-style="italic" fill="#222">${esc(vTitle)}</text>`;
  return out + `<line x1="${box.x}" y1="${box.y + box.h}" x2="${box.x + box.w}" y2="${box.y + box.h}" stroke="#333"/>`;
}

function tableChart(data: ChartData, w: number, top: number): string {
  const cols = [''].concat(data.series.map((s) => s.name));
  const cw = w / cols.length;
  let out = cols.map((c, i) => `<text x="${i * cw + 6}" y="${top + 14}" font-size="12" font-weight="bold" ${FONT}>${esc(c)}</text>`).join('');
  data.domain.forEach((d, j) => {
    const y = top + 34 + j * 20;
    out += `<text x="6" y="${y}" font-size="12" ${FONT}>${esc(d)}</text>`;
    data.series.forEach((s, i) => (out += `<text x="${(i + 1) * cw + 6}" y="${y}" font-size="12" ${FONT}>${s.values[j] ?? ''}</text>`));
  });
  return out;
}

export function renderChart(type: string, data: ChartData, options: Options, width: number, height: number): string {
  const title = typeof options.title === 'string' ? options.title : '';
  const top = title ? 40 : 16;
  const where = String(obj(options.legend).position ?? options.legend ?? 'right');
  let body: string;
  if (type === 'PIE') body = pie(data, options, width, height, top);
  else if (type === 'TABLE') body = tableChart(data, width, top);
  else if (['COLUMN', 'BAR', 'LINE', 'AREA', 'STEPPED_AREA', 'COMBO', 'SCATTER', 'HISTOGRAM'].includes(type)) {
    const right = where === 'right' ? 150 : 20;
    const bottom = where === 'bottom' ? 70 : 50;
    const box = { x: 64, y: top + (where === 'top' ? 24 : 8), w: width - 64 - right, h: height - top - bottom - (where === 'top' ? 24 : 8) };
    body = axes(data, options, type, box);
    if (where === 'right') body += legend(data, options, width - right + 14, box.y + 12, true);
    else if (where === 'bottom') body += legend(data, options, box.x, height - 14, false);
    else if (where === 'top') body += legend(data, options, box.x, top + 10, false);
  } else body = `<text x="${width / 2}" y="${height / 2}" font-size="14" text-anchor="middle" ${FONT} fill="#666">${esc(type)} chart</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`
    + `<rect width="${width}" height="${height}" fill="#fff" stroke="#dadce0"/>`
    + (title ? `<text x="16" y="26" font-size="16" ${FONT} fill="#222">${esc(title)}</text>` : '')
    + body + '</svg>';
}
