/**
 * Answers a staff question from an index of policy passages, stage by stage:
 * - reading the question (question-reading.ts) and splitting it into weighted units (question-units.ts);
 * - scoring every passage (passage-scoring.ts, bm25.ts, semantic-match.ts);
 * - deciding whether the policy covers it (abstention.ts);
 * - the request it leads to, its topic and hand-off (next-step.ts).
 */
import type { IndexedPassage, PolicyIndex } from './policy-index.js';
import type { AnswerPassage, PolicyAnswer } from './policy-types.js';
import { ANSWER_TUNING } from './answer-tuning.js';
import { analyseQuestion } from './question-units.js';
import { softMatches } from './semantic-match.js';
import { answerTypesOf, focusOf, indexedAlternatives, PERMISSION_RE, scorePassage, shapeFactor, unionCoverage, type Scored } from './passage-scoring.js';
import { decideAnswered } from './abstention.js';
import { handoffFor, nextStepFor, topicFor } from './next-step.js';

export { ANSWER_TUNING } from './answer-tuning.js';
export { analyseQuestion, type QueryUnit } from './question-units.js';
export { softMatches } from './semantic-match.js';
export { nextStepFor } from './next-step.js';

/** "3.3 Equipment security and passwords", "Password Security (section 4)" or the plain title. */
export function sectionLabel(p: IndexedPassage): string {
  const { section, passage } = p;
  if (passage.clause) return `${passage.clause} ${section.title}`;
  if (section.number) return `${section.number} ${section.title}`;
  if (section.parent?.number) return `${section.title} (section ${section.parent.number})`;
  return section.title;
}

function toAnswerPassage(s: Scored): AnswerPassage {
  const { p } = s;
  const out: AnswerPassage = {
    section: sectionLabel(p),
    sectionTitle: p.section.title,
    text: p.passage.text,
    score: Math.round(s.score * 1000) / 1000,
    source: p.document.name,
    passageId: p.passage.id,
  };
  const number = p.section.number ?? p.section.parent?.number;
  if (number) out.sectionNumber = number;
  if (p.passage.clause) out.clause = p.passage.clause;
  if (p.passage.leadIn) out.leadIn = p.passage.leadIn;
  return out;
}

/**
 * Answers one question. Pure and synchronous; fast enough to call per message.
 */
export function answerQuestion(index: PolicyIndex, question: string): PolicyAnswer {
  const units = analyseQuestion(index, question);
  const nextStep = nextStepFor(units, question);
  const topic = topicFor(units, nextStep);
  const handoffRole = handoffFor(units, topic);
  if (units.length === 0 || index.passages.length === 0) {
    return { answered: false, passages: [], topic, nextStep, handoffRole, coverage: 0 };
  }
  const permission = PERMISSION_RE.test(question);
  const wanted = answerTypesOf(question);
  const alternatives = indexedAlternatives(index, units);
  const all = index.passages.map((p) => scorePassage(index, p, units, alternatives, permission, wanted));
  const soft = softMatches(index, units);
  if (soft) {
    // Soft matches move passages relative to the best lexical score, so they matter as much for any question.
    const top = Math.max(0, ...all.map((s) => s.score));
    const w = ANSWER_TUNING.softWeight * (top || 1);
    for (const s of all) s.score += w * soft[s.p.order] * shapeFactor(s.p, permission, wanted);
  }
  const focus = focusOf(index, units, alternatives);
  if (focus >= 0) for (const s of all) if (!s.matched.has(focus)) s.score *= ANSWER_TUNING.focusMissFactor;
  const scored = all.filter((s) => s.score > 0);
  scored.sort((a, b) => b.score - a.score || a.p.order - b.p.order);
  const top = scored.slice(0, ANSWER_TUNING.maxPassages);
  const best = top[0];
  const coverage = best ? Math.max(best.coverage, ANSWER_TUNING.unionDiscount * unionCoverage(units, top.slice(0, 3))) : 0;
  const answered = decideAnswered(question, units, top, coverage);
  return {
    answered,
    passages: top.map(toAnswerPassage),
    topic,
    nextStep,
    handoffRole,
    coverage: Math.round(coverage * 1000) / 1000,
  };
}

/** For diagnostics: the units of a question as readable text. */
export function explainQuestion(index: PolicyIndex, question: string): string {
  return analyseQuestion(index, question)
    .map((u) => `${u.label}${u.concepts.length ? `[${u.concepts.map((c) => c.concept.id).join('|')}]` : ''}${u.absent ? '!' : ''}${u.detail ? '^' : ''}${u.semanticBest !== undefined && u.absent ? `~${u.semanticBest.toFixed(2)}` : ''}:${u.importance.toFixed(2)}`)
    .join(' ');
}
