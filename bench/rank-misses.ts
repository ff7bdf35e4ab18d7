/**
 * Diagnostics for ranking: per answerable in-repo question, leave-one-policy-out, where the first
 * clause holding the evidence ranks and how its signals differ from the clause ranked first.
 *   node dist/bench/rank-misses.js [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { loadPolicyIndex } from '../src/adapters/policy-files/policy-index-loader.js';
import { answerSignals } from '../src/domain/policy/answer.js';
import { holdsEvidence } from '../src/domain/policy/evidence.js';
import { RANK_FEATURES } from '../src/domain/policy/ranker.js';
import { fit } from '../src/domain/policy/ranker-training.js';
import type { PolicyIndex } from '../src/domain/policy/policy-index.js';
import { fitQuestions, loadQaSets, policyFile } from './qa-run.js';

const sets = loadQaSets();
const policies = [...new Set(sets.flatMap((s) => s.questions.map((q) => q.policy)))].sort();
const indexes = new Map<string, PolicyIndex>();
for (const p of policies) indexes.set(p, await loadPolicyIndex(policyFile(p)));
const training = (without?: string) =>
  policies.filter((p) => p !== without).map((p) => ({ policy: p, index: indexes.get(p)!, questions: sets.flatMap((s) => fitQuestions(s).filter((q) => q.policy === p)) }));
const out: unknown[] = [];
const hist = new Map<string, number>();
for (const p of policies) {
  const model = fit(training(p));
  for (const s of sets) {
    for (const q of s.questions.filter((x) => x.policy === p && x.answerable)) {
      const { ranked } = answerSignals(indexes.get(p)!, q.question, model);
      const g = ranked.findIndex((c) => holdsEvidence(c.p.passage.text, q.evidence));
      const key = g < 0 ? 'none' : g < 5 ? String(g + 1) : '6+';
      hist.set(`${s.name} ${key}`, (hist.get(`${s.name} ${key}`) ?? 0) + 1);
      if (g === 0) continue;
      const row = (i: number) => {
        const c = ranked[i];
        return { rank: i + 1, score: +c.score.toFixed(3), section: c.p.section.title, clause: c.p.passage.clause, lead: c.p.passage.leadIn, text: c.p.passage.text.slice(0, 300), x: Object.fromEntries(RANK_FEATURES.map((n, j) => [n, +c.x[j].toFixed(3)])) };
      };
      const entry = { set: s.name, id: q.id, q: q.question, goldRank: g < 0 ? null : g + 1, top: ranked.length ? row(0) : null, gold: g >= 0 ? row(g) : null, ev: q.evidence };
      out.push(entry);
    }
  }
}
console.log([...hist.entries()].sort().map(([k, v]) => `${k}: ${v}`).join('\n'));
const i = process.argv.indexOf('--json');
if (i > 0) writeFileSync(process.argv[i + 1], JSON.stringify(out, null, 1));
