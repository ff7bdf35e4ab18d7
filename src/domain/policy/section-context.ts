/**
 * What a passage's surroundings say about a question: the whole section it sits in, read as one
 * text. A short clause or list item rarely repeats what its section is about ("Any misuse should
 * be reported to ..." under a social media section); its section does.
 */
import type { PolicyIndex } from './policy-index.js';
import type { Alternative } from './passage-scoring.js';
import type { QueryUnit } from './question-units.js';
import { ANSWER_TUNING } from './answer-tuning.js';

/** BM25 of one n-gram in a section read as one text, among the index's sections. */
function sectionBm25(index: PolicyIndex, order: number, gram: string): number {
  const s = index.sections[order];
  const tf = s.grams.get(gram);
  if (!tf) return 0;
  const n = index.sections.length;
  const df = index.sectionDf.get(gram) ?? 0;
  const { k1, b } = ANSWER_TUNING;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5)) * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * s.length) / index.avgSectionLength)));
}

/** Scales values so that the largest is 1 (all zero stays zero). */
function scaled(values: Float64Array): Float64Array {
  const top = Math.max(0, ...values);
  if (top > 0) for (let i = 0; i < values.length; i++) values[i] /= top;
  return values;
}

/**
 * Per section (by position in the index), how well the whole section matches the question: per
 * unit, the BM25 of its best own word or concept term in the section's text, weighted as passages
 * are; the best section scores 1.
 */
export function sectionScores(index: PolicyIndex, units: readonly QueryUnit[], alternatives: readonly (readonly Alternative[])[]): Float64Array {
  const out = new Float64Array(index.sections.length);
  units.forEach((u, i) => {
    // Only the question's own words and its concepts' terms: over a whole section, wider terms
    // (a "device" for a memory stick) and near neighbours match too much to say what it is about.
    const alts = alternatives[i].filter(([alt, , kind]) => (kind === 'exact' || kind === 'concept') && index.sectionDf.has(alt));
    if (!alts.length) return;
    for (let s = 0; s < out.length; s++) {
      let best = 0;
      for (const [alt, factor] of alts) best = Math.max(best, factor * sectionBm25(index, s, alt));
      out[s] += u.weight * best;
    }
  });
  return scaled(out);
}
