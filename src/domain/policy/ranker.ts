/**
 * The fitted parts of answering: a linear ranker over per-passage signals and a logistic model of
 * whether the policy covers a question. Both are fitted by `bench/fit-ranker.ts` (see
 * ranker-weights.json for what on); `fitRanker` and `fitAbstention` let a benchmark refit them
 * without one policy (leave-one-policy-out).
 */

/** The signals of one (question, passage) pair, in this order (see passage-scoring.ts). */
export const RANK_FEATURES = [
  /** BM25 of the question's own words (or a vocabulary term it used) in the text. */
  'text_exact',
  /** BM25 of other terms of a vocabulary concept the question mentions. */
  'text_concept',
  /** BM25 of terms of a wider concept ("device" for "phone"). */
  'text_broader',
  /** BM25 of WordNet synonyms and derived forms. */
  'text_wordnet',
  /** BM25 of policy words close by word vector, times the similarity. */
  'text_vector',
  /** Idf of a question term (own word or concept term) in the section title. */
  'title',
  /** Idf of a weaker alternative (wider concept, WordNet, vector) in the section title. */
  'title_weak',
  /** Idf of a question term in the list lead-in of a list item. */
  'lead',
  /** Idf of a weaker alternative in the list lead-in. */
  'lead_weak',
  /** Share of the question's units with a word of the passage close by word vector. */
  'soft',
  /** Importance-weighted share of the question's units the passage matches. */
  'coverage',
  /** The passage matches the question's focus (its most specific unit). */
  'focus',
  /** The passage only introduces a list. */
  'lead_in_only',
  /** The passage sits under an introduction or purpose section. */
  'framing',
  /** A "may I / must I" question and a passage stating a rule. */
  'rule',
  /** The passage gives the kind of answer asked for (a frequency, a person, a time...). */
  'answer_type',
  /** How well the passage's whole section matches the question (BM25 over sections; the best section 1). */
  'section_text',
  /** Coverage of the question's units by the passage's best single sentence (the one that says it, not words spread over a long clause). */
  'sentence',
  /** A message telling what happened, asking nothing ("sent a letter to the wrong address"), and a passage saying whom to report to. */
  'report_step',
] as const;

/** The signals of whether a policy covers a question, from its best passages (see abstention.ts). */
export const ABSTAIN_FEATURES = [
  /** Coverage of the question's units by the best passage. */
  'coverage',
  /** Coverage of the question's units by the best three passages together. */
  'union_coverage',
  /** The question's subject is a known concept the policy never mentions. */
  'missing_subject',
  /** Share of the question's importance in units the policy never mentions. */
  'absent_share',
  /** The best passage's exact-word BM25 share of the whole lexical score. */
  'exact_share',
  /** log(1 + the best passage's lexical score per unit of question weight). */
  'lexical_strength',
] as const;

/** A fitted model: feature names, weights, and how it was fitted. */
export interface RankerModel {
  rank: { features: readonly string[]; weights: readonly number[] };
  abstain: { features: readonly string[]; weights: readonly number[]; bias: number; threshold: number };
  fittedOn?: string;
}

/** Dot product of weights and features. */
export function linearScore(weights: ArrayLike<number>, x: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < weights.length; j++) s += weights[j] * x[j];
  return s;
}

/** Probability that the policy covers a question, from its abstention features. */
export function coverProbability(model: RankerModel, x: ArrayLike<number>): number {
  return 1 / (1 + Math.exp(-(model.abstain.bias + linearScore(model.abstain.weights, x))));
}

/** One question for fitting the ranker: every candidate passage's signals, and which hold the evidence. */
export interface RankingExample {
  /** Which policy it was asked of (for leaving one out). */
  policy: string;
  candidates: readonly ArrayLike<number>[];
  gold: readonly boolean[];
  /** Relative weight in the fit (default 1). */
  weight?: number;
}

