import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LowdbStore } from '../../../src/adapters/storage/lowdb-store.js';
import { loadTrustFile } from '../../../src/adapters/trust-file/load-trust.js';
import { PROJECT_ROOT } from '../../../src/config.js';
import type { PolicyAnswer } from '../../../src/domain/policy/policy-types.js';
import { QuestionActionError, QuestionService } from '../../../src/domain/questions/question-service.js';
import type { Trust } from '../../../src/domain/trust/trust.js';
import { FakeClock } from '../../support/fake-clock.js';

const notCovered: PolicyAnswer = { answered: false, passages: [], topic: 'other', handoffRole: 'it_manager', coverage: 0 };
const passage = (section: string, score: number) => ({ section, sectionTitle: section, text: `text of ${section}`, score, source: 'p.md', passageId: section });

describe('QuestionService', function () {
  let dir: string;
  let trust: Trust;
  let clock: FakeClock;
  let service: QuestionService;
  const person = (id: string) => trust.findById(id)!;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-questions-'));
    trust = await loadTrustFile(path.join(PROJECT_ROOT, 'samples', 'trust.json'));
    clock = new FakeClock(new Date('2026-01-05T09:00:00Z'));
    service = new QuestionService(await LowdbStore.open(path.join(dir, 'db.json')), trust, clock);
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  // Scores are the ranker's shares of the chance of holding the answer (see answer.ts).
  it('when an answer has weak runners-up, then only passages close to the best are kept for the card', async function () {
    const answer: PolicyAnswer = { ...notCovered, answered: true, passages: [passage('4.2', 0.5), passage('4.1', 0.3), passage('1.1', 0.15)] };
    const q = await service.record(person('alex-wilber'), 'can I install Audacity?', answer);
    assert.deepEqual(q.passages.map((p) => p.section), ['4.2', '4.1']);
  });

  it('when the asker is at a school, then contacts for a role come from that school first, never the asker', function () {
    assert.deepEqual(service.contactsFor(person('alex-wilber'), 'dpc').map((p) => p.id), ['patti-fernandez']);
    assert.deepEqual(service.contactsFor(person('megan-bowen'), 'it_manager'), []);
  });

  it('when nobody holds the role, then a hand-off is refused with a reason', async function () {
    const q = await service.record(person('megan-bowen'), 'who checks the IT manager?', notCovered);
    await assert.rejects(service.handOff(q.id, person('megan-bowen'), 'it_manager'), (err: Error) => err instanceof QuestionActionError && err.reason === 'no-one-to-ask');
  });

  it('when questions pass the retention period, then their words and replies are removed and the outcome kept', async function () {
    const old = await service.record(person('alex-wilber'), 'my private worry about a colleague', notCovered);
    await service.handOff(old.id, person('alex-wilber'), 'it_manager');
    await service.reply(old.id, person('megan-bowen'), 'a reply naming people');
    clock.set(new Date('2026-12-01T09:00:00Z'));
    const recent = await service.record(person('alex-wilber'), 'a recent question', notCovered);

    clock.set(new Date('2027-01-06T09:00:00Z'));
    assert.deepEqual(await service.purgeExpiredFreeText(), [old.id]);
    const purged = await service.get(old.id);
    assert.doesNotMatch(JSON.stringify(purged), /private worry|naming people/);
    assert.equal(purged.answered, false);
    assert.equal(purged.handoff?.toPersonId, 'megan-bowen');
    assert.equal((await service.get(recent.id)).text, 'a recent question');
    assert.deepEqual(await service.purgeExpiredFreeText(), [], 'a second purge finds nothing new');
  });
});
