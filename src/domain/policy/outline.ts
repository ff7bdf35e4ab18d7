/**
 * The recovered outline of a policy, as a policy owner checks it: one entry per citable section,
 * a short summary, and warnings when the outline looks wrong (the structure recovery probably
 * failed on this document's layout, so answers would cite the wrong places).
 */
import type { PolicyDocument, PolicyPassage, PolicySection, SectionRef } from './policy-types.js';

/**
 * One citable section: `id` is stable within the document, `title` is how answers cite it, with the
 * headings it sits under. A numbered clause ("2.2.1") is cited on its own.
 */
export interface OutlineEntry {
  id: string;
  title: string;
  text: string;
}

/** What is wrong with an outline. */
export type OutlineProblem = 'one-giant-section' | 'many-tiny-sections' | 'no-titles';

/** A warning for the policy owner, in words they can act on. */
export interface OutlineWarning {
  problem: OutlineProblem;
  message: string;
}

/** Sections, their first titles, and warnings. */
export interface OutlineSummary {
  /** Headings with text of their own. */
  sections: number;
  /** Numbered clauses cited on their own, within those sections. */
  clauses: number;
  words: number;
  firstTitles: string[];
  warnings: OutlineWarning[];
}

/**
 * Thresholds of "looks wrong", chosen from what a policy owner would see as broken, not fitted:
 * a section holding most of a long document, a document cut into a hundred or more sections most
 * of which are one short line, or no section with a title of its own.
 */
const GIANT_SHARE = 0.6;
const GIANT_MIN_WORDS = 1500;
const TINY_MIN_SECTIONS = 100;
const TINY_WORDS = 12;
const TINY_SHARE = 0.5;
const FIRST_TITLES = 5;

const wordsIn = (text: string): number => text.split(/\s+/).filter(Boolean).length;

const refHeading = (r: SectionRef): string => (r.number ? `${r.number} ${r.title}` : r.title);

/** The headings above a section, outermost first, as "2 PASSWORDS > 2.2 Locked accounts". */
function pathOf(parent: SectionRef | undefined): string {
  const path: string[] = [];
  for (let r = parent; r; r = r.parent) path.unshift(refHeading(r));
  return path.join(' > ');
}

/**
 * How answers cite a section, with the headings it sits under: "3 Equipment security",
 * "Password Security (section 4)", "2.2 Locked accounts (2 PASSWORDS)", "Step 1 (ANNEX A - REPORTING PROCEDURE)".
 */
export function sectionHeading(section: PolicySection): string {
  const own = refHeading(section);
  if (!section.parent) return own;
  if (!section.number && section.parent.number && !section.parent.parent) return `${own} (section ${section.parent.number})`;
  return `${own} (${pathOf(section.parent)})`;
}

/** How answers cite a numbered clause: "2.2.1 Locked accounts (2 PASSWORDS)". */
function clauseHeading(section: PolicySection, clause: string): string {
  return `${clause} ${section.title}${section.parent ? ` (${pathOf(section.parent)})` : ''}`;
}

/** Passages as the bot reads them: list items on their own line after their lead-in. */
function passagesText(passages: readonly PolicyPassage[]): string {
  const out: string[] = [];
  let previous: string | undefined;
  let lead: string | undefined;
  let clause: string | undefined;
  for (const p of passages) {
    // The lead-in is written once, unless it is the passage just before the list.
    if (p.leadIn && p.leadIn !== lead && p.leadIn !== previous) out.push(p.leadIn);
    lead = p.leadIn;
    out.push(p.leadIn ? `- ${p.text}` : `${p.clause && p.clause !== clause ? `${p.clause} ` : ''}${p.text}`);
    previous = p.text;
    clause = p.clause;
  }
  return out.join('\n');
}

/** Every heading that has text of its own, in document order, with all its text. */
function headingsOf(doc: PolicyDocument): OutlineEntry[] {
  return doc.sections.filter((s) => s.passages.length > 0).map((s) => ({ id: s.id, title: sectionHeading(s), text: passagesText(s.passages) }));
}

