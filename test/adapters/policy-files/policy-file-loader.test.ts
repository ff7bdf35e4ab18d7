import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, copyFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { outlineOf } from '../../../src/domain/policy/outline.js';
import { loadPolicies, loadPolicyFile, PolicyFileError } from '../../../src/adapters/policy-files/policy-file-loader.js';
import { samplePolicyPath } from '../../domain/policy/policy-fixtures.js';

const HEADINGS = ['1. Purpose', '2. Passwords', '3. Lost equipment'];
const CLAUSES: Record<string, string[]> = {
  '1. Purpose': ['1.1 This short policy tells staff of Hillside Academy how to keep school systems safe.'],
  '2. Passwords': [
    '2.1 Staff must keep their passwords private and must never share them with anyone under any circumstances.',
    '2.2 A password must be changed straight away if it may have been seen by someone else.',
  ],
  '3. Lost equipment': ['3.1 A lost or stolen school laptop must be reported to the IT manager on the same day.'],
};

async function makePdf(file: string): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', margin: 60 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(16).text('Hillside Academy Information Security Policy');
  for (const h of HEADINGS) {
    doc.moveDown().fontSize(13).text(h);
    for (const c of CLAUSES[h]) doc.moveDown(0.5).fontSize(11).text(c);
  }
  doc.end();
  await done;
  await writeFile(file, Buffer.concat(chunks));
}

async function makeDocx(file: string): Promise<void> {
  const children: Paragraph[] = [new Paragraph({ text: 'Hillside Academy Information Security Policy', heading: HeadingLevel.TITLE })];
  for (const h of HEADINGS) {
    children.push(new Paragraph({ text: h, heading: HeadingLevel.HEADING_1 }));
    for (const c of CLAUSES[h]) children.push(new Paragraph({ text: c }));
  }
  const doc = new Document({ sections: [{ children }] });
  await writeFile(file, await Packer.toBuffer(doc));
}

