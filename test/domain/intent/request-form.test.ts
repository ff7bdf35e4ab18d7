import assert from 'node:assert/strict';
import { formFeatures } from '../../../src/domain/intent/request-form.js';
import { clausesOf } from '../../../src/domain/intent/message-clauses.js';

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
});
