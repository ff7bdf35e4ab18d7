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
});
