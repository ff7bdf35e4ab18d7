/**
 * Does the engine decline when the answer is not in the policy? Every answerable question is asked
 * twice: of the policy as it is (declining is a false abstain), and of the same policy with the
 * passages holding its evidence taken out and the index rebuilt (its subject is still in the
 * policy, its answer is not: declining is right, unless another passage answers it too, so that
 * figure is a lower bound). No out-of-scope question has to be written, so it can be run on any
 * document with answerable questions. Run after a build:
 *
 *   node dist/bench/decline-probe.js
 *
 * The development questions are asked with the model fitted without their policy (as bench:qa's
 * leave-one-policy-out); PolicyQA's (every fourth) and those of the sets in bench/questions with the
 * shipped model, whose abstention never saw them (their ranking did; figures only, see
 * bench/questions/README.md). Figures are recorded in bench/results.md by hand.
 *
 * It also says how well each signal of answerability (question-signals.ts) tells a question asked
 * as it is from the same question asked without its answer, and (on the development set and
 * bench/questions) from an
 * out-of-scope question: the area under the ROC curve, 0.5 for a signal that tells nothing.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadPolicies } from '../src/adapters/policy-files/policy-file-loader.js';
import { loadWordNetSynonyms } from '../src/adapters/policy-files/wordnet-synonyms.js';
import { loadWordVectors } from '../src/adapters/policy-files/word-vectors.js';
import { answerSignals } from '../src/domain/policy/answer.js';
import { holdsEvidence } from '../src/domain/policy/evidence.js';
import { buildPolicyIndex, type PolicyIndex, type PolicyIndexResources } from '../src/domain/policy/policy-index.js';
import type { PolicyDocument } from '../src/domain/policy/policy-types.js';
import type { RankerModel } from '../src/domain/policy/ranker.js';
import { RANKER_MODEL } from '../src/domain/policy/ranker-model.js';
import { fit, type TrainingPolicy } from '../src/domain/policy/ranker-training.js';
import { loadQaSets, readJsonl, sharedDir, type QaQuestion } from './qa-run.js';
import { answerabilitySignals, SIGNAL_NAMES } from './question-signals.js';

const externalDir = path.join(sharedDir, 'qa', 'external', 'policyqa-dev');
const synonyms = loadWordNetSynonyms();
const vectors = loadWordVectors();
const resources: PolicyIndexResources = { ...(synonyms ? { synonyms } : {}), ...(vectors ? { vectors } : {}) };

interface ProbePolicy extends TrainingPolicy {
  docs: PolicyDocument[];
  questions: QaQuestion[];
}

async function policies(dir: string, questions: readonly QaQuestion[]): Promise<ProbePolicy[]> {
  const out: ProbePolicy[] = [];
  const names = existsSync(dir) ? [...new Set(questions.map((q) => q.policy))].filter((n) => existsSync(path.join(dir, n))).sort() : [];
  for (const f of names) {
    const docs = await loadPolicies(path.join(dir, f));
    out.push({ policy: f, docs, index: buildPolicyIndex(docs, resources), questions: questions.filter((q) => q.policy === f) });
  }
  return out;
}

/** The documents with every passage holding the evidence taken out. */
function withoutAnswer(docs: readonly PolicyDocument[], evidence: readonly string[]): PolicyDocument[] {
  return docs.map((d) => ({ ...d, sections: d.sections.map((s) => ({ ...s, passages: s.passages.filter((p) => !holdsEvidence(p.text, evidence)) })) }));
}

/** Each question's signals: asked as it is, asked without its answer, or out of scope. */
interface Probe {
  asked: number[][];
  removed: number[][];
  outOfScope: number[][];
  falseAbstain: number;
  declinedWithoutAnswer: number;
}

function ask(index: PolicyIndex, question: string, model: RankerModel): { answered: boolean; signals: number[] } {
  const s = answerSignals(index, question, model);
  return { answered: s.answered, signals: answerabilitySignals(index, question, s) };
}

