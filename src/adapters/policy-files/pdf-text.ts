/**
 * A PDF policy as text the ingestion reads, using the page layout that plain text extraction
 * loses: where each line sits on its page and in what size of type. Running headers and footers
 * and page numbers are dropped by where they sit (the top or bottom lines of the pages, the same on
 * page after page), a paragraph runs on across a page break, a word hyphenated at a line end is
 * joined again, cells set apart on a line ("Data protection officer ... dpo@...") are separated by
 * a tab, a vertical gap ends a paragraph, and lines set larger than the body text are headings.
 * When the document has such headings the text is given as markdown ("## 4 Remote working"), so
 * that the headings are read as the layout marks them.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One line of a page, its text and where and how it is set. */
interface PageLine {
  text: string;
  /** Baseline, from the bottom of the page. */
  y: number;
  size: number;
  page: number;
  /** Where each of its tab-separated cells starts. */
  xs: number[];
}

interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** A list marker at the start of a line ("•", "1.", "(a)", "4.1"): the gap after it is not a cell break. */
const MARKER_RE = /^(?:[\u2022\u00b7\u25aa\u25cf\u25e6\u2013\u2014\-*\uf000-\uf0ff]|\(?[0-9]{1,2}(?:\.[0-9]{1,3})*[.)]?|\(?[a-z][.)]|\(?[ivx]{1,4}\)|[a-z]\))$/i;

/** A gap wider than this many type sizes between two pieces of a line separates cells. */
const CELL_GAP = 1.2;

/** A list marker's hanging indent is narrower than this many type sizes; a wider gap is a column of a table ("3.1 | Full Governing Board"). */
const MARKER_GAP = 3;

/** Lines of the page: items on one baseline, left to right. */
function pageLines(items: TextItem[], page: number): PageLine[] {
  const sorted = items.filter((i) => i.str.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: TextItem[][] = [];
  for (const it of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].y - it.y) < Math.max(2, 0.4 * Math.min(row[0].size || it.size, it.size || row[0].size))) row.push(it);
    else rows.push([it]);
  }
  const out: PageLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    let size = 0;
    let chars = 0;
    const xs: number[] = [];
    for (const it of row) {
      // pdf.js fills a gap with a blank item as wide as the gap; the gap itself tells a space from a cell break.
      if (!it.str.trim()) continue;
      const gap = it.x - end;
      if (!text) xs.push(it.x);
      if (text && gap > CELL_GAP * it.size && !(MARKER_RE.test(text.trim()) && gap < MARKER_GAP * it.size)) {
        text = `${text.trimEnd()}\t`;
        xs.push(it.x);
      } else if (text && gap > 0.15 * it.size && !/\s$/.test(text) && !/^\s/.test(it.str)) text += ' ';
      text += it.str;
      end = it.x + it.width;
      const n = it.str.trim().length;
      if (n > chars) {
        chars = n;
        size = it.size;
      }
    }
    text = text.replace(/[ \u00a0]+/g, ' ').replace(/ ?\t ?/g, '\t').trim();
    if (text) out.push({ text, y: row[0].y, size: Math.round(size * 10) / 10, page, xs });
  }
  return out;
}

/** "Page 3", "Page 3 of 9", "3 of 9", "- 3 -", "3": a page number, alone or as a cell of a footer. */
const PAGE_NUMBER_RE = /^(?:page\s+\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?|\d{1,4}\s*(?:of|\/)\s*\d{1,4}|[-\u2013]\s*\d{1,4}\s*[-\u2013]|\d{1,4})$/i;

/** A line's text with its numbers blurred, so "Page 2 of 5" matches "Page 3 of 5". */
const furnitureKey = (text: string): string => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');

/** How many lines at the top and the bottom of a page can be its running header or footer. */
const EDGE_LINES = 3;

/**
 * Lines that are page furniture: within the top or bottom lines of a page, either a page number or
 * a line repeated (numbers aside) on at least half of the pages, and on two at least.
 */
