/**
 * Answers a staff question from an index of policy passages, stage by stage:
 * - reading the question (question-reading.ts) and splitting it into weighted units (question-units.ts);
 * - the signals of every passage (passage-scoring.ts, bm25.ts, semantic-match.ts);
 * - candidates ranked by fitted weights (ranking.ts, ranker.ts, ranker-weights.json);
 * - deciding whether the policy covers it, by a fitted model (abstention.ts);
 * - the request it leads to, its topic and hand-off (next-step.ts).
 */
import type { IndexedPassage, PolicyIndex } from './policy-index.js';
import type { AnswerPassage, PolicyAnswer } from './policy-types.js';
import { ANSWER_TUNING } from './answer-tuning.js';
import { analyseQuestion, type QueryUnit } from './question-units.js';
import type { Scored } from './passage-scoring.js';
import { rankPassages } from './ranking.js';
import { abstentionFeatures, decideAnswered } from './abstention.js';
import { ABSTAIN_FEATURES, type RankerModel } from './ranker.js';
import { RANKER_MODEL } from './ranker-model.js';
import { handoffFor, nextStepFor, topicFor } from './next-step.js';
import { sectionHeading } from './outline.js';

export { ANSWER_TUNING } from './answer-tuning.js';
export { analyseQuestion, type QueryUnit } from './question-units.js';
export { softMatches } from './semantic-match.js';
export { nextStepFor } from './next-step.js';

/**
 * "3.3 Equipment security and passwords", "Password Security (section 4)", or the title with the
 * headings above it ("Step 1 (ANNEX A - REPORTING PROCEDURE)"), as the outline shows it.
 */
export function sectionLabel(p: IndexedPassage): string {
  const { section, passage } = p;
  if (passage.clause) return `${passage.clause} ${section.title}`;
  return sectionHeading(section);
}

function toAnswerPassage(s: Scored, score: number): AnswerPassage {
  const { p } = s;
  const out: AnswerPassage = {
    section: sectionLabel(p),
    sectionTitle: p.section.title,
    text: p.passage.text,
    score: Math.round(score * 1000) / 1000,
    source: p.document.name,
    passageId: p.passage.id,
  };
  const number = p.section.number ?? p.section.parent?.number;
  if (number) out.sectionNumber = number;
  if (p.passage.clause) out.clause = p.passage.clause;
  if (p.passage.leadIn) out.leadIn = p.passage.leadIn;
  return out;
}

const COVERAGE = ABSTAIN_FEATURES.indexOf('coverage');

/** What answering found for a question: its units, ranked candidates and abstention signals. */
export interface AnswerSignals {
  units: QueryUnit[];
  /** Candidate passages with their signals, best first by the model. */
  ranked: Scored[];
  /** The abstention signals (ABSTAIN_FEATURES order). */
  abstain: Float64Array;
  answered: boolean;
  coverage: number;
}

/** Every stage but the wording of the answer: used by answering and by fitting the model. */
export function answerSignals(index: PolicyIndex, question: string, model: RankerModel = RANKER_MODEL): AnswerSignals {
  const units = analyseQuestion(index, question);
  const ranked = units.length ? rankPassages(index, units, question, model) : [];
  const top = ranked.slice(0, ANSWER_TUNING.maxPassages);
  const abstain = abstentionFeatures(units, top);
  const answered = decideAnswered(index, question, units, top, abstain, model);
  return { units, ranked, abstain, answered, coverage: abstain[COVERAGE] };
}

/** Softmax of the fitted scores of the passages shown: how much more likely each is than the others to answer. */
function relativeScores(top: readonly Scored[]): number[] {
  const max = Math.max(...top.map((s) => s.score));
  const exp = top.map((s) => Math.exp(s.score - max));
  const z = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / z);
}

/**
 * Answers one question. Pure and synchronous; fast enough to call per message. Passages are ranked
 * and abstention decided by a fitted model: the shipped RANKER_MODEL, or one fitted without the
 * policy scored (ranker-training.ts `fit`, which bench:qa calls per left-out policy).
 */
export function answerQuestion(index: PolicyIndex, question: string, model: RankerModel = RANKER_MODEL): PolicyAnswer {
  const { units, ranked, answered, coverage } = answerSignals(index, question, model);
  const nextStep = nextStepFor(units, question);
  const topic = topicFor(units, nextStep);
  const handoffRole = handoffFor(units, topic);
  const top = ranked.slice(0, ANSWER_TUNING.maxPassages);
  const relative = relativeScores(top);
  return {
    answered,
    passages: top.map((s, i) => toAnswerPassage(s, relative[i])),
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
