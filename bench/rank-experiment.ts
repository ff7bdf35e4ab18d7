/**
 * Screens candidate ranking signals without touching the engine: each question's candidates and
 * signals are computed once, extra signals appended, and the ranking refitted (prior on PolicyQA,
 * model near it on the in-repo sets), scored leave-one-policy-out. Ranking only, no abstention.
 *   node dist/bench/rank-experiment.js
 */
import path from 'node:path';
import { loadPolicyIndex } from '../src/adapters/policy-files/policy-index-loader.js';
import { answerSignals } from '../src/domain/policy/answer.js';
import { holdsEvidence } from '../src/domain/policy/evidence.js';
import type { PolicyIndex } from '../src/domain/policy/policy-index.js';
import type { Scored } from '../src/domain/policy/passage-scoring.js';
import type { QueryUnit } from '../src/domain/policy/question-units.js';
import { RANK_FEATURES } from '../src/domain/policy/ranker.js';
import { RANKER_PRIOR } from '../src/domain/policy/ranker-model.js';
import { fitQuestions, loadQaSets, policyFile, readJsonl, sharedDir, type QaQuestion } from './qa-run.js';
import { EXTRA } from './rank-extra.js';

interface Ex { policy: string; set: string; xs: Float64Array[]; gold: boolean[] }

function dot(w: ArrayLike<number>, x: ArrayLike<number>): number { let s = 0; for (let j = 0; j < w.length; j++) s += w[j] * x[j]; return s; }

function fitW(exs: Ex[], dim: number, l2: number, prior?: number[], epochs = 300, lr = 0.05): number[] {
  const usable = exs.filter((e) => e.gold.some(Boolean) && e.xs.length > 1);
  const n = usable.length || 1;
  const w = Float64Array.from(prior ?? new Array(dim).fill(0));
  const m = new Float64Array(dim), v = new Float64Array(dim), g = new Float64Array(dim);
  for (let t = 1; t <= epochs; t++) {
    g.fill(0);
    for (const e of usable) {
      const sc = e.xs.map((x) => dot(w, x));
      const mx = Math.max(...sc);
      const ex = sc.map((s) => Math.exp(s - mx));
      const z = ex.reduce((a, b) => a + b, 0);
      const zg = ex.reduce((a, b, i) => a + (e.gold[i] ? b : 0), 0);
      e.xs.forEach((x, i) => { const c = (ex[i] / z - (e.gold[i] ? ex[i] / zg : 0)) / n; for (let j = 0; j < dim; j++) g[j] += c * x[j]; });
    }
    for (let j = 0; j < dim; j++) g[j] += 2 * l2 * (w[j] - (prior?.[j] ?? 0));
    for (let j = 0; j < dim; j++) {
      m[j] = 0.9 * m[j] + 0.1 * g[j]; v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
      w[j] -= (lr * (m[j] / (1 - 0.9 ** t))) / (Math.sqrt(v[j] / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  return [...w];
}

function hits(exs: Ex[], w: number[]): [number, number, number] {
  let h1 = 0, h3 = 0;
  for (const e of exs) {
    const order = e.xs.map((x, i) => [dot(w, x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const r = order.findIndex(([, i]) => e.gold[i]);
    if (r === 0) h1++;
    if (r >= 0 && r < 3) h3++;
  }
  return [h1, h3, exs.length];
}

async function examples(where: (policy: string) => string, qs: (QaQuestion & { set: string })[], pick: number[]): Promise<Ex[]> {
  const out: Ex[] = [];
  for (const pol of [...new Set(qs.map((q) => q.policy))].sort()) {
    const index: PolicyIndex = await loadPolicyIndex(where(pol));
    for (const q of qs.filter((x) => x.policy === pol && x.answerable)) {
      const { ranked, units } = answerSignals(index, q.question);
      const xs = ranked.map((s: Scored) => {
        const extra = EXTRA.map((f) => f.fn(index, q.question, units as QueryUnit[], s, ranked));
        return Float64Array.from([...s.x, ...extra]);
      });
      out.push({ policy: pol, set: q.set, xs, gold: ranked.map((s) => holdsEvidence(s.p.passage.text, q.evidence)) });
    }
  }
  return out;
}

const configs = (process.argv[2] ?? 'none').split(';').map((a) => (a === 'none' ? [] : a === 'all' ? EXTRA.map((_, k) => k) : a.split(',').map(Number)));
const sets = loadQaSets();
const base = RANK_FEATURES.length;
const schoolAll = await examples(policyFile, sets.flatMap((s) => fitQuestions(s).map((q) => ({ ...q, set: s.name }))), []);
const extDir = path.join(sharedDir, 'qa', 'external', 'policyqa-dev');
const skipExt = process.argv.includes('--no-ext');
const extAll = skipExt ? [] : await examples((f) => path.join(extDir, 'policies', f), readJsonl<QaQuestion>(path.join(extDir, 'questions.jsonl')).map((q) => ({ ...q, set: 'pqa' })), []);
const project = (exs: Ex[], pick: number[]): Ex[] => exs.map((e) => ({ ...e, xs: e.xs.map((x) => Float64Array.from([...x.subarray(0, base), ...pick.map((k) => x[base + k])])) }));
for (const pick of configs) {
  const dim = base + pick.length;
  const school = project(schoolAll, pick);
  const ext = project(extAll, pick);
  const prior = skipExt ? [...RANKER_PRIOR.rank.weights, ...pick.map(() => 0)] : fitW(ext, dim, 1e-3);
  const L2 = 0.05;
  const model = fitW(school, dim, L2, prior);
  const fmt = ([a, b, n]: [number, number, number]) => `${a}/${b} of ${n}`;
  const lopo = new Map<string, [number, number, number]>();
  for (const pol of [...new Set(school.map((e) => e.policy))]) {
    const w = fitW(school.filter((e) => e.policy !== pol), dim, L2, prior);
    for (const set of [...new Set(school.map((e) => e.set))]) {
      const [a, b, n] = hits(school.filter((e) => e.policy === pol && e.set === set), w);
      const t = lopo.get(set) ?? [0, 0, 0];
      lopo.set(set, [t[0] + a, t[1] + b, t[2] + n]);
    }
  }
  const tot = [...lopo.values()].reduce((t, v) => [t[0] + v[0], t[1] + v[1], t[2] + v[2]] as [number, number, number], [0, 0, 0] as [number, number, number]);
  console.log(`extra=${pick.map((k) => EXTRA[k].name).join(',') || 'none'}`);
  console.log(`  LOPO ${[...lopo.entries()].map(([s, v]) => `${s} ${fmt(v)}`).join('; ')}; total ${fmt(tot)}`);
  console.log(`  in-sample school ${fmt(hits(school, model))}`);
  if (!skipExt) console.log(`  PolicyQA prior ${fmt(hits(ext, prior!))}; model ${fmt(hits(ext, model))}`);
  console.log(`  extra weights prior ${prior ? prior.slice(base).map((v) => v.toFixed(2)) : '-'} model ${model.slice(base).map((v) => v.toFixed(2))}`);
}