describe('policy file loader', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'policy-files-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const kind of ['pdf', 'docx'] as const) {
    it(`when a ${kind.toUpperCase()} policy is loaded, then its numbered sections and clauses are found`, async () => {
      const file = path.join(dir, `hillside.${kind}`);
      if (kind === 'pdf') await makePdf(file);
      else await makeDocx(file);
      const doc = await loadPolicyFile(file);
      assert.equal(doc.format, kind);
      assert.equal(doc.name, `hillside.${kind}`);
      assert.deepEqual(
        doc.sections.filter((s) => s.number).map((s) => `${s.number} ${s.title}`),
        ['1 Purpose', '2 Passwords', '3 Lost equipment'],
      );
      const passwords = doc.sections.find((s) => s.number === '2');
      assert.deepEqual(
        passwords?.passages.map((p) => p.clause),
        ['2.1', '2.2'],
      );
      assert.equal(passwords?.passages[0].text, CLAUSES['2. Passwords'][0].slice(4));
    });
  }

  it('when a PDF repeats a running header and footer on every page, then they are not read as policy text', async () => {
    const file = path.join(dir, 'running.pdf');
    const doc = new PDFDocument({ size: 'A4', margin: 60 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    HEADINGS.forEach((h, i) => {
      if (i > 0) doc.addPage();
      doc.fontSize(9).text('Hillside Academy Trust - Information Security Policy v2.1');
      doc.moveDown().fontSize(13).text(h);
      for (const c of CLAUSES[h]) doc.moveDown(0.5).fontSize(11).text(c);
      doc.moveDown().fontSize(9).text(`Approved by governors ${2024 + i} - uncontrolled when printed`);
    });
    doc.end();
    await done;
    await writeFile(file, Buffer.concat(chunks));
    const loaded = await loadPolicyFile(file);
    const text = loaded.sections.flatMap((s) => [s.title, ...s.passages.map((p) => p.text)]).join(' | ');
    assert.doesNotMatch(text, /Information Security Policy v2|uncontrolled when printed/);
    assert.deepEqual(loaded.sections.filter((s) => s.number).map((s) => s.title), ['Purpose', 'Passwords', 'Lost equipment']);
  });

  it('when a DOCX policy numbers its heading styles ("1 INTRODUCTION", "1.1 Purpose") over numbered clauses, then each clause sits under its sub-heading', async () => {
    const file = path.join(dir, 'numbered-styles.docx');
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: '1 INTRODUCTION', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: '1.1 Purpose', heading: HeadingLevel.HEADING_2 }),
            new Paragraph('1.1.1 This policy explains how staff keep information safe.'),
            new Paragraph('1.1.2 It applies to governors and volunteers too.'),
            new Paragraph({ text: '2 PASSWORDS', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: '2.1 Locked accounts', heading: HeadingLevel.HEADING_2 }),
            new Paragraph('2.1.1 An account locks after five failed attempts.'),
          ],
        },
      ],
    });
    await writeFile(file, await Packer.toBuffer(doc));
    const loaded = await loadPolicyFile(file);
    const locked = loaded.sections.find((s) => s.number === '2.1');
    assert.deepEqual([locked?.title, locked?.parent?.title, locked?.passages.map((p) => p.clause)], ['Locked accounts', 'PASSWORDS', ['2.1.1']]);
    assert.deepEqual(outlineOf(loaded).map((e) => e.title), ['1.1.1 Purpose (1 INTRODUCTION)', '1.1.2 Purpose (1 INTRODUCTION)', '2.1.1 Locked accounts (2 PASSWORDS)']);
  });

  it('when a DOCX policy has unnumbered heading styles, lists and a table, then the headings are its sections and each table row is a passage', async () => {
    const file = path.join(dir, 'styles.docx');
    const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Brookside School Devices Policy', heading: HeadingLevel.TITLE }),
            new Paragraph({ text: 'who this is for', heading: HeadingLevel.HEADING_1 }),
            new Paragraph('Every member of staff who borrows a school device.'),
            new Paragraph({ text: 'Borrowing a tablet', heading: HeadingLevel.HEADING_1 }),
            new Paragraph('Before borrowing, staff must:'),
            new Paragraph({ text: 'sign the loans book;', bullet: { level: 0 } }),
            new Paragraph({ text: 'charge the tablet overnight.', bullet: { level: 0 } }),
            new Paragraph({ text: 'Loan periods', heading: HeadingLevel.HEADING_2 }),
            new Table({
              rows: [
                new TableRow({ children: [cell('Device'), cell('Longest loan')] }),
                new TableRow({ children: [cell('Tablet'), cell('One week')] }),
                new TableRow({ children: [cell('Laptop'), cell('One term')] }),
              ],
            }),
          ],
        },
      ],
    });
    await writeFile(file, await Packer.toBuffer(doc));
    const loaded = await loadPolicyFile(file);
    assert.equal(loaded.title, 'Brookside School Devices Policy');
    assert.deepEqual(loaded.sections.map((s) => s.title), ['who this is for', 'Borrowing a tablet', 'Loan periods']);
    const borrowing = loaded.sections[1].passages;
    assert.deepEqual(borrowing.map((p) => [p.text, p.leadIn]), [
      ['Before borrowing, staff must:', undefined],
      ['sign the loans book;', 'Before borrowing, staff must:'],
      ['charge the tablet overnight.', 'Before borrowing, staff must:'],
    ]);
    assert.deepEqual(loaded.sections[2].passages.map((p) => p.text), ['Device: Tablet; Longest loan: One week', 'Device: Laptop; Longest loan: One term']);
  });

  it('when a markdown file and a directory are loaded, then every policy file in the directory is ingested in name order', async () => {
    const sub = path.join(dir, 'many');
    await mkdir(sub);
    await copyFile(samplePolicyPath, path.join(sub, 'b-sample.md'));
    await writeFile(path.join(sub, 'a-short.txt'), '1. Scope\n\nThis policy applies to all staff.\n');
    await writeFile(path.join(sub, 'notes.json'), '{}');
    const docs = await loadPolicies(sub);
    assert.deepEqual(
      docs.map((d) => [d.name, d.format]),
      [
        ['a-short.txt', 'txt'],
        ['b-sample.md', 'md'],
      ],
    );
  });

  const problems: [string, string, (d: string) => Promise<string>][] = [
    ['missing', 'file not found', async (d) => path.join(d, 'nope.txt')],
    ['empty', 'empty', async (d) => { const f = path.join(d, 'empty.txt'); await writeFile(f, ''); return f; }],
    ['unsupported', 'unsupported', async (d) => { const f = path.join(d, 'policy.rtf'); await writeFile(f, 'x'); return f; }],
    ['unreadable', 'cannot read', async (d) => { const f = path.join(d, 'broken.docx'); await writeFile(f, 'not a zip'); return f; }],
  ];
  for (const [problem, words, make] of problems) {
    it(`when the policy file is ${problem}, then a PolicyFileError names the file`, async () => {
      const file = await make(dir);
      await assert.rejects(loadPolicyFile(file), (err: unknown) => {
        assert.ok(err instanceof PolicyFileError);
        assert.equal(err.problem, problem);
        assert.ok(err.message.includes(file));
        assert.ok(err.message.includes(words), err.message);
        return true;
      });
    });
  }
});
