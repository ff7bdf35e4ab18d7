import assert from 'node:assert/strict';
import path from 'node:path';
import { LABELLED_SETS, readIntentCorpus, readLabelledMessages } from '../../../src/adapters/intent/intent-files.js';
import { PROJECT_ROOT } from '../../../src/config.js';
import { featuresOf } from '../../../src/domain/intent/intent-classifier.js';
import { examplesOf, withMessages } from '../../../src/domain/intent/training-corpus.js';

const CORPUS = [
  { intent: 'thanks', slots: [], utterances: ['thanks', 'cheers'] },
  { intent: 'lost', slots: [], utterances: ['I lost my [laptop](device)'] },
];

describe('training corpus with labelled messages', () => {
  it('when labelled messages are added, then each joins its own intent\'s examples and the hand-written utterances stay as they were', () => {
    const corpus = withMessages(CORPUS, [
      { intent: 'thanks', text: 'ta very much' },
      { intent: 'lost', text: 'left my phone on the bus' },
    ]);
    assert.deepEqual(examplesOf(corpus[0]), ['thanks', 'cheers', 'ta very much']);
    assert.deepEqual(corpus[1].utterances, ['I lost my [laptop](device)'], 'the form network and the slot contexts read the utterances alone');
    assert.deepEqual(CORPUS[0].utterances, ['thanks', 'cheers'], 'the corpus given is not changed');
  });

  it('when a labelled message names an intent the corpus does not know, then it is an error, not a new intent', () => {
    assert.throws(() => withMessages(CORPUS, [{ intent: 'thankz', text: 'ta' }]), /thankz/);
  });

  it('when the corpus is read, then it learns every labelled set\'s messages but never the held-out fixture; fewer sets, to measure on the rest', () => {
    assert.ok(!LABELLED_SETS.includes(path.join(PROJECT_ROOT, 'test', 'fixtures', 'intents', 'heldout.jsonl')));
    assert.equal(readIntentCorpus().flatMap((e) => e.messages ?? []).length, LABELLED_SETS.flatMap(readLabelledMessages).length);
    assert.equal(readIntentCorpus([]).flatMap((e) => e.messages ?? []).length, 0);
  });

  it('when a message is long, then its features still have length 1: a long message is not scored down for its length', () => {
    for (const text of ['thanks', 'I am so sorry to bother you again but I left my laptop on the train this morning on the way in']) {
      const squares = Object.values(featuresOf(text)).reduce((sum, v) => sum + v * v, 0);
      assert.ok(Math.abs(squares - 1) < 1e-9, text);
    }
  });
});
