/**
 * Fits the answerer's weights and writes src/domain/policy/ranker-weights.json. Run after a build:
 *
 *   node dist/bench/fit-ranker.js           fit and write the weights
 *   node dist/bench/fit-ranker.js --lopo    also print leave-one-policy-out figures (--dry: write nothing)
 *
 * What is fitted on what (read from ../shared at fit time; none of it is copied into the repository):
 * - prior, ranking: the answerable questions of ../shared/qa/external/policyqa-dev (16 website
 *   privacy policies, 1,329 questions); a passage is right when it holds the gold evidence as the
 *   scorer decides (src/domain/policy/evidence.ts);
 * - prior, abstention: nothing. No school question is in the prior, so a policy left out of a fit
 *   (bench:qa's leave-one-policy-out) has had none of its questions in any fitted weight;
 * - model: the prior's ranking refined on every question set in the repository (bench/qa-run.ts
 *   `loadQaSets`: ../shared/qa/dev.jsonl, the sets in bench/questions and bench/heldout-*: six documents), staying
 *   near it, and the abstention model fitted on dev.jsonl's questions (`fitQuestions`), its threshold the best
 *   balanced accuracy that declines at most 5% of each policy's covered ones (the product's false-abstain
 *   target): src/domain/policy/ranker-training.ts `fit`, the hook bench:qa calls per left-out policy.
 * Only general signals are fitted (RANK_FEATURES, ABSTAIN_FEATURES): no word or phrase.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadPolicyFile } from '../src/adapters/policy-files/policy-file-loader.js';
import { loadWordNetSynonyms } from '../src/adapters/policy-files/wordnet-synonyms.js';
import { loadWordVectors } from '../src/adapters/policy-files/word-vectors.js';
import { buildPolicyIndex, type PolicyIndexResources } from '../src/domain/policy/policy-index.js';
import { answerSignals } from '../src/domain/policy/answer.js';
import { holdsEvidence } from '../src/domain/policy/evidence.js';
import { ABSTAIN_FEATURES, fitRanker, RANK_FEATURES, type RankerModel, type RankingExample } from '../src/domain/policy/ranker.js';
import { fit, MAX_FALSE_ABSTAIN, rankingExamples, type TrainingPolicy, type TrainingQuestion } from '../src/domain/policy/ranker-training.js';
import { fitQuestions, loadQaSets, policyFile, projectRoot, readJsonl, sharedDir } from './qa-run.js';

interface Question extends TrainingQuestion {
  id: string;
  policy: string;
}


/** The policies the questions ask about (file names under `dir`, possibly in a folder), each with its questions. */
async function policies(where: (policy: string) => string, questions: readonly Question[], resources: PolicyIndexResources): Promise<TrainingPolicy[]> {
  const out: TrainingPolicy[] = [];
  for (const f of [...new Set(questions.map((q) => q.policy))].sort()) {
    out.push({ policy: f, index: buildPolicyIndex([await loadPolicyFile(where(f))], resources), questions: questions.filter((q) => q.policy === f) });
  }
  return out;
}

/**
 * The prior: ranking fitted on the external questions only. Its abstention part is empty (no
 * weights): whether a policy covers a question is fitted by `fit` on the development questions of
 * the policies it is given, so a policy left out has had none of its questions in any fit.
 */
function fitPrior(ranking: readonly RankingExample[]): RankerModel {
  const weights = fitRanker(ranking);
  return { rank: { features: [...RANK_FEATURES], weights }, abstain: { features: [...ABSTAIN_FEATURES], weights: ABSTAIN_FEATURES.map(() => 0), bias: 0, threshold: 0.5 } };
}

interface Outcome {
  answerable: boolean;
  answered: boolean;
  rank: number;
}

function evaluate(t: TrainingPolicy, model: RankerModel, questions = t.questions): Outcome[] {
  return questions.map((q) => {
    const s = answerSignals(t.index, q.question, model);
    const rank = q.answerable ? s.ranked.slice(0, 5).findIndex((c) => holdsEvidence(c.p.passage.text, q.evidence)) : -1;
    return { answerable: q.answerable, answered: s.answered, rank };
  });
}

