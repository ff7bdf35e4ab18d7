/**
 * Candidate retrieval and ranking: every passage matching something of the question (by word,
 * concept, WordNet, word vector, title or lead-in) is a candidate, given the context of its section,
 * and candidates are ordered by the fitted ranker's score over their signals.
 */
import type { PolicyIndex } from './policy-index.js';
import type { QueryUnit } from './question-units.js';
import { softMatches } from './semantic-match.js';
import { answerTypesOf, focusOf, indexedAlternatives, isStatement, LEXICAL_FEATURES, PERMISSION_RE, RANK_FEATURE_INDEX as F, scorePassage, sentenceCoverage, type Scored } from './passage-scoring.js';
import { linearScore, type RankerModel } from './ranker.js';
import { sectionScores } from './section-context.js';

/**
 * The question's candidate passages with their signals, lexical signals scaled so that the best
 * passage's sum is 1 (a long question and a short one then weigh alike), in reading order.
 */
export function candidatePassages(index: PolicyIndex, units: QueryUnit[], question: string): Scored[] {
  const permission = PERMISSION_RE.test(question);
  const wanted = answerTypesOf(question);
  const statement = isStatement(question);
  const alternatives = indexedAlternatives(index, units);
  const all = index.passages.map((p) => scorePassage(index, p, units, alternatives, permission, wanted, statement));
  const soft = softMatches(index, units);
  if (soft) for (const s of all) s.x[F.soft] = soft[s.p.order];
  const focus = focusOf(index, units, alternatives);
  for (const s of all) s.x[F.focus] = focus >= 0 && s.matched.has(focus) ? 1 : 0;
  const top = Math.max(0, ...all.map((s) => s.lexical));
  if (top > 0) for (const s of all) for (const j of LEXICAL_FEATURES) s.x[j] /= top;
  const candidates = all.filter((s) => s.lexical > 0 || s.x[F.soft] > 0);
  const sections = sectionScores(index, units, alternatives);
  for (const s of candidates) {
    s.x[F.section_text] = sections[s.p.sectionOrder];
    s.x[F.sentence] = sentenceCoverage(s, units, alternatives);
  }
  return candidates;
}

/** Candidates best first by the fitted ranker's score over their signals (ties in reading order). */
export function rankPassages(index: PolicyIndex, units: QueryUnit[], question: string, model: RankerModel): Scored[] {
  const candidates = candidatePassages(index, units, question);
  for (const s of candidates) s.score = linearScore(model.rank.weights, s.x);
  return candidates.sort((a, b) => b.score - a.score || a.p.order - b.p.order);
}
