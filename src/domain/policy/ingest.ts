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
import {
  PolicyIngestError,
  type PolicyDocument,
  type PolicyPassage,
  type PolicySection,
  type PolicySource,
} from './policy-types.js';

/** Longest passage, in words, before a paragraph is split at sentence boundaries. */
const MAX_PASSAGE_WORDS = 70;

type LineKind = 'clause' | 'section' | 'heading' | 'bullet' | 'text';

interface Line {
  kind: LineKind;
  text: string;
  /** Clause or section number. */
  number?: string;
  /** A blank line came before this line. */
  afterBlank: boolean;
  /** Markdown heading level, when the line was a markdown heading. */
  mdLevel?: number;
  /** A numbered heading demoted to text (it belonged to a list of contents). */
  demoted?: boolean;
  /** A heading that carried a bullet glyph. */
  bulleted?: boolean;
}

// Bullet glyphs from Word/PDF symbol fonts (private use area), pilcrows used as bullets, and the usual ones.
const BULLET_RE = /^(?:[\u2022\u00b6\u25aa\u25cf\u25e6\u2023\u2043\u00b7\u25a0\u25a1\u2219\uf000-\uf0ff]|[-*+\u2013\u2014](?=\s))\s*/;
const PAGE_NUMBER_RE = /^(?:page\s+)?\d{1,3}(?:\s*(?:of|\/)\s*\d{1,3})?$/i;
const TOC_LINE_RE = /(?:\.{4,}|\u2026{2,}|\t)\s*\d{1,3}\s*$/;
const LEADER_LINE_RE = /[.\u2026_]{8,}\s*$/;
const CLAUSE_RE = /^(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\.?\s+(\S.*)$/;
const SECTION_RE = /^(\d{1,2})\.?\s+([A-Za-z\u2018\u201c"'(].*)$/;
const TERMINAL_RE = /[.!?:;]["'\u201d\u2019)]*$/;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** A short line that reads like a heading: capital start, no closing punctuation, mostly capitalised words. */
function looksLikeHeading(text: string, maxWords: number): boolean {
  if (!text || text.length > 80 || TERMINAL_RE.test(text) || /[,]$/.test(text)) return false;
  if (!/^[A-Z0-9\u2018\u201c"']/.test(text)) return false;
  const ws = text.split(/\s+/).filter(Boolean);
  if (ws.length > maxWords) return false;
  const significant = ws.filter((w) => w.replace(/[^A-Za-z]/g, '').length > 3);
  if (ws.length <= 3 || significant.length === 0) return true;
  const capitalised = significant.filter((w) => /^[A-Z\u2018\u201c"'(]/.test(w)).length;
  return capitalised / significant.length >= 0.5;
}

/** Most of the longer words start with a capital ("Board of Trustees", not "Identifying training needs"). */
function titleCased(text: string): boolean {
  const significant = text.split(/\s+/).filter((w) => w.replace(/[^A-Za-z]/g, '').length > 3);
  if (significant.length < 2) return true;
  return significant.filter((w) => /^[A-Z\u2018\u201c"'(]/.test(w)).length / significant.length >= 0.5;
}

function stripMarkdown(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/(^|\s)\*(\S.*?\S|\S)\*(?=\s|$|[.,;:])/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
}

function classify(rawLines: string[], isMarkdown: boolean): Line[] {
  const lines: Line[] = [];
  let afterBlank = true;
  for (const raw of rawLines) {
    let text = raw.replace(/[\u00a0\u2007\u202f]/g, ' ').trim();
    if (!text.trim()) {
      afterBlank = true;
      continue;
    }
    if (TOC_LINE_RE.test(text) || LEADER_LINE_RE.test(text)) {
      afterBlank = true;
      continue;
    }
    text = text.replace(/\t+/g, ' ').trim();
    if (PAGE_NUMBER_RE.test(text)) continue;
    if (/^(table of )?contents$/i.test(text)) {
      afterBlank = true;
      continue;
    }
    let mdLevel: number | undefined;
    if (isMarkdown) {
      const h = /^(#{1,6})\s+(.*)$/.exec(text);
      if (h) {
        mdLevel = h[1].length;
        text = h[2].replace(/\s*#+\s*$/, '');
      }
      text = stripMarkdown(text);
      if (/^(-{3,}|\*{3,}|_{3,})$/.test(text) || /^\|?[\s:-]+\|[\s|:-]*$/.test(text)) continue;
    }
    let kind: LineKind = 'text';
    let number: string | undefined;
    const bullet = BULLET_RE.exec(text);
    const clause = CLAUSE_RE.exec(text);
    const section = SECTION_RE.exec(text);
    if (mdLevel !== undefined) {
      const numbered = /^(\d{1,2})(?:\.\d{1,2})*\.?\s+(.*)$/.exec(text);
      kind = 'heading';
      if (numbered && !numbered[0].match(/^\d{1,2}\.\d/)) {
        kind = 'section';
        number = numbered[1];
        text = numbered[2];
      }
    } else if (bullet && text.length > bullet[0].length) {
      text = text.slice(bullet[0].length).trim();
      kind = 'bullet';
      // A glyph in front of a short title-like line is a decorated heading, not a list item
      // (decided below, once the next line is known).
      if (looksLikeHeading(text, 4)) kind = 'heading';
    } else if (bullet) {
      continue;
    } else if (clause) {
      kind = 'clause';
      number = clause[1];
      text = clause[2];
    } else if (section && section[2].length <= 80 && wordCount(section[2]) <= 10 && !TERMINAL_RE.test(section[2]) && /^[A-Z]/.test(section[2])) {
      kind = 'section';
      number = section[1];
      text = section[2];
    } else if (/^\d+\.?$/.test(text)) {
      continue;
    }
    lines.push({ kind, text, number, afterBlank, mdLevel, bulleted: kind === 'heading' && mdLevel === undefined ? true : undefined });
    afterBlank = false;
  }
  // A short bullet followed by another bullet or a continuation is a list item after all.
  lines.forEach((l, i) => {
    const next = lines[i + 1];
    if (l.bulleted && next && (next.kind === 'bullet' || (next.kind === 'text' && /^[a-z]/.test(next.text)))) l.kind = 'bullet';
  });
  return lines;
}

/**
 * A numbered heading that is repeated later with the same number (an opening list of the
 * document's parts, a contents page) is demoted to text; only the last occurrence is a heading.
 */
function demoteRepeatedSections(lines: Line[]): void {
  const last = new Map<string, number>();
  lines.forEach((l, i) => {
    if (l.kind === 'section') last.set(l.number!, i);
  });
  let highest = 0;
  lines.forEach((l, i) => {
    if (l.kind !== 'section') return;
    const n = Number(l.number);
    if (last.get(l.number!) !== i || n < highest) {
      l.kind = 'text';
      l.demoted = true;
      l.text = `${l.number}. ${l.text}`;
      return;
    }
    highest = n;
  });
}

interface Block {
  kind: 'clause' | 'bullet' | 'text';
  clause?: string;
  text: string;
  leadIn?: string;
}

interface RawSection {
  number?: string;
  title: string;
  parent?: { number?: string; title: string };
  blocks: Block[];
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

/**
 * Ingests the text of one policy document.
 * @throws PolicyIngestError when no section with any text can be recovered.
 */
export function ingestPolicyText(text: string, source: PolicySource): PolicyDocument {
  const lines = classify(text.replace(/\r\n?/g, '\n').split('\n'), source.format === 'md');
  demoteRepeatedSections(lines);

  // Markdown: the top-level "# Title" names the document.
  let title: string | undefined;
  const sections: RawSection[] = [];
  let currentTop: RawSection | undefined;
  let current: RawSection = { title: 'Preamble', blocks: [] };
  sections.push(current);
  let seenNumbered = false;

  const startSection = (s: RawSection) => {
    current = s;
    sections.push(s);
  };

  let lastBlock: Block | undefined;
  let lastLeadIn: string | undefined;
  /** A lead-in ending in a colon opened a list that no heading has closed yet. */
  let listOpen = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const next = lines[i + 1];
    const prevEnded = !lastBlock || TERMINAL_RE.test(lastBlock.text);
    if (line.kind === 'section') {
      seenNumbered = true;
      currentTop = { number: line.number, title: line.text, blocks: [] };
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
    if (headingLike) {
      if (!seenNumbered && !title && sections.length === 1 && current.blocks.length === 0 && line.mdLevel === undefined) {
        // The first heading-like lines of a document before any numbered section name the document.
        title = line.text;
        continue;
      }
      const parent = currentTop ? { number: currentTop.number, title: currentTop.title } : undefined;
      startSection({ title: line.text, parent, blocks: [] });
      lastBlock = undefined;
      lastLeadIn = undefined;
      listOpen = false;
      continue;
    }
    if (line.kind === 'clause') {
      lastBlock = { kind: 'clause', clause: line.number, text: line.text };
      current.blocks.push(lastBlock);
      lastLeadIn = undefined;
      continue;
    }
    if (line.kind === 'bullet') {
      if (lastBlock && lastBlock.kind !== 'bullet') lastLeadIn = /:\s*$/.test(lastBlock.text) ? lastBlock.text : undefined;
      lastBlock = { kind: 'bullet', text: line.text, clause: lastBlock?.clause, leadIn: lastLeadIn };
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
    // A numbered part whose text is all under sub-headings is kept so that the structure is complete.
    if (passages.length === 0 && !s.number) continue;
    sectionNo++;
    passages.forEach((p, i) => (p.id = `s${sectionNo}-p${i + 1}`));
    const section: PolicySection = { id: `s${sectionNo}`, title: collapseWhitespace(s.title), passages };
    if (s.number) section.number = s.number;
    if (s.parent) section.parent = s.parent;
    out.push(section);
  }
  if (!out.some((s) => s.passages.length)) throw new PolicyIngestError(source.name, 'no policy text found');
  const doc: PolicyDocument = { name: source.name, format: source.format, sections: out };
  if (title) doc.title = collapseWhitespace(title);
  return doc;
}
