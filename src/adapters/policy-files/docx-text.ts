/**
 * A Word policy as markdown-shaped text, so that ingestion sees what Word's styles say and raw
 * text loses: heading styles (Title -> "#", Heading 1 -> "##", ...), nested lists and tables.
 * mammoth gives clean, well-formed HTML; this reads only the few tags it writes.
 */
import mammoth from 'mammoth';

/** Title names the document; Heading 1 to 5 are its sections and sub-sections. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  ...[1, 2, 3, 4, 5].map((n) => `p[style-name='Heading ${n}'] => h${n + 1}:fresh`),
];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m),
    )
    .replace(/\s+/g, ' ')
    .trim();
}

const wordsIn = (t: string): number => t.split(/\s+/).filter(Boolean).length;

/** The number Word shows by default at each level of a numbered list: "2.", then "(b)", then "(ii)". */
function label(n: number, depth: number): string {
  if (depth === 1) return `${n}.`;
  if (depth === 2) return `(${String.fromCharCode(96 + Math.min(n, 26))})`;
  return `(${['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'][Math.min(n, 10) - 1]})`;
}

/** Converts mammoth's HTML to the markdown the ingestion reads. Exported for tests. */
export function htmlToPolicyMarkdown(html: string): string {
  const out: string[] = [];
  const lists: { ordered: boolean; n: number; prefix?: string }[] = [];
  let row: string[] | undefined;
  let rows = 0;
  let text = '';
  const flush = (prefix = ''): void => {
    const t = decode(text);
    text = '';
    if (t) out.push(`${prefix}${t}`);
  };
  /** Writes the text of the list item being read, before its nested list or at its end. */
  const flushItem = (): void => {
    const item = lists[lists.length - 1];
    if (item?.prefix === undefined) return;
    const t = decode(text);
    // An item of a Word-numbered list is a list item with its number ("- 2. Report the theft..."),
    // unless it is a short title of a list that numbers the document's headings ("2. Passwords").
    const heading = item.ordered && lists.length === 1 && /^[A-Z]/.test(t) && wordsIn(t) <= 10 && !/[.!?:;,]$/.test(t);
    flush(heading ? item.prefix.trimStart() : `${item.prefix.replace(/^(\s*)/, '$1- ')}`);
    item.prefix = undefined;
  };
  const re = /<(\/?)(h[1-6]|p|ol|ul|li|table|tr|td|th)\b[^>]*>|([^<]+|<[^>]*>)/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const [, close, tagRaw, other] = m;
    if (other !== undefined) {
      text += other;
      continue;
    }
    const tag = tagRaw.toLowerCase();
    if (row) {
      // Inside a table: cells become "| a | b |" rows; the first row is the header.
      if (!close && (tag === 'td' || tag === 'th')) text = '';
      else if (close && (tag === 'td' || tag === 'th')) row.push(decode(text).replace(/\|/g, '/'));
      else if (close && tag === 'p') text += ' ';
      else if (close && tag === 'tr') {
        out.push(`| ${row.join(' | ')} |`);
        if (rows++ === 0) out.push(`|${row.map(() => '---').join('|')}|`);
        row = undefined;
        text = '';
      }
      continue;
    }
    if (!close) {
      if (tag === 'ol' || tag === 'ul') {
        flushItem();
        lists.push({ ordered: tag === 'ol', n: 0 });
      } else if (tag === 'li') {
        const list = lists[lists.length - 1];
        if (list) list.prefix = `${'   '.repeat(lists.length - 1)}${list.ordered ? `${label(++list.n, lists.length)} ` : ''}`;
        text = '';
      } else if (tag === 'table') {
        out.push('');
        rows = 0;
      } else if (tag === 'tr') row = [];
      else if (tag !== 'td' && tag !== 'th') text = '';
      continue;
    }
    if (/^h[1-6]$/.test(tag)) {
      flush(`${'#'.repeat(Number(tag[1]))} `);
      out.push('');
    } else if (tag === 'p' && !lists.length) {
      flush();
      out.push('');
    } else if (tag === 'li') {
      flushItem();
    } else if (tag === 'ol' || tag === 'ul') {
      lists.pop();
      if (!lists.length) out.push('');
    } else if (tag === 'table') out.push('');
  }
  flush();
  return out.join('\n');
}

/** The text of a .docx policy, with its heading styles, lists and tables kept as markdown. */
export async function docxPolicyText(data: Buffer): Promise<string> {
  const { value } = await mammoth.convertToHtml({ buffer: data }, { styleMap: STYLE_MAP });
  return htmlToPolicyMarkdown(value);
}
