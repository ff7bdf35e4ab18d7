import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LowdbStore } from '../../../src/adapters/storage/lowdb-store.js';
import { loadTrustFile } from '../../../src/adapters/trust-file/load-trust.js';
import { PROJECT_ROOT } from '../../../src/config.js';
import { ingestPolicyText } from '../../../src/domain/policy/ingest.js';
import { buildPolicyIndex, type PolicyIndex } from '../../../src/domain/policy/policy-index.js';
import type { PolicyAnswer } from '../../../src/domain/policy/policy-types.js';
import { QuestionActionError, QuestionService } from '../../../src/domain/questions/question-service.js';
import { readAudit } from '../../../src/domain/requests/audit.js';
import { STORE_INDEXES } from '../../../src/domain/store-indexes.js';
import type { TaughtAnswer } from '../../../src/domain/teaching/taught-answer.js';
import { TAUGHT_ANSWERS } from '../../../src/domain/teaching/teaching-indexes.js';
import { resolveClause, TeachingService } from '../../../src/domain/teaching/teaching-service.js';
import type { Trust } from '../../../src/domain/trust/trust.js';
import { FakeClock } from '../../support/fake-clock.js';

const notCovered: PolicyAnswer = { answered: false, passages: [], topic: 'other', handoffRole: 'it_manager', coverage: 0 };

describe('TeachingService', function () {
  let dir: string;
  let trust: Trust;
  let store: LowdbStore;
  let questions: QuestionService;
  let teaching: TeachingService;
  let policyText: string;
  let index: PolicyIndex;
  const person = (id: string) => trust.findById(id)!;
  const indexOf = (text: string) => buildPolicyIndex([ingestPolicyText(text, { name: 'policy.md', format: 'md' })]);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-teaching-'));
    trust = await loadTrustFile(path.join(PROJECT_ROOT, 'samples', 'trust.json'));
    const clock = new FakeClock(new Date('2026-01-05T09:00:00Z'));
    store = await LowdbStore.open(path.join(dir, 'data'), { indexes: STORE_INDEXES });
    questions = new QuestionService(store, trust, clock);
    teaching = new TeachingService(store, trust, clock, questions);
    policyText = await readFile(path.join(PROJECT_ROOT, 'samples', 'information-security-policy.md'), 'utf8');
    index = indexOf(policyText);
  });
  afterEach(async () => {
    await store.flush();
    await rm(dir, { recursive: true, force: true });
  });

  it('when two owners teach the same question at once, then one is taught and the other is refused', async function () {
    const q = await questions.record(person('alex-wilber'), 'can I charge my phone from the classroom PC?', notCovered);
    const results = await Promise.allSettled([
      teaching.teachClause(person('megan-bowen'), q.id, index, { reference: '4.4' }),
      teaching.teachReply(person('patti-fernandez'), q.id, 'Use the charger in the staff room.'),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(refused.reason instanceof QuestionActionError, String(refused.reason));
    assert.equal((await teaching.list('active')).length, 1);
  });

  it("when another trust's taught answer is in the same store, then it is neither listed nor usable here", async function () {
    const other: TaughtAnswer = {
      id: 'other-trust-answer',
      trustId: 'riverside-trust',
      questions: [{ questionId: 'q1', text: 'can I charge my phone?' }],
      kind: 'reply',
      reply: 'Yes.',
      taughtBy: 'someone',
      taughtAt: '2026-01-01T00:00:00.000Z',
      state: 'active',
    };
    await store.put(TAUGHT_ANSWERS, other.id, other, null);
    assert.deepEqual(await teaching.list('active'), []);
    await assert.rejects(teaching.get(other.id), (err: Error) => err instanceof QuestionActionError && err.reason === 'not-found');
    await assert.rejects(teaching.forget(person('megan-bowen'), other.id), (err: Error) => err instanceof QuestionActionError && err.reason === 'not-found');
  });

  it('when staff or a headteacher try to teach, then it is refused whatever the card data says', async function () {
    const q = await questions.record(person('alex-wilber'), 'can I charge my phone from the classroom PC?', notCovered);
    for (const who of ['alex-wilber', 'isaiah-langer']) {
      await assert.rejects(teaching.teachReply(person(who), q.id, 'Yes'), (err: Error) => err instanceof QuestionActionError && err.reason === 'not-for-you');
    }
    assert.equal((await questions.get(q.id)).taughtAs, undefined);
  });

  it('when a section number of several clauses is typed, then the clause most like the question is taken; an unknown number is refused', function () {
    assert.equal(resolveClause(index, 'can I install Audacity on my school laptop?', { reference: 'section 4' }).passage.clause, '4.2');
    assert.equal(resolveClause(index, 'anything', { reference: '3.4' }).passage.clause, '3.4');
    assert.throws(() => resolveClause(index, 'anything', { reference: '12.9' }), /no clause or section "12\.9"/);
    assert.throws(() => resolveClause(index, 'anything', { passageId: 'not-a-passage' }), /Pick one of the clauses/);
  });

  it('when the policy loses a taught clause, then it is dropped, audited as the system, and its question is back in the report; a moved clause is kept', async function () {
    const gone = await questions.record(person('alex-wilber'), 'can I rewire the printer?', notCovered);
    const moved = await questions.record(person('alex-wilber'), 'can I turn the antivirus off?', notCovered);
    const { taught: dropped } = await teaching.teachClause(person('megan-bowen'), gone.id, index, { reference: '4.5' });
    const { taught: kept } = await teaching.teachClause(person('megan-bowen'), moved.id, index, { reference: '4.1' });
    assert.deepEqual((await questions.report(person('megan-bowen'))).unanswered, []);

    const edited = policyText.replace('## 1 Introduction', '## 1 Read me\n\n1.0 Read this first.\n\n## 1 Introduction').replace(/^4\.5 .*$/m, '');
    const result = await teaching.reconcile(indexOf(edited));
    assert.equal(result.kept, 1);
    assert.deepEqual(result.dropped.map((t) => t.id), [dropped.id]);
    const now = await teaching.get(kept.id);
    assert.equal(now.state, 'active');
    assert.notEqual(now.clause!.sectionId, kept.clause!.sectionId, 'the moved clause is found in its new section');
    assert.equal((await teaching.get(dropped.id)).state, 'dropped');
    assert.deepEqual((await questions.report(person('megan-bowen'))).unanswered.map((q) => q.id), [gone.id]);
    assert.deepEqual((await readAudit(store, dropped.id)).map((e) => [e.action, e.actorId]), [['taught_answer.clause', 'megan-bowen'], ['taught_answer.dropped', 'system']]);
    // Nothing changes the second time.
    assert.deepEqual(await teaching.reconcile(indexOf(edited)), { kept: 1, dropped: [] });
  });
});
