// The caption bank: short texts built from templates (distinct by construction, checked), with
// category, price tier, trigger and urgency, plus a hidden appeal the scheduler cannot see.
import { CATEGORIES } from './pages';
import type { Rng } from './rng';

export interface Caption {
  captionId: number;
  text: string;
  type: 'PPV' | 'BUMP';
  category: string;
  priceTier: 'LOW' | 'MID' | 'HIGH' | 'PREMIUM' | null;
  suggestedPrice: number | null;
  hasUrgency: boolean;
  trigger: string;
  isActive: boolean;
  createdDaysAgo: number;
  /** Hidden: multiplies the purchase probability (log-normal around 1). */
  appeal: number;
}

const TRIGGERS = ['scarcity', 'curiosity', 'exclusivity', 'urgency', 'reciprocity', 'social_proof'];
const TRIGGER_EFFECT: Record<string, number> = {
  scarcity: 1.08, curiosity: 1.05, exclusivity: 1.04, urgency: 1.06, reciprocity: 0.97, social_proof: 1.0,
};

const OPENERS = [
  'Okay I can\'t keep this one to myself', 'Don\'t tell anyone', 'You\'ve been asking for this', 'Finally',
  'Late night surprise', 'I was feeling bold today', 'Just for you babe', 'Guess who couldn\'t sleep',
  'This might be my favorite yet', 'I almost didn\'t send this', 'Be honest with me', 'Fresh from today',
  'Your weekend treat', 'Remember what you asked me', 'I had so much fun making this', 'New set alert',
  'Sneak peek is over', 'Thinking about you', 'Rainy day mood', 'Just filmed this',
  'Can you handle it', 'My little secret', 'I owe you one', 'Sunday special', 'Ready for round two',
  'You\'re going to love me for this', 'I blushed filming this', 'Straight from my camera roll',
  'No filter today', 'Morning mood', 'Midnight mood', 'Treat yourself',
];
const BODIES: Record<string, string[]> = {
  solo: ['my longest solo video yet', 'a slow solo session', 'me alone and unhurried', 'a solo clip with a twist'],
  bg: ['the video everyone keeps asking about', 'a full scene with him', 'our steamiest clip so far', 'the uncut couple video'],
  gg: ['me and my bestie', 'a girls night gone wild', 'the two of us together', 'double trouble'],
  tease: ['a little tease', 'a slow striptease', 'just enough to drive you crazy', 'a peek you will replay'],
  custom: ['a custom-style clip', 'a video made with your requests in mind', 'something you voted for', 'your special request'],
  lingerie: ['my new lace set', 'a red lingerie try-on', 'the black set you picked', 'a silky lingerie haul'],
  feet: ['my pedicure reveal', 'a soft feet set', 'barefoot and playful', 'my heels coming off'],
  shower: ['my steamy shower video', 'a bubble bath clip', 'getting wet after the gym', 'a shower you will not forget'],
  outdoor: ['a sunny outdoor set', 'a daring beach clip', 'a balcony adventure', 'a hike with a view'],
  cosplay: ['my cosplay debut', 'a costume you will recognize', 'an anime-inspired set', 'a villain cosplay'],
  bundle: ['a bundle of my best sets', '5 videos in one unlock', 'my top photos in one pack', 'a mega bundle'],
  livestream: ['the replay of last night\'s live', 'my live show highlights', 'the private live recording', 'the live you missed'],
};
const CLOSERS: Record<string, string[]> = {
  scarcity: ['only 20 unlocks', 'only for the first 15 of you', 'limited copies', 'just a handful available'],
  curiosity: ['guess what happens at the end', 'wait for the last minute', 'you won\'t believe the ending', 'can you guess'],
  exclusivity: ['never posted anywhere else', 'only here, only for you', 'not on my wall', 'VIP only'],
  urgency: ['gone at midnight', '2 hours only', 'unsending tonight', 'today only'],
  reciprocity: ['thank you for being the best', 'a little gift back', 'because you always show up', 'you earned this'],
  social_proof: ['everyone\'s been loving this one', 'my most unlocked this month', 'the fan favorite', 'top rated by you all'],
};
const EMOJI = ['', ' 😘', ' 🔥', ' 👀', ' 💕', ' 😈', ' ✨', ' 🍑', ' 💦', ' 🙈'];
const BUMP_LINES = [
  'Are you up?', 'Check your DMs', 'What are you doing tonight?', 'Miss me?', 'Tell me your favorite set',
  'Good morning handsome', 'I just posted on my wall', 'Rate my outfit 1-10', 'Who wants a surprise later?',
  'Bored, entertain me', 'Did you see my new pics?', 'Reply and I\'ll send you something', 'Long day, need company',
  'Guess what I\'m wearing', 'Say hi and make my day',
];

const PRICE: Record<'LOW' | 'MID' | 'HIGH' | 'PREMIUM', [number, number]> = {
  LOW: [5, 10], MID: [12, 20], HIGH: [22, 35], PREMIUM: [40, 80],
};

export function generateCaptions(rng: Rng, n: number): Caption[] {
  const seen = new Set<string>();
  const out: Caption[] = [];
  for (let i = 0; i < n; i++) {
    const type: 'PPV' | 'BUMP' = rng.chance(0.72) ? 'PPV' : 'BUMP';
    const category = rng.pick(CATEGORIES);
    const trigger = rng.pick(TRIGGERS);
    const hasUrgency = trigger === 'urgency' || trigger === 'scarcity' ? rng.chance(0.8) : rng.chance(0.15);
    let text =
      type === 'PPV'
        ? `${rng.pick(OPENERS)}: ${rng.pick(BODIES[category] ?? ['something new'])}, ${rng.pick(CLOSERS[trigger] ?? [''])}${rng.pick(EMOJI)}`
        : `${rng.pick(BUMP_LINES)}${rng.pick(EMOJI)} ${rng.pick(BODIES[category] ?? [''])} coming soon`;
    // Templates repeat in a large bank; a numbered variant keeps every text distinct.
    for (let v = 2; seen.has(text.toLowerCase()); v++) text = `${text.replace(/ \(pt \d+\)$/, '')} (pt ${v})`;
    seen.add(text.toLowerCase());
    const tierRoll = rng.float();
    const priceTier = type === 'PPV' ? (tierRoll < 0.3 ? 'LOW' : tierRoll < 0.7 ? 'MID' : tierRoll < 0.92 ? 'HIGH' : 'PREMIUM') : null;
    const suggestedPrice = priceTier ? Math.round(rng.between(...PRICE[priceTier])) - 0.01 : null;
    const appeal = Math.exp(0.35 * rng.normal()) * (TRIGGER_EFFECT[trigger] ?? 1) * (hasUrgency ? 1.04 : 1);
    out.push({
      captionId: 100_001 + i,
      text,
      type,
      category,
      priceTier,
      suggestedPrice,
      hasUrgency,
      trigger,
      isActive: rng.chance(0.93),
      createdDaysAgo: rng.int(1, 720),
      appeal,
    });
  }
  return out;
}
