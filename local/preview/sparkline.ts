// SPARKLINE(data, [options]) drawn in its cell as Sheets draws it: a line (default), a column
// chart, a win/loss chart or one horizontal bar (charttype "bar", up to "max"), with "color1"
// (and "color2" for a bar's second segment, "negcolor" for columns below zero).
// https://support.google.com/docs/answer/3093289
export interface SparklineView {
  type: 'line' | 'column' | 'bar' | 'winloss';
  values: number[];
  options: Record<string, string | number | boolean>;
}

/** Splits at commas outside quotes, braces and parentheses. */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '{' || ch === '(')) depth++;
    else if (!quoted && (ch === '}' || ch === ')')) depth--;
    else if (!quoted && depth === 0 && ch === sep) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}

function literal(token: string): string | number | boolean {
  const t = token.trim();
  if (/^".*"$/.test(t)) return t.slice(1, -1).replace(/""/g, '"');
  if (/^(true|false)$/i.test(t)) return t.toUpperCase() === 'TRUE';
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** undefined when the text is not a SPARKLINE formula this preview can read. */
export function parseSparkline(formula: string, rangeValues: (ref: string) => unknown[][]): SparklineView | undefined {
  const m = /^=SPARKLINE\(([\s\S]*)\)\s*$/i.exec(formula.trim());
  if (!m) return undefined;
  const [data = '', opts = ''] = splitTop(m[1] as string, ',');
  const values = data.startsWith('{')
    ? data.slice(1, -1).split(/[,;]/).map(literal)
    : rangeValues(data).flat();
  const options: SparklineView['options'] = {};
  if (opts.startsWith('{')) {
    for (const pair of splitTop(opts.slice(1, -1), ';')) {
      const [k, v] = splitTop(pair, ',');
      if (k !== undefined && v !== undefined) options[String(literal(k)).toLowerCase()] = literal(v);
    }
  }
  const type = String(options.charttype ?? 'line').toLowerCase();
  return {
    type: type === 'bar' || type === 'column' || type === 'winloss' ? type : 'line',
    values: values.filter((v): v is number => typeof v === 'number'),
    options,
  };
}

export function renderSparkline(s: SparklineView, width: number, height: number): string {
  const c1 = String(s.options.color1 ?? s.options.color ?? '#4285f4');
  const pad = 2;
  const w = Math.max(1, width - pad * 2);
  const h = Math.max(1, height - pad * 2);
  const lo = Math.min(0, ...s.values);
  const hi = typeof s.options.max === 'number' ? s.options.max : Math.max(1, ...s.values);
  let body = '';
  if (s.type === 'bar') {
    let x = pad;
    s.values.forEach((v, i) => {
      const bw = (Math.max(0, v) / (hi || 1)) * w;
      body += `<rect x="${x}" y="${pad}" width="${Math.min(bw, width - pad - x)}" height="${h}" fill="${i % 2 ? String(s.options.color2 ?? '#ea4335') : c1}"/>`;
      x += bw;
    });
  } else if (s.type === 'column' || s.type === 'winloss') {
    const bw = w / Math.max(1, s.values.length);
    s.values.forEach((v, i) => {
      const neg = v < 0;
      const size = s.type === 'winloss' ? h / 2 : (Math.abs(v) / ((hi - lo) || 1)) * h;
      const zero = s.type === 'winloss' ? pad + h / 2 : pad + (hi / ((hi - lo) || 1)) * h;
      body += `<rect x="${pad + i * bw + bw * 0.1}" y="${neg ? zero : zero - size}" width="${bw * 0.8}" height="${size}" fill="${neg ? String(s.options.negcolor ?? '#ea4335') : c1}"/>`;
    });
  } else if (s.values.length > 0) {
    const step = w / Math.max(1, s.values.length - 1);
    const pts = s.values.map((v, i) => `${pad + i * step},${pad + h - ((v - lo) / ((hi - lo) || 1)) * h}`);
    body = `<polyline points="${pts.join(' ')}" fill="none" stroke="${c1}" stroke-width="${Number(s.options.linewidth ?? 1.5)}"/>`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`;
}
