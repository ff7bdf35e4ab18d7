import assert from 'node:assert/strict';
import { describeOutline, outlineOf, summariseOutline } from '../../../src/domain/policy/outline.js';
import type { PolicyDocument, PolicySection } from '../../../src/domain/policy/policy-types.js';

const sentence = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ') + '.';
const section = (id: number, title: string, words: number[], number?: string): PolicySection => ({
  id: `s${id}`,
  title,
  ...(number ? { number } : {}),
  passages: words.map((w, i) => ({ id: `s${id}-p${i + 1}`, text: sentence(w) })),
});
const doc = (sections: PolicySection[]): PolicyDocument => ({ name: 'p.txt', format: 'txt', sections });
const problems = (d: PolicyDocument) => summariseOutline([d]).warnings.map((w) => w.problem);

describe('policy outline summary', () => {
  it('when sections are of sensible sizes and titled, then the summary counts them, gives the first titles and warns of nothing', () => {
    const d = doc(Array.from({ length: 8 }, (_, i) => section(i + 1, `Part ${i + 1}`, [60, 60, 60], String(i + 1))));
    const s = summariseOutline([d]);
    assert.equal(s.sections, 8);
    assert.deepEqual(s.firstTitles, ['1 Part 1', '2 Part 2', '3 Part 3', '4 Part 4', '5 Part 5']);
    assert.deepEqual(s.warnings, []);
  });

  it('when one section holds most of a long document, then it warns of one giant section and names it', () => {
    const d = doc([section(1, 'Preamble', Array(30).fill(70)), section(2, 'Contacts', [40])]);
    const s = summariseOutline([d]);
    assert.deepEqual(s.warnings.map((w) => w.problem), ['one-giant-section']);
    assert.match(s.warnings[0].message, /"Preamble" holds 98% of the text/);
  });

  it('when a short document is one section, then that is not called giant', () => {
    assert.deepEqual(problems(doc([section(1, 'Rules', [70, 70, 70])])), []);
  });

  it('when a document is cut into hundreds of one-line sections, then it warns', () => {
    const d = doc(Array.from({ length: 150 }, (_, i) => section(i + 1, `Line ${i}`, [6])));
    assert.deepEqual(problems(d), ['many-tiny-sections']);
    assert.deepEqual(problems(doc(Array.from({ length: 99 }, (_, i) => section(i + 1, `Line ${i}`, [6])))), []);
  });

  it('when no section has a title of its own, then it warns', () => {
    assert.deepEqual(problems(doc([section(1, 'Preamble', [50, 50])])), ['no-titles']);
  });

  it('when a section has list items under a lead-in, then the outline text shows the lead-in once and the items as a list', () => {
    const s: PolicySection = {
      id: 's1',
      number: '4',
      title: 'Devices',
      passages: [
        { id: 's1-p1', clause: '4.1', text: 'Staff must not:' },
        { id: 's1-p2', clause: '4.1', text: 'lend a laptop;', leadIn: 'Staff must not:' },
        { id: 's1-p3', clause: '4.1', text: 'unlock a tablet for a pupil.', leadIn: 'Staff must not:' },
      ],
    };
    assert.deepEqual(outlineOf(doc([s])), [{ id: 's1-4.1', title: '4.1 Devices', text: '4.1 Staff must not:\n- lend a laptop;\n- unlock a tablet for a pupil.' }]);
  });

  it('when a section sits under an unnumbered annex or a numbered sub-heading, then its title carries the headings above it', () => {
    const step: PolicySection = { id: 's2', title: 'Step 1', parent: { title: 'ANNEX A - REPORTING' }, passages: [{ id: 's2-p1', text: 'Tell the IT desk.' }] };
    const locked: PolicySection = {
      id: 's3',
      number: '2.2',
      title: 'Locked accounts',
      parent: { number: '2', title: 'PASSWORDS' },
      passages: [{ id: 's3-p1', clause: '2.2.1', text: 'Accounts lock after five tries.' }],
    };
    assert.deepEqual(outlineOf(doc([step, locked])).map((e) => [e.id, e.title]), [
      ['s2', 'Step 1 (ANNEX A - REPORTING)'],
      ['s3-2.2.1', '2.2.1 Locked accounts (2 PASSWORDS)'],
    ]);
  });

  it('when sections hold numbered clauses, then the reload reply counts sections as headings and says how many clauses are cited on their own', () => {
    const numbered = (id: number): PolicySection => ({
      id: `s${id}`,
      number: String(id),
      title: `Part ${id}`,
      passages: [1, 2, 3].map((c) => ({ id: `s${id}-p${c}`, clause: `${id}.${c}`, text: sentence(12) })),
    });
    const s = summariseOutline([doc(Array.from({ length: 40 }, (_, i) => numbered(i + 1)))]);
    assert.deepEqual([s.sections, s.clauses, s.warnings], [40, 120, []]);
    assert.match(describeOutline(s), /^I found 40 sections, starting: 1 Part 1; 2 Part 2; 3 Part 3; 4 Part 4; 5 Part 5\. They hold 120 numbered clauses, each cited on its own\.$/);
  });
});

