import assert from 'node:assert/strict';
import { contentStems, stemWord, words } from '../../../src/domain/policy/text.js';

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

  it('when two words stem alike but mean different things, then they keep apart: "information" is not "inform", "personal" is not "person"', () => {
    assert.notEqual(stemWord('information'), stemWord('inform'));
    assert.equal(stemWord('informed'), stemWord('inform'));
    assert.notEqual(stemWord('personal'), stemWord('person'));
    assert.equal(stemWord('personally'), stemWord('personal'));
    assert.notEqual(stemWord('manager'), stemWord('management'));
  });
});
