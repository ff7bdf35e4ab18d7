import assert from 'node:assert/strict';
import { recogniseRequestIntent, type RequestIntent } from '../../../src/domain/requests/intent.js';

describe('recogniseRequestIntent (typed requests vs policy questions)', function () {
  const starts: [string, RequestIntent][] = [
    ['I need Audacity installed', { kind: 'start', flow: 'software', prefill: { software: 'Audacity' } }],
    ['can I get Scratch on my laptop', { kind: 'start', flow: 'software', prefill: { software: 'Scratch' } }],
    ['Could you install GarageBand on the classroom Mac please?', { kind: 'start', flow: 'software', prefill: { software: 'GarageBand' } }],
    ['I need to install audacity for my lessons', { kind: 'start', flow: 'software', prefill: { software: 'Audacity' } }],
    ['I would like Microsoft Teams Premium installed.', { kind: 'start', flow: 'software', prefill: { software: 'Microsoft Teams Premium' } }],
    ["can my TA use my login while I'm off", { kind: 'start', flow: 'password_sharing', prefill: {} }],
    ['could the supply teacher log in with my account tomorrow?', { kind: 'start', flow: 'password_sharing', prefill: {} }],
    ['I need to share my password with our cover supervisor', { kind: 'start', flow: 'password_sharing', prefill: {} }],
    ['I want to use my own phone for email', { kind: 'start', flow: 'personal_device', prefill: { device: 'My phone' } }],
    ["I'd like to declare my iPad", { kind: 'start', flow: 'personal_device', prefill: { device: 'My iPad' } }],
    ['software request', { kind: 'start', flow: 'software', prefill: {} }],
    ['share a password', { kind: 'start', flow: 'password_sharing', prefill: {} }],
    ['Personal device', { kind: 'start', flow: 'personal_device', prefill: {} }],
    ['/my requests', { kind: 'list', list: 'my_requests' }],
    ['waiting for me', { kind: 'list', list: 'waiting_for_me' }],
    ['registers', { kind: 'registers' }],
    ['away until 2026-12-01 delegate to Isaiah Langer', { kind: 'delegate', until: '2026-12-01', toName: 'Isaiah Langer' }],
    ['away', { kind: 'delegate', until: undefined, toName: undefined }],
    ["I'm back", { kind: 'back' }],
  ];
  for (const [text, expected] of starts) {
    it(`when someone types "${text}", then it is recognised as ${expected.kind} ${'flow' in expected ? expected.flow : 'list' in expected ? expected.list : ''}`, function () {
      assert.deepEqual(recogniseRequestIntent(text), expected);
    });
  }

  const questions = [
    'can I install Audacity on my school laptop?',
    'how do I get Zoom installed on my classroom PC?',
    'what happens if I install software without asking',
    'can I share my password with my TA?',
    'can I use my dogs name as my password',
    'I want to read my work emails on my own phone, what do I have to do?',
    'can i use my own memory stick',
    'I need help on my laptop',
    'I need access to Arbor on my laptop',
    'lost my laptop what do i do',
    'whats the wifi password for the staff network',
    'hi, can you help me please?',
    'when is the next INSET day?',
    'report',
    'my request was about Audacity, is there any news on it and when will it be installed?',
  ];
  for (const text of questions) {
    it(`when someone types "${text}", then it is left to the policy answers`, function () {
      assert.equal(recogniseRequestIntent(text), undefined);
    });
  }
});
