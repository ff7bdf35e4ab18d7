/** Word-vector matching: policy words close in meaning to a question word, and soft passage matches. */
import type { PolicyIndex } from './policy-index.js';
import type { QueryUnit } from './question-units.js';
import { ANSWER_TUNING } from './answer-tuning.js';

/** Per index: word -> its similarity to every stem of the policy (bounded; words recur across questions). */
const similarityCache = new WeakMap<PolicyIndex, Map<string, Float32Array | null>>();
const SIMILARITY_CACHE_WORDS = 2000;

/** Cosine similarity of a word to every stem of the policy (by row), or undefined when it has no vector. */
function wordSimilarities(index: PolicyIndex, word: string): Float32Array | undefined {
  const sem = index.semantic;
  if (!sem) return undefined;
  let cache = similarityCache.get(index);
  if (!cache) similarityCache.set(index, (cache = new Map()));
  const hit = cache.get(word);
  if (hit !== undefined) return hit ?? undefined;
  const v = sem.vectors.vector(word);
  let sims: Float32Array | null = null;
  if (v) {
    const { matrix, dimensions: dims, stems } = sem;
    sims = new Float32Array(stems.length);
    for (let r = 0, at = 0; r < stems.length; r++, at += dims) {
      let a = 0;
      let b = 0;
      let d = 0;
      for (; d + 1 < dims; d += 2) {
        a += matrix[at + d] * v[d];
        b += matrix[at + d + 1] * v[d + 1];
      }
      if (d < dims) a += matrix[at + d] * v[d];
      sims[r] = a + b;
    }
  }
  if (cache.size >= SIMILARITY_CACHE_WORDS) cache.clear();
  cache.set(word, sims);
  return sims ?? undefined;
}

/**
 * Policy stems close in meaning to a word (by word vector), closest first, above the threshold;
 * and the best similarity found (-1 when the word has no vector).
 */
export function nearestStems(index: PolicyIndex, word: string, threshold: number, limit: number): { near: [string, number][]; best: number } {
  const sims = wordSimilarities(index, word);
  if (!sims) return { near: [], best: -1 };
  const stems = index.semantic!.stems;
  const near: [string, number][] = [];
  let best = -1;
  for (let r = 0; r < sims.length; r++) {
    if (sims[r] > best) best = sims[r];
    if (sims[r] >= threshold) near.push([stems[r], sims[r]]);
  }
  near.sort((a, b) => b[1] - a[1]);
  return { near: near.slice(0, limit), best };
}

/**
 * Soft match of every passage: per unit, the best similarity of its words to any word of the
 * passage (rescaled from the threshold to 1), weighted by the unit's importance, as a share of the
 * importance of the units that have vectors. Undefined without vectors.
 */
export function softMatches(index: PolicyIndex, units: readonly QueryUnit[]): Float32Array | undefined {
  const sem = index.semantic;
  if (!sem) return undefined;
  const { stems, passageRows } = sem;
  const { softThreshold } = ANSWER_TUNING;
  const out = new Float32Array(index.passages.length);
  let total = 0;
  const sims = new Float32Array(stems.length);
  for (const u of units) {
    if (u.intent || !u.importance) continue;
    const rows = u.words.map((w) => wordSimilarities(index, w)).filter((v): v is Float32Array => !!v);
    if (!rows.length) continue;
    total += u.importance;
    sims.set(rows[0]);
    for (const row of rows.slice(1)) for (let r = 0; r < stems.length; r++) if (row[r] > sims[r]) sims[r] = row[r];
    for (let r = 0; r < stems.length; r++) sims[r] = sims[r] <= softThreshold ? 0 : (Math.min(1, sims[r]) - softThreshold) / (1 - softThreshold);
    for (let p = 0; p < passageRows.length; p++) {
      const rows = passageRows[p];
      let best = 0;
      for (let k = 0; k < rows.length; k++) if (sims[rows[k]] > best) best = sims[rows[k]];
      out[p] += u.importance * best;
    }
  }
  if (total) for (let p = 0; p < out.length; p++) out[p] /= total;
  return out;
}
