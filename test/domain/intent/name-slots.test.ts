import assert from 'node:assert/strict';
import { findLossKind } from '../../../src/domain/intent/name-slots.js';

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
});
