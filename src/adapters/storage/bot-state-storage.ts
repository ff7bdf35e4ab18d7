import type { Storage, StoreItems } from 'botbuilder';
import type { DocumentStore } from '../../domain/ports.js';

const COLLECTION = 'bot-state';

/**
 * Bot Framework's Storage (turn and dialog state) on top of the project's DocumentStore, so that
 * conversation state lives wherever everything else does (lowdb locally, Blob Storage in Azure).
 */
export class BotStateStorage implements Storage {
  constructor(private readonly store: DocumentStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const doc = await this.store.get<Record<string, unknown>>(COLLECTION, key);
      if (doc) items[key] = { ...doc.value, eTag: doc.version };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = item as Record<string, unknown>;
      // '*' (or no eTag) means last writer wins, as in botbuilder's own storages.
      const expected = typeof eTag === 'string' && eTag !== '*' ? eTag : undefined;
      await this.store.put(COLLECTION, key, value, expected);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.store.delete(COLLECTION, key);
  }
}
