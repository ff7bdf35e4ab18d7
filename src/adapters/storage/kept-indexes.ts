import { createHash } from 'node:crypto';
import { indexKeysOf, keyMatches, type IndexMatch, type StoreIndex } from '../../domain/ports.js';
import { AppendOnlyFile, readJsonLines, repairTornTail, type DamageReport } from './append-only-file.js';

/** A document file's content: its id (file names may be hashes), version and value. */
export interface StoredDocument {
  id: string;
  version: string;
  value: unknown;
}

/** Index name -> the keys a document is filed under. */
type FiledKeys = Record<string, readonly string[]>;

interface Entry {
  version: string;
  keys: FiledKeys;
}

/**
 * One journal line: the signature of the index definitions (first line), a document's version
 * and keys (written before the document itself), a deletion, or a checkpoint (every change before
 * it reached its document file).
 */
type JournalLine = { sig: string } | { i: string; v: string; k: FiledKeys } | { i: string; d: 1 } | { c: 1 };

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
    let signed = false;
    const unchecked = new Set<string>();
    for await (const line of readJsonLines<JournalLine>(this.journal.file, report)) {
      this.linesWritten++;
      if ('sig' in line) {
        signed = line.sig === this.signature;
        if (!signed) break;
      } else if ('c' in line) {
        unchecked.clear();
      } else if ('d' in line) {
        this.forget(line.i);
        unchecked.add(line.i);
      } else {
        this.file(line.i, { version: line.v, keys: line.k });
        unchecked.add(line.i);
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
    return this.entries.get(id)?.version;
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
    await this.started({ i: id, v: version, k: entry.keys });
    return entry;
  }

  /** Journals a deletion that is about to happen. */
  async deleting(id: string): Promise<void> {
    await this.started({ i: id, d: 1 });
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
    await this.record(entry ? { i: id, v: entry.version, k: entry.keys } : { i: id, d: 1 }).catch(() => undefined);
    this.settle();
  }

  flush(): Promise<void> {
    return this.journal.flush();
  }

  close(): Promise<void> {
    return this.journal.close();
  }

  private entryFor(document: StoredDocument): Entry {
    const keys: FiledKeys = {};
    for (const index of this.indexes) {
      const filed = indexKeysOf(index, document.value);
      if (filed.length > 0) keys[index.name] = [...filed];
    }
    return { version: document.version, keys };
  }

  private async started(line: JournalLine): Promise<void> {
    this.inFlight++;
    try {
      await this.record(line);
    } catch (error) {
      this.settle();
      throw error;
    }
  }

  private async record(line: JournalLine): Promise<void> {
    this.linesWritten++;
    this.sinceCheckpoint++;
    await this.journal.append(JSON.stringify(line));
  }

  /** Every write journalled so far reached its document: mark it, and compact a long journal. */
  private settle(): void {
    this.inFlight--;
    if (this.inFlight > 0 || this.sinceCheckpoint < CHECKPOINT_EVERY) return;
    const work = this.linesWritten > 2 * this.entries.size + COMPACT_SLACK ? this.compact() : this.record({ c: 1 });
    this.sinceCheckpoint = 0;
    // Nobody waits for this line: flush() does, and a lost checkpoint only means more checking at start-up.
    work.catch(() => undefined);
  }

  /** Rewrites the journal as one line per document, ending with a checkpoint. */
  private compact(): Promise<void> {
    const lines: string[] = [JSON.stringify({ sig: this.signature })];
    for (const [id, entry] of this.entries) lines.push(JSON.stringify({ i: id, v: entry.version, k: entry.keys }));
    lines.push(JSON.stringify({ c: 1 }));
    this.linesWritten = lines.length;
    this.sinceCheckpoint = 0;
    return this.journal.replace(lines);
  }

  private file(id: string, entry: Entry): void {
    this.forget(id);
    this.entries.set(id, entry);
    for (const [name, keys] of Object.entries(entry.keys)) {
      const postings = this.postings.get(name);
      if (!postings) continue;
      for (const key of keys) {
        let ids = postings.get(key);
        if (!ids) postings.set(key, (ids = new Set()));
        ids.add(id);
      }
    }
  }

  private forget(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    for (const [name, keys] of Object.entries(entry.keys)) {
      const postings = this.postings.get(name);
      for (const key of keys) {
        const ids = postings?.get(key);
        ids?.delete(id);
        if (ids?.size === 0) postings!.delete(key);
      }
    }
  }
}
