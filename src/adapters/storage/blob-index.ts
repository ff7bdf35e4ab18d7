import type { ContainerClient } from '@azure/storage-blob';
import { indexKeysOf, keyMatches, type IndexMatch, type StoreIndex } from '../../domain/ports.js';
import { indexSignature } from './kept-indexes.js';

/** Marker blobs: `indexes/<collection>/<index>/<key>/<id>`, every part URI-encoded, empty. */
const MARKERS = 'indexes';
/** Written once an index's markers cover every document: `indexes-built/<collection>/<index>-<signature>`. */
const BUILT = 'indexes-built';
/** A marker whose document is missing is left alone this long: its document may be being written. */
const ORPHAN_AGE_MS = 60 * 60 * 1000;

/** A marker as listed: where it is, what it files, and what it was when listed. */
export interface Marker {
  name: string;
  id: string;
  etag: string;
  lastModified: Date;
}

/** A document as downloaded for a find: its value and when its blob was last written. */
export interface FoundDocument {
  value: unknown;
  lastModified: Date;
}

const encode = encodeURIComponent;

/**
 * The indexes a BlobStore keeps in its container, shared by every instance: a document filed
 * under a key has an empty marker blob named after the index, the key and its id, so `find` lists
 * one prefix and downloads only those documents instead of the whole collection.
 *
 * A marker is written before its document, so a find never misses a document under a key it has.
 * Markers are never removed when a document moves to another key (that would need the old
 * document, and races with a writer filing it there again); instead `find` checks each document
 * against the key and removes a marker that is provably stale: older than the document that no
 * longer files under it (to the second, Blob Storage's clock), or an hour old with no document,
 * and only if it has not been written again since it was listed.
 */
export class BlobIndexes {
  private readonly byCollection = new Map<string, StoreIndex<unknown>[]>();

  constructor(
    private readonly container: ContainerClient,
    indexes: readonly StoreIndex<unknown>[],
  ) {
    for (const index of indexes) this.byCollection.set(index.collection, [...(this.byCollection.get(index.collection) ?? []), index]);
  }

  keeps(index: StoreIndex<never>): boolean {
    return this.byCollection.get(index.collection)?.some((kept) => kept.name === index.name) ?? false;
  }

  /** Indexes whose markers do not cover the collection yet (new, or their definition changed). */
  async unbuilt(): Promise<StoreIndex<unknown>[]> {
    const all = [...this.byCollection.values()].flat();
    const built = await Promise.all(all.map((index) => this.container.getBlobClient(builtName(index)).exists()));
    return all.filter((_, n) => !built[n]);
  }

  /** Records that an index's markers now cover every document written before it was built. */
  async markBuilt(index: StoreIndex<unknown>): Promise<void> {
    await this.container.getBlockBlobClient(builtName(index)).upload('', 0);
  }

  /** Writes the markers of a document about to be written (all its kept indexes, or only `only`). */
  async file(collection: string, id: string, value: unknown, only?: StoreIndex<unknown>): Promise<void> {
    const indexes = only ? [only] : (this.byCollection.get(collection) ?? []);
    const names = indexes.flatMap((index) => indexKeysOf(index, value).map((key) => markerName(index, key, id)));
    await Promise.all(names.map((name) => this.container.getBlockBlobClient(name).upload('', 0)));
  }

  /** The markers filed under the matched keys, one listing. */
  async markers(index: StoreIndex<never>, match: IndexMatch): Promise<Marker[]> {
    const base = `${MARKERS}/${encode(index.collection)}/${encode(index.name)}/`;
    const markers: Marker[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: typeof match === 'string' ? `${base}${encode(match)}/` : base })) {
      const [key, id] = blob.name.slice(base.length).split('/').map(decodeURIComponent);
      if (id === undefined || !keyMatches(key, match)) continue;
      markers.push({ name: blob.name, id, etag: blob.properties.etag ?? '', lastModified: blob.properties.lastModified });
    }
    return markers;
  }

  /** Whether a document (as downloaded) files under the match; a stale marker is removed on the way. */
  async check(index: StoreIndex<never>, match: IndexMatch, marker: Marker, document: FoundDocument | undefined, now: Date): Promise<boolean> {
    if (document && indexKeysOf(index as StoreIndex<unknown>, document.value).some((key) => keyMatches(key, match))) return true;
    const stale = document ? marker.lastModified < document.lastModified : now.getTime() - marker.lastModified.getTime() > ORPHAN_AGE_MS;
    if (stale) await this.container.getBlobClient(marker.name).deleteIfExists({ conditions: { ifMatch: marker.etag } }).catch(() => undefined);
    return false;
  }
}

function markerName(index: StoreIndex<unknown>, key: string, id: string): string {
  return `${MARKERS}/${encode(index.collection)}/${encode(index.name)}/${encode(key)}/${encode(id)}`;
}

function builtName(index: StoreIndex<unknown>): string {
  return `${BUILT}/${encode(index.collection)}/${encode(index.name)}-${indexSignature([index])}`;
}
