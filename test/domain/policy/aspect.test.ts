/**
 * What a question asks of its subject, read from its form, and what a clause can answer, read from
 * its structure; and a clause's topic, without what it names only as an example.
 */
import assert from 'node:assert/strict';
import { ingestPolicyText } from '../../../src/domain/policy/ingest.js';
import { buildPolicyIndex, type IndexedPassage } from '../../../src/domain/policy/policy-index.js';
import { answerQuestion } from '../../../src/domain/policy/answer.js';
import { answersAspect, askedAspect, aspectsOf, topicGrams, withoutAsides } from '../../../src/domain/policy/aspect.js';

const POLICY = `# Site security

## 1 CCTV

CCTV cameras are used around the school site to keep pupils and staff safe.

CCTV footage is kept for 30 days and then deleted.

## 2 Equipment

Staff may take school laptops home for marking and must keep them in a locked place.

Lost equipment must be reported immediately to the IT manager.

Personal devices (such as phones or tablets) may connect to the guest wifi only.
`;

describe('aspect: what a question asks for', () => {
  const cases: [string, string | undefined][] = [
    ['how long do we keep cctv footage', 'duration'],
    ['how long do i have to report a lost laptop', 'deadline'],
    ['how soon must i tell someone', 'deadline'],
    ['when should i change my password', 'time'],
    ['how often should i change my password', 'frequency'],
    ['how many characters does a password need', 'quantity'],
    ['who do i report a lost badge to', 'person'],
    ['lost my badge, who do i tell', 'person'],
    ['i need to report a phishing email, who should i send it to', 'person'],
    ['what happens if i share my login', 'consequence'],
    ['where do i save pupil photos', 'place'],
    ['how do i get a new laptop', 'procedure'],
    ['why cant i use a usb stick', 'reason'],
    ['can i use my own laptop at home for marking', 'permission'],
    ['is it ok to email reports home', 'permission'],
    ['cctv footage retention', undefined],
  ];
  for (const [question, aspect] of cases) {
    it(`when asked "${question}", then it asks for ${aspect ?? 'no particular kind of answer'}`, () => {
      assert.equal(askedAspect(question), aspect);
    });
  }

  it('when "when" opens a clause that sets the scene ("when I\'m at home"), then it is not a question of time', () => {
    assert.equal(askedAspect('when im working at home can i use my own printer'), 'permission');
  });
});

describe('aspect: what a clause can answer', () => {
  const index = buildPolicyIndex([ingestPolicyText(POLICY, { name: 'site.md', format: 'md' })]);
  const passage = (re: RegExp): IndexedPassage => index.passages.find((p) => re.test(p.passage.text))!;

  it('when a clause states a period ("kept for 30 days"), then it answers how long, and one that only says cameras are used does not', () => {
    assert.ok(answersAspect(passage(/30 days/), 'duration', index));
    assert.ok(!answersAspect(passage(/cameras are used/), 'duration', index));
  });

  it('when a clause says to report at once to a named role, then it answers who, by when and what to do', () => {
    const lost = aspectsOf(passage(/Lost equipment/), index);
    for (const a of ['person', 'deadline', 'procedure'] as const) assert.ok(lost.has(a), [...lost].join(','));
    assert.ok(!aspectsOf(passage(/cameras are used/), index).has('person'));
  });

  it('when a clause says "may" or "must", then it answers whether something is allowed; a clause with no rule does not', () => {
    assert.ok(answersAspect(passage(/school laptops home/), 'permission', index));
    assert.ok(!answersAspect(passage(/cameras are used/), 'permission', index));
  });

  it('when a clause names the staff it binds but nobody to turn to, then it answers no "who" question', () => {
    const doc = ingestPolicyText('## 1 Rules\n\nStaff must lock their screens when they leave the room.\n', { name: 'r.md', format: 'md' });
    const i = buildPolicyIndex([doc]);
    assert.ok(!answersAspect(i.passages[0], 'person', i));
  });
});

describe('aspect: a clause\'s topic', () => {
  const index = buildPolicyIndex([ingestPolicyText(POLICY, { name: 'site.md', format: 'md' })]);

  it('when a clause names something only as an example or in brackets, then it is not the clause\'s topic', () => {
    assert.equal(withoutAsides('Personal devices (such as phones or tablets) may connect.').includes('phones'), false);
    assert.equal(withoutAsides('Data includes names, photos and CCTV images. Keep it safe.').includes('CCTV'), false);
    const personal = index.passages.find((p) => /Personal devices/.test(p.passage.text))!;
    assert.ok(topicGrams(personal).has('devic'));
    assert.ok(!topicGrams(personal).has('tablet'));
  });

});

describe('aspect: declining a question whose point the policy does not state', () => {
  const NO_PERIOD = `# Site security

## 1 CCTV

CCTV cameras are used around the school site to keep pupils and staff safe, as the Data Protection Act 2018 allows.

Only the site manager may view CCTV footage.
`;

  it('when the policy speaks of CCTV but states no period (only a year), then "how long do we keep cctv footage" is declined', () => {
    const a = answerQuestion(buildPolicyIndex([ingestPolicyText(NO_PERIOD, { name: 'cctv.md', format: 'md' })]), 'how long do we keep cctv footage');
    assert.equal(a.answered, false, a.passages.map((p) => p.text).join(' | '));
  });

  it('when a clause on the subject states the period, then the same question is answered with it', () => {
    const a = answerQuestion(buildPolicyIndex([ingestPolicyText(POLICY, { name: 'site.md', format: 'md' })]), 'how long do we keep cctv footage');
    assert.equal(a.answered, true);
    assert.match(a.passages[0].text, /30 days/);
  });

  it('when asked how long one has to report a loss, then a clause saying "immediately" answers it', () => {
    const a = answerQuestion(buildPolicyIndex([ingestPolicyText(POLICY, { name: 'site.md', format: 'md' })]), 'how long do i have to report lost equipment');
    assert.equal(a.answered, true);
    assert.ok(a.passages.slice(0, 3).some((p) => /immediately/.test(p.text)));
  });
});
