import type { DocumentStore } from '../../domain/ports.js';

/**
 * Deletes the claims in `collection` (re-delivered messages, taps) taken before `cutoff`; returns
 * how many went. Claims only need to outlive Teams' retries and people's repeated taps.
 */
export async function purgeClaimsBefore<T extends { at: string }>(
  store: DocumentStore,
  collection: string,
  cutoff: Date,
  idOf: (claim: T) => string,
): Promise<number> {
  let purged = 0;
  for (const claim of await store.list<T>(collection)) {
    if (Date.parse(claim.at) < cutoff.getTime()) {
      await store.delete(collection, idOf(claim));
      purged++;
    }
  }
  return purged;
}
