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
  /** A numbered clause line known to be a heading: glued to its first sentence ("1.1 Purpose This policy..."), or a markdown heading ("### 1.1 Purpose"). */
  glued?: boolean;
  /** The fields of a line laid out as a row ("IT Service Desk - 01632 960000 - itdesk@example.org"). */
  cells?: string[];
  /** For a row under a header row: the header ("Role .... Name .... email"). */
  leadIn?: string;
}

// Bullet glyphs from Word/PDF symbol fonts (private use area), pilcrows used as bullets, and the usual ones.
const BULLET_RE = /^(?:[\u2022\u00b6\u25aa\u25cf\u25e6\u2023\u2043\u00b7\u25a0\u25a1\u2219\uf000-\uf0ff]|[-*+\u2013\u2014](?=\s))\s*/;
const PAGE_NUMBER_RE = /^(?:page\s+)?\d{1,3}(?:\s*(?:of|\/)\s*\d{1,3})?$/i;
const TOC_LINE_RE = /(?:\.{4,}|\u2026{2,}|\t)\s*\d{1,3}\s*$/;
const LEADER_LINE_RE = /[.\u2026_]{8,}\s*$/;
const CLAUSE_RE = /^(\d{1,2}(?:\.\d{1,3}){1,4})\.?\s+(\S.*)$/;
const SECTION_RE = /^(\d{1,2})\.?\s+([A-Za-z\u2018\u201c"'(].*)$/;
export const TERMINAL_RE = /[.!?:;]["'\u201d\u2019)]*$/;

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * Document control lines: a version or a date at the end ("Version 3.2", "Approved March 2026"),
 * or a field with a label in sentence case ("Review date: March 2027", "Document owner: COO").
 * They describe the document; they are not its headings.
 */
const CONTROL_LINE_RE = /(?:\b\d+\.\d+(?:\.\d+)?|\b(?:19|20)\d\d|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})\s*\)?$|^[A-Z][a-z]+(?:\s+[a-z]+){0,3}:\s+\S/;

/** How many words a line in capitals may have and still be a heading. */
const MAX_CAPITALS_HEADING_WORDS = 14;

/** A short line that reads like a heading: capital start, no closing punctuation, mostly capitalised words. */
export function looksLikeHeading(text: string, maxWords: number): boolean {
  if (!text || text.length > 80 || TERMINAL_RE.test(text) || /[,]$/.test(text) || CONTROL_LINE_RE.test(text)) return false;
  if (!/^[A-Z0-9\u2018\u201c"']/.test(text)) return false;
  const ws = text.split(/\s+/).filter(Boolean);
  // A line in capitals is set as a heading even when it is long ("CHAPTER SEVEN - USING YOUR OWN PHONE, TABLET OR COMPUTER").
  if (ws.length > (/[a-z]/.test(text) ? maxWords : Math.max(maxWords, MAX_CAPITALS_HEADING_WORDS))) return false;
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
  const seen = new Map<string, number[]>();
  let position = 0;
  const total = rawLines.filter((l) => l.trim()).length;
  for (const raw of rawLines) {
    const line = raw.trim();
    if (line) position++;
    const words = line.split(/\s+/).length;
    if (!line || line.length > 100 || words > 12 || /^\d{1,2}(\.\d{1,2})*\.?\s/.test(line)) continue;
    if (words < 2 && !/^[A-Z][A-Z-]{3,}$/.test(line)) continue;
    const key = furnitureKey(line);
    seen.set(key, [...(seen.get(key) ?? []), position]);
  }
  // Headers and footers run through the document, page after page; the labels of a procedure
  // ("Step 1", "Step 2", "Step 3") come together in one place.
  const spread = (at: number[]): boolean => at[at.length - 1] - at[0] >= RUNNING_SPAN * total;
  return new Set([...seen].filter(([, at]) => at.length >= 3 && spread(at)).map(([k]) => k));
}

/** Share of the document's lines that a running header or footer spans, first page to last. */
const RUNNING_SPAN = 0.5;

/** Classifies the lines of a policy's text; `isMarkdown` reads markdown headings, lists and tables. */
export function classify(rawLines: string[], isMarkdown: boolean): Line[] {
  const running = isMarkdown ? new Set<string>() : runningLines(rawLines);
  // Where markdown has headings, they are the headings: a paragraph opening in bold ("**Yes.** Every
  // account...", "**Note:** ...") is emphasis, not a heading glued to its text.
  const mdHeadings = isMarkdown && rawLines.some((l) => /^\s{0,3}#{1,6}\s+\S/.test(l));
  const steps = sequenceItems(rawLines);
  const lines: Line[] = [];
  let afterBlank = true;
  /** The header cells of the markdown table being read. */
  let table: string[] | undefined;
  for (const [at, raw] of rawLines.entries()) {
    let text = raw.replace(/[\u00a0\u2007\u202f]/g, ' ').trim();
    if (!text.trim()) {
      afterBlank = true;
      continue;
    }
    if (TOC_LINE_RE.test(text) || LEADER_LINE_RE.test(text) || running.has(furnitureKey(text))) {
      afterBlank = true;
      continue;
    }
    const cells = rowCells(text);
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
    if (steps.has(at)) {
      lines.push({ kind: 'bullet', text, afterBlank });
      afterBlank = false;
      continue;
    }
    let kind: LineKind = 'text';
    let number: string | undefined;
    const bullet = BULLET_RE.exec(text);
    // A number alone in the first cell of a row beside other rows ("3.1 | Full Governing Board | March 2027")
    // is a table's data, not a clause.
    const clause = cells && cells[0] === CLAUSE_RE.exec(text)?.[1] && rowBeside(rawLines, at, cells.length) ? null : CLAUSE_RE.exec(text);
    const section = SECTION_RE.exec(text);
    if (mdLevel !== undefined) {
      const numbered = /^(\d{1,2})(?:\.\d{1,2})*\.?\s+(.*)$/.exec(text);
      kind = 'heading';
      const dotted = CLAUSE_RE.exec(text);
      if (numbered && !numbered[0].match(/^\d{1,2}\.\d/)) {
        kind = 'section';
        number = numbered[1];
        text = numbered[2];
      } else if (dotted) {
        // "### 2.2 Locked accounts": a numbered sub-heading, under the heading its number continues.
        lines.push({ kind: 'clause', number: dotted[1], text: dotted[2], afterBlank, glued: true });
        afterBlank = false;
        continue;
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
      const glued = splitGluedHeading(text, true);
      if (glued) {
        lines.push({ kind, number, text: glued.heading, afterBlank, glued: true }, { kind: 'text', text: glued.rest, afterBlank: false });
        afterBlank = false;
        continue;
      }
    } else if (section && section[2].length <= 80 && wordCount(section[2]) <= 10 && !TERMINAL_RE.test(section[2]) && /^[A-Z]/.test(section[2])) {
      kind = 'section';
      number = section[1];
      text = section[2];
    } else if (/^\d+\.?$/.test(text)) {
      continue;
    } else if (boldLine && wordCount(text) <= 12) {
      kind = 'heading';
    } else if ((afterBlank || section) && !mdHeadings) {
      // A heading glued to the first sentence of its paragraph, numbered or not.
      const glued = splitGluedHeading(section ? section[2] : text);
      if (glued) {
        lines.push(section ? { kind: 'section', number: section[1], text: glued.heading, afterBlank } : { kind: 'heading', text: glued.heading, afterBlank });
        lines.push({ kind: 'text', text: glued.rest, afterBlank: false });
        afterBlank = false;
        continue;
      }
    }
    lines.push({ kind, text, number, afterBlank, mdLevel, bulleted: kind === 'heading' && mdLevel === undefined ? true : undefined, cells: kind === 'text' ? cells : undefined });
    afterBlank = false;
  }
  readRows(lines);
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

/** The nearest other line before or after `at` is a row of `n` fields. */
function rowBeside(rawLines: readonly string[], at: number, n: number): boolean {
  const near = (step: number): string | undefined => {
    for (let k = at + step; k >= 0 && k < rawLines.length; k += step) if (rawLines[k].trim()) return rawLines[k].trim();
    return undefined;
  };
  return [near(-1), near(1)].some((l) => l !== undefined && rowCells(l)?.length === n);
}

/** Between the fields of a row: a tab, a dot leader, or a dash or bar with spaces around it. */
const CELL_SEPARATOR_RE = /\t+|\s+\.{2,}\s+|\s+[-\u2013\u2014|]\s+/;

const MAX_CELL_WORDS = 16;

/** The fields of a line that reads as a row of short fields, or undefined. */
function rowCells(text: string): string[] | undefined {
  if (text.length > 200) return undefined;
  const cells = text.split(CELL_SEPARATOR_RE).map((c) => c.trim());
  if (cells.length < 2 || cells.some((c) => !c || wordCount(c) > MAX_CELL_WORDS)) return undefined;
  return cells;
}

/**
 * Lines laid out as rows of a table without its rules ("IT Service Desk - 01632 960000 - itdesk@..."
 * then "Data Protection Officer - 01632 960001 - dpo@..."): two or more lines in a row with the same
 * number of fields, each with a number or an address in it or three fields or more. Each row is one
 * list item, kept whole; a first row of plain names is the header ("Role .... Name .... email") and
 * leads in the rows below.
 */
function readRows(lines: Line[]): void {
  const isRow = (l: Line | undefined, n: number): boolean => !!l && l.kind === 'text' && l.cells?.length === n;
  const hasData = (cells: readonly string[]): boolean => cells.some((c) => /[\d@]/.test(c));
  const headerLike = (l: Line): boolean => !hasData(l.cells!) && l.cells!.every((c) => wordCount(c) <= 3);
  for (let i = 0; i < lines.length; ) {
    const n = lines[i].cells?.length ?? 0;
    let j = i;
    while (n && isRow(lines[j], n) && (n >= 3 || hasData(lines[j].cells!))) j++;
    // The header: the line before the rows, or the first of them when only the others hold data.
    let header: Line | undefined;
    let first = i;
    if (isRow(lines[i - 1], n) && headerLike(lines[i - 1])) header = lines[i - 1];
    else if (j - i >= 2 && headerLike(lines[i]) && lines.slice(i + 1, j).every((l) => hasData(l.cells!))) header = lines[first++];
    if (j - first < (header ? 1 : 2)) {
      i = Math.max(i + 1, j);
      continue;
    }
    for (let k = first; k < j; k++) {
      const l = lines[k];
      l.kind = 'bullet';
      l.table = true;
      if (header) l.leadIn = header.text;
    }
    if (header) header.text = '';
    i = j;
  }
  for (let k = lines.length - 1; k >= 0; k--) if (lines[k].kind === 'text' && !lines[k].text) lines.splice(k, 1);
}

/** "Step 1: Tell the IT desk.": a label, its number, then the text on the same line. */
const STEP_RE = /^([A-Z][a-z]+)\s+(\d{1,2})\s*[:.)\-\u2013\u2014]\s*\S/;

/**
 * Lines that are the items of a labelled sequence ("Step 1: ...", "Step 2: ...", "Stage 3 - ..."):
 * the same label with the next or previous number a few lines away. They are a list, not headings.
 */
function sequenceItems(rawLines: readonly string[]): Set<number> {
  const found = rawLines.map((raw) => STEP_RE.exec(raw.trim()));
  const out = new Set<number>();
  found.forEach((m, i) => {
    if (!m) return;
    for (let k = Math.max(0, i - SEQUENCE_GAP); k <= Math.min(found.length - 1, i + SEQUENCE_GAP); k++) {
      const o = found[k];
      if (k !== i && o && o[1] === m[1] && Math.abs(Number(o[2]) - Number(m[2])) === 1) out.add(i);
    }
  });
  return out;
}

/** Most lines between one item of a labelled sequence and the next. */
const SEQUENCE_GAP = 8;
