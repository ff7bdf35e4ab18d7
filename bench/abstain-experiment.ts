/**
 * Screens candidate abstention signals by leave-one-policy-out over every question set in the repo
 * (bench/qa-run.ts `loadQaSets`), quickly: each question is ranked once by a ranker fitted without
 * its policy; for each left-out policy the abstention model is fitted on the other policies'
 * questions and its threshold calibrated out of fold on them (fit on all but one, score that one),
 * as ranker-training.ts `fit` does. Prints per-document abstain / false abstain for each feature set.
 *
 *   node dist/bench/abstain-experiment.js
 */
import { loadPolicyIndex } from '../src/adapters/policy-files/policy-index-loader.js';
import { answerSignals } from '../src/domain/policy/answer.js';
import { holdsEvidence } from '../src/domain/policy/evidence.js';
import type { PolicyIndex } from '../src/domain/policy/policy-index.js';
import type { QueryUnit } from '../src/domain/policy/question-units.js';
import type { Scored } from '../src/domain/policy/passage-scoring.js';
import { calibrateThreshold, fitRanker, linearScore, type RankerModel } from '../src/domain/policy/ranker.js';
import { RANKER_PRIOR } from '../src/domain/policy/ranker-model.js';
import { RANKER_L2, rankingExamples, type TrainingPolicy } from '../src/domain/policy/ranker-training.js';
import { loadQaSets, policyFile, type QaQuestion } from './qa-run.js';
import { CANDIDATES } from './abstain-candidates.js';

export interface Rec {
  q: QaQuestion;
  units: QueryUnit[];
  top: Scored[];
  ranked: Scored[];
  ruleAnswered: boolean;
  rank: number;
  current: ArrayLike<number>;
}

const sets = loadQaSets();
const questions = sets.flatMap((s) => s.questions);
const policies = [...new Set(questions.map((q) => q.policy))].sort();
const indexes = new Map<string, PolicyIndex>();
for (const p of policies) indexes.set(p, await loadPolicyIndex(policyFile(p)));
const training: TrainingPolicy[] = policies.map((p) => ({ policy: p, index: indexes.get(p)!, questions: questions.filter((q) => q.policy === p) }));

const recs: Rec[] = [];
for (const t of training) {
  const weights = fitRanker(rankingExamples(training.filter((o) => o !== t)), { l2: Number(process.env.RANKER_L2 ?? RANKER_L2), prior: RANKER_PRIOR.rank.weights });
  const model: RankerModel = { rank: { features: RANKER_PRIOR.rank.features, weights }, abstain: { ...RANKER_PRIOR.abstain, threshold: 0 } };
  for (const q of t.questions as QaQuestion[]) {
    const s = answerSignals(t.index, q.question, model);
    const top = s.ranked.slice(0, 5);
    const rank = q.answerable ? top.findIndex((c) => holdsEvidence(c.p.passage.text, q.evidence)) : -1;
    recs.push({ q, units: s.units, top, ranked: s.ranked, ruleAnswered: s.answered, rank, current: s.abstain });
  }
}

