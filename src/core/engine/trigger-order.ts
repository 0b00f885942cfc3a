// Which caption goes to which slot so that no two consecutive slots share a psychological trigger.
// A depth-first search over triggers (captions of one type and trigger are interchangeable for the
// rule, so each step takes the best-drawn of the chosen trigger): its first path is the greedy
// order (most remaining picks of the trigger, then the draw), so a week the greedy order already
// fills keeps that result; it backtracks only where the greedy order runs into a repeat. When the
// picks alone cannot alternate, the fewest picks are replaced by the page's next-best unpicked
// captions (`alternates`) of a trigger the sequence lacks.
import type { Pick } from './selector';

export type CaptionType = 'PPV' | 'BUMP';

/** Search steps allowed in all before giving up (the caller then accepts repeats), and per budget. */
const MAX_STEPS = 40_000;
const LEVEL_STEPS = 4_000;

interface Source {
  type: CaptionType;
  trigger: string;
  picks: Pick[];
  alternates: Pick[];
}

type Bounds = { fromHere: number[]; afterPrev: number[] };

/**
 * Runs of one type: two positions of a run are adjacent, so a trigger holds at most every other
 * one. fromHere[i]: the most positions of type t one trigger can hold from i on; afterPrev: the
 * same when position i cannot take it (the slot before has it).
 */
function runBounds(types: readonly CaptionType[], t: CaptionType): Bounds {
  const n = types.length;
  const fromHere = new Array<number>(n + 1).fill(0);
  const afterPrev = new Array<number>(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i -= 1) {
    if (types[i] !== t) {
      fromHere[i] = fromHere[i + 1]!;
      afterPrev[i] = fromHere[i + 1]!;
      continue;
    }
    let r = 1;
    while (i + r < n && types[i + r] === t) r += 1;
    fromHere[i] = Math.ceil(r / 2) + fromHere[i + r]!;
    afterPrev[i] = Math.floor(r / 2) + fromHere[i + r]!;
  }
  return { fromHere, afterPrev };
}

/** The search's state: which picks and alternates of each source the partial order has used. */
class TriggerSearch {
  readonly sources: Source[] = [];
  private readonly byKey = new Map<string, Source>();
  private readonly ofType = { PPV: [] as number[], BUMP: [] as number[] };
  private readonly rank: Map<Pick, number>;
  private readonly altRank: Map<Pick, number>;
  readonly usedPicks: number[];
  private readonly usedAlts: number[];
  private readonly leftOfTrigger: Map<string, number>;
  private readonly bounds: Record<CaptionType, Bounds>;
  private readonly altsOfType = { PPV: 0, BUMP: 0 };
  readonly chosen: number[] = [];
  private readonly failed = new Set<string>();
  private readonly n: number;
  steps = 0;
  levelSteps = 0;
  private altsUsed = 0;

  constructor(
    private readonly types: CaptionType[],
    picks: Pick[],
    alternates: Pick[],
  ) {
    // Best draw first; a stable sort keeps the callers' order between equal draws.
    const byDraw = [...picks].sort((a, b) => b.draw - a.draw);
    for (const p of byDraw) this.sourceOf(p).picks.push(p);
    // Alternates come in the caller's order of preference.
    for (const p of alternates) this.sourceOf(p).alternates.push(p);
    this.altRank = new Map(alternates.map((p, i) => [p, i]));
    this.rank = new Map(byDraw.map((p, i) => [p, i]));
    this.usedPicks = this.sources.map(() => 0);
    this.usedAlts = this.sources.map(() => 0);
    const triggers = [...new Set(this.sources.map((s) => s.trigger))];
    this.leftOfTrigger = new Map(triggers.map((t) => [t, this.sources.filter((s) => s.trigger === t).reduce((n, s) => n + s.picks.length, 0)]));
    this.sources.forEach((src, i) => this.ofType[src.type].push(i));
    this.n = types.length;
    this.bounds = { PPV: runBounds(types, 'PPV'), BUMP: runBounds(types, 'BUMP') };
  }

  sourceOf(p: Pick): Source {
    const type: CaptionType = p.candidate.caption_type === 'PPV' ? 'PPV' : 'BUMP';
    const key = `${type}|${p.candidate.psychological_trigger}`;
    let s = this.byKey.get(key);
    if (!s) {
      s = { type, trigger: p.candidate.psychological_trigger, picks: [], alternates: [] };
      this.byKey.set(key, s);
      this.sources.push(s);
    }
    return s;
  }

  /** Greedy order of the sources a position may take (picks first; alternates cost one). */
  private options(pos: number, prev: string, budget: number): Array<{ i: number; alt: boolean }> {
    const fromPicks: number[] = [];
    const fromAlts: number[] = [];
    for (const i of this.ofType[this.types[pos] as CaptionType]) {
      const src = this.sources[i]!;
      if (prev !== '' && src.trigger !== '' && src.trigger === prev) continue;
      if (this.usedPicks[i]! < src.picks.length) fromPicks.push(i);
      else if (budget > 0 && this.usedAlts[i]! < src.alternates.length) fromAlts.push(i);
    }
    const head = (i: number) => this.sources[i]!.picks[this.usedPicks[i]!]!;
    const left = (i: number) => this.leftOfTrigger.get(this.sources[i]!.trigger)!;
    fromPicks.sort((a, b) => left(b) - left(a) || head(b).draw - head(a).draw || this.rank.get(head(a))! - this.rank.get(head(b))!);
    const altHead = (i: number) => this.altRank.get(this.sources[i]!.alternates[this.usedAlts[i]!]!)!;
    fromAlts.sort((a, b) => altHead(a) - altHead(b));
    return [...fromPicks.map((i) => ({ i, alt: false })), ...fromAlts.map((i) => ({ i, alt: true }))];
  }

