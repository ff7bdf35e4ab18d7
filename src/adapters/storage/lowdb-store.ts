import { randomBytes } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { DocumentStore, IndexMatch, StoreIndex, VersionConflictError, Versioned, collect, findByScanning } from '../../domain/ports.js';
import { AppendOnlyFile, readJsonLines, repairTornTail } from './append-only-file.js';
import { lockDataFolder, unlockDataFolder } from './data-folder-lock.js';
import { makeDirectory, syncDirectory } from './directory-sync.js';
import { DurableJsonFile, isTemporaryFile, readJsonFileNow } from './durable-json-file.js';
import { KeptIndexes, type StoredDocument } from './kept-indexes.js';
import { migrateLegacyFile } from './legacy-migration.js';
import { LAYOUT, readInBatches } from './store-layout.js';

/** How to open a LowdbStore. */
export interface LowdbStoreOptions {
  /** Indexes to keep in memory (and in a journal); `find` on any other index scans. */
  indexes?: readonly StoreIndex<never>[];
  /** Flush every write to disk before acknowledging it (default true; off only for throwaway data). */
  fsync?: boolean;
  /** Today's single-file store (policy-desk.json), migrated into the folder at start-up if present. */
  legacyFile?: string;
  /** Where start-up reports go: a taken-over lock, a repaired log, migration progress. */
  report?: (message: string) => void;
}

/** Stores opened in this process by folder: opening a folder again first closes the earlier store. */
const openInProcess = new Map<string, LowdbStore>();

/**
 * DocumentStore in a folder on disk, for a single bot instance. Every operation costs the same
 * however much history the folder holds:
 * - a document is its own small JSON file (`documents/<collection>/<shard>/<id>.json`), written
 *   through a lowdb adapter that writes a temporary file, fsyncs it and renames it over the old one;
 * - a log (the audit trail) is append-only JSON Lines, fsync'd before an append is acknowledged
 *   and never rewritten;
 * - declared indexes ("requests raised by", "open") are kept in memory (ids and keys, never the
 *   documents) and journalled, so `find` reads only the documents it returns and
 *   start-up reads a snapshot and a short journal tail instead of every document.
 * One process writes a folder at a time (a lock file, taken over from a process that died).
 */
export class LowdbStore implements DocumentStore {
  private readonly kept = new Map<string, KeptIndexes>();
  private readonly logs = new Map<string, AppendOnlyFile>();
  private readonly keyQueues = new Map<string, Promise<unknown>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly madeFolders = new Set<string>();
  private readonly versionPrefix = randomBytes(4).toString('hex');
  private versionCounter = 0;

  private constructor(
    readonly folder: string,
    private readonly fsync: boolean,
    private readonly report: (message: string) => void,
  ) {}

  /** Opens (creating if needed) the store folder, taking its lock, migrating a legacy file, loading indexes. */
  static async open(folder: string, options: LowdbStoreOptions = {}): Promise<LowdbStore> {
    folder = path.resolve(folder);
    await openInProcess.get(folder)?.close();
    const report = options.report ?? ((message: string) => console.warn(`Policy Desk storage: ${message}`));
    const fsync = options.fsync ?? true;
    await makeDirectory(path.dirname(folder), fsync);
    const crashed = await lockDataFolder(path.dirname(folder), `${folder}.lock`);
    if (crashed !== undefined) report(`process ${crashed} stopped without closing the store; checking its last writes`);
    if (options.legacyFile) await migrateLegacyFile(options.legacyFile, folder, report);
    await makeDirectory(folder, fsync);
    const store = new LowdbStore(folder, fsync, report);
    await store.repairLogs();
    const byCollection = new Map<string, StoreIndex<unknown>[]>();
    for (const index of (options.indexes ?? []) as readonly StoreIndex<unknown>[]) {
      byCollection.set(index.collection, [...(byCollection.get(index.collection) ?? []), index]);
    }
    for (const [collection, indexes] of byCollection) {
      const kept = new KeptIndexes(indexes, store.journalFile(collection), store.fsync);
      await store.madeFolder(path.dirname(store.journalFile(collection)));
      await kept.load({ read: (id) => store.readDocument(collection, id), all: () => store.documents(collection) }, report);
      store.kept.set(collection, kept);
    }
    openInProcess.set(folder, store);
    return store;
  }

  async get<T>(collection: string, id: string): Promise<Versioned<T> | undefined> {
    const document = await this.readDocument(collection, id);
    return document && { value: document.value as T, version: document.version };
  }

  put<T>(collection: string, id: string, value: T, expectedVersion?: string | null): Promise<string> {
    return this.serialised(collection, id, async () => {
      const kept = this.kept.get(collection);
      if (expectedVersion !== undefined) {
        const current = (await this.readDocument(collection, id))?.version;
        if ((current ?? null) !== expectedVersion) throw new VersionConflictError(collection, id);
      }
      const version = `${this.versionPrefix}-${(this.versionCounter++).toString(36)}`;
      const document: StoredDocument = { id, version, value };
      // The document's temporary file is written and flushed while its journal line is; it takes
      // the document's place only once the journal holds the line.
      const file = this.documentPath(collection, id);
      await this.madeFolder(path.dirname(file));
      const journalled = kept?.writing(id, value);
      journalled?.catch(() => undefined);
      const written = new Low(new DurableJsonFile<StoredDocument>(file, this.fsync, journalled), document).write();
      written.catch(() => undefined);
      let filing;
      try {
        filing = await journalled;
      } catch (error) {
        await written.catch(() => undefined);
        throw error;
      }
      try {
        await written;
      } catch (error) {
        await kept?.failed(id);
        throw error;
      }
      kept?.applied(id, filing);
      return version;
    });
  }

