import type { Activity } from 'botbuilder';
import type { DocumentStore } from '../../domain/ports.js';
import { purgeClaimsBefore } from './dated-claims.js';

const COLLECTION = 'delivered-messages';

/**
 * Teams re-sends a message it thinks timed out. The first delivery of each message id claims it
 * with a create-only write (atomic in every store, so this holds across bot instances); a
 * re-delivery finds the claim and is dropped, so a question is never answered or recorded twice.
 */
export class RedeliveryGuard {
  constructor(private readonly store: DocumentStore) {}

  async isFirstDelivery(activity: Partial<Activity>): Promise<boolean> {
    if (activity.type !== 'message' || !activity.id || !activity.conversation?.id) return true;
    const key = `${activity.conversation.id}|${activity.id}`.slice(0, 500);
    try {
      await this.store.put<Claim>(COLLECTION, key, { key, at: new Date().toISOString() }, null);
      return true;
    } catch (err) {
      if ((err as Error).name === 'VersionConflictError') return false;
      throw err;
    }
  }

  /** Forgets claims older than `maxAgeMs`; Teams only re-sends within seconds. */
  async purgeOlderThan(maxAgeMs: number, now = new Date()): Promise<number> {
    return purgeClaimsBefore<Claim>(this.store, COLLECTION, new Date(now.getTime() - maxAgeMs), (claim) => claim.key);
  }
}

interface Claim {
  key: string;
  at: string;
}
