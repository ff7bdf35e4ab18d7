/**
 * The recovered outline of a policy, as a policy owner checks it: one entry per citable section,
 * a short summary, and warnings when the outline looks wrong (the structure recovery probably
 * failed on this document's layout, so answers would cite the wrong places).
 */
import type { PolicyDocument, PolicySection } from './policy-types.js';

/** One citable section: `id` is stable within the document, `title` is how answers cite it. */
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
  sections: number;
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

/** How answers cite a section: "3 Equipment security", "Password Security (section 4)" or the title. */
export function sectionHeading(section: PolicySection): string {
  if (section.number) return `${section.number} ${section.title}`;
  if (section.parent?.number) return `${section.title} (section ${section.parent.number})`;
  return section.title;
}

/** The section's text as the bot reads it: list items on their own line after their lead-in. */
function sectionText(section: PolicySection): string {
  const out: string[] = [];
  let previous: string | undefined;
  let lead: string | undefined;
  let clause: string | undefined;
  for (const p of section.passages) {
    // The lead-in is written once, unless it is the passage just before the list.
    if (p.leadIn && p.leadIn !== lead && p.leadIn !== previous) out.push(p.leadIn);
    lead = p.leadIn;
    out.push(p.leadIn ? `- ${p.text}` : `${p.clause && p.clause !== clause ? `${p.clause} ` : ''}${p.text}`);
    previous = p.text;
    clause = p.clause;
  }
  return out.join('\n');
}

/** Every section that has text, in document order. */
export function outlineOf(doc: PolicyDocument): OutlineEntry[] {
  return doc.sections.filter((s) => s.passages.length > 0).map((s) => ({ id: s.id, title: sectionHeading(s), text: sectionText(s) }));
}

/** True when a section's title is one the ingestion made up rather than read from the document. */
const untitled = (title: string): boolean => !title.trim() || /^preamble$/i.test(title.trim());

/** Counts, first titles and warnings for the documents of one policy. */
export function summariseOutline(docs: readonly PolicyDocument[]): OutlineSummary {
  const entries = docs.flatMap(outlineOf);
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
  const tiny = sizes.filter((n) => n <= TINY_WORDS).length;
  if (entries.length >= TINY_MIN_SECTIONS && tiny / entries.length >= TINY_SHARE) {
    warnings.push({
      problem: 'many-tiny-sections',
      message: `${entries.length} sections, ${tiny} of them a single short line: lines of text were probably read as headings. Check the file's layout (a PDF exported from Word reads better as .docx).`,
    });
  }
  const titled = entries.filter((e) => !untitled(e.title)).length;
  if (entries.length > 0 && titled === 0) {
    warnings.push({
      problem: 'no-titles',
      message: 'No section has a title, so answers cannot say where in the policy they come from. Add headings to the policy.',
    });
  }
  return { sections: entries.length, words, firstTitles: entries.filter((e) => !untitled(e.title)).slice(0, FIRST_TITLES).map((e) => e.title), warnings };
}

/**
 * The reload reply's account of the outline: how many sections, the first titles, and what looks
 * wrong, so the policy owner can check what the bot will cite.
 */
export function describeOutline(summary: OutlineSummary): string {
  const lines = [`I found ${summary.sections} section${summary.sections === 1 ? '' : 's'}${summary.firstTitles.length ? `, starting: ${summary.firstTitles.join('; ')}` : ''}.`];
  for (const w of summary.warnings) lines.push(`Warning: ${w.message}`);
  if (summary.warnings.length) lines.push('Answers will still come from this version; you can check the whole outline with `policy-desk sections --policy <file>`.');
  return lines.join('\n\n');
}
