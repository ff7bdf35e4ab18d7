import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { DocumentStore, VersionConflictError, Versioned } from '../../domain/ports.js';

interface StoredDocument {
  value: unknown;
  version: string;
}

interface Database {
  collections: Record<string, Record<string, StoredDocument>>;
  logs: Record<string, unknown[]>;
  nextVersion: number;
}

/**
 * DocumentStore in one JSON file on disk (lowdb). For a single bot instance: checks and changes
 * happen synchronously in memory, so versions are exact within the process; lowdb's writer
 * (steno) writes through a temporary file and rename, so a crash never leaves half a file.
 */
export class LowdbStore implements DocumentStore {
  private pendingWrite: Promise<void> = Promise.resolve();

  private constructor(private readonly db: Low<Database>) {}

  /** Opens (creating if needed) the store file; its directory is created too. */
  static async open(filePath: string): Promise<LowdbStore> {
    await mkdir(path.dirname(filePath), { recursive: true });
    // The file adapter is constructed directly: lowdb's presets switch to memory under NODE_ENV=test.
    const db = new Low<Database>(new JSONFile<Database>(filePath), { collections: {}, logs: {}, nextVersion: 1 });
    await db.read();
    db.data.collections ??= {};
    db.data.logs ??= {};
    db.data.nextVersion ??= 1;
    return new LowdbStore(db);
  }

  async get<T>(collection: string, id: string): Promise<Versioned<T> | undefined> {
    const doc = this.db.data.collections[collection]?.[id];
    return doc ? { value: structuredClone(doc.value) as T, version: doc.version } : undefined;
  }

  async put<T>(collection: string, id: string, value: T, expectedVersion?: string | null): Promise<string> {
    const documents = (this.db.data.collections[collection] ??= {});
    const current = documents[id];
    if (expectedVersion !== undefined && (current?.version ?? null) !== expectedVersion) {
      throw new VersionConflictError(collection, id);
    }
    const version = String(this.db.data.nextVersion++);
    documents[id] = { value: structuredClone(value), version };
    await this.persist();
    return version;
  }

  async delete(collection: string, id: string): Promise<void> {
    const documents = this.db.data.collections[collection];
    if (!documents || !(id in documents)) return;
    delete documents[id];
    await this.persist();
  }

  async list<T>(collection: string): Promise<T[]> {
    return Object.values(this.db.data.collections[collection] ?? {}).map((doc) => structuredClone(doc.value) as T);
  }

  async append<T>(log: string, entry: T): Promise<void> {
    (this.db.data.logs[log] ??= []).push(structuredClone(entry));
    await this.persist();
  }

  async readLog<T>(log: string): Promise<T[]> {
    return structuredClone(this.db.data.logs[log] ?? []) as T[];
  }

  async flush(): Promise<void> {
    await this.pendingWrite;
  }

  /** Writes one after another, so the file always ends with the latest state. */
  private persist(): Promise<void> {
    const write = this.pendingWrite.then(() => this.db.write());
    this.pendingWrite = write.catch(() => undefined);
    return write;
  }
}
