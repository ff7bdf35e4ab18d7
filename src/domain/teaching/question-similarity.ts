/**
 * How alike two staff questions are, with the answering engine's own knowledge of words: Porter2
 * stems, the concept vocabulary, WordNet synonyms and word vectors held by the policy index, and
 * the policy's own word frequencies (a word the policy uses everywhere says little about which
 * question was asked). Pure; used to answer paraphrases of a question the policy owner taught.
 */
import { idf } from '../policy/bm25.js';
import type { PolicyIndex } from '../policy/policy-index.js';
import { mendTypos } from '../policy/spelling.js';
import { isParticleStem, tokens } from '../policy/text.js';

/** One content word of a question and what it can match. */
interface Term {
  word: string;
  stem: string;
  /** Concepts of the vocabulary the word is part of in this question. */
  concepts: ReadonlySet<string>;
  weight: number;
  /** Looked up once: the word's WordNet synonyms and word vector. */
  synonyms: ReadonlySet<string>;
  vector?: Float32Array;
}

/** A question read once, ready to be compared with many others. */
export interface PreparedQuestion {
  readonly text: string;
  readonly terms: readonly Term[];
  /** The sum of the terms' weights. */
  readonly weight: number;
}

/** How much a match through meaning (not the same word) counts: a paraphrase, not the same words. */
const CONCEPT_MATCH = 0.9;
const SYNONYM_MATCH = 0.85;
/**
 * Word-vector cosine from which two words count as related, and where they count as fully so.
 * General-purpose vectors put any two words of a kind close ("last" and "week" at 0.9), so
 * only close neighbours count, and less than a synonym.
 */
const VECTOR_FLOOR = 0.6;
const VECTOR_FULL = 0.95;
/** Words the vocabulary calls vague ("thing", "stuff") weigh this share of their idf. */
const GENERIC_SHARE = 0.3;

/** The concept ids each token position takes part in, by the vocabulary's longest terms. */
function conceptsByPosition(index: PolicyIndex, toks: ReturnType<typeof tokens>): Set<string>[] {
  const out = toks.map(() => new Set<string>());
  for (let i = 0; i < toks.length; i++) {
    for (let n = Math.min(index.maxPhraseLength, toks.length - i); n >= 1; n--) {
      if (n === 1 && toks[i].stop) break;
      const found = index.phraseConcepts.get(toks.slice(i, i + n).map((t) => t.stem).join(' '));
      if (!found?.length) continue;
      for (let k = i; k < i + n; k++) for (const c of found) out[k].add(c.concept.id);
      break;
    }
  }
  return out;
}

/** Reads a question: mends typing slips as the answering does, keeps content words with their weights. */
export function prepareQuestion(index: PolicyIndex, text: string): PreparedQuestion {
  const known = index.synonyms?.knows?.bind(index.synonyms);
  const mended = known ? mendTypos(text, known, index.spellings) : text;
  const toks = tokens(mended);
  const concepts = conceptsByPosition(index, toks);
  const byStem = new Map<string, Term>();
  toks.forEach((t, i) => {
    if (t.stop || isParticleStem(t.stem)) return;
    const weight = idf(index, t.stem) * (index.genericStems.has(t.stem) ? GENERIC_SHARE : 1);
    const seen = byStem.get(t.stem);
    if (seen) for (const c of concepts[i]) (seen.concepts as Set<string>).add(c);
    else byStem.set(t.stem, { word: t.word, stem: t.stem, concepts: concepts[i], weight, synonyms: new Set(index.synonyms?.synonyms(t.word)), vector: index.semantic?.vectors.vector(t.word) });
  });
  const terms = [...byStem.values()];
  return { text, terms, weight: terms.reduce((sum, t) => sum + t.weight, 0) };
}

function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += a[d] * b[d];
  return s;
}

/** How well word `a` is matched by word `b`, 0..1. */
function termMatch(a: Term, b: Term): number {
  if (a.stem === b.stem) return 1;
  for (const c of a.concepts) if (b.concepts.has(c)) return CONCEPT_MATCH;
  if (a.synonyms.has(b.word) || b.synonyms.has(a.word)) return SYNONYM_MATCH;
  if (!a.vector || !b.vector) return 0;
  const c = cosine(a.vector, b.vector);
  return c <= VECTOR_FLOOR ? 0 : SYNONYM_MATCH * Math.min(1, (c - VECTOR_FLOOR) / (VECTOR_FULL - VECTOR_FLOOR));
}

/** The weight of one question's words that the other question matches. */
function matchedWeight(from: PreparedQuestion, to: PreparedQuestion): number {
  let matched = 0;
  for (const a of from.terms) {
    let best = 0;
    for (const b of to.terms) {
      best = Math.max(best, termMatch(a, b));
      if (best === 1) break;
    }
    matched += a.weight * best;
  }
  return matched;
}

/**
 * Similarity of two questions, 0..1 and symmetric: the weighted share of both questions' words
 * that the other one matches (same stem, same concept, WordNet synonym or close word vector).
 * A word only one of them has (a different app, a different person) pulls it down by its weight.
 * With `atLeast`, a pair that cannot reach it is given up half way and scores 0.
 */
export function questionSimilarity(a: PreparedQuestion, b: PreparedQuestion, atLeast = 0): number {
  const total = a.weight + b.weight;
  if (!total) return 0;
  const ab = matchedWeight(a, b);
  if ((ab + b.weight) / total < atLeast) return 0;
  return (ab + matchedWeight(b, a)) / total;
}

/**
 * From this similarity on, two questions are taken as the same question asked in other words.
 * Measured over every pair of questions in ../shared/qa/dev.jsonl and bench/questions (same policy,
 * ~7,000 pairs): no two different questions scored above 0.66, while rewordings of one question
 * mostly score 0.7-1.0. The few rewordings below it are answered by the policy as before.
 */
export const SAME_QUESTION = 0.68;
