import { createHash } from 'node:crypto';

/** The store folder's layout. Collection and log names are URI-encoded into file names. */
export const LAYOUT = {
  documents: 'documents',
  logs: 'logs',
  indexes: 'indexes',
  /** A file name for an id: short ids as themselves, long ones as a hash (the id is inside the file). */
  documentFile(id: string): string {
    const encoded = encodeURIComponent(id);
    return `${encoded.length <= 160 ? encoded : createHash('sha256').update(id).digest('hex')}.json`;
  },
  /** 256 sub-folders per collection, so no folder grows past a few thousand files. */
  shard(id: string): string {
    return createHash('sha1').update(id).digest('hex').slice(0, 2);
  },
};

/** Reads items a few at a time, keeping their order. */
export async function readMany<I, R>(items: readonly I[], concurrency: number, read: (item: I) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const reader = async () => {
    while (next < items.length) {
      const at = next++;
      results[at] = await read(items[at]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, reader));
  return results;
}
