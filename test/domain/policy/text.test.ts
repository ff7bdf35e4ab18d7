import assert from 'node:assert/strict';
import { contentStems, words } from '../../../src/domain/policy/text.js';

describe('words of policies and questions', () => {
  it('when "IT" is capitalised, then it is information technology, not the pronoun', () => {
    assert.deepEqual(words('Ask IT about it'), ['ask', 'ict', 'about', 'it']);
  });

  it('when a text says "in order to", then no "order" (as in shopping) is read into it', () => {
    assert.deepEqual(contentStems('access the account in order to continue the business'), contentStems('access the account to continue the business'));
    assert.ok(contentStems('I want to order a book').includes('order'));
  });

  it('when "home" stands alone, then it is a content word', () => {
    assert.ok(contentStems('printed at home').includes('home'));
  });
});
