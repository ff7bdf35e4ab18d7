/**
 * Turns the raw text of a policy (extracted from txt, md, docx or pdf) into sections and
 * clause-sized passages whose text is the policy's own words.
 *
 * Extracted documents are messy: page numbers, a table of contents, bullet glyphs from symbol
 * fonts, lines broken mid-sentence (sometimes with blank lines inside a sentence), numbered
 * clauses in some documents and plain headings in others. The rules below are about layout,
 * not about any one document.
 */
import { collapseWhitespace, sentences } from './text.js';
import { TERMINAL_RE, classify, demoteRepeatedSections, looksLikeHeading, titleCased, wordCount, type Line } from './ingest-lines.js';
import {
  PolicyIngestError,
  type PolicyDocument,
  type PolicyPassage,
  type PolicySection,
  type PolicySource,
  type SectionRef,
} from './policy-types.js';

/** "Appendix 2", "Annex A", "Schedule 1: ...": parts that stand apart from the numbered sections. */
const APPENDIX_RE = /^(?:appendix|appendices|annex|annexe|schedule|attachment|enclosure)\b(?:\s+(?:[A-Z]|\d{1,2}|[IVX]{1,4})\b)?/i;

/**
 * A line naming one policy of a file that holds several ("(IT and communications systems policy)",
 * "Social Media Policy"): a short line of its own, right before a numbered section.
 */
const PART_RE = /^\(?\s*([A-Z][^()]{2,80}?\b(?:polic(?:y|ies)|procedures?|code of conduct|guidelines|handbook))\s*\)?\.?$/i;

/** Longest lead-in of a list, in words, unless its last sentence alone is longer. */
const LEAD_IN_WORDS = 40;

/** Longest passage, in words, before a paragraph is split at sentence boundaries. */
const MAX_PASSAGE_WORDS = 70;

interface Block {
  kind: 'clause' | 'bullet' | 'text';
  clause?: string;
  text: string;
  leadIn?: string;
  /** A row of a table. */
  table?: boolean;
}

interface RawSection {
  number?: string;
  title: string;
  parent?: SectionRef;
  /** The policy of the file the section belongs to, when the file names its policies. */
  part?: string;
  blocks: Block[];
  /** Other sections sit under it (an annex, a numbered heading with numbered sub-headings). */
  hasChildren?: boolean;
}

/** A section as the parent of the sections under it. */
function refOf(s: RawSection): SectionRef {
  s.hasChildren = true;
  const ref: SectionRef = { title: s.title };
  if (s.number) ref.number = s.number;
  if (s.parent) ref.parent = s.parent;
  return ref;
}

