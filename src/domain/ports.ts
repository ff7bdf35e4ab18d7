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

  /** Every document in a collection, in no particular order. */
  list<T>(collection: string): Promise<T[]>;

  /** Appends to an append-only log (the audit trail); entries are never changed or removed. */
  append<T>(log: string, entry: T): Promise<void>;

  /** The entries of an append-only log, oldest first. */
  readLog<T>(log: string): Promise<T[]>;

  /** Waits until every accepted write is durable; called on shutdown. */
  flush(): Promise<void>;
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
