import assert from 'node:assert/strict';
import { splitGluedHeading } from '../../../src/domain/policy/glued-heading.js';

describe('headings glued to their first sentence', () => {
  const cases: [string, string, string][] = [
    ['a question heading', 'How Do We Keep Your Records Safe? We store every record on servers in the UK.', 'How Do We Keep Your Records Safe?'],
    ['a title ended by a colon', 'Visitor Badges: Every visitor signs in at reception and wears a badge.', 'Visitor Badges'],
    ['a short title ended by a full stop', 'Photographs. Staff take photographs only on school cameras.', 'Photographs'],
    ['a title and a dash', 'Cloud Storage - Files are kept in the approved cloud service only.', 'Cloud Storage'],
    ['a run of capitals', 'WHO WE SHARE WITH We share records with the local authority when the law asks.', 'WHO WE SHARE WITH'],
    ['a title, then a sentence opened by a pronoun', 'Printing From Home You may print school work at home on your own printer.', 'Printing From Home'],
    ['a title, then a sentence opened by a preposition', 'School Trips In the event of an emergency the trip leader phones the school.', 'School Trips'],
    ['a lettered sub-heading', 'B. Exam Papers. We keep exam papers locked until the exam starts.', 'B. Exam Papers'],
  ];
  for (const [what, text, heading] of cases) {
    it(`when a paragraph starts with ${what}, then the heading is split from the sentence`, () => {
      const split = splitGluedHeading(text);
      assert.ok(split, text);
      assert.equal(split.heading, heading);
      assert.equal(`${text.slice(0, heading.length)} ${split.rest}`.replace(/[?:.\-\s]+/g, ' '), text.replace(/[?:.\-\s]+/g, ' '));
    });
  }

  const sentences = [
    'The Trust allows staff to take exercise books home for marking.',
    'Personal Data must be kept accurate and up to date.',
    'Trust Data Managers and School Office Managers will keep a list of users.',
    'UK GDPR requires schools to keep records of processing.',
    'Please note: staff must report losses the same day.',
    'Mobile phones - do not lend your phone to a pupil.',
    'Our systems may be monitored for security reasons at any time.',
    'U.S. Servers are not used for pupil records at all.',
  ];
  for (const text of sentences) {
    it(`when a paragraph starts with an ordinary sentence ("${text.slice(0, 30)}..."), then nothing is split`, () => {
      assert.equal(splitGluedHeading(text), undefined);
    });
  }
});

describe('headings glued to their first sentence, more shapes', () => {
  it('when a title is followed by a sentence opened by a conjunction ("Locked Accounts After five..."), then the title is split off', () => {
    assert.equal(splitGluedHeading('Locked Accounts After five failed attempts an account is locked.')?.heading, 'Locked Accounts');
  });

  it('when a numbered clause opens with one title word and a sentence ("Purpose This policy..."), then the word is the heading only after a clause number', () => {
    assert.deepEqual(splitGluedHeading('Purpose This policy explains how staff keep information safe.', true), { heading: 'Purpose', rest: 'This policy explains how staff keep information safe.' });
    assert.equal(splitGluedHeading('Purpose This policy explains how staff keep information safe.'), undefined);
    assert.equal(splitGluedHeading('Microsoft Teams is used for all staff meetings and calls.', true), undefined);
    assert.equal(splitGluedHeading('The Trust monitors all emails passing through its systems.', true), undefined);
  });

  it('when a line is fields after a name ("IT Service Desk - 01632 960000 - itdesk@example.org"), then nothing is split: the fields are no sentence', () => {
    assert.equal(splitGluedHeading('IT Service Desk - 01632 960000 - itdesk@example.org'), undefined);
  });
});