function logistic(xs: number[][], ys: boolean[], l2: number): number[] {
  const dim = xs[0].length + 1;
  const pos = ys.filter(Boolean).length || 1;
  const neg = ys.length - pos || 1;
  const w = new Float64Array(dim);
  const m = new Float64Array(dim);
  const v = new Float64Array(dim);
  for (let t = 1; t <= 800; t++) {
    const g = new Float64Array(dim);
    xs.forEach((x, i) => {
      const z = w[0] + linearScore(w.subarray(1), x);
      const err = (1 / (ys[i] ? pos : neg) / 2) * (1 / (1 + Math.exp(-z)) - (ys[i] ? 1 : 0));
      g[0] += err;
      for (let j = 1; j < dim; j++) g[j] += err * x[j - 1];
    });
    for (let j = 1; j < dim; j++) g[j] += 2 * l2 * w[j];
    for (let j = 0; j < dim; j++) {
      m[j] = 0.9 * m[j] + 0.1 * g[j];
      v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
      w[j] -= (0.05 * (m[j] / (1 - 0.9 ** t))) / (Math.sqrt(v[j] / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  return [...w];
}
const prob = (w: number[], x: number[]) => 1 / (1 + Math.exp(-(w[0] + linearScore(w.slice(1), x))));

/** LOPO decisions (answered or not) for each record under a feature function. */
function lopo(feat: (r: Rec) => number[], l2: number, maxFa: number): Map<Rec, boolean> {
  const X = new Map(recs.map((r) => [r, feat(r)]));
  const out = new Map<Rec, boolean>();
  for (const p of policies) {
    const train = recs.filter((r) => r.q.policy !== p && (!process.env.TRAIN_RULE || r.ruleAnswered));
    const w = logistic(train.map((r) => X.get(r)!), train.map((r) => r.q.answerable), l2);
    const oof: { answerable: boolean; policy: string }[] = [];
    const probs: number[] = [];
    for (const q of policies.filter((o) => o !== p)) {
      const inner = train.filter((r) => r.q.policy !== q);
      const wi = logistic(inner.map((r) => X.get(r)!), inner.map((r) => r.q.answerable), l2);
      // Questions a rule declines never reach the model: they do not calibrate it.
      for (const r of train.filter((r) => r.q.policy === q && r.ruleAnswered)) {
        oof.push({ answerable: r.q.answerable, policy: r.q.policy });
        probs.push(prob(wi, X.get(r)!));
      }
    }
    let threshold = calibrateThreshold(oof, probs, maxFa);
    if (process.env.PER_POLICY) {
      // No policy's covered questions declined more than maxFa: the highest threshold keeping each under it, if lower.
      for (const q of new Set(oof.map((o) => o.policy))) {
        const ps = probs.filter((_, i) => oof[i].policy === q && oof[i].answerable).sort((a, b) => a - b);
        const k = Math.floor(ps.length * maxFa);
        const cap = ps[k] ?? 1;
        if (cap < threshold) threshold = cap;
      }
    }
    for (const r of recs.filter((r) => r.q.policy === p)) out.set(r, r.ruleAnswered && prob(w, X.get(r)!) >= threshold);
  }
  return out;
}

function report(name: string, answered: Map<Rec, boolean>): void {
  const cells: string[] = [];
  let [abs, oos, fa, ans, h1, h3] = [0, 0, 0, 0, 0, 0];
  for (const p of [...policies, 'total']) {
    const rs = recs.filter((r) => p === 'total' || r.q.policy === p);
    const o = rs.filter((r) => !r.q.answerable);
    const a = rs.filter((r) => r.q.answerable);
    const A = o.filter((r) => !answered.get(r)).length;
    const F = a.filter((r) => !answered.get(r)).length;
    const H1 = a.filter((r) => answered.get(r) && r.rank === 0).length;
    const H3 = a.filter((r) => answered.get(r) && r.rank >= 0 && r.rank < 3).length;
    if (p === 'total') [abs, oos, fa, ans, h1, h3] = [A, o.length, F, a.length, H1, H3];
    cells.push(`${p.slice(0, 8)} ${A}/${o.length} fa${F}`);
  }
  if (process.env.MISSES) for (const r of recs.filter((r) => r.q.answerable === !answered.get(r))) console.log(`  ${r.q.answerable ? 'FA' : 'OOS-answered'} ${r.q.policy.slice(0, 10)} [${Array.from(r.current, (v) => v.toFixed(2)).join(' ')}] ${r.q.question}`);
  console.log(`${name.padEnd(28)} total abstain ${abs}/${oos} fa ${fa}/${ans} h1 ${h1} h3 ${h3} | ${cells.slice(0, -1).join(' | ')}`);
}

const maxFa = Number(process.env.MAX_FA ?? 0.05);
const l2s = (process.env.L2 ?? '0.005').split(',').map(Number);
const only = process.env.ONLY?.split(',');
for (const [name, f] of Object.entries(CANDIDATES(recs))) {
  if (only && !only.includes(name)) continue;
  for (const l2 of l2s) report(`${name} l2=${l2}`, lopo(f, l2, maxFa));
}

if (process.env.DUMP) {
  for (const r of recs.filter((r) => r.q.policy.includes(process.env.DUMP!))) {
    console.log(`${r.q.answerable ? 'A' : 'O'} rule${r.ruleAnswered ? 1 : 0} rank${r.rank} [${Array.from(r.current, (v) => v.toFixed(2)).join(' ')}] top${(r.top[0]?.score ?? 0).toFixed(2)} ${r.q.question}`);
  }
}
if (process.env.SUMMARY) {
  console.log('answerable declined by a rule:', recs.filter((r) => r.q.answerable && !r.ruleAnswered).length, '; out of scope declined by a rule:', recs.filter((r) => !r.q.answerable && !r.ruleAnswered).length);
  for (const r of recs.filter((r) => !r.q.answerable && r.ruleAnswered)) console.log(`O ${r.q.policy.slice(0, 10)} [${Array.from(r.current, (v) => v.toFixed(2)).join(' ')}] ${r.q.question}`);
  for (const r of recs.filter((r) => r.q.answerable && !r.ruleAnswered)) console.log(`A-rule ${r.q.policy.slice(0, 10)} [${Array.from(r.current, (v) => v.toFixed(2)).join(' ')}] ${r.q.question}`);
}
