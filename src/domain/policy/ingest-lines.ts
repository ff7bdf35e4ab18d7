/**
 * First stage of ingestion: each line of an extracted policy classified by its layout (numbered
 * clause, numbered section, heading, list item, table row, plain text), with page furniture
 * (page numbers, contents pages, rules) dropped. The rules are about layout, not about any one
 * document.
 */
import { splitGluedHeading } from './glued-heading.js';

/** What a line is, by its layout. `item` is a nested numbered list item of a markdown list. */
export type LineKind = 'clause' | 'section' | 'heading' | 'bullet' | 'item' | 'text';

/** One classified line. */
export interface Line {
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
  /** Nesting depth of a markdown list item (1 = first level under a numbered heading). */
  depth?: number;
  /** A row of a table, read as "header: cell; header: cell". */
  table?: boolean;
}

// Bullet glyphs from Word/PDF symbol fonts (private use area), pilcrows used as bullets, and the usual ones.
const BULLET_RE = /^(?:[\u2022\u00b6\u25aa\u25cf\u25e6\u2023\u2043\u00b7\u25a0\u25a1\u2219\uf000-\uf0ff]|[-*+\u2013\u2014](?=\s))\s*/;
const PAGE_NUMBER_RE = /^(?:page\s+)?\d{1,3}(?:\s*(?:of|\/)\s*\d{1,3})?$/i;
const TOC_LINE_RE = /(?:\.{4,}|\u2026{2,}|\t)\s*\d{1,3}\s*$/;
const LEADER_LINE_RE = /[.\u2026_]{8,}\s*$/;
const CLAUSE_RE = /^(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\.?\s+(\S.*)$/;
const SECTION_RE = /^(\d{1,2})\.?\s+([A-Za-z\u2018\u201c"'(].*)$/;
export const TERMINAL_RE = /[.!?:;]["'\u201d\u2019)]*$/;

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** A short line that reads like a heading: capital start, no closing punctuation, mostly capitalised words. */
export function looksLikeHeading(text: string, maxWords: number): boolean {
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
export function titleCased(text: string): boolean {
  const significant = text.split(/\s+/).filter((w) => w.replace(/[^A-Za-z]/g, '').length > 3);
  if (significant.length < 2) return true;
  return significant.filter((w) => /^[A-Z\u2018\u201c"'(]/.test(w)).length / significant.length >= 0.5;
}

function stripMarkdown(text: string): string {
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/(^|[\s(\[])_(\S(?:.*?\S)?)_(?=[\s).,;:\]]|$)/g, '$1$2')
    .replace(/(^|\s)\*(\S.*?\S|\S)\*(?=\s|$|[.,;:])/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
}

/** A line with its page numbers and dates' digits blurred, so "Page 2 ... v3" matches "Page 7 ... v3". */
const furnitureKey = (line: string): string => line.trim().replace(/\s+/g, ' ').replace(/\d+/g, '#');

/**
 * Running headers and footers of a PDF export: the same short line (a document name, a version, a
 * "confidential" mark) three times or more, not a numbered clause. Legal text does not repeat
 * short lines word for word that often.
 */
function runningLines(rawLines: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const raw of rawLines) {
    const line = raw.trim();
    const words = line.split(/\s+/).length;
    if (!line || line.length > 100 || words > 12 || /^\d{1,2}(\.\d{1,2})*\.?\s/.test(line)) continue;
    if (words < 2 && !/^[A-Z][A-Z-]{3,}$/.test(line)) continue;
    const key = furnitureKey(line);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= 3).map(([k]) => k));
}

/** Classifies the lines of a policy's text; `isMarkdown` reads markdown headings, lists and tables. */
export function classify(rawLines: string[], isMarkdown: boolean): Line[] {
  const running = isMarkdown ? new Set<string>() : runningLines(rawLines);
  const lines: Line[] = [];
  let afterBlank = true;
  /** The header cells of the markdown table being read. */
  let table: string[] | undefined;
  for (const raw of rawLines) {
    let text = raw.replace(/[\u00a0\u2007\u202f]/g, ' ').trim();
    if (!text.trim()) {
      afterBlank = true;
      continue;
    }
    if (TOC_LINE_RE.test(text) || LEADER_LINE_RE.test(text) || running.has(furnitureKey(text))) {
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
    let boldLine = false;
    if (isMarkdown) {
      const h = /^(#{1,6})\s+(.*)$/.exec(text);
      if (h) {
        mdLevel = h[1].length;
        text = h[2].replace(/\s*#+\s*$/, '');
      }
      if (/^\|?[\s:-]+\|[\s|:-]*$/.test(text)) continue;
      if (/^\|.*\|$/.test(text)) {
        const row = tableRow(text, table);
        table = row.header;
        if (row.text) lines.push({ kind: 'bullet', text: row.text, afterBlank, table: true });
        afterBlank = false;
        continue;
      }
      table = undefined;
      const item = /^(\d{1,2})\.\s+(\S.*)$/.exec(text);
      const indent = raw.length - raw.trimStart().length;
      // A whole line in bold ("**Scope**", "1. **Scope**") is a heading, whatever its case.
      boldLine = /^(?:\d{1,2}\.\s+)?\*\*[^*]+\*\*:?$/.test(text) && indent < 2;
      text = stripMarkdown(text);
      if (/^(-{3,}|\*{3,}|_{3,})$/.test(text)) continue;
      // An empty list item ("*" on a line of its own, as converters nest lists) is list furniture.
      if (/^[-*+](?:\s+[-*+])*$/.test(text)) continue;
      if (item && indent >= 2) {
        lines.push({ kind: 'item', number: item[1], text: stripMarkdown(item[2]), afterBlank, depth: indent < 5 ? 1 : 2 });
        afterBlank = false;
        continue;
      }
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
    } else if (boldLine && wordCount(text) <= 12) {
      kind = 'heading';
    } else if (afterBlank || section) {
      // A heading glued to the first sentence of its paragraph, numbered or not.
      const glued = splitGluedHeading(section ? section[2] : text);
      if (glued) {
        lines.push(section ? { kind: 'section', number: section[1], text: glued.heading, afterBlank } : { kind: 'heading', text: glued.heading, afterBlank });
        lines.push({ kind: 'text', text: glued.rest, afterBlank: false });
        afterBlank = false;
        continue;
      }
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
 * Numbered headings that are only a list of the document's parts (an opening list, a contents
 * page: numbered lines with no text between them, repeated later) are demoted to text. Numbering
 * that goes back is demoted too, except a restart at 1: a document made of several policies, or an
 * appendix, numbers each part from 1 again.
 */
export function demoteRepeatedSections(lines: Line[]): void {
  const sections = lines.map((l, i) => (l.kind === 'section' ? i : -1)).filter((i) => i >= 0);
  const laterNumbers = (i: number) => new Set(sections.filter((j) => j > i).map((j) => lines[j].number));
  let highest = 0;
  sections.forEach((i) => {
    const l = lines[i];
    const n = Number(l.number);
    const inRun = lines[i - 1]?.kind === 'section' || lines[i + 1]?.kind === 'section' || lines[i - 1]?.demoted === true;
    if ((inRun && laterNumbers(i).has(l.number)) || (n < highest && n !== 1)) {
      l.kind = 'text';
      l.demoted = true;
      l.text = `${l.number}. ${l.text}`;
      return;
    }
    highest = n;
  });
}

/** A markdown table row as text: "header: cell; header: cell"; the first row is the header. */
function tableRow(text: string, header: string[] | undefined): { header: string[]; text?: string } {
  const cells = text.replace(/^\||\|$/g, '').split('|').map((c) => stripMarkdown(c.trim()));
  if (!header) return { header: cells };
  const parts = cells.map((c, i) => (c && header[i] ? `${header[i]}: ${c}` : c)).filter(Boolean);
  return { header, text: parts.join('; ') };
}