/** One question for fitting abstention: its signals and whether the policy covers it. */
export interface AbstentionExample {
  policy: string;
  features: ArrayLike<number>;
  answerable: boolean;
  weight?: number;
}

/** Options of a fit. */
export interface FitOptions {
  /** L2 penalty on the weights' distance from the prior (or from zero). */
  l2?: number;
  /** Weights to stay near (a model fitted on other data); zero when absent. */
  prior?: readonly number[];
  epochs?: number;
  learningRate?: number;
  /** Abstention: the largest share of covered questions the threshold may decline (default: no limit). */
  maxFalseAbstain?: number;
}

/** Adam steps on a differentiable loss; returns the parameters. */
function adam(dim: number, lossGrad: (w: Float64Array, g: Float64Array) => void, epochs: number, lr: number, init?: readonly number[]): Float64Array {
  const w = Float64Array.from(init ?? new Array(dim).fill(0));
  const m = new Float64Array(dim);
  const v = new Float64Array(dim);
  const g = new Float64Array(dim);
  const b1 = 0.9;
  const b2 = 0.999;
  for (let t = 1; t <= epochs; t++) {
    g.fill(0);
    lossGrad(w, g);
    for (let j = 0; j < dim; j++) {
      m[j] = b1 * m[j] + (1 - b1) * g[j];
      v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
      w[j] -= (lr * (m[j] / (1 - b1 ** t))) / (Math.sqrt(v[j] / (1 - b2 ** t)) + 1e-8);
    }
  }
  return w;
}

/**
 * Fits the ranker's weights by listwise softmax: for each question, the probability the model gives
 * the passages holding the evidence, among all candidates, is maximised. Questions with no
 * candidate holding the evidence teach nothing and are skipped.
 */
export function fitRanker(examples: readonly RankingExample[], options: FitOptions = {}): number[] {
  const dim = RANK_FEATURES.length;
  const usable = examples.filter((e) => e.gold.some(Boolean) && e.candidates.length > 1);
  const totalWeight = usable.reduce((s, e) => s + (e.weight ?? 1), 0) || 1;
  const l2 = options.l2 ?? 1e-3;
  const prior = options.prior;
  const w = adam(
    dim,
    (w, g) => {
      for (const e of usable) {
        const scores = e.candidates.map((x) => linearScore(w, x));
        const max = Math.max(...scores);
        const exp = scores.map((s) => Math.exp(s - max));
        const z = exp.reduce((a, b) => a + b, 0);
        const zGold = exp.reduce((a, b, i) => a + (e.gold[i] ? b : 0), 0);
        // d(-log zGold/z)/dw = E_all[x] - E_gold[x]
        const c = (e.weight ?? 1) / totalWeight;
        e.candidates.forEach((x, i) => {
          const coef = c * (exp[i] / z - (e.gold[i] ? exp[i] / zGold : 0));
          for (let j = 0; j < dim; j++) g[j] += coef * x[j];
        });
      }
      for (let j = 0; j < dim; j++) g[j] += 2 * l2 * (w[j] - (prior?.[j] ?? 0));
    },
    options.epochs ?? 300,
    options.learningRate ?? 0.05,
    prior,
  );
  return [...w];
}

/**
 * The threshold on the probability that a question is covered which maximises balanced accuracy
 * (covered and out-of-scope questions weigh equally in total) while declining at most
 * `maxFalseAbstain` of the covered ones. Every threshold between two neighbouring probabilities
 * scores alike on these examples; of the best such gap, the threshold is its middle (on the log-odds
 * scale), not its top edge: a threshold at the lowest covered question's probability would decline
 * the first covered question of a new policy that reads a little weaker than any seen. When the
 * examples name their policy, the bound holds for each policy, not only for all together (the
 * product's target is per policy: pooled, a policy whose questions all read weaker, like the staff
 * handbook's, took most of the declines).
 */
