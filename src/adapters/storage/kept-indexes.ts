import { createHash } from 'node:crypto';
import { indexKeysOf, keyMatches, type IndexMatch, type StoreIndex } from '../../domain/ports.js';
import { readFile } from 'node:fs/promises';
import { AppendOnlyFile, repairTornTail, type DamageReport } from './append-only-file.js';

/** A document file's content: its id (file names may be hashes), version and value. */
export interface StoredDocument {
  id: string;
  version: string;
  value: unknown;
}

/**
 * What the indexes hold for one document, as one string (a hundred thousand small objects cost far
 * more memory and start-up time than strings): the version, then each (index, key) pair.
 */
type Entry = string;

/** Separators inside an entry and a journal line; escaped (with %) wherever they occur in names. */
const FIELD = '\t';
const PAIR = '\u0002';
const NAME_KEY = '\u0001';

/**
 * The journal is JSON-free for speed: tab-separated lines `S sig` (first line: the signature of
 * the index definitions), `P id entry` (a document's version and keys, written before the
 * document itself), `D id` (a deletion), and `C` (a checkpoint: every change before it reached
 * its document file).
 */
const escapeField = (text: string) => (/[%\t\n\r\u0001\u0002]/.test(text) ? text.replace(/[%\t\n\r\u0001\u0002]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`) : text);
const unescapeField = (text: string) => (text.includes('%') ? text.replace(/%([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text);

function entryOf(version: string, pairs: [string, string][]): Entry {
  return [escapeField(version), ...pairs.map(([name, key]) => `${escapeField(name)}${NAME_KEY}${escapeField(key)}`)].join(PAIR);
}

function versionOf(entry: Entry): string {
  const end = entry.indexOf(PAIR);
  return unescapeField(end < 0 ? entry : entry.slice(0, end));
}

function pairsOf(entry: Entry): [string, string][] {
  const parts = entry.split(PAIR);
  const pairs: [string, string][] = [];
  for (let i = 1; i < parts.length; i++) {
    const at = parts[i].indexOf(NAME_KEY);
    pairs.push([unescapeField(parts[i].slice(0, at)), unescapeField(parts[i].slice(at + 1))]);
  }
  return pairs;
}

/** How many journal lines may follow a checkpoint before the next one is written (when idle). */
const CHECKPOINT_EVERY = 64;
/** Superseded lines tolerated before the journal is rewritten with one line per document. */
const COMPACT_SLACK = 10_000;

/** What the indexes need from the store to check themselves against the documents. */
export interface DocumentSource {
  read(id: string): Promise<StoredDocument | undefined>;
  all(): AsyncIterable<StoredDocument>;
}

/**
 * The indexes of one collection, held in memory and kept in a journal (JSON Lines) so that
 * start-up replays small lines instead of reading every document. A change is journalled before
 * its document is written; at start-up the documents named after the last checkpoint are read
 * back, so a crash between the two never leaves an index pointing at the wrong version. When the
 * index definitions change (or the journal is missing) the indexes are rebuilt from the documents.
 */
export class KeptIndexes {
  private readonly entries = new Map<string, Entry>();
  private readonly postings = new Map<string, Map<string, Set<string>>>();
  private readonly journal: AppendOnlyFile;
  private readonly signature: string;
  private linesWritten = 0;
  private sinceCheckpoint = 0;
  private inFlight = 0;

  constructor(
    private readonly indexes: readonly StoreIndex<unknown>[],
    journalFile: string,
    fsync: boolean,
  ) {
    this.journal = new AppendOnlyFile(journalFile, fsync);
    this.signature = createHash('sha256')
      .update(indexes.map((index) => `${index.name}:${index.keys.toString()}`).sort().join('\n'))
      .digest('hex')
      .slice(0, 16);
    for (const index of indexes) this.postings.set(index.name, new Map());
  }

  /** Loads the journal, checks its tail against the documents, and rebuilds or compacts when needed. */
  async load(documents: DocumentSource, report: DamageReport): Promise<void> {
    const repaired = await repairTornTail(this.journal.file);
    if (repaired) report(repaired);
    const text = await readFile(this.journal.file, 'utf8').catch(() => '');
    let signed = false;
    const unchecked = new Set<string>();
    let start = 0;
    for (let number = 1; start < text.length; number++) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const line = text.slice(start, end);
      start = end + 1;
      this.linesWritten++;
      const fields = line.split(FIELD);
      if (number === 1) {
        signed = fields[0] === 'S' && fields[1] === this.signature;
        if (!signed) break;
      } else if (fields[0] === 'C') {
        unchecked.clear();
      } else if (fields[0] === 'D' && fields.length === 2) {
        const id = unescapeField(fields[1]);
        this.forget(id);
        unchecked.add(id);
      } else if (fields[0] === 'P' && fields.length === 3) {
        const id = unescapeField(fields[1]);
        this.file(id, fields[2]);
        unchecked.add(id);
      } else if (line !== '') {
        report(`${this.journal.file}: line ${number} is damaged and was skipped`);
      }
    }
    if (!signed) {
      this.entries.clear();
      for (const postings of this.postings.values()) postings.clear();
      for await (const document of documents.all()) this.file(document.id, this.entryFor(document));
    } else {
      for (const id of unchecked) {
        const document = await documents.read(id);
        if (document) this.file(id, this.entryFor(document));
        else this.forget(id);
      }
    }
    if (!signed || unchecked.size > 0 || this.linesWritten > this.entries.size + COMPACT_SLACK) await this.compact();
  }

  /** The version the index knows for a document, or undefined if there is no such document. */
  version(id: string): string | undefined {
    const entry = this.entries.get(id);
    return entry === undefined ? undefined : versionOf(entry);
  }

  has(indexName: string): boolean {
    return this.postings.has(indexName);
  }

  /** The ids filed under the matched keys. */
  ids(indexName: string, match: IndexMatch): string[] {
    const postings = this.postings.get(indexName);
    if (typeof match === 'string') return [...(postings?.get(match) ?? [])];
    const ids = new Set<string>();
    for (const [key, filed] of postings ?? []) if (keyMatches(key, match)) for (const id of filed) ids.add(id);
    return [...ids];
  }

  get size(): number {
    return this.entries.size;
  }

  /** Journals a write that is about to happen; call `applied` or `failed` once the document is written or not. */
  async writing(id: string, version: string, value: unknown): Promise<Entry> {
    const entry = this.entryFor({ id, version, value });
    await this.started(putLine(id, entry));
    return entry;
  }

  /** Journals a deletion that is about to happen. */
  async deleting(id: string): Promise<void> {
    await this.started(`D${FIELD}${escapeField(id)}`);
  }

  /** The document file now holds `entry` (undefined: it was deleted). */
  applied(id: string, entry: Entry | undefined): void {
    if (entry) this.file(id, entry);
    else this.forget(id);
    this.settle();
  }

  /** The document file was not changed: journal what it still holds, so the journal agrees again. */
  async failed(id: string): Promise<void> {
    const entry = this.entries.get(id);
    await this.record(entry !== undefined ? putLine(id, entry) : `D${FIELD}${escapeField(id)}`).catch(() => undefined);
    this.settle();
  }

  flush(): Promise<void> {
    return this.journal.flush();
  }

  close(): Promise<void> {
    return this.journal.close();
  }

  private entryFor(document: StoredDocument): Entry {
    return entryOf(
      document.version,
      this.indexes.flatMap((index) => indexKeysOf(index, document.value).map((key): [string, string] => [index.name, key])),
    );
  }

  private async started(line: string): Promise<void> {
    this.inFlight++;
    try {
      await this.record(line);
    } catch (error) {
      this.settle();
      throw error;
    }
  }

  private async record(line: string): Promise<void> {
    this.linesWritten++;
    this.sinceCheckpoint++;
    await this.journal.append(line);
  }

  /** Every write journalled so far reached its document: mark it, and compact a long journal. */
  private settle(): void {
    this.inFlight--;
    if (this.inFlight > 0 || this.sinceCheckpoint < CHECKPOINT_EVERY) return;
    const work = this.linesWritten > 2 * this.entries.size + COMPACT_SLACK ? this.compact() : this.record('C');
    this.sinceCheckpoint = 0;
    // Nobody waits for this line: flush() does, and a lost checkpoint only means more checking at start-up.
    work.catch(() => undefined);
  }

  /** Rewrites the journal as one line per document, ending with a checkpoint. */
  private compact(): Promise<void> {
    const lines: string[] = [`S${FIELD}${this.signature}`];
    for (const [id, entry] of this.entries) lines.push(putLine(id, entry));
    lines.push('C');
    this.linesWritten = lines.length;
    this.sinceCheckpoint = 0;
    return this.journal.replace(lines);
  }

  private file(id: string, entry: Entry): void {
    this.forget(id);
    this.entries.set(id, entry);
    for (const [name, key] of pairsOf(entry)) {
      const postings = this.postings.get(name);
      if (!postings) continue;
      let ids = postings.get(key);
      if (!ids) postings.set(key, (ids = new Set()));
      ids.add(id);
    }
  }

  private forget(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.delete(id);
    for (const [name, key] of pairsOf(entry)) {
      const postings = this.postings.get(name);
      const ids = postings?.get(key);
      ids?.delete(id);
      if (ids?.size === 0) postings!.delete(key);
    }
  }
}

function putLine(id: string, entry: Entry): string {
  return `P${FIELD}${escapeField(id)}${FIELD}${entry}`;
}
