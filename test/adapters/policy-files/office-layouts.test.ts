/**
 * Outlines of policies made as trusts make them (test/fixtures/policy-layouts/office-documents.ts):
 * a Word document with heading styles, Word numbering, bullets, tables and a running header and
 * footer; a PDF set as an office suite prints one; and the Word document saved as PDF by LibreOffice.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { loadPolicyFile } from '../../../src/adapters/policy-files/policy-file-loader.js';
import { outlineOf, summariseOutline } from '../../../src/domain/policy/outline.js';
import type { PolicyDocument } from '../../../src/domain/policy/policy-types.js';
import {
  PDF_APPENDIX,
  PDF_CONTACTS,
  PDF_FOOTER,
  PDF_HEADER,
  PDF_SECTIONS,
  WORD_FOOTER,
  WORD_HEADER,
  pdfPolicy,
  wordPolicy,
} from '../../fixtures/policy-layouts/office-documents.js';
import { projectRoot } from '../../domain/policy/policy-fixtures.js';

const WORD_TITLES = [
  'Purpose',
  'Who this policy applies to',
  'Roles and responsibilities',
  'Travelling with a device',
  'Working on public networks',
  'Reporting a lost or stolen device',
  'Appendix A: Device loan agreement',
];

/** Every title and passage of a document, and its outline as `policy-desk sections` prints it. */
function allText(doc: PolicyDocument): string {
  const entries = outlineOf(doc);
  return [...doc.sections.flatMap((s) => [s.title, ...s.passages.map((p) => `${p.leadIn ?? ''} ${p.text}`)]), ...entries.map((e) => `${e.title}\n${e.text}`)].join('\n');
}

const withText = (doc: PolicyDocument): string[] => doc.sections.filter((s) => s.passages.length).map((s) => s.title);
const passages = (doc: PolicyDocument, title: string) => doc.sections.find((s) => s.title === title)?.passages ?? [];