function probe(t: ProbePolicy, questions: readonly QaQuestion[], model: RankerModel): Probe {
  const r: Probe = { asked: [], removed: [], outOfScope: [], falseAbstain: 0, declinedWithoutAnswer: 0 };
  for (const q of questions) {
    const asked = ask(t.index, q.question, model);
    if (!q.answerable) {
      r.outOfScope.push(asked.signals);
      continue;
    }
    r.asked.push(asked.signals);
    if (!asked.answered) r.falseAbstain++;
    const removed = ask(buildPolicyIndex(withoutAnswer(t.docs, q.evidence), resources), q.question, model);
    r.removed.push(removed.signals);
    if (!removed.answered) r.declinedWithoutAnswer++;
  }
  return r;
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}% (${n}/${d})`;
const sum = (a: Probe, b: Probe): Probe => ({
  asked: [...a.asked, ...b.asked],
  removed: [...a.removed, ...b.removed],
  outOfScope: [...a.outOfScope, ...b.outOfScope],
  falseAbstain: a.falseAbstain + b.falseAbstain,
  declinedWithoutAnswer: a.declinedWithoutAnswer + b.declinedWithoutAnswer,
});

/** Area under the ROC curve of signal j: the chance a covered question scores above a not-covered one. */
function auc(pos: readonly number[][], neg: readonly number[][], j: number): string {
  if (!pos.length || !neg.length) return '-';
  let s = 0;
  for (const p of pos) for (const n of neg) s += p[j] > n[j] ? 1 : p[j] === n[j] ? 0.5 : 0;
  return (s / (pos.length * neg.length)).toFixed(2);
}

async function main(): Promise<void> {
  const dev = await policies(path.join(sharedDir, 'policies'), readJsonl<QaQuestion>(path.join(sharedDir, 'qa', 'dev.jsonl')));
  const external = await policies(path.join(externalDir, 'policies'), readJsonl<QaQuestion>(path.join(externalDir, 'questions.jsonl')));
  const rows: [string, Probe][] = dev.map((t) => [`dev ${t.policy} (leave-one-policy-out)`, probe(t, t.questions, fit(dev.filter((o) => o !== t)))]);
  const devAll = rows.map(([, r]) => r).reduce(sum);
  const ext = external.map((t) => probe(t, t.questions.filter((q, i) => q.answerable && i % 4 === 0), RANKER_MODEL)).reduce(sum);
  rows.push([`policyqa-dev, every fourth question of ${external.length} documents (shipped model)`, ext]);
  // The in-repo fitting sets: their ranking is fitted on, their abstention never (shipped model; figures only).
  const fitting = loadQaSets().filter((q) => q.role === 'fitting').flatMap((q) => q.questions);
  const held = (await policies(path.join(sharedDir, 'policies'), fitting)).map((t) => probe(t, t.questions, RANKER_MODEL)).reduce(sum);
  rows.push(['bench/questions sets (shipped model; abstention never fitted on them)', held]);
  console.log('| questions | false abstain as asked | declined when its answer is taken out |\n|---|---|---|');
  for (const [name, r] of rows) console.log(`| ${name} | ${pct(r.falseAbstain, r.asked.length)} | ${pct(r.declinedWithoutAnswer, r.asked.length)} |`);
  console.log('\n| signal | dev: as asked vs without its answer | dev: answerable vs out of scope | PolicyQA: as asked vs without its answer | bench/questions: as asked vs without its answer | bench/questions: answerable vs out of scope |\n|---|---|---|---|---|---|');
  SIGNAL_NAMES.forEach((name, j) => console.log(`| ${name} | ${auc(devAll.asked, devAll.removed, j)} | ${auc(devAll.asked, devAll.outOfScope, j)} | ${auc(ext.asked, ext.removed, j)} | ${auc(held.asked, held.removed, j)} | ${auc(held.asked, held.outOfScope, j)} |`));
}

await main();
