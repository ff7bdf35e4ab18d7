/**
 * The text format of an index journal (`indexes/<collection>.jsonl`), JSON-free for speed:
 * tab-separated lines, names and keys escaped with % wherever a separator occurs in them.
 *
 * - `S sig`: the first line, the signature of the index definitions it was written for;
 * - a snapshot, written by compaction: `N count idsLength`, then the ids (one a line), then one
 *   `K index key slots` line per index key listing the documents filed under it by their position
 *   in the ids block; start-up reads the ids with one `split` instead of parsing a line per
 *   document (a snapshot from before versions were left out has a versions block after the ids,
 *   skipped);
 * - a tail of changes since: `P id entry` (a document's keys, after an unused field that held
 *   its version, written before the
 *   document itself), `D id` (a deletion), and `C` (a checkpoint: every change before it reached
 *   its document file).
 */

/** Separators inside a line and inside an entry. */
export const FIELD = '\t';
const PAIR = '\u0002';
const NAME_KEY = '\u0001';
const SEPARATORS = /[%\t\n\r\u0001\u0002]/g;

export function escapeField(text: string): string {
  SEPARATORS.lastIndex = 0;
  return SEPARATORS.test(text) ? text.replace(SEPARATORS, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`) : text;
}

export function unescapeField(text: string): string {
  return text.includes('%') ? text.replace(/%([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** A document as the indexes file it: each (index name, key) pair. */
export interface Filing {
  pairs: [string, string][];
}

/** A `P` line: the filing a document is about to have. */
export function putLine(id: string, filing: Filing): string {
  const entry = ['', ...filing.pairs.map(([name, key]) => `${escapeField(name)}${NAME_KEY}${escapeField(key)}`)];
  return `P${FIELD}${escapeField(id)}${FIELD}${entry.join(PAIR)}`;
}

/** A `D` line: a deletion about to happen. */
export function deleteLine(id: string): string {
  return `D${FIELD}${escapeField(id)}`;
}

/** The filing in a `P` line's entry field. */
export function filingOf(entry: string): Filing {
  const parts = entry.split(PAIR);
  const pairs: [string, string][] = [];
  for (let i = 1; i < parts.length; i++) {
    const at = parts[i].indexOf(NAME_KEY);
    pairs.push([unescapeField(parts[i].slice(0, at)), unescapeField(parts[i].slice(at + 1))]);
  }
  return { pairs };
}

/** What a snapshot holds: document ids by slot, and for each index the slots filed under each key. */
export interface Snapshot {
  ids: string[];
  postings: { name: string; key: string; slots: number[] }[];
}

/** The snapshot's lines (header, ids, keys), to follow the `S` line; a checkpoint ends it. */
export function snapshotLines(snapshot: Snapshot): string[] {
  const ids = snapshot.ids.map(escapeField).join('\n');
  const lines = [`N${FIELD}${snapshot.ids.length}${FIELD}${ids.length}`, ids];
  for (const { name, key, slots } of snapshot.postings) lines.push(`K${FIELD}${escapeField(name)}${FIELD}${escapeField(key)}${FIELD}${slots.join(',')}`);
  lines.push('C');
  return lines;
}

/**
 * Reads a snapshot starting at `start` in the journal's text. Returns it with the offset of the
 * first tail line, undefined when the text there is not a snapshot (a journal from before
 * snapshots: all tail), and throws when a snapshot is there but damaged.
 */
export function readSnapshot(text: string, start: number): { snapshot: Snapshot; end: number } | undefined {
  if (!text.startsWith(`N${FIELD}`, start)) return undefined;
  let end = text.indexOf('\n', start);
  const [, count, idsLength, versionsLength] = text.slice(start, end).split(FIELD).map(Number);
  const block = (length: number): string[] => {
    const from = end + 1;
    end = from + length;
    if (text.charAt(end) !== '\n') throw new Error('a snapshot block does not end where its header says');
    if (count === 0) return [];
    const lines = text.slice(from, end);
    const items = lines.split('\n');
    if (items.length !== count) throw new Error(`a snapshot block has ${items.length} lines instead of ${count}`);
    return lines.includes('%') ? items.map(unescapeField) : items;
  };
  const ids = block(idsLength);
  if (versionsLength !== undefined) block(versionsLength);
  const postings: Snapshot['postings'] = [];
  for (start = end + 1; ; start = end + 1) {
    end = text.indexOf('\n', start);
    if (end < 0) throw new Error('the snapshot has no checkpoint at its end');
    if (text.startsWith('C\n', start)) return { snapshot: { ids, postings }, end: end + 1 };
    const [tag, name, key, slots] = text.slice(start, end).split(FIELD);
    if (tag !== 'K' || slots === undefined) throw new Error('a snapshot key line is damaged');
    postings.push({ name: unescapeField(name), key: unescapeField(key), slots: JSON.parse(`[${slots}]`) as number[] });
  }
}
