/**
 * Screens meaning-gap mechanisms on every in-repo question set (dev.jsonl, bench/questions,
 * bench/heldout-2026-12-02), ranking only: each question's candidates and signals are computed by
 * the engine as built (an expansion is screened by building it on a branch and rerunning), extra
 * signals from bench/meaning-extra.ts appended, and the ranking refitted leave-one-policy-out over
 * the six documents. Without --ext the prior is the shipped one with 0 for each extra signal (which
 * the L2 pull then holds near 0: use it for expansions); with --ext the prior is refitted on
 * ../shared/qa/external/policyqa-dev with the extra signals, as fit-ranker.ts does (about 5 min).
 *   node dist/bench/meaning-experiment.js [extra indexes, e.g. "none;0;0,1"] [--ext] [--misses]
 */
import path from 'node:path';
import { loadPolicyIndex } from '../src/adapters/policy-files/policy-index-loader.js';
import { answerSignals } from '../src/domain/policy/answer.js';
import { holdsEvidence } from '../src/domain/policy/evidence.js';
import type { PolicyIndex } from '../src/domain/policy/policy-index.js';
import { RANK_FEATURES } from '../src/domain/policy/ranker.js';
import { RANKER_PRIOR } from '../src/domain/policy/ranker-model.js';
import { linearScore } from '../src/domain/policy/ranker.js';
import { loadQaSets, projectRoot, readJsonl, sharedDir, type QaQuestion } from './qa-run.js';
import { MEANING_EXTRA } from './meaning-extra.js';

interface Ex { policy: string; set: string; id: string; question: string; xs: Float64Array[]; gold: boolean[]; texts: string[] }

const heldDir = path.join(projectRoot, 'bench', 'heldout-2026-12-02');
const policyPath = (p: string) => (p.startsWith('policy-kestrel') ? path.join(heldDir, p) : path.join(sharedDir, 'policies', p));

function allSets(): { name: string; questions: QaQuestion[] }[] {
  const sets = loadQaSets().map((s) => ({ name: s.name, questions: s.questions }));
  for (const f of ['qa-blind-5a', 'qa-blind-5b', 'qa-blind-5-known']) sets.push({ name: f, questions: readJsonl<QaQuestion>(path.join(heldDir, `${f}.jsonl`)) });
  return sets;
}

async function examples(qs: (QaQuestion & { set: string })[], pathOf: (p: string) => string): Promise<Ex[]> {
  const out: Ex[] = [];
  for (const pol of [...new Set(qs.map((q) => q.policy))].sort()) {
    const index: PolicyIndex = await loadPolicyIndex(pathOf(pol));
    for (const q of qs.filter((x) => x.policy === pol && x.answerable)) {
      const { ranked, units } = answerSignals(index, q.question);
      const xs = ranked.map((s) => Float64Array.from([...s.x, ...MEANING_EXTRA.map((f) => f.fn(index, q.question, units, s, ranked))]));
      out.push({ policy: pol, set: q.set, id: q.id, question: q.question, xs, gold: ranked.map((s) => holdsEvidence(s.p.passage.text, q.evidence)), texts: ranked.map((s) => s.p.passage.text) });
    }
  }
  return out;
}