/** Connectors and title words: "Choosing a Password", "Use of Personal Devices". */
const TITLE_WORD_RE = /^(?:[A-Z0-9\u2018\u201c"'(&]|(?:a|an|the|and|or|of|to|for|in|on|at|by|with|from|your|our)$)/;

/**
 * A numbered line that is a sub-heading ("2.2 Locked accounts") rather than a clause: glued to its
 * first sentence, or a short unpunctuated title over clauses numbered under it (2.2.1, 2.2.2), or
 * over a paragraph of its own when it stands between blank lines or is written as a title.
 */
function isNumberedHeading(line: Line, next: Line | undefined): boolean {
  if (line.glued) return true;
  const text = line.text;
  if (TERMINAL_RE.test(text) || /[,;]$/.test(text) || !/^[A-Z\u2018\u201c"'(]/.test(text) || text.length > 80 || wordCount(text) > 10) return false;
  if (!next) return false;
  if (next.kind === 'clause' && next.number!.startsWith(`${line.number}.`)) return true;
  if (next.kind !== 'text' || !/^[A-Z0-9\u2018\u201c"'(]/.test(next.text) || !looksLikeHeading(text, 8)) return false;
  return (line.afterBlank && next.afterBlank) || (wordCount(text) <= 6 && text.split(/\s+/).every((w) => TITLE_WORD_RE.test(w)));
}

/**
 * The sentences that open a list: the last one, with those before it while the whole stays short
 * (a lead-in says what the list is; a long paragraph before it is a clause of its own).
 */
function leadInOf(text: string): string {
  const all = sentences(collapseWhitespace(text));
  let n = 1;
  while (n < all.length && (wordCount(all.slice(-n).join(' ')) < 8 || wordCount(all.slice(-n - 1).join(' ')) <= LEAD_IN_WORDS)) n++;
  return all.slice(-n).join(' ');
}

function splitLong(text: string): string[] {
  if (wordCount(text) <= MAX_PASSAGE_WORDS) return [text];
  const parts: string[] = [];
  let current = '';
  for (const s of sentences(text)) {
    if (current && wordCount(current) + wordCount(s) > MAX_PASSAGE_WORDS) {
      parts.push(current);
      current = s;
    } else {
      current = current ? `${current} ${s}` : s;
    }
  }
  if (current) parts.push(current);
  return parts;
}

/** How to read the text. */
export interface IngestOptions {
  /** Read markdown headings, lists and tables (default: when the source is .md; the .docx loader gives markdown too). */
  markdown?: boolean;
}

/**
 * Ingests the text of one policy document.
 * @throws PolicyIngestError when no section with any text can be recovered.
 */
export function ingestPolicyText(text: string, source: PolicySource, options: IngestOptions = {}): PolicyDocument {
  const lines = classify(text.replace(/\r\n?/g, '\n').split('\n'), options.markdown ?? source.format === 'md');
  demoteRepeatedSections(lines);

  // Markdown: the top-level "# Title" names the document.
  let title: string | undefined;
  const sections: RawSection[] = [];
  let currentTop: RawSection | undefined;
  let current: RawSection = { title: 'Preamble', blocks: [] };
  sections.push(current);
  /** The numbered headings open at this point, outermost first ("2 PASSWORDS", "2.2 Locked accounts"). */
  let numbered: RawSection[] = [];
  /** The annex or appendix being read: the parts after its heading sit under it. */
  let annex: RawSection | undefined;
  /** The lines read so far are all title lines at the top of the document. */
  let titleBlock = true;
  let titleLines = 0;
  let seenNumbered = false;
  let part: string | undefined;
  /** Titles of the numbered sections of the current part: a title seen again starts another policy. */
  let partTitles = new Set<string>();

  const startSection = (s: RawSection) => {
    if (part) s.part = part;
    current = s;
    sections.push(s);
  };

  let lastBlock: Block | undefined;
  let lastLeadIn: string | undefined;
  /** A lead-in ending in a colon opened a list that no heading has closed yet. */
  let listOpen = false;
  /** Depth of the markdown list being read as list items under a lead-in. */
  let itemListDepth = 1;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const next = lines[i + 1];
    const prevEnded = !lastBlock || TERMINAL_RE.test(lastBlock.text);
    const partName = line.kind === 'text' && line.afterBlank && next?.kind === 'section' && wordCount(line.text) <= 10 ? PART_RE.exec(line.text)?.[1] : undefined;
    if (partName) {
      part = collapseWhitespace(partName);
      partTitles = new Set();
      annex = undefined;
      if (!seenNumbered && !title) title = part;
      lastBlock = undefined;
      continue;
    }
    if (line.kind === 'section' && !APPENDIX_RE.test(line.text)) {
      seenNumbered = true;
      const key = line.text.toLowerCase();
      if (partTitles.has(key)) {
        // A second "About this policy": the file's next policy, which it does not name.
        part = undefined;
        partTitles = new Set();
      }
      partTitles.add(key);
      currentTop = { number: line.number, title: line.text, blocks: [] };
      // An annex's own numbered parts ("1. Tell the IT desk") sit under it.
      if (annex) currentTop.parent = refOf(annex);
      numbered = [currentTop];
      startSection(currentTop);
      lastBlock = undefined;
      lastLeadIn = undefined;
      listOpen = false;
      continue;
    }
    const nextContinues = next && next.kind === 'text' && /^[a-z]/.test(next.text);
    const nextIsNewParagraph = !next || (next.afterBlank && /^[A-Z0-9\u2018\u201c"']/.test(next.text));
    // A short title-case line with a blank line after it is a heading even when the line before ran on.
    const standsAlone = nextIsNewParagraph && (line.afterBlank || (wordCount(line.text) <= 5 && looksLikeHeading(line.text, 5) && wordCount(line.text) > 1));
    // After a lead-in ("Headteachers are responsible for:"), short unpunctuated lines are the list's
    // items, unless they are written as titles.
    const inList = !!lastBlock && (/:\s*$/.test(lastBlock.text) || listOpen) && !titleCased(line.text);
    const headingLike =
      line.kind === 'heading' ||
      (line.kind === 'text' &&
        !line.demoted &&
        !inList &&
        !nextContinues &&
        looksLikeHeading(line.text, standsAlone && line.afterBlank ? 9 : 7) &&
        (standsAlone || (prevEnded && (line.afterBlank || !lastBlock))));
    if (headingLike && line.mdLevel === 1 && !title) {
      title = line.text;
      continue;
    }
    if (line.kind === 'section' || (headingLike && APPENDIX_RE.test(line.text))) {
      // An appendix or annex stands apart: it is not part of the numbered section before it.
      currentTop = { title: line.kind === 'section' ? `${line.number}. ${line.text}` : line.text, blocks: [] };
      annex = currentTop;
      numbered = [];
      startSection(currentTop);
      lastBlock = undefined;
      lastLeadIn = undefined;
      listOpen = false;
      continue;
    }
    if (headingLike) {
      if (!seenNumbered && titleBlock && sections.length === 1 && current.blocks.length === 0 && line.mdLevel === undefined && (!title || line.kind === 'text')) {
        // The first heading-like line of a document names it, and a second line of its own before any
        // text is its subtitle ("Example Academy Trust" / "Information Security Policy").
        title = title ? `${title} - ${line.text}` : line.text;
        titleBlock = !!title && titleLines++ < 1;
        continue;
      }
      const parent = currentTop ?? annex;
      startSection({ title: line.text, parent: parent ? refOf(parent) : undefined, blocks: [] });
      lastBlock = undefined;
      lastLeadIn = undefined;
      listOpen = false;
      continue;
    }
    if (line.kind === 'item') {
      // A nested markdown list item: a list under a lead-in ("...require Personal Data to be:")
      // stays a list; otherwise a first-level item is a clause of its numbered section.
      const underLeadIn = !!lastBlock && (/:\s*$/.test(lastBlock.text) || (lastBlock.kind === 'bullet' && line.depth! >= itemListDepth));
      if (underLeadIn || line.depth! > 1 || !currentTop?.number) {
        if (!underLeadIn || (lastBlock && lastBlock.kind !== 'bullet')) itemListDepth = line.depth!;
        line.kind = underLeadIn ? 'bullet' : 'text';
      } else {
        line.kind = 'clause';
        line.number = `${currentTop.number}.${line.number}`;
      }
    }
    titleBlock = false;
    if (line.kind === 'clause' && isNumberedHeading(line, next)) {
      // A numbered sub-heading: a section under the numbered heading its number continues.
      while (numbered.length && !line.number!.startsWith(`${numbered[numbered.length - 1].number}.`)) numbered.pop();
      const up = numbered[numbered.length - 1] ?? annex;
      currentTop = { number: line.number, title: line.text, parent: up ? refOf(up) : undefined, blocks: [] };
      numbered.push(currentTop);
      seenNumbered = true;
      startSection(currentTop);
      lastBlock = undefined;
      lastLeadIn = undefined;
      listOpen = false;
      continue;
    }
    if (line.kind === 'clause' && numbered.length > 1 && currentTop?.number && !line.number!.startsWith(`${currentTop.number}.`)) {
      // A clause after a numbered sub-heading's clauses that is not one of them ("2.3" after "2.2.2")
      // goes back to the heading it is numbered under.
      let inner = numbered.length - 1;
      while (inner >= 0 && !line.number!.startsWith(`${numbered[inner].number}.`)) inner--;
      if (inner >= 0) {
        const up = numbered[inner];
        numbered = numbered.slice(0, inner);
        currentTop = { number: up.number, title: up.title, parent: up.parent, blocks: [] };
        numbered.push(currentTop);
        startSection(currentTop);
      }
    }
    if (line.kind === 'clause') {
      lastBlock = { kind: 'clause', clause: line.number, text: line.text };
      current.blocks.push(lastBlock);
      lastLeadIn = undefined;
      continue;
    }
    if (line.kind === 'bullet') {
      // The lead-in is the sentence that opens the list, not the whole paragraph before it; a table
      // right after a list is not led in by the list's lead-in.
      if (lastBlock && lastBlock.kind !== 'bullet') lastLeadIn = /:\s*$/.test(lastBlock.text) ? leadInOf(lastBlock.text) : undefined;
      else if (lastBlock && !lastBlock.table !== !line.table) lastLeadIn = undefined;
      lastBlock = { kind: 'bullet', text: line.text, clause: lastBlock?.clause, leadIn: line.leadIn ?? lastLeadIn, table: line.table };
      current.blocks.push(lastBlock);
      continue;
    }
    if (lastBlock && /:\s*$/.test(lastBlock.text)) listOpen = true;
    // Plain text: continues the block when the block has not ended or the line starts in lower case.
    const continues =
      lastBlock &&
      (lastBlock.kind === 'clause' ||
        /^[a-z(]/.test(line.text) ||
        (!TERMINAL_RE.test(lastBlock.text) && !line.afterBlank));
    if (continues && lastBlock) {
      lastBlock.text = `${lastBlock.text} ${line.text}`;
    } else {
      lastBlock = { kind: 'text', text: line.text, clause: undefined };
      current.blocks.push(lastBlock);
      lastLeadIn = undefined;
    }
  }

  const out: PolicySection[] = [];
  let sectionNo = 0;
  for (const s of sections) {
    const passages: PolicyPassage[] = [];
    for (const b of s.blocks) {
      const clean = collapseWhitespace(b.text);
      if (!/[A-Za-z]{2,}/.test(clean)) continue;
      for (const part of splitLong(clean)) {
        const p: PolicyPassage = { id: '', text: part };
        if (b.clause) p.clause = b.clause;
        if (b.leadIn) p.leadIn = collapseWhitespace(b.leadIn);
        passages.push(p);
      }
    }
    // A numbered part or an annex whose text is all under sub-headings is kept so that the structure is complete.
    if (passages.length === 0 && !s.number && !s.hasChildren) continue;
    sectionNo++;
    passages.forEach((p, i) => (p.id = `s${sectionNo}-p${i + 1}`));
    const section: PolicySection = { id: `s${sectionNo}`, title: collapseWhitespace(s.title), passages };
    if (s.number) section.number = s.number;
    if (s.parent) section.parent = s.parent;
    if (s.part) section.part = s.part;
    out.push(section);
  }
  if (!out.some((s) => s.passages.length)) throw new PolicyIngestError(source.name, 'no policy text found');
  const doc: PolicyDocument = { name: source.name, format: source.format, sections: out };
  if (title) doc.title = collapseWhitespace(title);
  return doc;
}