function furniture(pages: PageLine[][]): Set<PageLine> {
  const edge = (lines: PageLine[]): PageLine[] => [...lines.slice(0, EDGE_LINES), ...lines.slice(Math.max(EDGE_LINES, lines.length - EDGE_LINES))];
  const pagesWith = new Map<string, Set<number>>();
  for (const lines of pages) for (const l of edge(lines)) pagesWith.set(furnitureKey(l.text), (pagesWith.get(furnitureKey(l.text)) ?? new Set()).add(l.page));
  const repeated = (l: PageLine): boolean => {
    const n = pagesWith.get(furnitureKey(l.text))?.size ?? 0;
    return pages.length >= 2 && n >= 2 && n >= pages.length / 2;
  };
  const out = new Set<PageLine>();
  for (const lines of pages) {
    const edges = edge(lines);
    for (const l of edges) if (repeated(l) || l.text.split('\t').some((c) => PAGE_NUMBER_RE.test(c.trim()))) out.add(l);
  }
  return out;
}

/** The most common value, weighted. */
function mode(values: [number, number][]): number {
  const w = new Map<number, number>();
  for (const [v, n] of values) w.set(v, (w.get(v) ?? 0) + n);
  return [...w].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** Type this much larger than the body text is a heading. */
const HEADING_SIZE = 1.12;
/** A vertical gap this much larger than the usual line spacing ends a paragraph. */
const PARAGRAPH_GAP = 1.35;
const MAX_HEADING_WORDS = 20;

/**
 * A word hyphenated across a line end ("confi-" / "dential"): joined without the hyphen, unless
 * both halves are words of the document and the whole is not ("self-" / "assessment").
 */
function joinHyphenated(lines: string[], words: ReadonlySet<string>): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = /([A-Za-z]+)-$/.exec(lines[i]);
    const tail = /^([a-z]+)([^\s]*)\s*/.exec(lines[i + 1]);
    if (!head || !tail || /\s-$/.test(lines[i])) continue;
    const first = head[1].toLowerCase();
    const whole = first + tail[1];
    const keepHyphen = !words.has(whole) && words.has(first) && words.has(tail[1]) && first.length > 2;
    lines[i] = `${lines[i].slice(0, keepHyphen ? undefined : -1)}${tail[1]}${tail[2]}`;
    lines[i + 1] = lines[i + 1].slice(tail[0].length);
    if (!lines[i + 1]) lines.splice(i + 1, 1);
  }
}

/** The document's words, leaving out the halves of those hyphenated at a line end. */
function wordsOf(lines: readonly PageLine[]): Set<string> {
  const text = lines.map((l, i) => (/[A-Za-z]-$/.test(lines[i - 1]?.text ?? '') ? l.text.replace(/^\S+/, '') : l.text).replace(/[A-Za-z]+-$/, ''));
  return new Set(text.join(' ').toLowerCase().match(/[a-z]+/g) ?? []);
}

/** The text of a PDF policy laid out as described above; `markdown` when headings were marked by size. */
export async function pdfPolicyText(data: Uint8Array): Promise<{ text: string; markdown: boolean }> {
  const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: PageLine[][] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        const [, , c, d, x, y] = it.transform as number[];
        items.push({ str: it.str, x, y, width: it.width, size: Math.hypot(c, d) || it.height });
      }
      pages.push(pageLines(items, p));
      page.cleanup();
    }
    return layoutText(pages);
  } finally {
    await pdf.destroy();
  }
}

const aligned = (a: number, b: number): boolean => Math.abs(a - b) < 3;

/**
 * A table cell set on two lines or more: the lines under a row that start at one of its cells but
 * not at its first are that cell's text, run on.
 */
function joinWrappedCells(lines: PageLine[]): void {
  for (let i = 1; i < lines.length; i++) {
    const row = lines[i - 1];
    const l = lines[i];
    if (row.xs.length < 2 || l.page !== row.page || row.y - l.y > 1.6 * l.size || l.xs[0] <= row.xs[0] + l.size) continue;
    const at = l.xs.map((x) => row.xs.findIndex((rx) => aligned(rx, x)));
    if (at.some((k) => k <= 0)) continue;
    const cells = row.text.split('\t');
    l.text.split('\t').forEach((c, k) => (cells[at[k]] = `${cells[at[k]]} ${c}`));
    row.text = cells.join('\t');
    row.y = l.y;
    lines.splice(i--, 1);
  }
}

