import assert from 'node:assert/strict';
import { findDevice, findLossKind, findNamedSystem } from '../../../src/domain/intent/name-slots.js';
import { PeopleMatcher } from '../../../src/domain/intent/people-matcher.js';

describe('name slots', () => {
  it('when a device is said to be missing or gone, then neither lost nor stolen is guessed: the form asks', () => {
    assert.equal(findLossKind('my usb stick with the reports on has gone missing'), undefined);
    assert.equal(findLossKind('school iphone missing since lunch'), undefined);
  });

  it('when loss or theft is typed in shorthand ("cant find"), then it is read as the full words', () => {
    assert.equal(findLossKind('cant find my usb stick anywhere'), 'lost');
    assert.equal(findLossKind('someone nicked my phone'), 'stolen');
    assert.equal(findLossKind('my laptop is missing, think someone stole it'), 'stolen');
  });

  it('when a thing was taken by someone or from somewhere, then it was stolen; taking it oneself is not', () => {
    assert.equal(findLossKind("someone's taken my laptop from the staffroom"), 'stolen');
    assert.equal(findLossKind('my ipad was taken from my car'), 'stolen');
    assert.equal(findLossKind('i took my laptop home and now the charger is gone'), undefined);
    assert.equal(findLossKind("I've taken the laptop from the trolley"), undefined);
  });

  it('when the message doubts the loss or theft ("not sure if someone took it"), then neither is filled: the form asks', () => {
    assert.equal(findLossKind('my laptop is missing from the staffroom, not sure if someone took it'), undefined);
    assert.equal(findLossKind('my phone has gone, it might have been stolen'), undefined);
    assert.equal(findLossKind('could you help, my phone was stolen'), 'stolen');
  });

  const outside = new Set(['my', 'the', 'a', 'own', 'work', 'school']);
  const none = () => false;
  const device = (text: string, words = {}) => findDevice(text, outside, none, words)?.value;

  it('when an adjective that says how a device is comes before it ("his old MacBook"), then it is no part of the device; a noun that says what kind is', () => {
    const isAdjective = (w: string) => ['old', 'urgent', 'new'].includes(w);
    assert.equal(device('my husband passed his old MacBook on to me', { isAdjective }), 'MacBook');
    assert.equal(device('URGENT phone nicked at the bus stop', { isAdjective }), 'phone');
    assert.equal(device('my bluetooth speaker', { isAdjective }), 'bluetooth speaker');
    assert.equal(device('my old MacBook'), 'old MacBook');
  });

  it('when the known device is where a thing goes ("connect a Canon DSLR to the art department iMacs"), then the thing before is the device', () => {
    const isVerb = (w: string) => ['connect', 'hook', 'plug', 'be', 'load'].includes(w);
    assert.equal(device('can I connect a Canon DSLR to the art department iMacs', { isVerb }), 'Canon DSLR');
    assert.equal(device('can the dofe gps units be plugged into the library laptops to load the routes', { isVerb }), 'dofe gps units');
    assert.equal(device('can i plug my phone into the classroom pc', { isVerb }), 'phone');
    assert.equal(device('i want to take my laptop to the conference', { isVerb }), 'laptop');
  });

  it("when a trust's alias for a system carries its article (\"the MIS\"), then the system is named without it", () => {
    const found = findNamedSystem('I require read-only access to the MIS until 18/12', [{ name: 'Bromcom (MIS)', aliases: ['Bromcom', 'the MIS'] }]);
    assert.equal(found?.value, 'MIS');
  });

  it("when a colleague's name is typed with its possessive but no apostrophe (\"robs account\"), then it is still the name; a plural before a function word is not", () => {
    const people = new PeopleMatcher([
      { id: 'r', name: 'Robert Ashworth', aliases: ['Rob'] },
      { id: 's', name: 'Siobhan Gallagher', aliases: ['Shiv'] },
      { id: 'c', name: 'Catherine Moss', aliases: ['Cat'] },
    ]);
    const who = (text: string) => { const m = people.find(text); return m?.kind === 'one' ? m.person.name : undefined; };
    assert.equal(who('robs account is locked out and shiv cant reset it'), 'Robert Ashworth');
    assert.equal(who('the cats are in the hall'), undefined);
  });
});
