import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ingestPolicyText } from '../../../src/domain/policy/ingest.js';
import { buildPolicyIndex } from '../../../src/domain/policy/policy-index.js';
import { answerQuestion, answerSignals } from '../../../src/domain/policy/answer.js';
import { ABSTAIN_FEATURES, calibrateThreshold, coverProbability, fitAbstention, fitRanker, RANK_FEATURES, type AbstentionExample, type RankingExample } from '../../../src/domain/policy/ranker.js';
import { RANKER_MODEL, RANKER_PRIOR } from '../../../src/domain/policy/ranker-model.js';
import { abstentionExamples, fit, MAX_FALSE_ABSTAIN, rankingExamples } from '../../../src/domain/policy/ranker-training.js';
import { holdsEvidence } from '../../../src/domain/policy/evidence.js';
import { samplePolicyPath } from './policy-fixtures.js';

const index = buildPolicyIndex([ingestPolicyText(readFileSync(samplePolicyPath, 'utf8'), { name: 'information-security-policy.md', format: 'md' })]);
const dims = RANK_FEATURES.length;
const vector = (values: Record<number, number>) => Array.from({ length: dims }, (_, j) => values[j] ?? 0);

describe('the fitted ranker', () => {
  it('when the right passage always has the higher value of one signal, then the fit gives that signal the larger weight', () => {
    const examples: RankingExample[] = Array.from({ length: 40 }, (_, q) => ({
      policy: `p${q % 4}`,
      candidates: [vector({ 0: 0.9, 1: 0.2 }), vector({ 0: 0.3, 1: 0.8 }), vector({ 0: 0.1, 1: 0.5 })],
      gold: [true, false, false],
    }));
    const w = fitRanker(examples);
    assert.ok(w[0] > w[1], `weights ${w.slice(0, 2).join(', ')}`);
  });

  it('when fitted near a prior with no examples, then the weights stay at the prior', () => {
    const prior = vector({ 0: 1, 3: -0.5 });
    assert.deepEqual(fitRanker([], { prior }).map((v) => Math.round(v * 1000) / 1000), prior);
  });

  it('when covered and out-of-scope questions differ by coverage, then the threshold separates them and declines no more covered ones than allowed', () => {
    const at = (coverage: number, answerable: boolean): AbstentionExample => ({ policy: 'p', answerable, features: ABSTAIN_FEATURES.map((n) => (n === 'coverage' ? coverage : 0)) });
    const examples = [...[0.7, 0.8, 0.9, 1, 0.75, 0.85].map((c) => at(c, true)), ...[0.1, 0.2, 0.3, 0.25].map((c) => at(c, false)), at(0.35, true)];
    const model = fitAbstention(examples, { maxFalseAbstain: 0 });
    const p = (c: number) => 1 / (1 + Math.exp(-(model.bias + model.weights[0] * c)));
    assert.ok(model.weights[0] > 0);
    // Declining none of the covered questions: even the one at 0.35 is answered.
    assert.ok(p(0.35) >= model.threshold, `threshold ${model.threshold}, p(0.35) ${p(0.35)}`);
  });

  it('when covered and out-of-scope questions are separated by a gap, then the threshold sits in the middle of the gap (log-odds), not on the lowest covered one', () => {
    const examples = [false, false, true, true, true].map((answerable) => ({ answerable }));
    const probs = [0.05, 0.2, 0.8, 0.9, 0.95];
    const t = calibrateThreshold(examples, probs);
    // logit(0.2) = -1.386, logit(0.8) = 1.386: the middle is 0, probability 0.5.
    assert.ok(Math.abs(t - 0.5) < 1e-9, String(t));
    // Allowed to decline one covered question in three, the best gap is the same; allowed none, the same.
    assert.ok(Math.abs(calibrateThreshold(examples, probs, 0) - 0.5) < 1e-9);
    // A covered question below the out-of-scope ones moves nothing when one may be declined: the gap is still between 0.2 and 0.8.
    assert.ok(Math.abs(calibrateThreshold([...examples, { answerable: true }], [...probs, 0.1], 0.25) - 0.5) < 1e-9);
  });

  it('when the examples name their policies, then no policy has more of its covered questions declined than allowed, though all together would', () => {
    // Policy a: 18 covered questions read strongly; policy b: two covered questions, one reading as weakly as the out-of-scope ones.
    const examples = [
      ...Array.from({ length: 18 }, () => ({ answerable: true, policy: 'a' })),
      { answerable: true, policy: 'b' },
      { answerable: true, policy: 'b' },
      { answerable: false, policy: 'a' },
      { answerable: false, policy: 'b' },
    ];
    const probs = [...Array.from({ length: 18 }, () => 0.9), 0.9, 0.15, 0.1, 0.2];
    const pooled = calibrateThreshold(examples.map(({ answerable }) => ({ answerable })), probs, 0.05);
    // Pooled, declining 1 of 20 covered questions (5%) is allowed, and it declines both out-of-scope ones.
    assert.ok(pooled > 0.2, String(pooled));
    // Per policy, that is half of b's: the threshold stays below b's weak covered question.
    assert.ok(calibrateThreshold(examples, probs, 0.05) <= 0.15, String(calibrateThreshold(examples, probs, 0.05)));
  });

  it('when the shipped weights are loaded, then they name the engine features in order and say what they were fitted on', () => {
    for (const m of [RANKER_MODEL, RANKER_PRIOR]) {
      assert.deepEqual(m.rank.features, [...RANK_FEATURES]);
      assert.deepEqual(m.abstain.features, [...ABSTAIN_FEATURES]);
      assert.match(m.fittedOn ?? '', /\S/);
    }
  });

  it('when a question is answered with the fitted model, then passages come best first with relative scores that sum to at most one', () => {
    const a = answerQuestion(index, 'lost my laptop what do i do', RANKER_MODEL);
    assert.ok(a.passages.length > 0 && a.passages.length <= 5);
    const scores = a.passages.map((p) => p.score);
    assert.deepEqual([...scores].sort((x, y) => y - x), scores);
    assert.ok(scores.reduce((s, v) => s + v, 0) <= 1.01, scores.join(" "));
  });

  it('when a model is fitted on a policy whose questions name their clause, then every answerable training question has candidates marked right by the evidence', () => {
    const questions = [
      { question: 'can i use my own memory stick', answerable: true, evidence: [index.passages.find((p) => p.passage.clause === '4.4')!.passage.text] },
      { question: 'someone nicked my school ipad', answerable: true, evidence: [index.passages.find((p) => p.passage.clause === '9.1')!.passage.text] },
      { question: 'when is the next inset day', answerable: false, evidence: [] },
    ];
    for (const q of questions.filter((x) => x.answerable)) {
      assert.ok(answerSignals(index, q.question).ranked.some((c) => holdsEvidence(c.p.passage.text, q.evidence)));
    }
    const model = fit([{ policy: 'sample', index, questions }]);
    assert.equal(model.rank.weights.length, RANK_FEATURES.length);
    assert.ok(Number.isFinite(model.abstain.threshold));
  });

  it('when fitted on two policies, then the abstention threshold is calibrated on each one\'s questions as scored by the model fitted without it', () => {
    const clause = (c: string) => [index.passages.find((p) => p.passage.clause === c)!.passage.text];
    const a = { policy: 'a', index, questions: [
      { question: 'can i use my own memory stick', answerable: true, evidence: clause('4.4') },
      { question: 'someone nicked my school ipad', answerable: true, evidence: clause('9.1') },
      { question: 'when is the next inset day', answerable: false, evidence: [] },
    ] };
    const b = { policy: 'b', index, questions: [
      { question: 'how do I get Zoom installed on my classroom PC?', answerable: true, evidence: clause('4.2') },
      { question: 'can I turn off the antivirus', answerable: true, evidence: clause('4.1') },
      { question: 'where do I park my car', answerable: false, evidence: [] },
    ] };
    const outOfFold = [[a, fit([b])], [b, fit([a])]] as const;
    const examples = outOfFold.flatMap(([t, m]) => abstentionExamples([t], m));
    const probs = outOfFold.flatMap(([t, m]) => abstentionExamples([t], m).map((e) => coverProbability(m, e.features)));
    assert.equal(fit([a, b]).abstain.threshold, calibrateThreshold(examples, probs, MAX_FALSE_ABSTAIN));
  });

  it('when questions are marked ranking-only, then the ranking fit learns from them and the abstention model is fitted as if they were absent', () => {
    const clause = (c: string) => [index.passages.find((p) => p.passage.clause === c)!.passage.text];
    const dev = [
      { question: 'can i use my own memory stick', answerable: true, evidence: clause('4.4') },
      { question: 'when is the next inset day', answerable: false, evidence: [] },
    ];
    const more = [
      { question: 'someone nicked my school ipad', answerable: true, evidence: clause('9.1'), rankingOnly: true },
      { question: 'where do I park my car', answerable: false, evidence: [], rankingOnly: true },
    ];
    const withMore = { policy: 'p', index, questions: [...dev, ...more] };
    const without = { policy: 'p', index, questions: dev };
    assert.equal(rankingExamples([withMore]).length, 2);
    assert.equal(abstentionExamples([withMore], RANKER_MODEL).length, 2);
    assert.deepEqual(abstentionExamples([withMore], RANKER_MODEL).map((e) => e.answerable), [true, false]);
    const [m1, m0] = [fit([withMore]), fit([without])];
    assert.notDeepEqual(m1.rank.weights, m0.rank.weights);
    // The abstention fit sees the same questions; its inputs differ only through the ranker.
    assert.equal(abstentionExamples([withMore], m1).length, abstentionExamples([without], m1).length);
  });
});
