import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPolicyIndex } from '../../../src/adapters/policy-files/policy-index-loader.js';
import { PROJECT_ROOT } from '../../../src/config.js';
import { answerQuestion } from '../../../src/domain/policy/answer.js';
import type { PolicyIndex } from '../../../src/domain/policy/policy-index.js';
import { collapseWhitespace } from '../../../src/domain/policy/text.js';
import { answerWithTeaching, clauseOf, type TaughtAnswer } from '../../../src/domain/teaching/taught-answer.js';
import { requireShared, SHARED_DIR } from '../../support/shared-data.js';

interface QaLine {
  id: string;
  policy: string;
  question: string;
  answerable: boolean;
  evidence: string[];
}
interface Taught {
  id: string;
  taught: 'clause' | 'reply';
  paraphrases: string[];
  /** Questions of the sets that are the same question in other words, found when the paraphrases were written. */
  alsoAsked?: string[];
}

const jsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

// A handful of held-out questions the answering got wrong when this was written (two declined,
// two quoting the wrong clause, one out of scope but answered), each with rewordings written for
// this test. The owner teaches each the clause of its gold evidence, or a reply when the policy
// does not cover it. Every other question of the same policy, in the development set and the
// held-out set, must be answered exactly as before.
describe('teaching a handful of questions: their paraphrases are fixed and nothing else changes', function () {
  this.timeout(120_000);
  let questions: QaLine[];
  const taughtFixture = jsonl<Taught>(path.join(PROJECT_ROOT, 'test/fixtures/teaching/paraphrases.jsonl'));
  const indexes = new Map<string, PolicyIndex>();
  const taughtByPolicy = new Map<string, TaughtAnswer[]>();

  before(async function () {
    requireShared(this, 'qa/dev.jsonl');
    questions = [...jsonl<QaLine>(path.join(SHARED_DIR, 'qa/dev.jsonl')), ...jsonl<QaLine>(path.join(PROJECT_ROOT, 'bench/questions/trust-heldout.jsonl'))];
    for (const entry of taughtFixture) {
      const q = questions.find((x) => x.id === entry.id)!;
      let index = indexes.get(q.policy);
      if (!index) indexes.set(q.policy, (index = await loadPolicyIndex(path.join(SHARED_DIR, 'policies', q.policy))));
      const evidence = collapseWhitespace(q.evidence[0] ?? '');
      const passage = entry.taught === 'clause' ? index.passages.find((p) => collapseWhitespace(p.passage.text).includes(evidence)) : undefined;
      if (entry.taught === 'clause') assert.ok(passage, `${entry.id}: a passage holds its evidence`);
      const taught: TaughtAnswer = {
        id: `taught-${entry.id}`,
        trustId: q.policy,
        questions: [{ questionId: q.id, text: q.question }],
        kind: entry.taught,
        ...(passage ? { clause: clauseOf(passage) } : { reply: 'Ask the IT team to reset it for you.' }),
        taughtBy: 'megan-bowen',
        taughtAt: '2026-12-02T01:00:00.000Z',
        state: 'active',
      };
      taughtByPolicy.set(q.policy, [...(taughtByPolicy.get(q.policy) ?? []), taught]);
    }
  });

  const answer = (policy: string, question: string, taught: readonly TaughtAnswer[]) => {
    const index = indexes.get(policy)!;
    return answerWithTeaching(index, taught, question, answerQuestion(index, question));
  };

  it('when 5 questions are taught, then each of their 15 paraphrases is answered with what was taught', function () {
    const missed: string[] = [];
    for (const entry of taughtFixture) {
      const q = questions.find((x) => x.id === entry.id)!;
      const taught = taughtByPolicy.get(q.policy)!.find((t) => t.id === `taught-${entry.id}`)!;
      for (const text of [q.question, ...entry.paraphrases]) {
        const got = answer(q.policy, text, taughtByPolicy.get(q.policy)!);
        if (got.taught?.taught.id !== taught.id) missed.push(`${entry.id}: "${text}" got ${got.taught?.taught.id ?? 'the policy answer'}`);
        else if (taught.kind === 'clause') assert.deepEqual(got.answer.passages.map((p) => p.text), [taught.clause!.text]);
        else assert.equal(got.answer.answered, false);
      }
    }
    assert.deepEqual(missed, []);
  });

  it('when 5 questions are taught, then every other question of those policies gets exactly the answer it got before', function () {
    const taughtIds = new Set(taughtFixture.map((t) => t.id));
    const sameQuestion = new Map(taughtFixture.flatMap((t) => (t.alsoAsked ?? []).map((id) => [id, `taught-${t.id}`] as const)));
    let compared = 0;
    const changed: string[] = [];
    for (const q of questions) {
      if (!taughtByPolicy.has(q.policy) || taughtIds.has(q.id)) continue;
      const before = answer(q.policy, q.question, []);
      const after = answer(q.policy, q.question, taughtByPolicy.get(q.policy)!);
      // The same question asked in the sets' own words may take the taught answer, and only that one.
      if (after.taught && sameQuestion.get(q.id) === after.taught.taught.id) continue;
      compared++;
      try {
        assert.deepEqual(after, before);
      } catch {
        changed.push(`${q.id} "${q.question}" now gets ${after.taught?.taught.id}`);
      }
    }
    assert.deepEqual(changed, []);
    assert.ok(compared >= 60, `compared ${compared} questions`);
  });
});