/** Runs of two rows or more with the same cells at the same places: a table. */
function tableRuns(lines: readonly PageLine[]): Set<PageLine>[] {
  const runs: Set<PageLine>[] = [];
  for (let i = 0; i < lines.length; ) {
    const first = lines[i];
    let j = i + 1;
    while (first.xs.length >= 2 && j < lines.length && lines[j].xs.length === first.xs.length && lines[j].xs.every((x, k) => aligned(x, first.xs[k]))) j++;
    if (j - i >= 2) runs.push(new Set(lines.slice(i, j)));
    i = j;
  }
  return runs;
}

/**
 * A table as markdown when its first row is a header (short cells with no number or address in
 * them, over rows that are not all like it); without one, its rows as lines of tab-separated cells.
 */
function tableText(rows: PageLine[]): string[] {
  const cells = rows.map((r) => r.text.split('\t').map((c) => c.replace(/\|/g, '/').trim()));
  const plain = (cs: string[]): boolean => cs.every((c) => c.split(/\s+/).length <= 4 && !/[\d@]/.test(c));
  if (!plain(cells[0]) || cells.slice(1).every(plain)) return rows.map((r) => r.text);
  return [cells[0], cells[0].map(() => '---'), ...cells.slice(1)].map((cs) => `| ${cs.join(' | ')} |`);
}

/** Lines of all pages as text: furniture dropped, paragraphs and headings marked. Exported for tests. */
export function layoutText(pages: PageLine[][]): { text: string; markdown: boolean } {
  const drop = furniture(pages);
  const lines = pages.flatMap((ls) => ls.filter((l) => !drop.has(l)));
  joinWrappedCells(lines);
  const tables = tableRuns(lines);
  const body = mode(lines.map((l) => [l.size, l.text.length]));
  const isHeading = (l: PageLine): boolean => l.size >= body * HEADING_SIZE && l.text.split(/\s+/).length <= MAX_HEADING_WORDS && /[A-Za-z]/.test(l.text);
  const headingSizes = [...new Set(lines.filter(isHeading).map((l) => l.size))].sort((a, b) => b - a);
  const spacing = mode(
    lines.slice(1).flatMap((l, i) => (lines[i].page === l.page && l.size === body && lines[i].size === body && lines[i].y > l.y ? [[Math.round(lines[i].y - l.y), 1] as [number, number]] : [])),
  );
  const markdown = headingSizes.length > 0;
  const out: string[] = [];
  let para: string[] = [];
  const words = wordsOf(lines);
  const flush = (): void => {
    joinHyphenated(para, words);
    if (para.length) out.push(...para, '');
    para = [];
  };
  let previous: PageLine | undefined;
  let heading: { level: number; text: string; at: PageLine } | undefined;
  for (const l of lines) {
    const table = markdown ? tables.find((t) => t.has(l)) : undefined;
    if (table) {
      // A table is written whole at its first row, as a markdown table.
      if ([...table][0] === l) {
        flush();
        if (heading) out.push(`${'#'.repeat(heading.level)} ${heading.text}`, '');
        heading = undefined;
        out.push(...tableText([...table]), '');
      }
      previous = l;
      continue;
    }
    if (markdown && isHeading(l)) {
      const level = Math.min(6, headingSizes.indexOf(l.size) + 1);
      // A heading set on two lines is one heading.
      if (heading && heading.level === level && heading.at.page === l.page && heading.at.y - l.y < 1.6 * l.size) {
        heading.text += ` ${l.text}`;
        heading.at = l;
      } else {
        flush();
        if (heading) out.push(`${'#'.repeat(heading.level)} ${heading.text}`, '');
        heading = { level, text: l.text, at: l };
      }
      previous = l;
      continue;
    }
    if (heading) {
      out.push(`${'#'.repeat(heading.level)} ${heading.text.replace(/\t/g, ' ')}`, '');
      heading = undefined;
    }
    // A wide gap ends a paragraph; a page break does not (the paragraph runs on to the next page).
    const gap = previous && previous.page === l.page ? previous.y - l.y : 0;
    if (previous && spacing && gap > PARAGRAPH_GAP * spacing) flush();
    // Markdown would read a line starting with "#" or a "|...|" line as a heading or a table.
    para.push(markdown ? l.text.replace(/^([#|])/, '\\$1') : l.text);
    previous = l;
  }
  flush();
  if (heading) out.push(`${'#'.repeat(heading.level)} ${heading.text}`);
  return { text: out.join('\n'), markdown };
}