  delete(collection: string, id: string): Promise<void> {
    return this.serialised(collection, id, async () => {
      const kept = this.kept.get(collection);
      if (kept && !kept.holds(id)) return;
      await kept?.deleting(id);
      try {
        const file = this.documentPath(collection, id);
        await unlink(file);
        if (this.fsync) await syncDirectory(path.dirname(file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          await kept?.failed(id);
          throw error;
        }
      }
      kept?.applied(id, undefined);
    });
  }

  list<T>(collection: string): Promise<T[]> {
    return collect(this.scan<T>(collection));
  }

  async find<T>(index: StoreIndex<T>, match: IndexMatch): Promise<T[]> {
    const kept = this.kept.get(index.collection);
    if (!kept?.has(index.name)) return findByScanning(this.scan<T>(index.collection), index, match);
    return readInBatches(kept.ids(index.name, match), (id) => this.readDocumentNow(index.collection, id)?.value as T | undefined);
  }

  async *scan<T>(collection: string): AsyncGenerator<T> {
    for await (const document of this.documents(collection)) yield document.value as T;
  }

  async count(collection: string): Promise<number> {
    const kept = this.kept.get(collection);
    if (kept) return kept.size;
    let count = 0;
    for await (const files of this.documentFileNames(collection)) count += files.length;
    return count;
  }

  append<T>(log: string, entry: T): Promise<void> {
    return this.track(this.logFile(log).then((file) => file.append(JSON.stringify(entry))));
  }

  readLog<T>(log: string): Promise<T[]> {
    return collect(this.scanLog<T>(log));
  }

  async *scanLog<T>(log: string): AsyncGenerator<T> {
    await this.logs.get(log)?.flush();
    yield* readJsonLines<T>(this.logPath(log), this.report);
  }

  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await Promise.all([...this.logs.values(), ...this.kept.values()].map((file) => file.flush()));
  }

  /** Flushes, closes the files and gives the folder's lock back. */
  async close(): Promise<void> {
    await this.flush();
    await Promise.all([...this.logs.values(), ...this.kept.values()].map((file) => file.close()));
    if (openInProcess.get(this.folder) === this) openInProcess.delete(this.folder);
    await unlockDataFolder(`${this.folder}.lock`);
  }

  /** Every document of a collection, a shard (a few hundred files at most) at a time. */
  private async *documents(collection: string): AsyncGenerator<StoredDocument> {
    for await (const files of this.documentFileNames(collection)) {
      yield* await readInBatches(files, (file) => {
        try {
          return readJsonFileNow<StoredDocument>(file) ?? undefined;
        } catch (error) {
          this.report(`${file} could not be read and was skipped: ${(error as Error).message}`);
          return undefined;
        }
      });
    }
  }

  /** The document files of a collection, one shard's list at a time. */
  private async *documentFileNames(collection: string): AsyncGenerator<string[]> {
    const root = path.join(this.folder, LAYOUT.documents, encodeURIComponent(collection));
    for (const shard of (await readdir(root).catch(() => [] as string[])).sort()) {
      const names = await readdir(path.join(root, shard)).catch(() => [] as string[]);
      yield names.filter((name) => !isTemporaryFile(name)).map((name) => path.join(root, shard, name));
    }
  }

  private async readDocument(collection: string, id: string): Promise<StoredDocument | undefined> {
    return this.readDocumentNow(collection, id);
  }

  private readDocumentNow(collection: string, id: string): StoredDocument | undefined {
    return readJsonFileNow<StoredDocument>(this.documentPath(collection, id)) ?? undefined;
  }

  private documentPath(collection: string, id: string): string {
    return path.join(this.folder, LAYOUT.documents, encodeURIComponent(collection), LAYOUT.shard(id), LAYOUT.documentFile(id));
  }

  private journalFile(collection: string): string {
    return path.join(this.folder, LAYOUT.indexes, `${encodeURIComponent(collection)}.jsonl`);
  }

  private logPath(log: string): string {
    return path.join(this.folder, LAYOUT.logs, `${encodeURIComponent(log)}.jsonl`);
  }

  private async logFile(log: string): Promise<AppendOnlyFile> {
    let file = this.logs.get(log);
    if (!file) {
      await this.madeFolder(path.join(this.folder, LAYOUT.logs));
      file = this.logs.get(log) ?? new AppendOnlyFile(this.logPath(log), this.fsync);
      this.logs.set(log, file);
    }
    return file;
  }

  /** A crash can cut a log's last line short: set it aside, report it, carry on. */
  private async repairLogs(): Promise<void> {
    const folder = path.join(this.folder, LAYOUT.logs);
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      if (!name.endsWith('.jsonl')) continue;
      const repaired = await repairTornTail(path.join(folder, name));
      if (repaired) this.report(repaired);
    }
  }

  private async madeFolder(folder: string): Promise<void> {
    if (this.madeFolders.has(folder)) return;
    await makeDirectory(folder, this.fsync);
    this.madeFolders.add(folder);
  }

  /** Runs changes to one document one after another (the version check and the write are one step). */
  private serialised<R>(collection: string, id: string, operation: () => Promise<R>): Promise<R> {
    const key = `${collection}\u0000${id}`;
    const previous = this.keyQueues.get(key) ?? Promise.resolve();
    const result = previous.catch(() => undefined).then(operation);
    const settled = result.catch(() => undefined);
    this.keyQueues.set(key, settled);
    void settled.then(() => {
      if (this.keyQueues.get(key) === settled) this.keyQueues.delete(key);
    });
    return this.track(result);
  }

  private track<R>(operation: Promise<R>): Promise<R> {
    this.inFlight.add(operation);
    void operation.finally(() => this.inFlight.delete(operation)).catch(() => undefined);
    return operation;
  }
}
