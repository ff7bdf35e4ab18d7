/**
 * The one storage contract. Every implementation (lowdb on disk, Azure Blob Storage) passes the
 * same contract test suite in test/adapters/storage/store-contract.ts.
 *
 * Documents live in named collections and carry a version so that concurrent writers (two
 * approvers clicking at once, two bot instances) cannot silently overwrite each other.
 */
export interface DocumentStore {
  /** The document and its version, or undefined. */
  get<T>(collection: string, id: string): Promise<Versioned<T> | undefined>;

  /**
   * Writes a document. With `expectedVersion` the write happens only if the stored version still
   * matches (use `null` to require that the document does not exist yet); otherwise it throws
   * VersionConflictError. Returns the new version.
   */
  put<T>(collection: string, id: string, value: T, expectedVersion?: string | null): Promise<string>;

  delete(collection: string, id: string): Promise<void>;

  /** Every document in a collection, in no particular order. Loads them all: prefer `find` or `scan`. */
  list<T>(collection: string): Promise<T[]>;

  /**
   * The documents an index files under `key` (or under any key sorting before `{ before }`), in
   * no particular order. A store that keeps the index (declared when it was opened) reads only
   * those documents; otherwise it scans.
   */
  find<T>(index: StoreIndex<T>, key: IndexMatch): Promise<T[]>;

  /** Every document in a collection, one at a time, without holding them all. */
  scan<T>(collection: string): AsyncIterable<T>;

  /** How many documents a collection holds. */
  count(collection: string): Promise<number>;

  /** Appends to an append-only log (the audit trail); entries are never changed or removed. */
  append<T>(log: string, entry: T): Promise<void>;

  /** The entries of an append-only log, oldest first. Loads them all: prefer `scanLog`. */
  readLog<T>(log: string): Promise<T[]>;

  /** The entries of an append-only log, oldest first, one at a time. */
  scanLog<T>(log: string): AsyncIterable<T>;

  /** Waits until every accepted write is durable; called on shutdown. */
  flush(): Promise<void>;
}

/**
 * A lookup of a collection's documents by something other than their id ("requests raised by
 * this person"). `keys` must depend on the document alone; a document without keys is not filed.
 */
export interface StoreIndex<T = unknown> {
  collection: string;
  /** Unique within the collection: a store keeps and matches its indexes by name. */
  name: string;
  keys(document: T): string | readonly string[] | undefined;
}

/** One key, or every key that sorts (as strings) before `before`: dates as ISO text, for instance. */
export type IndexMatch = string | { before: string };

/** Whether an index key is matched. */
export function keyMatches(key: string, match: IndexMatch): boolean {
  return typeof match === 'string' ? key === match : key < match.before;
}

/** The keys a document is filed under by an index, as a list. */
export function indexKeysOf<T>(index: StoreIndex<T>, document: T): readonly string[] {
  const keys = index.keys(document);
  return keys === undefined ? [] : typeof keys === 'string' ? [keys] : keys;
}

/** `find` by reading every document, for a store that does not keep the index. */
export async function findByScanning<T>(documents: AsyncIterable<T>, index: StoreIndex<T>, match: IndexMatch): Promise<T[]> {
  const found: T[] = [];
  for await (const document of documents) if (indexKeysOf(index, document).some((key) => keyMatches(key, match))) found.push(document);
  return found;
}

/** Every item of a stream, in order. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

export interface Versioned<T> {
  value: T;
  version: string;
}

export class VersionConflictError extends Error {
  constructor(collection: string, id: string) {
    super(`${collection}/${id} was changed by someone else`);
    this.name = 'VersionConflictError';
  }
}

/** A source of "now", so reminders and expiries can be tested with a controllable clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
