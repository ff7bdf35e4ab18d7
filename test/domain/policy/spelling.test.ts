import assert from 'node:assert/strict';
import { mendTypos } from '../../../src/domain/policy/spelling.js';

/** A stand-in for a dictionary of the language (WordNet in the app): a short list is enough here. */
const LANGUAGE = new Set(['canvas', 'password', 'someone', 'stick', 'sticks', 'memory', 'change', 'often']);
const known = (w: string) => LANGUAGE.has(w);
const dictionary = new Set(['password', 'someone', 'change', 'receive', 'canvas', 'often']);

describe('mending typing slips', () => {
  const cases: [string, string][] = [
    ['how often do i change my pasword', 'how often do i change my password'],
    ['an email from somone i dont know', 'an email from someone i dont know'],
    ['did not recieve it', 'did not receive it'],
    ['Pasword reset?', 'password reset?'],
  ];
  for (const [typed, mended] of cases) {
    it(`when "${typed}" is asked, then it reads "${mended}"`, () => {
      assert.equal(mendTypos(typed, known, dictionary).toLowerCase(), mended.toLowerCase());
    });
  }

  it('when a word is real as it is, then it is left alone even next to a dictionary word', () => {
    assert.equal(mendTypos('my memory sticks', known, new Set(['memory', 'stick'])), 'my memory sticks');
  });

  it('when only a dropped or added last letter would make a word, then the word is left alone (a brand, not a slip)', () => {
    assert.equal(mendTypos('can I use canva', known, dictionary), 'can I use canva');
  });

  it('when a word is short or nothing is one slip away, then it is left alone', () => {
    assert.equal(mendTypos('is zoom ok on chatgpt', known, dictionary), 'is zoom ok on chatgpt');
  });
});
