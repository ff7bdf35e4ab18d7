import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { indexKeysOf, keyMatches, type IndexMatch, type StoreIndex } from '../../domain/ports.js';
import { AppendOnlyFile, repairTornTail, type DamageReport } from './append-only-file.js';
import { FIELD, deleteLine, filingOf, putLine, readSnapshot, snapshotLines, unescapeField, type Filing, type Snapshot } from './index-journal-format.js';

/** A document file's content: its id (file names may be hashes), version and value. */
export interface StoredDocument {
  id: string;
  version: string;
  value: unknown;
}

export type { Filing } from './index-journal-format.js';

/** How many journal lines may follow a checkpoint before the next one is written (when idle). */
const CHECKPOINT_EVERY = 64;
/** Journal lines after the snapshot before it is rewritten: bounds what start-up replays line by line. */
const COMPACT_AFTER = 10_000;

/** A fingerprint of index definitions (names and the source of `keys`): when it changes, the indexes are rebuilt. */
export function indexSignature(indexes: readonly StoreIndex<never>[] | readonly StoreIndex<unknown>[]): string {
  return createHash('sha256')
    .update(indexes.map((index) => `${index.name}:${index.keys.toString()}`).sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
}

/** What the indexes need from the store to check themselves against the documents. */
export interface DocumentSource {
  read(id: string): Promise<StoredDocument | undefined>;
  all(): AsyncIterable<StoredDocument>;
}

/** One index: the slots filed under each key, and each slot's key (or keys), to unfile it again. */
interface KeptIndex {
  postings: Map<string, Set<number>>;
  keysOf: (string | string[] | undefined)[];
}

/**
 * The indexes of one collection, held in memory and kept in a journal, so that start-up reads a
 * compact snapshot and a short tail instead of every document. Memory holds only what the
 * lookups need: each document's id in a slot (a small integer), and per index the slots filed
 * under each key; documents (and their versions) stay in their files. A change is journalled before its
 * document is written; at start-up the documents named after the last checkpoint are read back,
 * so a crash between the two never leaves an index pointing at the wrong version. When the index
 * definitions change (or the journal is missing or damaged) the indexes are rebuilt from the
 * documents.
 */
export class KeptIndexes {
  /** Ids by slot; undefined marks a free slot. */
  private idAt: (string | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  private readonly kept = new Map<string, KeptIndex>();
  private readonly journal: AppendOnlyFile;
  private readonly signature: string;
  private tailLines = 0;
  private sinceCheckpoint = 0;
  private inFlight = 0;

  constructor(
    private readonly indexes: readonly StoreIndex<unknown>[],
    journalFile: string,
    fsync: boolean,
  ) {
    this.journal = new AppendOnlyFile(journalFile, fsync);
    this.signature = indexSignature(indexes);
    for (const index of indexes) this.kept.set(index.name, { postings: new Map(), keysOf: [] });
  }

  /** Loads the snapshot and replays the journal after it, checks that tail against the documents, rebuilds or compacts when needed. */
  async load(documents: DocumentSource, report: DamageReport): Promise<void> {
    const repaired = await repairTornTail(this.journal.file);
    if (repaired) report(repaired);
    const text = await readFile(this.journal.file, 'utf8').catch(() => '');
    const firstEnd = text.indexOf('\n');
    let signed = firstEnd > 0 && text.slice(0, firstEnd) === `S${FIELD}${this.signature}`;
    let snapshotted = false;
    const unchecked = new Set<string>();
    if (signed) {
      try {
        const read = readSnapshot(text, firstEnd + 1);
        if (read) this.restore(read.snapshot);
        snapshotted = read !== undefined;
        this.replay(text, read?.end ?? firstEnd + 1, unchecked, report);
      } catch (error) {
        report(`${this.journal.file}: ${(error as Error).message}; rebuilding the indexes from the documents`);
        signed = false;
      }
    }
    if (!signed) {
      this.clear();
      for await (const document of documents.all()) this.file(document.id, this.filingFor(document.value));
    } else {
      for (const id of unchecked) {
        const document = await documents.read(id);
        if (document) this.file(id, this.filingFor(document.value));
        else this.forget(id);
      }
    }
    if (!signed || !snapshotted || unchecked.size > 0 || this.tailLines > COMPACT_AFTER) await this.compact();
  }

  /** Whether the collection holds a document with this id. */
  holds(id: string): boolean {
    return this.slotOf.has(id);
  }

  has(indexName: string): boolean {
    return this.kept.has(indexName);
  }

  /** The ids filed under the matched keys. */
  ids(indexName: string, match: IndexMatch): string[] {
    const postings = this.kept.get(indexName)?.postings;
    const slots = new Set<number>();
    if (typeof match === 'string') for (const slot of postings?.get(match) ?? []) slots.add(slot);
    else for (const [key, filed] of postings ?? []) if (keyMatches(key, match)) for (const slot of filed) slots.add(slot);
    return Array.from(slots, (slot) => this.idAt[slot]!);
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Journals a write that is about to happen; call `applied` or `failed` once the document is written or not. */
  async writing(id: string, value: unknown): Promise<Filing> {
    const filing = this.filingFor(value);
    await this.started(putLine(id, filing));
    return filing;
  }

  /** Journals a deletion that is about to happen. */
  async deleting(id: string): Promise<void> {
    await this.started(deleteLine(id));
  }

  /** The document file now holds `filing` (undefined: it was deleted). */
  applied(id: string, filing: Filing | undefined): void {
    if (filing) this.file(id, filing);
    else this.forget(id);
    this.settle();
  }

  /** The document file was not changed: journal what it still holds, so the journal agrees again. */
  async failed(id: string): Promise<void> {
    const slot = this.slotOf.get(id);
    const line = slot === undefined ? deleteLine(id) : putLine(id, { pairs: this.pairsAt(slot) });
    await this.record(line).catch(() => undefined);
    this.settle();
  }

  flush(): Promise<void> {
    return this.journal.flush();
  }

  close(): Promise<void> {
    return this.journal.close();
  }

  private filingFor(value: unknown): Filing {
    return { pairs: this.indexes.flatMap((index) => indexKeysOf(index, value).map((key): [string, string] => [index.name, key])) };
  }

  /** Replays the journal lines from `start`: the changes since the snapshot. */
  private replay(text: string, start: number, unchecked: Set<string>, report: DamageReport): void {
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const line = text.slice(start, end);
      this.tailLines++;
      const fields = line.split(FIELD);
      if (fields[0] === 'C' && fields.length === 1) {
        unchecked.clear();
      } else if (fields[0] === 'D' && fields.length === 2) {
        const id = unescapeField(fields[1]);
        this.forget(id);
        unchecked.add(id);
      } else if (fields[0] === 'P' && fields.length === 3) {
        const id = unescapeField(fields[1]);
        this.file(id, filingOf(fields[2]));
        unchecked.add(id);
      } else if (line !== '') {
        report(`${this.journal.file}: line ${text.slice(0, start).split('\n').length} is damaged and was skipped`);
      }
      start = end + 1;
    }
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
    this.tailLines++;
    this.sinceCheckpoint++;
    await this.journal.append(line);
  }

  /** Every write journalled so far reached its document: mark it, and compact a long journal. */
  private settle(): void {
    this.inFlight--;
    if (this.inFlight > 0 || this.sinceCheckpoint < CHECKPOINT_EVERY) return;
    const work = this.tailLines > COMPACT_AFTER ? this.compact() : this.record('C');
    this.sinceCheckpoint = 0;
    // Nobody waits for this line: flush() does, and a lost checkpoint only means more checking at start-up.
    work.catch(() => undefined);
  }

  /** Rewrites the journal as the signature and a snapshot of the indexes (free slots left out), ending with a checkpoint. */
  private compact(): Promise<void> {
    const renumbered = new Int32Array(this.idAt.length);
    const snapshot: Snapshot = { ids: [], postings: [] };
    this.idAt.forEach((id, slot) => {
      if (id === undefined) return;
      renumbered[slot] = snapshot.ids.length;
      snapshot.ids.push(id);
    });
    for (const [name, { postings }] of this.kept) {
      for (const [key, slots] of postings) snapshot.postings.push({ name, key, slots: Array.from(slots, (slot) => renumbered[slot]) });
    }
    this.tailLines = 0;
    this.sinceCheckpoint = 0;
    return this.journal.replace([`S${FIELD}${this.signature}`, ...snapshotLines(snapshot)]);
  }

  /** Takes a snapshot's documents and postings as they are: one pass, no parsing per document. */
  private restore(snapshot: Snapshot): void {
    this.clear();
    const { ids } = snapshot;
    for (let slot = 0; slot < ids.length; slot++) this.slotOf.set(ids[slot]!, slot);
    this.idAt = ids;
    for (const index of this.kept.values()) index.keysOf = new Array<undefined>(ids.length);
    for (const { name, key, slots } of snapshot.postings) {
      const index = this.kept.get(name);
      if (!index) continue;
      index.postings.set(key, new Set(slots));
      for (const slot of slots) fileKey(index, slot, key);
    }
  }

  private clear(): void {
    this.idAt = [];
    this.slotOf.clear();
    this.free.length = 0;
    for (const index of this.kept.values()) {
      index.postings.clear();
      index.keysOf = [];
    }
  }

  private file(id: string, filing: Filing): void {
    let slot = this.slotOf.get(id);
    if (slot === undefined) slot = this.allocate(id);
    else this.unfile(slot);
    for (const [name, key] of filing.pairs) {
      const index = this.kept.get(name);
      if (!index) continue;
      let slots = index.postings.get(key);
      if (!slots) index.postings.set(key, (slots = new Set()));
      slots.add(slot);
      fileKey(index, slot, key);
    }
  }

  private forget(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.unfile(slot);
    this.slotOf.delete(id);
    this.idAt[slot] = undefined;
    this.free.push(slot);
  }

  /** A slot for a new document: a freed one, or a new one at the end (every index's keysOf grows with it). */
  private allocate(id: string): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.idAt.length;
      this.idAt.push(id);
      for (const index of this.kept.values()) index.keysOf.push(undefined);
    } else {
      this.idAt[slot] = id;
    }
    this.slotOf.set(id, slot);
    return slot;
  }

  private unfile(slot: number): void {
    for (const index of this.kept.values()) {
      const keys = index.keysOf[slot];
      if (keys === undefined) continue;
      for (const key of typeof keys === 'string' ? [keys] : keys) {
        const slots = index.postings.get(key);
        slots?.delete(slot);
        if (slots?.size === 0) index.postings.delete(key);
      }
      index.keysOf[slot] = undefined;
    }
  }

  private pairsAt(slot: number): [string, string][] {
    const pairs: [string, string][] = [];
    for (const [name, index] of this.kept) {
      const keys = index.keysOf[slot];
      if (keys !== undefined) for (const key of typeof keys === 'string' ? [keys] : keys) pairs.push([name, key]);
    }
    return pairs;
  }
}

/** Records that `slot` is filed under `key` in the index (a document may have several keys). */
function fileKey(index: KeptIndex, slot: number, key: string): void {
  const had = index.keysOf[slot];
  index.keysOf[slot] = had === undefined ? key : typeof had === 'string' ? [had, key] : [...had, key];
}