/** hit@1 / hit@3 / abstain / false abstain, counted as score.mjs counts them, in percent. */
function figures(o: readonly Outcome[]): string {
  const ans = o.filter((x) => x.answerable);
  const oos = o.filter((x) => !x.answerable);
  const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(1) : '-');
  return [
    pct(ans.filter((x) => x.answered && x.rank === 0).length, ans.length),
    pct(ans.filter((x) => x.answered && x.rank >= 0 && x.rank < 3).length, ans.length),
    pct(oos.filter((x) => !x.answered).length, oos.length),
    pct(ans.filter((x) => !x.answered).length, ans.length),
  ].join(' / ');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const synonyms = loadWordNetSynonyms();
  const vectors = loadWordVectors();
  const resources: PolicyIndexResources = { ...(synonyms ? { synonyms } : {}), ...(vectors ? { vectors } : {}) };
  const extDir = path.join(sharedDir, 'qa', 'external', 'policyqa-dev');
  const sets = loadQaSets();
  const dev = await policies(policyFile, sets.flatMap(fitQuestions), resources);
  if (args.includes('--model-only')) {
    // Refits only the model from the shipped prior (quick); prints its in-sample figures, writes nothing.
    const m = fit(dev);
    console.log(`in-sample dev: model ${figures(dev.flatMap((t) => evaluate(t, m)))}`);
    console.log(JSON.stringify(m));
    return;
  }
  const external = await policies((f) => path.join(extDir, 'policies', f), readJsonl<Question>(path.join(extDir, 'questions.jsonl')), resources);
  const ranking = new Map(external.map((t) => [t.policy, rankingExamples([t])]));
  const allRanking = [...ranking.values()].flat();

  const prior = fitPrior(allRanking);
  const model = fit(dev, { prior });
  const count = (ts: readonly TrainingPolicy[], answerable: boolean) => ts.reduce((n, t) => n + t.questions.filter((q) => q.answerable === answerable).length, 0);
  const fittedOn = {
    prior: `ranking: ${count(external, true)} answerable questions on ${external.length} policies of ../shared/qa/external/policyqa-dev; abstention: nothing (fitted by \`fit\` only)`,
    model:
      `the prior's ranking refined on ${sets.map((s) => (s.role === 'development' ? '../shared/qa/dev.jsonl' : path.relative(projectRoot, s.file))).join(', ')} (${count(dev, true)} answerable questions, ${dev.length} policies), ` +
      `abstention fitted on ../shared/qa/dev.jsonl (${dev.reduce((n, t) => n + t.questions.filter((q) => !q.rankingOnly).length, 0)} questions), ` +
      `threshold: the middle of the gap with the best balanced accuracy out of fold declining at most ${MAX_FALSE_ABSTAIN * 100}% of each policy's covered ones (ranker-training.ts fit, ranker.ts calibrateThreshold)`,
  };
  console.log(`in-sample policyqa-dev: prior ${figures(external.flatMap((t) => evaluate(t, prior)))}; model ${figures(external.flatMap((t) => evaluate(t, model)))}`);
  console.log(`in-sample, every set fitted on: model ${figures(dev.flatMap((t) => evaluate(t, model)))} (leave-one-policy-out: npm run bench:qa)`);
  if (!args.includes('--dry')) {
    const file = path.join(projectRoot, 'src', 'domain', 'policy', 'ranker-weights.json');
    const round = (v: number) => Math.round(v * 1e4) / 1e4;
    const out = (m: RankerModel) => ({
      rank: { features: m.rank.features, weights: m.rank.weights.map(round) },
      abstain: { features: m.abstain.features, weights: m.abstain.weights.map(round), bias: round(m.abstain.bias), threshold: round(m.abstain.threshold) },
    });
    writeFileSync(file, `${JSON.stringify({ fittedOn: { ...fittedOn, by: 'node dist/bench/fit-ranker.js' }, prior: out(prior), model: out(model) }, null, 2)}\n`);
    console.log(`wrote ${path.relative(projectRoot, file)}`);
  }
  if (args.includes('--lopo')) {
    // External: ranking with the prior fitted without the policy scored, refined on the development set.
    const ext: Outcome[] = [];
    for (const t of external) {
      const p = fitPrior(external.filter((o) => o !== t).flatMap((o) => ranking.get(o.policy)!));
      ext.push(...evaluate(t, fit(dev, { prior: p })));
    }
    console.log(`lopo policyqa-dev: ${figures(ext)}`);
  }
}

await main();
