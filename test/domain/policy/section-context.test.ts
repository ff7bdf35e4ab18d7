/**
 * A passage read with its section: a short clause that does not repeat what its section is about
 * still matches a question about that, and the fitted ranker weighs it.
 */
import assert from 'node:assert/strict';
import { ingestPolicyText } from '../../../src/domain/policy/ingest.js';
import { buildPolicyIndex } from '../../../src/domain/policy/policy-index.js';
import { answerQuestion, answerSignals } from '../../../src/domain/policy/answer.js';
import { RANK_FEATURES } from '../../../src/domain/policy/ranker.js';

const POLICY = `# Staff conduct

## 1 Social media

Occasional personal use of social media during working hours is permitted.

You must not post about pupils or parents on social media.

Any misuse should be reported to the head of HR.

## 2 Email

Keep a professional tone in every email.

Report misuse of the email system to the IT manager.
`;

const SECTION = RANK_FEATURES.indexOf('section_text');

describe('section context', () => {
  const index = buildPolicyIndex([ingestPolicyText(POLICY, { name: 'conduct.md', format: 'md' })]);
  const question = 'who do i report social media misuse to';

  it('when a clause does not name what its section is about, then it carries its section\'s match with the question', () => {
    const { ranked } = answerSignals(index, question);
    const hr = ranked.find((s) => /head of HR/.test(s.p.passage.text))!;
    const it = ranked.find((s) => /IT manager/.test(s.p.passage.text))!;
    assert.equal(hr.x[SECTION], 1);
    assert.ok(it.x[SECTION] < 0.5, `email section ${it.x[SECTION]}`);
  });

  it('when asked about misuse on social media, then the social media section\'s reporting clause comes first, not the email one', () => {
    const a = answerQuestion(index, question);
    assert.match(a.passages[0].text, /head of HR/, a.passages.map((p) => p.text).join(' | '));
  });

  it('when a file holds several policies, then a section is titled with the policy it belongs to as well as its own title', () => {
    const doc = ingestPolicyText('(IT Policy)\n\n1. **About this policy**\n   1. Our systems are for work.\n\n(Printing Policy)\n\n1. **About this policy**\n   1. Print only what lessons need.\n', { name: 'handbook.md', format: 'md' });
    const passages = buildPolicyIndex([doc]).passages;
    const printing = passages.find((p) => /Print only/.test(p.passage.text))!;
    const it = passages.find((p) => /for work/.test(p.passage.text))!;
    assert.ok(printing.titleGrams.has('print'), [...printing.titleGrams].join(','));
    assert.ok(!it.titleGrams.has('print'));
  });
});

describe('list items read with their lead-in', () => {
  it('when a list item says nothing of whom to contact but its lead-in does, then it gives the kind of answer "who do i tell" asks for', () => {
    const doc = ingestPolicyText('## 1 Scope\n\nIn particular, you must always contact the data protection officer in the following circumstances:\n\n- if there has been a breach;\n- if you are unsure how long to keep records.\n', { name: 'p.md', format: 'md' });
    const { ranked } = answerSignals(buildPolicyIndex([doc]), 'who do i tell if there has been a breach');
    const item = ranked.find((s) => s.p.passage.text === 'if there has been a breach;')!;
    assert.equal(item.p.passage.leadIn, 'In particular, you must always contact the data protection officer in the following circumstances:');
    assert.equal(item.x[RANK_FEATURES.indexOf('answer_type')], 1);
  });
});
