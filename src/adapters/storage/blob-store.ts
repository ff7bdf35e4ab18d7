import { randomBytes } from 'node:crypto';
import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import type { BlobRequestConditions } from '@azure/storage-blob';
import { readMany } from './store-layout.js';
import { Clock, DocumentStore, IndexMatch, StoreIndex, VersionConflictError, Versioned, findByScanning, systemClock } from '../../domain/ports.js';
import { BlobIndexes, type Marker } from './blob-index.js';

/** Blob name prefixes: documents and logs live apart, so a log and a collection may share a name. */
const DOCUMENTS = 'collections';
const LOGS = 'logs';

/** How many blobs list/readLog download at once. */
const DOWNLOAD_CONCURRENCY = 8;

/**
 * DocumentStore in one Azure Blob Storage container, shared by every bot instance.
 *
 * A document is the blob `collections/<collection>/<id>.json` (both parts URI-encoded, so ids with
 * slashes stay one blob) and its version is the blob's ETag: optimistic concurrency is enforced by
 * the service itself (If-Match / If-None-Match: *), so it holds across instances, not just in
 * this process. Declared indexes are kept in the container too (see BlobIndexes), so `find`
 * downloads only the documents filed under the key; any other lookup scans.
 */
export class BlobStore implements DocumentStore {
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Last timestamp and counter used for a log entry name, so names from this process only grow. */
  private lastLogMillis = 0;
  private logCounter = 0;

  private constructor(
    private readonly container: ContainerClient,
    private readonly indexes: BlobIndexes,
    private readonly clock: Clock,
  ) {}

  /**
   * Connects to the account, creates the container if it does not exist yet, and files the
   * documents already there under any index that is new (or whose definition changed).
   */
  static async connect(
    connectionString: string,
    containerName: string,
    options: { indexes?: readonly StoreIndex<never>[]; clock?: Clock } = {},
  ): Promise<BlobStore> {
    const container = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(containerName);
    await container.createIfNotExists();
    const indexes = new BlobIndexes(container, (options.indexes ?? []) as readonly StoreIndex<unknown>[]);
    const store = new BlobStore(container, indexes, options.clock ?? systemClock);
    for (const index of await store.indexes.unbuilt()) {
      for await (const { name, text } of store.streamEntries(`${DOCUMENTS}/${encodeURIComponent(index.collection)}/`)) {
        await store.indexes.file(index.collection, idOfDocumentBlob(name), JSON.parse(text), index);
      }
      await store.indexes.markBuilt(index);
    }
    return store;
  }

  async get<T>(collection: string, id: string): Promise<Versioned<T> | undefined> {
    const read = await this.download(documentBlobName(collection, id));
    return read && { value: JSON.parse(read.text) as T, version: read.etag };
  }

  put<T>(collection: string, id: string, value: T, expectedVersion?: string | null): Promise<string> {
    return this.track(async () => {
      const conditions: BlobRequestConditions | undefined =
        expectedVersion === undefined ? undefined : expectedVersion === null ? { ifNoneMatch: '*' } : { ifMatch: expectedVersion };
      // Markers first: a document is never in the container without them (see BlobIndexes).
      await this.indexes.file(collection, id, value);
      try {
        return await this.upload(documentBlobName(collection, id), value, conditions);
      } catch (error) {
        if (conditions && isConditionFailure(error)) throw new VersionConflictError(collection, id);
        throw error;
      }
    });
  }

  delete(collection: string, id: string): Promise<void> {
    return this.track(async () => {
      await this.container.getBlobClient(documentBlobName(collection, id)).deleteIfExists();
    });
  }

  async list<T>(collection: string): Promise<T[]> {
    const names = await this.listNames(`${DOCUMENTS}/${encodeURIComponent(collection)}/`);
    return (await this.downloadAll(names)).map((text) => JSON.parse(text) as T);
  }

  /** Downloads the documents the index's markers name (checking each still matches), or scans when the index is not kept. */
  async find<T>(index: StoreIndex<T>, match: IndexMatch): Promise<T[]> {
    if (!this.indexes.keeps(index as StoreIndex<never>)) return findByScanning(this.scan<T>(index.collection), index, match);
    const byId = new Map<string, Marker[]>();
    for (const marker of await this.indexes.markers(index as StoreIndex<never>, match)) byId.set(marker.id, [...(byId.get(marker.id) ?? []), marker]);
    const now = this.clock.now();
    const found = await readMany([...byId], DOWNLOAD_CONCURRENCY, async ([id, markers]) => {
      const read = await this.download(documentBlobName(index.collection, id));
      const document = read && { value: JSON.parse(read.text) as T, lastModified: read.lastModified };
      const checked = await Promise.all(markers.map((marker) => this.indexes.check(index as StoreIndex<never>, match, marker, document, now)));
      return checked.some(Boolean) ? [document!.value] : [];
    });
    return found.flat();
  }

  scan<T>(collection: string): AsyncIterable<T> {
    return this.streamBlobs<T>(`${DOCUMENTS}/${encodeURIComponent(collection)}/`);
  }

  async count(collection: string): Promise<number> {
    let count = 0;
    for await (const blob of this.container.listBlobsFlat({ prefix: `${DOCUMENTS}/${encodeURIComponent(collection)}/` })) {
      if (blob.name) count++;
    }
    return count;
  }

