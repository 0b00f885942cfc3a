// CPU attribution for the daily run: the V8 sampling profiler (node:inspector, main thread only,
// 100 µs interval) runs around runtime.call('runDailyAutomation'). Each sample is charged to the
// nearest JavaScript frame with a source (native built-ins count for their JS caller):
//   in-script   frames of dist/Code.js (the bundle: decoding, validation, planning, tab tables);
//   stand-ins   frames of the local runtime (Sheets .xlsx model, BigQuery bridge, vm membrane);
//   gc/other    the garbage collector and samples without a JS frame.
// Selection and building = samples with the bundle's planPage on the stack (found by its minified
// name: main.ts hands it to configureRun as engine.planPage). The DuckDB worker thread is not
// sampled: its time is the jobs' own duration.
import { Session } from 'node:inspector';
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface CpuSplit {
  /** All sampled main-thread time (ms). */
  totalMs: number;
  inScriptMs: number;
  standInsMs: number;
  gcMs: number;
  otherMs: number;
  /** Inclusive time under the bundle's planPage (selection and building), or null if not found. */
  planningMs: number | null;
  planPageName: string | null;
}

/** The minified name of the bundle's planPage (the engine handed to configureRun). */
export function planPageName(bundlePath: string): string | null {
  const text = readFileSync(bundlePath, 'utf8');
  const m = /engine:\{planPage:([A-Za-z_$][\w$]*)/.exec(text);
  if (!m) return null;
  const name = m[1] as string;
  // The name must define exactly one function, else the attribution would be ambiguous.
  const defs = text.split(`function ${name}(`).length - 1;
  return defs === 1 ? name : null;
}

export class CpuProfiler {
  private readonly session = new Session();
  private profile: Profile | null = null;

  start(): void {
    this.session.connect();
    this.session.post('Profiler.enable');
    this.session.post('Profiler.setSamplingInterval', { interval: 100 });
    this.session.post('Profiler.start');
  }

  stop(): void {
    this.session.post('Profiler.stop', (err, res) => {
      if (err) throw err;
      this.profile = (res as { profile: Profile }).profile;
    });
    this.session.disconnect();
  }

  split(bundlePath: string): CpuSplit {
    const p = this.profile;
    if (!p) throw new Error('profiler was not stopped');
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const plan = planPageName(bundlePath);
    const isBundle = (f: CallFrame) => f.url !== '' && (f.url === bundlePath || f.url.endsWith('/Code.js'));
    const isPlan = (f: CallFrame) => plan !== null && isBundle(f) && f.functionName === plan;
    // Per node: where its samples go, and whether planPage is on its stack.
    type Kind = 'script' | 'stand' | 'gc' | 'other';
    const memo = new Map<number, { kind: Kind; planning: boolean }>();
    const classify = (id: number): { kind: Kind; planning: boolean } => {
      const known = memo.get(id);
      if (known) return known;
      let kind: Kind | null = null;
      let planning = false;
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const f = (byId.get(cur) as ProfileNode).callFrame;
        if (kind === null) {
          if (f.functionName === '(garbage collector)') kind = 'gc';
          else if (f.url !== '') kind = isBundle(f) ? 'script' : 'stand';
        }
        if (isPlan(f)) planning = true;
      }
      const r: { kind: Kind; planning: boolean } = { kind: kind ?? 'other', planning };
      memo.set(id, r);
      return r;
    };
    const sum = { script: 0, stand: 0, gc: 0, other: 0 };
    let planning = 0;
    p.samples.forEach((id, i) => {
      const us = p.timeDeltas[i + 1] ?? p.timeDeltas[i] ?? 0;
      const c = classify(id);
      sum[c.kind] += us;
      if (c.planning) planning += us;
    });
    const ms = (us: number) => us / 1000;
    return {
      totalMs: ms(sum.script + sum.stand + sum.gc + sum.other),
      inScriptMs: ms(sum.script),
      standInsMs: ms(sum.stand),
      gcMs: ms(sum.gc),
      otherMs: ms(sum.other),
      planningMs: plan === null ? null : ms(planning),
      planPageName: plan,
    };
  }
}
