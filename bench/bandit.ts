// npm run bench:bandit [-- --seeds 100 --weeks 12]
// Thompson sampling against uniform random rotation, greedy, epsilon-greedy, UCB and an oracle,
// in a closed loop over a synthetic agency (bench/sim). Targets: Thompson ≥ 1.25 × random EMV and
// within 8 % of the oracle over 12 weeks. "thompson + deal" plans as a run of several pages does
// (each page prefers the captions the week deals to it): what the deal costs in EMV.
import { SingleBar, Presets } from 'cli-progress';
import { compare } from './sim/compare';
import { DEFAULT_WORLD } from './sim/world';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seedCount = arg('seeds', 100);
const weeks = arg('weeks', 12);
const seeds = Array.from({ length: seedCount }, (_, i) => i + 1);

const w = DEFAULT_WORLD;
console.log(`World per seed: ${w.pages.map((p) => `${p.name} (${p.audience})`).join(', ')}; ${w.ppvCaptions} PPV + ${w.bumpCaptions} bump captions;`);
console.log(`  appeal lognormal(sd ${w.appealSpread}) around ${w.baseRate}, page taste sd ${w.pageTasteSpread}, fatigue ×${w.fatiguePerUse} per use in 28 days;`);
console.log(`  ${weeks} weeks, ${seedCount} seeds, 7-day cool-down, 15 % exploration reserve, success = EMV above the page's 28-day median.\n`);

const bar = new SingleBar({ format: 'seeds {bar} {value}/{total} {duration}s', clearOnComplete: true }, Presets.shades_classic);
const t0 = Date.now();
bar.start(seedCount, 0);
const rows = compare(seeds, weeks, DEFAULT_WORLD, undefined, () => bar.increment());
bar.stop();

const f = (x: number, d = 3) => x.toFixed(d);
console.log('policy            mean EMV   sd      95% CI            regret (sd)       vs random  vs oracle');
for (const r of rows) {
  console.log(
    `${r.policy.padEnd(17)} ${f(r.mean).padStart(8)}  ${f(r.sd).padStart(6)}  [${f(r.ci95[0])}, ${f(r.ci95[1])}]  ${f(r.regretMean).padStart(7)} (${f(r.regretSd)})  ${f(r.ratioVsRandom, 2).padStart(8)}×  ${(100 * r.ratioVsOracle).toFixed(1).padStart(6)} %`,
  );
}
const ts = rows.find((r) => r.policy === 'thompson');
const liftOk = ts !== undefined && ts.ratioVsRandom >= 1.25;
const oracleOk = ts !== undefined && ts.ratioVsOracle >= 0.92;
console.log(`\n(EMV = earnings per recipient summed over all PPV sends of all pages, ${weeks} weeks; ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
console.log(`Target 1, Thompson ≥ +25 % EMV over uniform random rotation: ${liftOk ? 'MET' : 'NOT MET'} (${ts ? `+${f((ts.ratioVsRandom - 1) * 100, 1)} %` : 'n/a'}).`);
console.log(`Target 2, Thompson within 8 % of the oracle: ${oracleOk ? 'MET' : 'NOT MET'} (${ts ? `${f((1 - ts.ratioVsOracle) * 100, 1)} % below` : 'n/a'}).`);
