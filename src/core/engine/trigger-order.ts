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

/**
 * The caption for each position of `types` (time order), or null when no order without a repeated
 * trigger exists within the search budget. Every pick is used when `types` holds exactly as many
 * positions of each type as there are picks of it; an alternate replaces one pick.
 */
export function orderByTrigger(types: CaptionType[], picks: Pick[], alternates: Pick[]): Pick[] | null {
  const sources: Source[] = [];
  const byKey = new Map<string, Source>();
  const sourceOf = (p: Pick): Source => {
    const type: CaptionType = p.candidate.caption_type === 'PPV' ? 'PPV' : 'BUMP';
    const key = `${type}|${p.candidate.psychological_trigger}`;
    let s = byKey.get(key);
    if (!s) {
      s = { type, trigger: p.candidate.psychological_trigger, picks: [], alternates: [] };
      byKey.set(key, s);
      sources.push(s);
    }
    return s;
  };
  // Best draw first; a stable sort keeps the callers' order between equal draws.
  for (const p of [...picks].sort((a, b) => b.draw - a.draw)) sourceOf(p).picks.push(p);
  // Alternates come in the caller's order of preference.
  for (const p of alternates) sourceOf(p).alternates.push(p);
  const altRank = new Map(alternates.map((p, i) => [p, i]));
  const rank = new Map<Pick, number>([...picks].sort((a, b) => b.draw - a.draw).map((p, i) => [p, i]));
  const usedPicks = sources.map(() => 0);
  const usedAlts = sources.map(() => 0);
  const triggers = [...new Set(sources.map((s) => s.trigger))];
  const leftOfTrigger = new Map(triggers.map((t) => [t, sources.filter((s) => s.trigger === t).reduce((n, s) => n + s.picks.length, 0)]));
  const chosen: number[] = [];
  const failed = new Set<string>();
  let steps = 0;
  let altsUsed = 0;

  const ofType = { PPV: [] as number[], BUMP: [] as number[] };
  sources.forEach((src, i) => ofType[src.type].push(i));

  /** Greedy order of the sources a position may take (picks first; alternates cost one). */
  const options = (pos: number, prev: string, budget: number): Array<{ i: number; alt: boolean }> => {
    const fromPicks: number[] = [];
    const fromAlts: number[] = [];
    for (const i of ofType[types[pos] as CaptionType]) {
      const src = sources[i]!;
      if (prev !== '' && src.trigger !== '' && src.trigger === prev) continue;
      if (usedPicks[i]! < src.picks.length) fromPicks.push(i);
      else if (budget > 0 && usedAlts[i]! < src.alternates.length) fromAlts.push(i);
    }
    const head = (i: number) => sources[i]!.picks[usedPicks[i]!]!;
    fromPicks.sort((a, b) => {
      const ha = head(a);
      const hb = head(b);
      return leftOfTrigger.get(sources[b]!.trigger)! - leftOfTrigger.get(sources[a]!.trigger)! || hb.draw - ha.draw || rank.get(ha)! - rank.get(hb)!;
    });
    const altHead = (i: number) => altRank.get(sources[i]!.alternates[usedAlts[i]!]!)!;
    fromAlts.sort((a, b) => altHead(a) - altHead(b));
    return [...fromPicks.map((i) => ({ i, alt: false })), ...fromAlts.map((i) => ({ i, alt: true }))];
  };

  // Runs of one type: two positions of a run are adjacent, so a trigger holds at most every other
  // one. fromHere[t][i]: the most positions of type t one trigger can hold from i on; afterPrev: the
  // same when position i cannot take it (the slot before has it).
  const n = types.length;
  const runBounds = (t: CaptionType) => {
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
  };
  const bounds = { PPV: runBounds('PPV'), BUMP: runBounds('BUMP') };
  const altsOfType = { PPV: 0, BUMP: 0 };

  /**
   * The fewest alternates the rest needs (picks and positions match per type, so every pick a
   * trigger cannot place must make way for one): per type and over both.
   */
  const needed = (pos: number, prev: string): number => {
    const rest = n - pos;
    const excess = { PPV: 0, BUMP: 0 };
    sources.forEach((s, i) => {
      if (s.trigger === '') return;
      const b = bounds[s.type];
      const cap = types[pos] === s.type && s.trigger === prev ? b.afterPrev[pos]! : b.fromHere[pos]!;
      excess[s.type] += Math.max(0, s.picks.length - usedPicks[i]! - cap);
    });
    let overall = 0;
    for (const [t, left] of leftOfTrigger) {
      if (t !== '') overall += Math.max(0, left - (t === prev ? Math.floor(rest / 2) : Math.ceil(rest / 2)));
    }
    const perType = Math.max(0, excess.PPV - altsOfType.PPV) + Math.max(0, excess.BUMP - altsOfType.BUMP);
    return Math.max(perType, overall - altsUsed);
  };

  let levelSteps = 0;
  const search = (pos: number, prev: string, budget: number, exact: boolean): boolean => {
    if (pos === n) return true;
    steps += 1;
    if (++levelSteps > LEVEL_STEPS || steps > MAX_STEPS) return false;
    if (exact && needed(pos, prev) > budget) return false;
    // Keys only once something failed: the greedy path, when it works, builds none.
    const key = failed.size === 0 ? '' : `${pos}|${prev}|${budget}|${usedPicks.join(',')}|${usedAlts.join(',')}`;
    if (key !== '' && failed.has(key)) return false;
    for (const o of options(pos, prev, budget)) {
      const s = sources[o.i]!;
      const step = o.alt ? 1 : -1;
      if (o.alt) {
        usedAlts[o.i]! += 1;
        altsUsed += 1;
        altsOfType[s.type] += 1;
      } else {
        usedPicks[o.i]! += 1;
        leftOfTrigger.set(s.trigger, leftOfTrigger.get(s.trigger)! - 1);
      }
      chosen.push(o.i);
      if (search(pos + 1, s.trigger, budget - (o.alt ? 1 : 0), exact)) return true;
      chosen.pop();
      if (step > 0) {
        usedAlts[o.i]! -= 1;
        altsUsed -= 1;
        altsOfType[s.type] -= 1;
      } else {
        usedPicks[o.i]! -= 1;
        leftOfTrigger.set(s.trigger, leftOfTrigger.get(s.trigger)! + 1);
      }
      // Out of steps: not a proven failure, so nothing is remembered.
      if (levelSteps > LEVEL_STEPS || steps > MAX_STEPS) return false;
    }
    failed.add(key !== '' ? key : `${pos}|${prev}|${budget}|${usedPicks.join(',')}|${usedAlts.join(',')}`);
    return false;
  };

  // Positions and picks match per type (as assignCaptions calls it): the bounds hold only then.
  const exact = (['PPV', 'BUMP'] as const).every((t) => types.filter((x) => x === t).length === picks.filter((p) => sourceOf(p).type === t).length);
  const maxBudget = alternates.length === 0 ? 0 : n;
  // Fewest replacements first; a budget that ran out of steps doubles instead of creeping up.
  for (let budget = exact ? Math.min(needed(0, ''), maxBudget) : 0; budget <= maxBudget && steps <= MAX_STEPS;) {
    levelSteps = 0;
    if (search(0, '', budget, exact)) {
      const next = sources.map(() => ({ p: 0, a: 0 }));
      return chosen.map((i) => {
        const s = sources[i]!;
        const k = next[i]!;
        // Within a source, picks (best draw first) are taken before alternates.
        return k.p < usedPicks[i]! ? s.picks[k.p++]! : s.alternates[k.a++]!;
      });
    }
    if (budget === maxBudget) break;
    budget = Math.min(maxBudget, levelSteps > LEVEL_STEPS ? budget * 2 + 1 : budget + 1);
  }
  return null;
}
