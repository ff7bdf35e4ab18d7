/**
 * Structure recovery on layouts real policies use, each in small documents written for these tests
 * (test/fixtures/policy-layouts): decimal numbering two to four levels deep under capitalised
 * headings, Markdown bold lead-ins under # headings, annexes with steps and contact lists, and a
 * title/version/approval block at the top.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ingestPolicyText } from '../../../src/domain/policy/ingest.js';
import { outlineOf, summariseOutline, type OutlineEntry } from '../../../src/domain/policy/outline.js';
import type { PolicyDocument } from '../../../src/domain/policy/policy-types.js';
import { projectRoot } from './policy-fixtures.js';

const layout = (file: string): PolicyDocument => {
  const text = readFileSync(path.join(projectRoot, 'test', 'fixtures', 'policy-layouts', file), 'utf8');
  return ingestPolicyText(text, { name: file, format: file.endsWith('.md') ? 'md' : 'txt' });
};
const outline = (file: string): OutlineEntry[] => outlineOf(layout(file));
const entry = (entries: OutlineEntry[], title: string): OutlineEntry => {
  const found = entries.find((e) => e.title === title);
  assert.ok(found, `"${title}" not in: ${entries.map((e) => e.title).join(' | ')}`);
  return found;
};

describe('structure recovery on policy layouts', () => {
  describe('decimal numbering under capitalised numbered headings', () => {
    it('when sub-headings (1.1 Purpose) stand over clauses (1.1.1, 1.1.2), then each clause is cited on its own under its heading path', () => {
      const entries = outline('numbered-caps-three-levels.txt');
      assert.equal(entry(entries, '2.2.1 Locked accounts (2 PASSWORDS)').text, '2.2.1 After five failed attempts an account is locked for thirty minutes.');
      assert.equal(entry(entries, '1.1.2 Purpose (1 INTRODUCTION)').text, '1.1.2 It applies to every member of staff, governor and volunteer.');
      assert.ok(!entries.some((e) => /^(?:1\.1|2\.2) [A-Z]/.test(e.text)), 'no sub-heading is quoted as clause text');
      const doc = layout('numbered-caps-three-levels.txt');
      const locked = doc.sections.find((s) => s.number === '2.2')!;
      assert.deepEqual([locked.title, locked.parent?.number, locked.parent?.title], ['Locked accounts', '2', 'PASSWORDS']);
      assert.deepEqual(locked.passages.map((p) => p.clause), ['2.2.1', '2.2.2']);
    });

    it('when there are two levels ("1 INTRODUCTION" then "1.1 This policy applies..."), then each 1.1 clause is cited on its own', () => {
      const entries = outline('numbered-caps-two-levels.txt');
      assert.deepEqual(
        entries.map((e) => e.title),
        ['1.1 INTRODUCTION', '1.2 INTRODUCTION', '2.1 PASSWORDS', '2.2 PASSWORDS', '3.1 DEVICES', '3.2 DEVICES'],
      );
      assert.equal(entry(entries, '3.2 DEVICES').text, '3.2 Lost laptops must be reported to the IT desk at once.');
    });

    it('when there are four levels with no blank lines, and a clause (2.3) follows a deeper sub-heading, then each goes under the heading its number continues', () => {
      const entries = outline('numbered-four-levels-no-blanks.txt');
      entry(entries, '2.2.1.2 Locked accounts (2 PASSWORDS > 2.2 Locked accounts)');
      entry(entries, '2.2.2.1 Resets (2 PASSWORDS > 2.2 Locked accounts)');
      assert.match(entry(entries, '2.3 PASSWORDS').text, /^2\.3 Staff must report a suspected compromise/);
      assert.equal(entry(entries, '1.1 Purpose (1 INTRODUCTION)').text, 'This policy explains how staff keep information safe.');
    });

    it('when sub-headings are glued to their first sentence ("3.2 Lost Devices A lost laptop..."), then the heading is split off and the sentence stays whole', () => {
      const entries = outline('numbered-glued-sub-headings.txt');
      assert.equal(entry(entries, '3.2 Lost Devices (3 DEVICES)').text, 'A lost laptop must be reported to the IT desk at once.');
      assert.equal(entry(entries, '3.1 Encryption (3 DEVICES)').text, 'All laptops are encrypted by the IT team.');
      entry(entries, '2.1.2.1 Sharing (2 ACCOUNTS AND ACCESS > 2.1 Passwords)');
      // An ordinary clause that starts with capitalised words is not cut.
      assert.match(entry(entries, '2.3 ACCOUNTS AND ACCESS').text, /^2\.3 Staff leaving the trust must hand back their badge\.$/);
    });

    it('when markdown headings carry the numbers ("### 1.1 Purpose"), then clauses and text sit under the sub-heading', () => {
      const entries = outline('markdown-numbered-headings.md');
      assert.deepEqual(entries.map((e) => e.title), ['1.1.1 Purpose (1 Introduction)', '1.1.2 Purpose (1 Introduction)', '1.2 Scope (1 Introduction)', '2.1 Passwords']);
    });

    it('when the outline is summarised, then it counts the headings and says how many clauses are cited on their own', () => {
      const summary = summariseOutline([layout('numbered-caps-three-levels.txt')]);
      assert.equal(summary.clauses, 9);
      assert.deepEqual(summary.warnings, []);
      assert.ok(summary.firstTitles.includes('1.1 Purpose (1 INTRODUCTION)'), summary.firstTitles.join(' | '));
    });
  });

  describe('Markdown with bold lead-ins', () => {
    it('when a paragraph under a ### heading starts with a bold run ("**Yes.** Every account..."), then the heading stays the title', () => {
      const entries = outline('markdown-bold-lead-ins.md');
      assert.deepEqual(entries.map((e) => e.title), ['Do I need multi-factor sign-in?', 'Can I use text messages instead?', 'What if I lose my phone?', 'Printing']);
      assert.equal(entries[0].text, 'Yes. Every account uses an authenticator app. You set it up on your first day.');
      assert.match(entries[1].text, /^Note: Text messages are only allowed/);
    });

    it('when bold answers and notes open the paragraphs of a section, then none of them becomes a section', () => {
      assert.deepEqual(outline('markdown-bold-answers.md').map((e) => e.title), ['Home working', 'Public wifi']);
    });
  });

  describe('annexes', () => {
    it('when an annex holds steps under labels of their own, then the annex is the parent of each step', () => {
      const entries = outline('annexes-steps-and-contacts.txt');
      assert.equal(entry(entries, 'Step 1 (ANNEX A - REPORTING PROCEDURE)').text, 'Tell the IT desk.');
      entry(entries, 'Step 3 (ANNEX A - REPORTING PROCEDURE)');
    });

    it('when an annex lists contacts one a line ("Data Protection Officer - 01632 960001 - dpo@..."), then each line is a whole passage under the annex', () => {
      const doc = layout('annexes-steps-and-contacts.txt');
      const contacts = doc.sections.find((s) => s.title === 'ANNEX B - CONTACTS')!;
      assert.deepEqual(contacts.passages.map((p) => p.text), [
        'IT Service Desk - 01632 960000 - itdesk@example.org',
        'Data Protection Officer - 01632 960001 - dpo@example.org',
        'Headteacher - 01632 960002 - head@example.org',
      ]);
      assert.ok(!doc.sections.some((s) => s.title === 'IT Service Desk'), 'a contact line is no heading');
    });

    it('when steps are written "Step 1: ..." and contacts are separated by tabs, then the steps are a list of the annex and each contact a line of its own', () => {
      const doc = layout('annexes-inline-steps-tab-contacts.txt');
      const steps = doc.sections.find((s) => s.title === 'Annex A: Reporting procedure')!;
      assert.deepEqual(steps.passages.map((p) => p.text.slice(0, 7)), ['Step 1:', 'Step 2:', 'Step 3:']);
      const contacts = doc.sections.find((s) => s.title === 'Annex B: Contacts')!;
      assert.deepEqual(contacts.passages.map((p) => p.text), ['IT Service Desk 01632 960000 itdesk@example.org', 'Data Protection Officer 01632 960001 dpo@example.org', 'Headteacher 01632 960002 head@example.org']);
    });

    it('when an appendix numbers its steps from 1 and lists contacts with dashes, then they stay in the appendix and the numbered sections before it are untouched', () => {
      const entries = outline('appendices-numbered-steps.txt');
      assert.deepEqual(entries.map((e) => e.title), ['4.1 Breaches', 'APPENDIX 1 HOW TO REPORT A LOST DEVICE', 'APPENDIX 2 WHO TO CONTACT']);
      assert.match(entries[1].text, /^1\. Tell the IT desk.*\n2\. If it was stolen.*\n3\. Change your password\.$/);
      assert.equal(entries[2].text.split('\n').length, 3);
    });

    it('when a contacts table has a header row ("Role .... Name .... email"), then each row is a passage led in by the header', () => {
      const doc = ingestPolicyText('SCHEDULE 1: CONTACTS\n\nRole .... Name .... email\nNetwork Manager .... Sam Lee .... s.lee@example.org\nData Protection Lead .... Ana Cole .... dpo@example.org\n', { name: 'c.txt', format: 'txt' });
      const rows = doc.sections.find((s) => s.title === 'SCHEDULE 1: CONTACTS')!.passages;
      assert.deepEqual(rows.map((p) => [p.leadIn, p.text]), [
        ['Role .... Name .... email', 'Network Manager .... Sam Lee .... s.lee@example.org'],
        ['Role .... Name .... email', 'Data Protection Lead .... Ana Cole .... dpo@example.org'],
      ]);
    });
  });

  describe('a title, version and approval block at the top', () => {
    it('when the document opens with its name, a version and approval lines, then none of them titles a citable section', () => {
      for (const file of ['numbered-caps-three-levels.txt', 'title-block-fields.txt']) {
        const doc = layout(file);
        const titles = outlineOf(doc).map((e) => e.title);
        assert.ok(!titles.some((t) => /version|approved|review|owner|status/i.test(t)), `${file}: ${titles.join(' | ')}`);
        assert.ok(titles.every((t) => t === 'Preamble' || /^\d/.test(t)), `${file}: ${titles.join(' | ')}`);
      }
      assert.equal(layout('numbered-caps-three-levels.txt').title, 'Example Academy Trust - Information Security Policy');
    });

    it('when a procedure labels its steps "Step 1", "Step 2", "Step 3" a few lines apart, then they are not taken for a running page header', () => {
      assert.ok(outline('annexes-steps-and-contacts.txt').some((e) => e.title.startsWith('Step 2')));
    });
  });
});
