/**
 * Structure recovery on layouts the trusts' own policies do not have: several policies numbered
 * from 1 each, nested markdown lists, bold headings, appendices, tables, headings glued to their
 * first sentence. Small fixtures written for these tests, then every document in ../shared.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ingestPolicyText } from '../../../src/domain/policy/ingest.js';
import { outlineOf, summariseOutline } from '../../../src/domain/policy/outline.js';
import type { PolicyDocument } from '../../../src/domain/policy/policy-types.js';
import { requireShared } from '../../support/shared-data.js';

const md = (text: string): PolicyDocument => ingestPolicyText(text, { name: 'fixture.md', format: 'md' });
const txt = (text: string): PolicyDocument => ingestPolicyText(text, { name: 'fixture.txt', format: 'txt' });
const titles = (doc: PolicyDocument): string[] => outlineOf(doc).map((e) => e.title);

const TWO_POLICIES = `(Photography Policy)

1. **Scope**
   1. This policy covers photographs of pupils taken by staff on school trips.
   2. It applies to every member of staff, including volunteers:
      1. on school premises;
      2. on trips and visits.
2. **Consent**
   1. Parents give consent once a year on the data collection sheet.

(Printing Policy)

1. **About this policy**
   1. Printing costs money, so staff print only what lessons need.
2. **Colour printing**
   1. Colour printing needs a reason, such as a display.
`;

describe('structure recovery', () => {
  it('when a markdown document holds two policies each numbered from 1, then both keep their sections and clause numbers', () => {
    const doc = md(TWO_POLICIES);
    assert.deepEqual(doc.sections.filter((s) => s.number).map((s) => `${s.number} ${s.title}`), ['1 Scope', '2 Consent', '1 About this policy', '2 Colour printing']);
    assert.deepEqual(titles(doc).filter((t) => /^\d/.test(t)), ['1.1 Scope', '1.2 Scope', '2.1 Consent', '1.1 About this policy', '2.1 Colour printing']);
    const scope = doc.sections.find((s) => s.title === 'Scope')!;
    assert.deepEqual(scope.passages.map((p) => p.clause), ['1.1', '1.2', '1.2', '1.2']);
    assert.deepEqual(scope.passages.slice(2).map((p) => [p.leadIn, p.text]), [
      ['It applies to every member of staff, including volunteers:', 'on school premises;'],
      ['It applies to every member of staff, including volunteers:', 'on trips and visits.'],
    ]);
  });

  it('when a file names each of its policies on a line of its own, then every section knows which policy it belongs to', () => {
    const doc = md(TWO_POLICIES);
    assert.deepEqual(
      doc.sections.filter((s) => s.number).map((s) => [s.title, s.part]),
      [
        ['Scope', 'Photography Policy'],
        ['Consent', 'Photography Policy'],
        ['About this policy', 'Printing Policy'],
        ['Colour printing', 'Printing Policy'],
      ],
    );
    assert.ok(!doc.sections.some((s) => s.passages.some((p) => /Policy\)/.test(p.text))), 'the names are not passages');
  });

  it('when a second "About this policy" starts a policy the file does not name, then its sections belong to no named policy', () => {
    const doc = md('(IT Policy)\n\n1. **About this policy**\n   1. Our systems are for work.\n2. **Email**\n   1. Keep a professional tone.\n3. **About this policy**\n   1. This policy covers social media.\n4. **Personal use**\n   1. Occasional personal use of social media is permitted.\n');
    assert.deepEqual(doc.sections.map((s) => s.part ?? null), ['IT Policy', 'IT Policy', null, null]);
  });

  it('when a list follows a long paragraph and a converter left empty "*" items, then each item is led in by the sentences that open the list', () => {
    const doc = md(
      '1. **Scope**\n   1. The DPO oversees this policy. That post is held by the bursar.\n\n' +
        'Please contact the DPO with any questions about the operation of this policy or the law, or if you have any concerns that this policy is not being or has not been followed by anyone in the school. In particular, you must always contact the DPO in the following circumstances:\n\n' +
        '*\n  *\n    1. if you are unsure of the lawful basis;\n    2. if there has been a breach.\n',
    );
    const items = doc.sections[0].passages.filter((p) => p.leadIn);
    assert.deepEqual(
      items.map((p) => [p.leadIn, p.text]),
      [
        ['In particular, you must always contact the DPO in the following circumstances:', 'if you are unsure of the lawful basis;'],
        ['In particular, you must always contact the DPO in the following circumstances:', 'if there has been a breach.'],
      ],
    );
    assert.ok(!doc.sections[0].passages.some((p) => /\*/.test(p.text)), 'no stray list markers in the text');
  });

  it('when a numbered list of the parts opens the document, then only the parts themselves become sections', () => {
    const doc = txt('Staff Handbook\n\n1. Phones\n\n2. Printers\n\n1. Phones\n\nStaff keep phones on silent in lessons.\n\n2. Printers\n\nStaff collect printing the same day.\n');
    assert.deepEqual(titles(doc).filter((t) => /^\d/.test(t)), ['1 Phones', '2 Printers']);
    assert.deepEqual(doc.sections.filter((s) => s.number).map((s) => s.passages[0].text), ['Staff keep phones on silent in lessons.', 'Staff collect printing the same day.']);
  });

  it('when an appendix follows the last numbered section, then it is a part of its own and not cited as that section', () => {
    const doc = txt('1. Scope\n\nThis policy applies to all staff.\n\n2. Linked Policies\n\nRead it with the safeguarding policy.\n\nAppendix A Staff Information Sheet\n\nYour login is your email address and you choose your password on the first day.\n\nWho To Call\n\nRing the office for help with printing.\n');
    const outline = outlineOf(doc);
    const sheet = outline.find((e) => /your login is/i.test(e.text))!;
    assert.equal(sheet.title, 'Appendix A Staff Information Sheet');
    const call = outline.find((e) => /printing/.test(e.text))!;
    assert.doesNotMatch(call.title, /section 2|Linked/);
  });

  it('when a markdown table is in a policy, then each row is a passage that names its columns', () => {
    const doc = md('## 1 Retention\n\nHow long records are kept:\n\n| Record | Kept for |\n|---|---|\n| Exam scripts | Until results day |\n| Visitor book | Two years |\n');
    const rows = doc.sections[0].passages.filter((p) => /Record/.test(p.text));
    assert.deepEqual(rows.map((p) => p.text), ['Record: Exam scripts; Kept for: Until results day', 'Record: Visitor book; Kept for: Two years']);
    assert.equal(rows[0].leadIn, 'How long records are kept:');
  });

  it('when headings are glued to the first sentence of their paragraph, then they become section titles and the text stays whole', () => {
    const doc = txt('Example School Privacy Notice\n\nThis notice explains what we keep about you and why we keep it.\n\nWhat Do We Collect? We collect your name, address and emergency contacts.\n\nWho We Share With We share records with the local authority when the law says we must.\n\n1. Keeping Records Safe We store records on school servers and back them up every night.\n');
    assert.deepEqual(titles(doc).slice(-3), ['What Do We Collect?', 'Who We Share With', '1 Keeping Records Safe']);
    const last = outlineOf(doc).at(-1)!;
    assert.equal(last.text, 'We store records on school servers and back them up every night.');
  });

  it('when every shared policy and external document is ingested, then each has titled sections and no one section swallows a long document', function () {
    const dirs = [
      requireShared(this, 'policies'),
      path.join(requireShared(this, 'policies'), 'extra'),
      requireShared(this, 'qa/external/policyqa-dev/policies'),
    ];
    const files = dirs.flatMap((d) => readdirSync(d).filter((f) => /\.(txt|md)$/.test(f) && f !== 'SOURCES.md').map((f) => path.join(d, f)));
    assert.ok(files.length >= 20, `${files.length} documents`);
    const giant: string[] = [];
    for (const file of files) {
      const doc = ingestPolicyText(readFileSync(file, 'utf8'), { name: path.basename(file), format: file.endsWith('.md') ? 'md' : 'txt' });
      const summary = summariseOutline([doc]);
      assert.ok(summary.sections >= 2 && summary.firstTitles.length > 0, `${path.basename(file)}: ${summary.sections} sections, titles ${summary.firstTitles}`);
      assert.ok(!summary.warnings.some((w) => w.problem === 'many-tiny-sections' || w.problem === 'no-titles'), `${path.basename(file)}: ${summary.warnings.map((w) => w.message)}`);
      if (summary.warnings.some((w) => w.problem === 'one-giant-section')) giant.push(path.basename(file));
    }
    // Documents whose headings are written as ordinary first sentences can still read as one section.
    assert.ok(giant.length <= 1, `one giant section in ${giant.join(', ')}`);
  });

  it('when the staff handbook (three policies in one numbering) is ingested, then its definitions, data protection and IT parts are all sections', function () {
    const file = requireShared(this, 'policies/extra/staff-handbook-it-data-social.md');
    const doc = ingestPolicyText(readFileSync(file, 'utf8'), { name: 'handbook.md', format: 'md' });
    const outline = outlineOf(doc);
    const words = (t: string) => t.split(/\s+/).length;
    const total = outline.reduce((n, e) => n + words(e.text), 0);
    assert.ok(outline.length >= 30, `${outline.length} sections`);
    assert.ok(Math.max(...outline.map((e) => words(e.text))) < 0.2 * total, 'no section holds a fifth of the text');
    assert.ok(outline.filter((e) => /^1 /.test(e.title)).length >= 3, 'numbering restarts are kept');
    assert.ok(!outline.some((e) => /\\\[|\[_/.test(e.text)), 'markdown escapes are read');
  });
});