  /**
   * One blob per entry rather than one append blob: each entry is its own create-only write, so
   * several instances append at once without coordination, an SDK retry can never duplicate an
   * entry inside a shared blob, and there is no 50,000-block ceiling to roll over. Names start
   * with the writer's zero-padded time in ms, then a per-process counter (order within an
   * instance, even within one ms), then random bytes (no clash between instances), so the
   * service's lexical listing is oldest first. Across instances the order is that of their clocks.
   */
  append<T>(log: string, entry: T): Promise<void> {
    const name = `${LOGS}/${encodeURIComponent(log)}/${this.nextLogEntryKey()}.json`;
    return this.track(async () => {
      try {
        await this.upload(name, entry, { ifNoneMatch: '*' });
      } catch (error) {
        // The name is ours alone: "already exists" means an SDK retry after our own write landed.
        if (statusOf(error) !== 409) throw error;
      }
    });
  }

  async readLog<T>(log: string): Promise<T[]> {
    const names = (await this.listNames(`${LOGS}/${encodeURIComponent(log)}/`)).sort();
    return (await this.downloadAll(names)).map((text) => JSON.parse(text) as T);
  }

  /** The service lists names in lexical order, which for log entries is oldest first. */
  scanLog<T>(log: string): AsyncIterable<T> {
    return this.streamBlobs<T>(`${LOGS}/${encodeURIComponent(log)}/`);
  }

  /** A successful Blob write is already durable: this only waits for writes still under way. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private track<R>(operation: () => Promise<R>): Promise<R> {
    const promise = operation();
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  private nextLogEntryKey(): string {
    // Never go backwards, even if the system clock does.
    this.lastLogMillis = Math.max(Date.now(), this.lastLogMillis);
    const counter = this.logCounter++;
    return [
      String(this.lastLogMillis).padStart(15, '0'),
      String(counter).padStart(12, '0'),
      randomBytes(6).toString('hex'),
    ].join('-');
  }

  private async upload(name: string, value: unknown, conditions?: BlobRequestConditions): Promise<string> {
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    const response = await this.container.getBlockBlobClient(name).upload(body, body.length, {
      conditions,
      blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
    });
    if (!response.etag) throw new Error(`Blob Storage returned no ETag for ${name}`);
    return response.etag;
  }

  /** Body and ETag (and when it was written) from one request, so the version always matches the content; undefined if absent. */
  private async download(name: string): Promise<{ text: string; etag: string; lastModified: Date } | undefined> {
    try {
      const response = await this.container.getBlobClient(name).download();
      const chunks: Buffer[] = [];
      for await (const chunk of response.readableStreamBody!) chunks.push(Buffer.from(chunk));
      return { text: Buffer.concat(chunks).toString('utf8'), etag: response.etag!, lastModified: response.lastModified! };
    } catch (error) {
      // A missing container is a deployment fault, not a missing document: let it surface.
      if (statusOf(error) === 404 && (error as { code?: unknown }).code !== 'ContainerNotFound') return undefined;
      throw error;
    }
  }

  /** Every blob name under a prefix (the SDK's iterator follows continuation tokens page by page). */
  private async listNames(prefix: string): Promise<string[]> {
    const names: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix })) names.push(blob.name);
    return names;
  }

  /** The blobs under a prefix, parsed. */
  private async *streamBlobs<T>(prefix: string): AsyncGenerator<T> {
    for await (const { text } of this.streamEntries(prefix)) yield JSON.parse(text) as T;
  }

  /** The blobs under a prefix with their names, one listing page at a time, each page downloaded a few at a time. */
  private async *streamEntries(prefix: string): AsyncGenerator<{ name: string; text: string }> {
    for await (const page of this.container.listBlobsFlat({ prefix }).byPage({ maxPageSize: 500 })) {
      yield* await this.downloadEntries(page.segment.blobItems.map((blob) => blob.name));
    }
  }

  /** Downloads blobs a few at a time, keeping order; blobs deleted since the listing are left out. */
  private async downloadAll(names: string[]): Promise<string[]> {
    return (await this.downloadEntries(names)).map((entry) => entry.text);
  }

  private async downloadEntries(names: string[]): Promise<{ name: string; text: string }[]> {
    const read = await readMany(names, DOWNLOAD_CONCURRENCY, async (name) => {
      const text = (await this.download(name))?.text;
      return text === undefined ? [] : [{ name, text }];
    });
    return read.flat();
  }
}

function documentBlobName(collection: string, id: string): string {
  return `${DOCUMENTS}/${encodeURIComponent(collection)}/${encodeURIComponent(id)}.json`;
}

function idOfDocumentBlob(name: string): string {
  return decodeURIComponent(name.slice(name.lastIndexOf('/') + 1, -'.json'.length));
}

/**
 * A failed write condition: 412 for If-Match on a changed blob, 409 BlobAlreadyExists for
 * If-None-Match: * on an existing one, 404 for If-Match on a blob deleted meanwhile.
 */
function isConditionFailure(error: unknown): boolean {
  const status = statusOf(error);
  return status === 412 || status === 409 || (status === 404 && (error as { code?: unknown }).code === 'BlobNotFound');
}

/** The HTTP status of an SDK RestError (checked by shape: the SDK may bundle its own copy of the class). */
function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}
