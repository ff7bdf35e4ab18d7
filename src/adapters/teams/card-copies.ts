import type { DocumentStore } from '../../domain/ports.js';
import { VersionConflictError } from '../../domain/ports.js';

const COLLECTION = 'card-copies';

/** One card the bot sent about a record: whose chat it is in and the message id to update. */
export interface CardCopy {
  aadObjectId: string;
  activityId: string;
  sentAt: string;
}

interface CardCopiesDoc {
  copies: CardCopy[];
}

/**
 * Remembers every card sent about a request or incident (`subject` is e.g. "request"), so that
 * after a decision every copy can be updated to the current state.
 */
export class CardCopies {
  constructor(private readonly store: DocumentStore) {}

  async record(subject: string, id: string, aadObjectId: string, activityId: string, at: Date = new Date()): Promise<void> {
    const key = `${subject}:${id}`;
    const copy: CardCopy = { aadObjectId: aadObjectId.toLowerCase(), activityId, sentAt: at.toISOString() };
    for (let attempt = 0; ; attempt++) {
      const stored = await this.store.get<CardCopiesDoc>(COLLECTION, key);
      const copies = stored?.value.copies ?? [];
      if (copies.some((c) => c.activityId === activityId && c.aadObjectId === copy.aadObjectId)) return;
      try {
        await this.store.put<CardCopiesDoc>(COLLECTION, key, { copies: [...copies, copy] }, stored?.version ?? null);
        return;
      } catch (err) {
        // Two cards about the same record sent at once: read again and add ours.
        if (err instanceof VersionConflictError && attempt < 20) continue;
        throw err;
      }
    }
  }

  /** Every copy sent about the record, oldest first; only one person's with `aadObjectId`. */
  async list(subject: string, id: string, aadObjectId?: string): Promise<CardCopy[]> {
    const copies = (await this.store.get<CardCopiesDoc>(COLLECTION, `${subject}:${id}`))?.value.copies ?? [];
    return aadObjectId ? copies.filter((c) => c.aadObjectId === aadObjectId.toLowerCase()) : copies;
  }
}