describe('policy layouts made with office tools', () => {
  let dir: string;
  let word: PolicyDocument;
  let printed: PolicyDocument;
  let savedAs: PolicyDocument;
  let pdfPages: string[];
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'office-layouts-'));
    await writeFile(path.join(dir, 'word-styles.docx'), await wordPolicy());
    const pdf = await pdfPolicy();
    await writeFile(path.join(dir, 'office-print.pdf'), pdf);
    word = await loadPolicyFile(path.join(dir, 'word-styles.docx'));
    printed = await loadPolicyFile(path.join(dir, 'office-print.pdf'));
    savedAs = await loadPolicyFile(path.join(projectRoot, 'test', 'fixtures', 'policy-layouts', 'word-saved-as.pdf'));
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    pdfPages = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await (await doc.getPage(p)).getTextContent();
      pdfPages.push(content.items.map((i) => ('str' in i ? i.str : '')).join('\n'));
    }
    await doc.destroy();
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('a Word document with heading styles, Word numbering, tables and a running header and footer', () => {
    it('when it is loaded, then its Title names it and each heading with text is a section', () => {
      assert.equal(word.title, 'Mobile Devices and Remote Working Policy');
      assert.deepEqual(withText(word), WORD_TITLES);
    });

    it('when it is loaded, then the running header and footer are in no section', () => {
      assert.doesNotMatch(allText(word), new RegExp(`${WORD_HEADER}|Uncontrolled when printed|Page \\d`));
      assert.ok(!allText(word).includes(WORD_FOOTER));
    });

    it('when a list is numbered by Word, then each item is a passage of its own, with its number and the sentence that leads into the list', () => {
      const steps = passages(word, 'Reporting a lost or stolen device').filter((p) => /^\d\./.test(p.text));
      assert.deepEqual(
        steps.map((p) => p.text.slice(0, 12)),
        ['1. Report it', '2. If it was', '3. Write dow'],
      );
      for (const p of steps) assert.match(p.leadIn ?? '', /If a device is lost or stolen:$/);
    });

    it('when a table has a header row, then each row is a passage with the header names', () => {
      const police = passages(word, 'Reporting a lost or stolen device').find((p) => p.text === 'Who to contact: Police; When: If the device was stolen; How: Call 101 and ask for a crime reference number');
      // The table follows a numbered list: the list's lead-in does not lead into the table.
      assert.deepEqual([!!police, police?.leadIn], [true, undefined]);
      assert.ok(passages(word, 'Roles and responsibilities').some((p) => p.text.startsWith('Role: IT Support Lead; Responsibilities: Sets up encryption')));
    });
  });

  describe('a PDF printed with a running header, "Page N of M", justified hyphenated text and numbered clauses', () => {
    it('(the fixture) runs clause 4.1 across a page break and hyphenates words at line ends', () => {
      assert.ok(pdfPages.length >= 2);
      const page = (words: string) => pdfPages.findIndex((t) => t.replace(/\s+/g, ' ').includes(words));
      assert.ok(page('Staff may work from home') < page('printer or a memory stick'));
      assert.ok(pdfPages.some((t) => /[a-z]-\n[a-z]/.test(t.replace(/\n(?:\s*\n)+/g, '\n'))));
    });

    it('when it is loaded, then its numbered headings are its sections and the appendix stands apart', () => {
      assert.equal(printed.title, 'Acceptable Use of IT Policy');
      assert.deepEqual(
        printed.sections.filter((s) => s.number).map((s) => `${s.number} ${s.title}`),
        PDF_SECTIONS.map((s, i) => `${i + 1} ${s.title}`),
      );
      const appendix = printed.sections[printed.sections.length - 1];
      assert.deepEqual([appendix.title, appendix.number, appendix.passages.map((p) => p.text).join(' ')], ['Appendix A Staff declaration', undefined, PDF_APPENDIX.text]);
    });

    it('when a clause runs across a page break or a word is hyphenated at a line end, then the clause reads as written', () => {
      PDF_SECTIONS.forEach((s, i) => {
        let k = 0;
        for (const c of s.clauses) {
          if (typeof c !== 'string') continue;
          const clause = `${i + 1}.${++k}`;
          const text = printed.sections.flatMap((x) => x.passages.filter((p) => p.clause === clause && !p.leadIn)).map((p) => p.text).join(' ');
          assert.ok(text.startsWith(c), `${clause}: ${text}`);
        }
      });
    });

    it('when it is loaded, then the running header, the footer and the page numbers are in no section', () => {
      const text = allText(printed);
      for (const furniture of [PDF_HEADER, PDF_FOOTER, 'Oakfield Primary Federation |', 'Approved by the Full Governing Board, March 2026']) assert.ok(!text.includes(furniture), furniture);
      assert.doesNotMatch(text, /Page \d+ of \d+|-- \d+ of \d+ --/);
    });

    it('when a table and a contacts block are set in columns, then each row is one passage and no table cell is read as a clause', () => {
      const rows = printed.sections.flatMap((s) => s.passages.map((p) => p.text));
      assert.ok(rows.includes('Version: 3.1; Approved by: Full Governing Board; Next review: March 2027'), rows.slice(0, 3).join(' | '));
      for (const [who, how] of PDF_CONTACTS) assert.ok(rows.some((t) => t.includes(who) && t.includes(how) && t.split(/\s+/).length <= 8), who);
      assert.ok(!printed.sections.some((s) => s.number === undefined && s.passages.some((p) => p.clause === '3.1')));
    });
  });

  describe('the Word document saved as PDF by LibreOffice', () => {
    it('when it is loaded, then it has the same sections as the Word document, and no header or footer text', () => {
      assert.equal(savedAs.title, 'Mobile Devices and Remote Working Policy');
      assert.deepEqual(withText(savedAs), WORD_TITLES);
      assert.ok(!allText(savedAs).includes(WORD_HEADER));
      assert.doesNotMatch(allText(savedAs), /Uncontrolled when printed|Page \d/);
    });

    it('when a table cell or a numbered item wraps onto a second line, then it stays one passage', () => {
      const rows = savedAs.sections.flatMap((s) => s.passages.map((p) => p.text));
      assert.ok(rows.includes('Role: Headteacher; Responsibilities: Makes sure staff in the school know this policy and agrees any exceptions in writing.'), rows.join('\n'));
      assert.ok(rows.includes('2. If it was stolen, report the theft to the police and pass the crime reference number to the IT Support Lead.'), rows.join('\n'));
    });
  });

  it('when the three are summarised for the reload reply, then none of their outlines is flagged as wrong', () => {
    for (const doc of [word, printed, savedAs]) {
      const summary = summariseOutline([doc]);
      assert.deepEqual(summary.warnings, [], doc.name);
      assert.ok(summary.sections >= 6 && summary.sections <= 10, `${doc.name}: ${summary.sections}`);
    }
  });
});
