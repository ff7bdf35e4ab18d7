/**
 * A message telling what happened, asking nothing, wants what to do about it: the passages saying
 * whom to report to carry the `report_step` signal, and only for such a message.
 */
import assert from 'node:assert/strict';
import { ingestPolicyText } from '../../../src/domain/policy/ingest.js';
import { buildPolicyIndex } from '../../../src/domain/policy/policy-index.js';
import { answerSignals } from '../../../src/domain/policy/answer.js';
import { isStatement } from '../../../src/domain/policy/passage-scoring.js';
import { RANK_FEATURES } from '../../../src/domain/policy/ranker.js';

const POLICY = `# Post

## 1 Letters

Letters to parents are checked by a second person before they are posted.

If a letter goes to the wrong address, notify the Data Protection Champion at once.
`;

const REPORT_STEP = RANK_FEATURES.indexOf('report_step');

describe('a message telling what happened', () => {
  it('when a message tells an event and asks nothing, then it is a statement; a question in any form is not', () => {
    assert.equal(isStatement('sent a letter to the wrong parents address'), true);
    assert.equal(isStatement('my school laptop got nicked from my house'), true);
    assert.equal(isStatement('sent a letter to the wrong address?'), false);
    assert.equal(isStatement('can i send letters by email'), false);
    assert.equal(isStatement('i sent a letter to the wrong address, what now'), false);
    assert.equal(isStatement(''), false);
  });

  const index = buildPolicyIndex([ingestPolicyText(POLICY, { name: 'post.md', format: 'md' })]);
  const signal = (question: string, re: RegExp) => answerSignals(index, question).ranked.find((s) => re.test(s.p.passage.text))!.x[REPORT_STEP];

  it('when a statement is ranked, then the clause saying whom to notify carries the signal and its neighbour does not', () => {
    assert.equal(signal('sent a letter to the wrong address', /notify/), 1);
    assert.equal(signal('sent a letter to the wrong address', /second person/), 0);
  });

  it('when the same words are asked as a question, then no clause carries it', () => {
    assert.equal(signal('who checks a letter to the wrong address?', /notify/), 0);
  });
});