/** Listwise softmax fit, as ranker.ts fitRanker, of any number of features (the prior's length). */
function fitRanker(exs: { candidates: Float64Array[]; gold: boolean[] }[], o: { l2?: number; prior?: number[] }, dim = o.prior?.length ?? 0): number[] {
  const usable = exs.filter((e) => e.gold.some(Boolean) && e.candidates.length > 1);
  const n = usable.length || 1;
  const l2 = o.l2 ?? 1e-3;
  const w = Float64Array.from(o.prior ?? new Array(dim).fill(0));
  const m = new Float64Array(dim), v = new Float64Array(dim), g = new Float64Array(dim);
  for (let t = 1; t <= 300; t++) {
    g.fill(0);
    for (const e of usable) {
      const sc = e.candidates.map((x) => linearScore(w, x));
      const mx = Math.max(...sc);
      const ex = sc.map((s) => Math.exp(s - mx));
      const z = ex.reduce((a, b) => a + b, 0);
      const zg = ex.reduce((a, b, i) => a + (e.gold[i] ? b : 0), 0);
      e.candidates.forEach((x, i) => { const c = (ex[i] / z - (e.gold[i] ? ex[i] / zg : 0)) / n; for (let j = 0; j < dim; j++) g[j] += c * x[j]; });
    }
    for (let j = 0; j < dim; j++) g[j] += 2 * l2 * (w[j] - (o.prior?.[j] ?? 0));
    for (let j = 0; j < dim; j++) {
      m[j] = 0.9 * m[j] + 0.1 * g[j]; v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
      w[j] -= (0.05 * (m[j] / (1 - 0.9 ** t))) / (Math.sqrt(v[j] / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  return [...w];
}

function rankOf(e: Ex, w: number[]): number {
  const order = e.xs.map((x, i) => [linearScore(w, x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return order.findIndex(([, i]) => e.gold[i]);
}

const args = process.argv.slice(2);
const configs = (args.find((a) => !a.startsWith('--')) ?? 'none').split(';').map((a) => (a === 'none' ? [] : a === 'all' ? MEANING_EXTRA.map((_, k) => k) : a.split(',').map(Number)));
const qs = allSets().flatMap((s) => s.questions.map((q) => ({ ...q, set: s.name })));
const t0 = Date.now();
const all = await examples(qs, policyPath);
const extDir = path.join(sharedDir, 'qa', 'external', 'policyqa-dev');
const extAll = args.includes('--ext') ? await examples(readJsonl<QaQuestion>(path.join(extDir, 'questions.jsonl')).map((q) => ({ ...q, set: 'pqa' })), (p) => path.join(extDir, 'policies', p)) : [];
console.log(`signals in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const base = RANK_FEATURES.length;
const project = (exs: Ex[], pick: number[]): Ex[] => exs.map((e) => ({ ...e, xs: e.xs.map((x) => Float64Array.from([...x.subarray(0, base), ...pick.map((k) => x[base + k])])) }));
const toExamples = (exs: Ex[]) => exs.map((e) => ({ policy: e.policy, candidates: e.xs, gold: e.gold }));
const L2 = 0.05;
for (const pick of configs) {
  const school = project(all, pick);
  const ext = project(extAll, pick);
  const prior = ext.length ? fitRanker(toExamples(ext), {}, base + pick.length) : [...RANKER_PRIOR.rank.weights, ...pick.map(() => 0)];
  const byDoc = new Map<string, number[]>();
  const bySet = new Map<string, number[]>();
  const misses: string[] = [];
  for (const pol of [...new Set(school.map((e) => e.policy))].sort()) {
    const w = fitRanker(toExamples(school.filter((e) => e.policy !== pol)), { l2: L2, prior });
    for (const e of school.filter((x) => x.policy === pol)) {
      const r = rankOf(e, w);
      for (const [m, k] of [[byDoc, pol], [bySet, e.set]] as const) {
        const t = m.get(k) ?? [0, 0, 0];
        m.set(k, [t[0] + (r === 0 ? 1 : 0), t[1] + (r >= 0 && r < 3 ? 1 : 0), t[2] + 1]);
      }
      if (r !== 0) misses.push(`${e.set} ${e.id} rank ${r} (${e.xs.length}) ${e.question}`);
    }
  }
  const fmt = (v: number[]) => `${v[0]}/${v[1]}/${v[2]}`;
  const tot = [...byDoc.values()].reduce((t, v) => t.map((a, i) => a + v[i]), [0, 0, 0]);
  console.log(`extra=${pick.map((k) => MEANING_EXTRA[k].name).join(',') || 'none'}  LOPO hit1/hit3/n`);
  console.log(`  by doc: ${[...byDoc.entries()].map(([k, v]) => `${k.replace(/_.*|\.txt|\.md|extra\//g, '')} ${fmt(v)}`).join('; ')}; total ${fmt(tot)}`);
  console.log(`  by set: ${[...bySet.entries()].map(([k, v]) => `${k} ${fmt(v)}`).join('; ')}`);
  const wAll = fitRanker(toExamples(school), { l2: L2, prior });
  console.log(`  extra weights ${wAll.slice(base).map((x) => x.toFixed(2)).join(' ')}`);
  if (ext.length) {
    const model = fitRanker(toExamples(school), { l2: L2, prior });
    const h = (w: number[]) => { let a = 0, b = 0; for (const e of ext) { const r = rankOf(e, w); if (r === 0) a++; if (r >= 0 && r < 3) b++; } return `${a}/${b}/${ext.length}`; };
    console.log(`  PolicyQA in-sample prior ${h(prior)}; model ${h(model)}`);
  }
  if (args.includes('--misses')) for (const m of misses) console.log(`  miss ${m}`);
}
