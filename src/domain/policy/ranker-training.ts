/**
 * Fitting the ranker and abstention model on a trust's own questions: the hook a benchmark calls to
 * refit without one policy (leave-one-policy-out), and what bench/fit-ranker.ts uses to fit the
 * shipped weights. Only general signals are fitted, never words.
 */
import type { PolicyIndex } from './policy-index.js';
import { answerSignals } from './answer.js';
import { holdsEvidence } from './evidence.js';
import { calibrateThreshold, coverProbability, fitAbstention, fitRanker, type AbstentionExample, type FitOptions, type RankerModel, type RankingExample } from './ranker.js';
import { RANKER_PRIOR } from './ranker-model.js';

/** A question with its gold evidence (the format of ../shared/qa/dev.jsonl). */
export interface TrainingQuestion {
  question: string;
  answerable: boolean;
  evidence: readonly string[];
  /** Fit the ranking on it but not the abstention model (a set whose out-of-scope questions were not written for declining). */
  rankingOnly?: boolean;
}

/** One policy and the questions asked of it. */
export interface TrainingPolicy {
  policy: string;
  index: PolicyIndex;
  questions: readonly TrainingQuestion[];
}

/** Per index and question: every candidate's signals and text (they do not depend on the model, only their order does). */
const candidateCache = new WeakMap<PolicyIndex, Map<string, { x: ArrayLike<number>[]; texts: string[] }>>();

function candidatesOf(index: PolicyIndex, question: string): { x: ArrayLike<number>[]; texts: string[] } {
  let byQuestion = candidateCache.get(index);
  if (!byQuestion) candidateCache.set(index, (byQuestion = new Map()));
  let c = byQuestion.get(question);
  if (!c) {
    const { ranked } = answerSignals(index, question);
    byQuestion.set(question, (c = { x: ranked.map((s) => s.x), texts: ranked.map((s) => s.p.passage.text) }));
  }
  return c;
}

/** Ranking examples: each answerable question's candidates, marked where they hold the evidence. */
export function rankingExamples(training: readonly TrainingPolicy[], weight = 1): RankingExample[] {
  return training.flatMap((t) =>
    t.questions
      .filter((q) => q.answerable)
      .map((q) => {
        const { x, texts } = candidatesOf(t.index, q.question);
        return { policy: t.policy, candidates: x, gold: texts.map((text) => holdsEvidence(text, q.evidence)), weight };
      }),
  );
}

/** Abstention examples: every question's abstention signals under a ranker, and whether the policy covers it. */
export function abstentionExamples(training: readonly TrainingPolicy[], model: RankerModel, weight = 1): AbstentionExample[] {
  return training.flatMap((t) => t.questions.filter((q) => !q.rankingOnly).map((q) => ({ policy: t.policy, answerable: q.answerable, features: answerSignals(t.index, q.question, model).abstain, weight })));
}

/** Options of {@link fit}. */
export interface FitModelOptions extends Omit<FitOptions, 'prior'> {
  /** The model to start from and stay near (default: the shipped prior, fitted on outside data only). */
  prior?: RankerModel;
}

/** The product's bound on answerable questions declined (issue 10's target): the threshold is calibrated to it. */
export const MAX_FALSE_ABSTAIN = 0.05;

/**
 * The abstention model's L2 penalty: its prior is empty (no school question is fitted into the
 * prior), so this only keeps the weights finite on a few dozen questions, unlike the ranker's pull
 * towards weights fitted on a thousand outside questions.
 */
const ABSTENTION_L2 = 0.005;

/**
 * The ranker's L2 pull towards the prior (fitted on outside questions). Chosen by leave-one-policy-out
 * over the six documents of every in-repo set (bench/abstain-experiment.ts, RANKER_L2=...): hit@1 /
 * hit@3 of 214 answerable questions 136/171 at 0.01, 137/171 at 0.02, 137/168 at 0.05 (the value on
 * four documents), 132/164 at 0.1, 130/164 at 0.2. More school questions warrant a weaker pull.
 */
export const RANKER_L2 = 0.02;

/** The ranker and abstention model fitted on the given policies' questions, threshold calibrated in-sample. */
function fitOnce(training: readonly TrainingPolicy[], prior: RankerModel, l2: number): RankerModel {
  const weights = fitRanker(rankingExamples(training), { l2, prior: prior.rank.weights });
  const rank = { features: prior.rank.features, weights };
  const partial: RankerModel = { rank, abstain: prior.abstain };
  const abstain = fitAbstention(abstentionExamples(training, partial), { l2: ABSTENTION_L2, prior: [prior.abstain.bias, ...prior.abstain.weights], maxFalseAbstain: MAX_FALSE_ABSTAIN });
  return { rank, abstain };
}

/**
 * Fits the ranker on the answerable questions, then the abstention model under that ranker, each
 * staying near the prior. The abstention threshold is calibrated out of fold when there are two or
 * more policies: each policy's questions are scored by a model fitted without it, and the threshold
 * is the best balanced accuracy on those scores declining at most MAX_FALSE_ABSTAIN of the covered
 * ones. A policy the model has not seen reads like those scores, not like the ones it was fitted on.
 */
export function fit(training: readonly TrainingPolicy[], options: FitModelOptions = {}): RankerModel {
  const prior = options.prior ?? RANKER_PRIOR;
  const l2 = options.l2 ?? RANKER_L2;
  const model = fitOnce(training, prior, l2);
  if (training.length >= 2) {
    const examples: AbstentionExample[] = [];
    const probs: number[] = [];
    for (const t of training.filter((o) => o.questions.some((q) => !q.rankingOnly))) {
      const without = fitOnce(training.filter((o) => o !== t), prior, l2);
      for (const e of abstentionExamples([t], without)) {
        examples.push(e);
        probs.push(coverProbability(without, e.features));
      }
    }
    model.abstain = { ...model.abstain, threshold: calibrateThreshold(examples, probs, MAX_FALSE_ABSTAIN) };
  }
  return { ...model, fittedOn: `${training.map((t) => t.policy).join(', ')} (from the prior)` };
}
