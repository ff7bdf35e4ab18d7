/**
 * Which of a message's words an intent's examples "know": the word itself, a word of the same
 * English stem ("helped" for "help"), or, with word vectors, a word whose few nearest words in the
 * whole corpus include one its examples use, close enough in meaning ("webcam" for "camera",
 * "permission" for "approval"). Only the nearest corpus words count: common words are fairly close
 * to many words, and a word is known to an intent only when that intent's own words are among the
 * closest of all. How close and how many are fitted by the calibration script (on the labelled
 * everyday message sets in bench/intent-sets/).
 */
import { StemmerEn } from '@nlpjs/lang-en-min';
import type { WordVectorSource } from '../policy/policy-index.js';
import { conceptsIn, conceptWords, expandShorthand, FUNCTION_WORDS, tokenize } from './field-lexicon.js';
import { examplesOf, parseUtterance, type IntentExamples } from './training-corpus.js';

const stemmer = new StemmerEn();
/** Words remembered per intent (the same words recur from message to message). */
const CACHE_WORDS = 4000;

/** A word's English stem, marked so it never equals a word as typed ("installing" → "~instal"). */
export function stemOf(word: string): string {
  return `~${stemmer.stemWord(word)}`;
}

/** The words each intent's examples use, and the test of whether a message word is one of them. */
export class KnownWords {
  /** Per intent: its examples' words as typed and their stems. */
  private readonly byIntent = new Map<string, Set<string>>();
  /** The corpus's content words with a vector, and their unit vectors one row after another. */
  private readonly vocabulary: string[] = [];
  private readonly matrix: Float32Array;
  /** Per message word: its nearest corpus words that are close enough. */
  private readonly nearest = new Map<string, string[]>();

  /**
   * @param kinship cosine similarity from which a word counts as a word the examples use, and how
   *   many of a word's nearest corpus words count; ignored without vectors (then only the word and
   *   its stem count).
   */
  constructor(
    corpus: readonly IntentExamples[],
    private readonly vectors: WordVectorSource | undefined,
    private readonly kinship: { similarity: number; neighbours: number } | undefined,
  ) {
    const content = new Set<string>();
    for (const entry of corpus) {
      const words = wordsOf(entry);
      this.byIntent.set(entry.intent, new Set([...words, ...words.map(stemOf)]));
      for (const w of words) if (!FUNCTION_WORDS.has(w)) content.add(w);
    }
    const rows = vectors ? [...content].map((w) => [w, vectors.vector(w)] as const).filter((r): r is readonly [string, Float32Array] => !!r[1]) : [];
    const dims = vectors?.dimensions ?? 0;
    this.matrix = new Float32Array(rows.length * dims);
    rows.forEach(([w, v], r) => {
      this.vocabulary.push(w);
      this.matrix.set(v, r * dims);
    });
  }

  /** True when the intent's examples use the word, a word of its stem, or one of the word's nearest corpus words. */
  has(intent: string, word: string): boolean {
    const own = this.byIntent.get(intent);
    if (!own) return false;
    if (own.has(word) || own.has(stemOf(word))) return true;
    return this.nearestWords(word).some((w) => own.has(w));
  }

  /** The corpus words closest in meaning to a word (as many as the kinship says), each at least as close as it says. */
  private nearestWords(word: string): string[] {
    const hit = this.nearest.get(word);
    if (hit !== undefined) return hit;
    const kinship = this.kinship;
    const v = kinship && this.vectors?.vector(word);
    const near: Array<[string, number]> = [];
    if (kinship && v) {
      const dims = v.length;
      for (let r = 0, at = 0; r < this.vocabulary.length; r++, at += dims) {
        let s = 0;
        for (let d = 0; d < dims; d++) s += this.matrix[at + d] * v[d];
        if (s >= kinship.similarity) near.push([this.vocabulary[r], s]);
      }
    }
    const found = near
      .sort((a, b) => b[1] - a[1])
      .slice(0, kinship ? kinship.neighbours : 0)
      .map(([w]) => w);
    if (this.nearest.size >= CACHE_WORDS) this.nearest.clear();
    this.nearest.set(word, found);
    return found;
  }
}

/**
 * The words an intent's examples use; a lexicon concept they use brings all its words ("nicked"
 * in an example makes "swiped" known too).
 */
function wordsOf(entry: IntentExamples): string[] {
  const texts = examplesOf(entry).map((u) => expandShorthand(parseUtterance(u).text));
  const concepts = new Set(texts.flatMap((t) => conceptsIn(t.toLowerCase())));
  return [...new Set([...texts.flatMap((t) => tokenize(t).map((w) => w.lower)), ...[...concepts].flatMap(conceptWords)])];
}