  /**
   * The fewest alternates the rest needs (picks and positions match per type, so every pick a
   * trigger cannot place must make way for one): per type and over both.
   */
  needed(pos: number, prev: string): number {
    const rest = this.n - pos;
    const excess = { PPV: 0, BUMP: 0 };
    this.sources.forEach((s, i) => {
      if (s.trigger === '') return;
      const b = this.bounds[s.type];
      const cap = this.types[pos] === s.type && s.trigger === prev ? b.afterPrev[pos]! : b.fromHere[pos]!;
      excess[s.type] += Math.max(0, s.picks.length - this.usedPicks[i]! - cap);
    });
    let overall = 0;
    for (const [t, left] of this.leftOfTrigger) {
      if (t !== '') overall += Math.max(0, left - (t === prev ? Math.floor(rest / 2) : Math.ceil(rest / 2)));
    }
    const perType = Math.max(0, excess.PPV - this.altsOfType.PPV) + Math.max(0, excess.BUMP - this.altsOfType.BUMP);
    return Math.max(perType, overall - this.altsUsed);
  }

  private outOfSteps(): boolean {
    return this.levelSteps > LEVEL_STEPS || this.steps > MAX_STEPS;
  }

  /** Takes (delta 1) or gives back (delta -1) one pick or alternate of a source. */
  private use(i: number, alt: boolean, delta: 1 | -1): void {
    const s = this.sources[i]!;
    if (alt) {
      this.usedAlts[i]! += delta;
      this.altsUsed += delta;
      this.altsOfType[s.type] += delta;
    } else {
      this.usedPicks[i]! += delta;
      this.leftOfTrigger.set(s.trigger, this.leftOfTrigger.get(s.trigger)! - delta);
    }
  }

  private stateKey(pos: number, prev: string, budget: number): string {
    return `${pos}|${prev}|${budget}|${this.usedPicks.join(',')}|${this.usedAlts.join(',')}`;
  }

  search(pos: number, prev: string, budget: number, exact: boolean): boolean {
    if (pos === this.n) return true;
    this.steps += 1;
    this.levelSteps += 1;
    if (this.outOfSteps()) return false;
    if (exact && this.needed(pos, prev) > budget) return false;
    // Keys only once something failed: the greedy path, when it works, builds none.
    const key = this.failed.size === 0 ? '' : this.stateKey(pos, prev, budget);
    if (key !== '' && this.failed.has(key)) return false;
    for (const o of this.options(pos, prev, budget)) {
      this.use(o.i, o.alt, 1);
      this.chosen.push(o.i);
      if (this.search(pos + 1, this.sources[o.i]!.trigger, budget - (o.alt ? 1 : 0), exact)) return true;
      this.chosen.pop();
      this.use(o.i, o.alt, -1);
      // Out of steps: not a proven failure, so nothing is remembered.
      if (this.outOfSteps()) return false;
    }
    this.failed.add(key !== '' ? key : this.stateKey(pos, prev, budget));
    return false;
  }

  /** The captions of the order found: within a source, picks (best draw first) before alternates. */
  result(): Pick[] {
    const next = this.sources.map(() => ({ p: 0, a: 0 }));
    return this.chosen.map((i) => {
      const s = this.sources[i]!;
      const k = next[i]!;
      return k.p < this.usedPicks[i]! ? s.picks[k.p++]! : s.alternates[k.a++]!;
    });
  }
}

/**
 * The caption for each position of `types` (time order), or null when no order without a repeated
 * trigger exists within the search budget. Every pick is used when `types` holds exactly as many
 * positions of each type as there are picks of it; an alternate replaces one pick.
 */
export function orderByTrigger(types: CaptionType[], picks: Pick[], alternates: Pick[]): Pick[] | null {
  const search = new TriggerSearch(types, picks, alternates);
  // Positions and picks match per type (as assignCaptions calls it): the bounds hold only then.
  const exact = (['PPV', 'BUMP'] as const).every((t) => types.filter((x) => x === t).length === picks.filter((p) => search.sourceOf(p).type === t).length);
  const maxBudget = alternates.length === 0 ? 0 : types.length;
  // Fewest replacements first; a budget that ran out of steps doubles instead of creeping up.
  for (let budget = exact ? Math.min(search.needed(0, ''), maxBudget) : 0; budget <= maxBudget && search.steps <= MAX_STEPS;) {
    search.levelSteps = 0;
    if (search.search(0, '', budget, exact)) return search.result();
    if (budget === maxBudget) break;
    budget = Math.min(maxBudget, search.levelSteps > LEVEL_STEPS ? budget * 2 + 1 : budget + 1);
  }
  return null;
}
