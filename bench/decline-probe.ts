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
 * leave-one-policy-out); PolicyQA's (every fourth) with the shipped model, whose abstention never
 * saw them. Figures are recorded in bench/results.md by hand.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadPolicies } from '../src/adapters/policy-files/policy-file-loader.js';
import { loadWordNetSynonyms } from '../src/adapters/policy-files/wordnet-synonyms.js';
import { loadWordVectors } from '../src/adapters/policy-files/word-vectors.js';
import { answerQuestion } from '../src/domain/policy/answer.js';
import { holdsEvidence } from '../src/domain/policy/evidence.js';
import { buildPolicyIndex, type PolicyIndexResources } from '../src/domain/policy/policy-index.js';
import type { PolicyDocument } from '../src/domain/policy/policy-types.js';
import type { RankerModel } from '../src/domain/policy/ranker.js';
import { RANKER_MODEL } from '../src/domain/policy/ranker-model.js';
import { fit, type TrainingPolicy } from '../src/domain/policy/ranker-training.js';
import { readJsonl, sharedDir, type QaQuestion } from './qa-run.js';

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
  for (const f of readdirSync(dir).filter((n) => questions.some((q) => q.policy === n)).sort()) {
    const docs = await loadPolicies(path.join(dir, f));
    out.push({ policy: f, docs, index: buildPolicyIndex(docs, resources), questions: questions.filter((q) => q.policy === f) });
  }
  return out;
}

/** The documents with every passage holding the evidence taken out. */
function withoutAnswer(docs: readonly PolicyDocument[], evidence: readonly string[]): PolicyDocument[] {
  return docs.map((d) => ({ ...d, sections: d.sections.map((s) => ({ ...s, passages: s.passages.filter((p) => !holdsEvidence(p.text, evidence)) })) }));
}

interface Probe {
  asked: number;
  falseAbstain: number;
  declinedWithoutAnswer: number;
}

function probe(t: ProbePolicy, questions: readonly QaQuestion[], model: RankerModel): Probe {
  const r: Probe = { asked: 0, falseAbstain: 0, declinedWithoutAnswer: 0 };
  for (const q of questions.filter((x) => x.answerable)) {
    r.asked++;
    if (!answerQuestion(t.index, q.question, model).answered) r.falseAbstain++;
    if (!answerQuestion(buildPolicyIndex(withoutAnswer(t.docs, q.evidence), resources), q.question, model).answered) r.declinedWithoutAnswer++;
  }
  return r;
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}% (${n}/${d})`;
const sum = (a: Probe, b: Probe): Probe => ({ asked: a.asked + b.asked, falseAbstain: a.falseAbstain + b.falseAbstain, declinedWithoutAnswer: a.declinedWithoutAnswer + b.declinedWithoutAnswer });

async function main(): Promise<void> {
  const dev = await policies(path.join(sharedDir, 'policies'), readJsonl<QaQuestion>(path.join(sharedDir, 'qa', 'dev.jsonl')));
  const external = await policies(path.join(externalDir, 'policies'), readJsonl<QaQuestion>(path.join(externalDir, 'questions.jsonl')));
  const rows: [string, Probe][] = dev.map((t) => [`dev ${t.policy} (leave-one-policy-out)`, probe(t, t.questions, fit(dev.filter((o) => o !== t)))]);
  rows.push([`policyqa-dev, every fourth question of ${external.length} documents (shipped model)`, external.map((t) => probe(t, t.questions.filter((_, i) => i % 4 === 0), RANKER_MODEL)).reduce(sum)]);
  console.log('| questions | false abstain as asked | declined when its answer is taken out |\n|---|---|---|');
  for (const [name, r] of rows) console.log(`| ${name} | ${pct(r.falseAbstain, r.asked)} | ${pct(r.declinedWithoutAnswer, r.asked)} |`);
}

await main();