export function calibrateThreshold(examples: readonly { answerable: boolean; weight?: number; policy?: string }[], probs: readonly number[], maxFalseAbstain = 1): number {
  const pos = examples.filter((e) => e.answerable).reduce((s, e) => s + (e.weight ?? 1), 0) || 1;
  const neg = examples.filter((e) => !e.answerable).reduce((s, e) => s + (e.weight ?? 1), 0) || 1;
  const weightOf = (e: { answerable: boolean; weight?: number }) => (e.weight ?? 1) / (e.answerable ? pos : neg) / 2;
  const sorted = [...new Set(probs)].sort((a, b) => a - b);
  const covered = new Map<string | undefined, number>();
  for (const e of examples) if (e.answerable) covered.set(e.policy, (covered.get(e.policy) ?? 0) + (e.weight ?? 1));
  let best = -1;
  let at = -1;
  for (let k = 0; k < sorted.length; k++) {
    let tp = 0;
    let tn = 0;
    const declined = new Map<string | undefined, number>();
    examples.forEach((e, i) => {
      if (e.answerable && probs[i] >= sorted[k]) tp += weightOf(e);
      if (e.answerable && probs[i] < sorted[k]) declined.set(e.policy, (declined.get(e.policy) ?? 0) + (e.weight ?? 1));
      if (!e.answerable && probs[i] < sorted[k]) tn += weightOf(e);
    });
    // Weights sum to one half per class: 2 * tp is the share of covered questions answered.
    if (1 - 2 * tp > maxFalseAbstain + 1e-9) break;
    if ([...declined].some(([policy, n]) => n / covered.get(policy)! > maxFalseAbstain + 1e-9)) break;
    if (tp + tn > best) {
      best = tp + tn;
      at = k;
    }
  }
  if (at < 0) return 0.5;
  if (at === 0) return sorted[0];
  const logit = (p: number) => Math.log(Math.max(p, 1e-9) / Math.max(1 - p, 1e-9));
  const mid = (logit(sorted[at - 1]) + logit(sorted[at])) / 2;
  return 1 / (1 + Math.exp(-mid));
}

/**
 * Fits the abstention model by weighted logistic regression (answerable and out-of-scope questions
 * weigh equally in total), and calibrates its threshold on the same examples (see calibrateThreshold).
 */
export function fitAbstention(examples: readonly AbstentionExample[], options: FitOptions = {}): RankerModel['abstain'] {
  // With a prior, its parameters are [bias, ...weights].
  const dim = ABSTAIN_FEATURES.length;
  const pos = examples.filter((e) => e.answerable).reduce((s, e) => s + (e.weight ?? 1), 0) || 1;
  const neg = examples.filter((e) => !e.answerable).reduce((s, e) => s + (e.weight ?? 1), 0) || 1;
  const weightOf = (e: AbstentionExample) => (e.weight ?? 1) / (e.answerable ? pos : neg) / 2;
  const l2 = options.l2 ?? 1e-3;
  // Parameter 0 is the bias, the rest the weights.
  const prior = options.prior;
  const p = adam(
    dim + 1,
    (w, g) => {
      for (const e of examples) {
        const z = w[0] + linearScore(w.subarray(1), e.features);
        const prob = 1 / (1 + Math.exp(-z));
        const err = weightOf(e) * (prob - (e.answerable ? 1 : 0));
        g[0] += err;
        for (let j = 0; j < dim; j++) g[j + 1] += err * e.features[j];
      }
      for (let j = 0; j <= dim; j++) g[j] += 2 * l2 * (w[j] - (prior?.[j] ?? 0)) * (prior || j > 0 ? 1 : 0);
    },
    options.epochs ?? 800,
    options.learningRate ?? 0.05,
    prior,
  );
  const model = { features: [...ABSTAIN_FEATURES], weights: [...p.subarray(1)], bias: p[0], threshold: 0.5 };
  const probs = examples.map((e) => 1 / (1 + Math.exp(-(model.bias + linearScore(model.weights, e.features)))));
  model.threshold = calibrateThreshold(examples, probs, options.maxFalseAbstain);
  return model;
}
