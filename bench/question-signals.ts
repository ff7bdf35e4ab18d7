/**
 * Candidate signals of whether the best clause answers a question, for measuring (bench:decline
 * prints how well each tells covered questions from the same questions without their answer and
 * from out-of-scope ones). Only the abstention features are used by answering; the others were
 * tried as answerability features and are kept here so that a new idea is measured beside them.
 */
import type { AnswerSignals } from '../src/domain/policy/answer.js';
import { idf } from '../src/domain/policy/bm25.js';
import { RANK_FEATURE_INDEX as F } from '../src/domain/policy/passage-scoring.js';
import type { IndexedPassage, PolicyIndex } from '../src/domain/policy/policy-index.js';
import type { QueryUnit } from '../src/domain/policy/question-units.js';
import { ABSTAIN_FEATURES } from '../src/domain/policy/ranker.js';
import { answersAspect, askedAspect, topicGrams } from '../src/domain/policy/aspect.js';
import { focusOf, indexedAlternatives } from '../src/domain/policy/passage-scoring.js';

/** The signals' names, in the order {@link answerabilitySignals} gives them. */
export const SIGNAL_NAMES = [
  ...ABSTAIN_FEATURES.map((n) => `abstention feature: ${n}`),
  'answered (the engine\'s decision)',
  'ranker score of the best clause',
  'its margin over the second',
  'its margin over the fifth',
  'share of the question matched by the best clause in its own words or a concept term (no WordNet, vector or wider concept)',
  'the same, each unit weighed by its idf in the policy',
  'the question\'s rarest unit the policy has is in the best clause',
  'word-vector match of the best clause',
  'match of the best clause\'s section',
  'number of units of the question',
  'aspect asked (not whether allowed) and the best clause gives it (1), asked and not (0), none asked (0.5)',
  'the same over the best three',
  'the question\'s focus is in the best clause\'s topic (title, lead-in, text without examples and asides)',
  'the question\'s focus is matched by the best clause at all',
];

/** Whether the passage holds the unit in the question's own words or a term of its concept. */
function strongMatch(p: IndexedPassage, u: QueryUnit): boolean {
  for (const [alt] of u.alternatives) {
    const kind = u.kinds.get(alt);
    if ((kind === 'exact' || kind === 'concept') && (p.grams.has(alt) || p.titleGrams.has(alt) || p.leadGrams.has(alt))) return true;
  }
  return false;
}

/** The idf of the unit's most specific own-word or concept term the policy holds (0: none). */
function unitIdf(index: PolicyIndex, u: QueryUnit): number {
  let best = 0;
  for (const [alt] of u.alternatives) {
    const kind = u.kinds.get(alt);
    if ((kind === 'exact' || kind === 'concept') && index.df.has(alt)) best = Math.max(best, idf(index, alt));
  }
  return best;
}

/** The signals of one answered question (SIGNAL_NAMES order). */
export function answerabilitySignals(index: PolicyIndex, _question: string, s: AnswerSignals): number[] {
  const [best, second] = s.ranked;
  const fifth = s.ranked[4];
  const core = s.units.filter((u) => !u.intent && !u.detail);
  let total = 0;
  let strong = 0;
  let idfTotal = 0;
  let idfStrong = 0;
  let rarest: QueryUnit | undefined;
  for (const u of core) {
    const matched = !!best && strongMatch(best.p, u);
    total += u.importance;
    if (matched) strong += u.importance;
    const w = unitIdf(index, u);
    idfTotal += w * u.importance;
    if (matched) idfStrong += w * u.importance;
    if (w > 0 && (!rarest || w > unitIdf(index, rarest))) rarest = u;
  }
  return [
    ...s.abstain,
    s.answered ? 1 : 0,
    best?.score ?? 0,
    best && second ? best.score - second.score : 0,
    best && fifth ? best.score - fifth.score : 0,
    total ? strong / total : 0,
    idfTotal ? idfStrong / idfTotal : 0,
    best && rarest && strongMatch(best.p, rarest) ? 1 : 0,
    best?.x[F.soft] ?? 0,
    best?.x[F.section_text] ?? 0,
    s.units.filter((u) => !u.intent).length,
    aspectMet(index, _question, s.ranked.slice(0, 1)),
    aspectMet(index, _question, s.ranked.slice(0, 3)),
    focusIn(index, s, true),
    focusIn(index, s, false),
  ];
}

function aspectMet(index: PolicyIndex, question: string, top: AnswerSignals['ranked']): number {
  const a = askedAspect(question);
  if (!a || a === 'permission' || !top.length) return 0.5;
  return top.some((c) => answersAspect(c.p, a, index)) ? 1 : 0;
}

function focusIn(index: PolicyIndex, s: AnswerSignals, topicOnly: boolean): number {
  const best = s.ranked[0];
  if (!best) return 0;
  const alts = indexedAlternatives(index, s.units);
  const f = focusOf(index, s.units, alts);
  if (f < 0) return 0;
  if (!topicOnly) return best.matched.has(f) ? 1 : 0;
  const topic = topicGrams(best.p);
  return alts[f].some(([alt, , kind]) => (kind === 'exact' || kind === 'concept') && topic.has(alt)) ? 1 : 0;
}