/**
 * Every citable part, in document order: each numbered clause of a section on its own, and the
 * section's text that is in no clause under the section's own heading.
 */
export function outlineOf(doc: PolicyDocument): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  const ids = new Set<string>();
  for (const s of doc.sections) {
    for (let i = 0; i < s.passages.length; ) {
      const clause = s.passages[i].clause;
      let j = i + 1;
      while (j < s.passages.length && s.passages[j].clause === clause) j++;
      const group = s.passages.slice(i, j);
      let id = clause ? `${s.id}-${clause}` : s.id;
      if (ids.has(id)) id = group[0].id;
      ids.add(id);
      out.push({ id, title: clause ? clauseHeading(s, clause) : sectionHeading(s), text: passagesText(group) });
      i = j;
    }
  }
  return out;
}

/** True when a section's title is one the ingestion made up rather than read from the document. */
const untitled = (title: string): boolean => !title.trim() || /^preamble$/i.test(title.trim());

/** Counts, first titles and warnings for the documents of one policy. */
export function summariseOutline(docs: readonly PolicyDocument[]): OutlineSummary {
  // What is cited (clauses on their own) can be giant; what was read as headings can be tiny or untitled.
  const entries = docs.flatMap(outlineOf);
  const headings = docs.flatMap(headingsOf);
  const sizes = entries.map((e) => wordsIn(e.text));
  const words = sizes.reduce((a, b) => a + b, 0);
  const warnings: OutlineWarning[] = [];
  const largest = Math.max(0, ...sizes);
  if (words >= GIANT_MIN_WORDS && largest / words >= GIANT_SHARE) {
    const giant = entries[sizes.indexOf(largest)];
    warnings.push({
      problem: 'one-giant-section',
      message: `"${giant.title}" holds ${Math.round((100 * largest) / words)}% of the text, so answers will cite it for almost everything. Give the policy headings (numbered like "3. Passwords", or Word heading styles).`,
    });
  }
  const tiny = headings.filter((e) => wordsIn(e.text) <= TINY_WORDS).length;
  if (headings.length >= TINY_MIN_SECTIONS && tiny / headings.length >= TINY_SHARE) {
    warnings.push({
      problem: 'many-tiny-sections',
      message: `${headings.length} sections, ${tiny} of them a single short line: lines of text were probably read as headings. Check the file's layout (a PDF exported from Word reads better as .docx).`,
    });
  }
  const titled = headings.filter((e) => !untitled(e.title)).length;
  if (headings.length > 0 && titled === 0) {
    warnings.push({
      problem: 'no-titles',
      message: 'No section has a title, so answers cannot say where in the policy they come from. Add headings to the policy.',
    });
  }
  const clauses = docs.reduce((n, d) => n + d.sections.reduce((m, s) => m + new Set(s.passages.map((p) => p.clause).filter(Boolean)).size, 0), 0);
  return { sections: headings.length, clauses, words, firstTitles: headings.filter((e) => !untitled(e.title)).slice(0, FIRST_TITLES).map((e) => e.title), warnings };
}

/**
 * The reload reply's account of the outline: how many sections, the first titles, and what looks
 * wrong, so the policy owner can check what the bot will cite.
 */
export function describeOutline(summary: OutlineSummary): string {
  const clauses = summary.clauses ? ` They hold ${summary.clauses} numbered clause${summary.clauses === 1 ? '' : 's'}, each cited on its own.` : '';
  const lines = [`I found ${summary.sections} section${summary.sections === 1 ? '' : 's'}${summary.firstTitles.length ? `, starting: ${summary.firstTitles.join('; ')}` : ''}.${clauses}`];
  for (const w of summary.warnings) lines.push(`Warning: ${w.message}`);
  if (summary.warnings.length) lines.push('Answers will still come from this version; you can check the whole outline with `policy-desk sections --policy <file>`.');
  return lines.join('\n\n');
}
