import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';

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

/** Items read synchronously per turn of the event loop, so a long read lets other turns in between. */
const BATCH = 64;

/**
 * Reads small local files synchronously, a batch per turn of the event loop, skipping items read
 * as undefined. For documents of a few KB in the page cache a synchronous read takes microseconds,
 * while an asynchronous one costs several thread-pool round trips (open, stat, read, close): 100
 * documents read in about 1.5 ms instead of 7-11 ms on the bench machine.
 */
export async function readInBatches<I, R>(items: readonly I[], read: (item: I) => R | undefined): Promise<R[]> {
  const results: R[] = [];
  for (let at = 0; at < items.length; at += BATCH) {
    if (at > 0) await nextTurn();
    for (const item of items.slice(at, at + BATCH)) {
      const result = read(item);
      if (result !== undefined) results.push(result);
    }
  }
  return results;
}
