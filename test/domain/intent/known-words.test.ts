import assert from 'node:assert/strict';
import { loadWordVectors } from '../../../src/adapters/policy-files/word-vectors.js';
import { expandShorthand } from '../../../src/domain/intent/field-lexicon.js';
import { KnownWords } from '../../../src/domain/intent/known-words.js';

// Real English word vectors (wink-embeddings, prepared by `npm run build`).
const vectors = loadWordVectors();
const CORPUS = [
  { intent: 'connect', slots: [], utterances: ['can I plug in a camera', 'I want to attach a printer'] },
  { intent: 'status', slots: [], utterances: ['any news on my request'] },
];

describe('known words', function () {
  this.timeout(30000);

  it('when a word is not in the examples but has their stem, then it is known to that intent only', () => {
    const known = new KnownWords(CORPUS, undefined, undefined);
    assert.equal(known.has('connect', 'attaching'), true);
    assert.equal(known.has('status', 'attaching'), false);
  });

  it('when a word is closest in meaning to a word one intent uses, then it is known to that intent and not to the others', function () {
    if (!vectors) this.skip();
    const known = new KnownWords(CORPUS, vectors, { similarity: 0.45, neighbours: 1 });
    assert.equal(known.has('connect', 'photocopier'), true, 'photocopier is nearest to a device word');
    assert.equal(known.has('status', 'photocopier'), false);
    assert.equal(known.has('status', 'update'), true, 'update is nearest to news');
  });

  it('when word vectors are missing or the word is too far from every example word, then only words and stems count', function () {
    assert.equal(new KnownWords(CORPUS, undefined, { similarity: 0.45, neighbours: 1 }).has('connect', 'photocopier'), false);
    if (!vectors) this.skip();
    assert.equal(new KnownWords(CORPUS, vectors, { similarity: 0.99, neighbours: 1 }).has('connect', 'photocopier'), false);
  });
});

describe('texting shorthand', () => {
  it('when a contraction is typed without its apostrophe, then the recogniser reads the contraction', () => {
    assert.equal(expandShorthand('actually dont worry, im sorted'), "actually don't worry, I'm sorted");
    assert.equal(expandShorthand('whats the rule'), "what's the rule");
  });
});
