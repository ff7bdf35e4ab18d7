/** BM25 weights of stemmed n-grams in indexed passages. */
import type { IndexedPassage, PolicyIndex } from './policy-index.js';
import { ANSWER_TUNING } from './answer-tuning.js';

/** Inverse document frequency of an n-gram among the index's passages (BM25's, never negative). */
export function idf(index: PolicyIndex, gram: string): number {
  const n = index.passages.length;
  const df = index.df.get(gram) ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** BM25 weight of one alternative in a passage's text. */
export function textScore(index: PolicyIndex, p: IndexedPassage, gram: string): number {
  const tf = p.grams.get(gram);
  if (!tf) return 0;
  const { k1, b } = ANSWER_TUNING;
  // Longer phrases are more specific than their words' idf says.
  const phraseBoost = 1 + 0.25 * (gram.split(' ').length - 1);
  return idf(index, gram) * phraseBoost * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * p.length) / index.avgLength)));
}
