/**
 * The best single sentence's coverage of a question: a clause that says what is asked in one
 * sentence is told apart from a neighbour whose sentences each hold a word of the question.
 */
import assert from 'node:assert/strict';
import { ingestPolicyText } from '../../../src/domain/policy/ingest.js';
import { buildPolicyIndex } from '../../../src/domain/policy/policy-index.js';
import { answerSignals } from '../../../src/domain/policy/answer.js';
import { RANK_FEATURES } from '../../../src/domain/policy/ranker.js';
import { RANKER_MODEL } from '../../../src/domain/policy/ranker-model.js';

const POLICY = `# Office

## 1 Printing

Photocopiers are in the staff room and must be switched off at night. Waste goes in the bin by the door. Spoiled sheets are collected on Fridays.

Spoiled photocopies must not go in the bin: shred them.

## 2 Visitors

Visitors sign in at reception.
`;

const SENTENCE = RANK_FEATURES.indexOf('sentence');
const byText = (ranked: ReturnType<typeof answerSignals>['ranked'], re: RegExp) => ranked.find((s) => re.test(s.p.passage.text))!;

describe('sentence coverage', () => {
  const index = buildPolicyIndex([ingestPolicyText(POLICY, { name: 'office.md', format: 'md' })]);
  const { ranked } = answerSignals(index, 'can spoiled photocopies go in the bin');
  const spread = byText(ranked, /staff room/);
  const one = byText(ranked, /shred them/);

  it('when one sentence holds every word of the question, then its passage scores the whole of its coverage', () => {
    assert.equal(one.x[SENTENCE], one.coverage);
    assert.ok(one.x[SENTENCE] > 0.9, `${one.x[SENTENCE]}`);
  });

  it('when the question\'s words are spread over a passage\'s sentences, then it scores less than its coverage and less than the one-sentence clause', () => {
    assert.ok(spread.coverage > 0.9, `coverage ${spread.coverage}`);
    assert.ok(spread.x[SENTENCE] < spread.coverage - 0.2, `sentence ${spread.x[SENTENCE]} coverage ${spread.coverage}`);
    assert.ok(spread.x[SENTENCE] < one.x[SENTENCE]);
  });

  it('when a passage matches none of the question, then it is no candidate and carries no sentence score', () => {
    assert.equal(ranked.find((s) => /reception/.test(s.p.passage.text)), undefined);
  });

  it('when the shipped ranker weighs the signal, then a sentence saying it all counts for the clause', () => {
    assert.ok(RANKER_MODEL.rank.weights[SENTENCE] > 0, `weight ${RANKER_MODEL.rank.weights[SENTENCE]}`);
  });
});
