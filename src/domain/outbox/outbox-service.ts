import { randomUUID } from 'node:crypto';
import { VersionConflictError, type Clock, type DocumentStore } from '../ports.js';
import {
  afterAttempt,
  DEFAULT_RETRY_POLICY,
  isDue,
  isPending,
  newOutboxItem,
  releaseOnFirstContact,
  retryNow,
  summarise,
  withdraw,
  type AttemptOutcome,
  type OutboxItem,
  type OutboxMessage,
  type OutboxSummary,
  type RetryPolicy,
} from './outbox.js';

const COLLECTION = 'outbox';
const DAY_MS = 24 * 60 * 60 * 1000;
let written = 0;

/** Increases with every item written by this process, and across restarts (it starts from the real time). */
function nextSeq(): number {
  written = Math.max(written + 1, Date.now() * 1000);
  return written;
}

/**
 * The durable outbox: every item is written to the store before anyone tries to send it, and
 * every change of state is written back with the version it was read at, so a second worker (or
 * a restarted bot) never overwrites newer news.
 */
export class OutboxService {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
    readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  /**
   * Writes a new item, due now. With `key` (e.g. "approval_needed:<request>:<person>"), a second
   * enqueue of the same key returns the first item instead of adding another.
   */
  async enqueue(to: { personId: string; aadObjectId: string }, message: OutboxMessage, key?: string): Promise<OutboxItem> {
    const id = key ? OutboxService.idFor(key) : randomUUID();
    const item = newOutboxItem(id, to, message, this.clock.now(), nextSeq());
    try {
      await this.store.put<OutboxItem>(COLLECTION, id, item, null);
      return item;
    } catch (err) {
      if (!(err instanceof VersionConflictError) || !key) throw err;
      return (await this.get(id))!;
    }
  }

  /** The id of the item enqueued with `key`. */
  static idFor(key: string): string {
    return `k-${key.replace(/[^\w.:-]/g, '_')}`;
  }

  async get(id: string): Promise<OutboxItem | undefined> {
    return (await this.store.get<OutboxItem>(COLLECTION, id))?.value;
  }

  /** Records what an attempt came to; returns the item as stored afterwards. */
  async recordAttempt(id: string, outcome: AttemptOutcome): Promise<OutboxItem | undefined> {
    return this.change(id, (item) => afterAttempt(item, outcome, this.clock.now(), this.policy));
  }

  /** Items due for an attempt now, oldest first. */
  async due(): Promise<OutboxItem[]> {
    const now = this.clock.now();
    return (await this.all()).filter((i) => isDue(i, now)).sort(byCreation);
  }

  /** When the earliest pending item falls due, if any is pending. */
  async nextDueAt(): Promise<Date | undefined> {
    const times = (await this.all()).filter(isPending).map((i) => Date.parse(i.nextAttemptAt ?? i.createdAt));
    return times.length ? new Date(Math.min(...times)) : undefined;
  }

  /** The person has opened the bot: what waited for them is due now. Returns the released items. */
  async releaseWaitingFor(aadObjectId: string): Promise<OutboxItem[]> {
    const key = aadObjectId.toLowerCase();
    const released: OutboxItem[] = [];
    for (const item of await this.all()) {
      if (item.toAadObjectId !== key || item.state !== 'waiting_for_first_contact') continue;
      const changed = await this.change(item.id, (i) => releaseOnFirstContact(i, this.clock.now()));
      if (changed) released.push(changed);
    }
    return released.sort(byCreation);
  }

  /** The sender asked to try again: the item (waiting, retrying or failed) is due now. */
  async retryNow(id: string): Promise<OutboxItem | undefined> {
    return this.change(id, (item) => retryNow(item, this.clock.now()));
  }

  /** The sender chose someone else: the item will not be sent. */
  async withdraw(id: string): Promise<OutboxItem | undefined> {
    return this.change(id, (item) => withdraw(item, this.clock.now()));
  }

  /** Items that have not reached their person: failed, or waiting for them to open the bot; newest first. */
  async undelivered(): Promise<OutboxItem[]> {
    return (await this.all()).filter((i) => i.state === 'failed' || i.state === 'waiting_for_first_contact').sort((a, b) => byCreation(b, a));
  }

  async summary(): Promise<OutboxSummary> {
    return summarise(await this.all());
  }

  /** Forgets sent and withdrawn items older than `days` (their figures are history by then). */
  async purgeFinishedOlderThan(days: number): Promise<number> {
    const cutoff = this.clock.now().getTime() - days * DAY_MS;
    let purged = 0;
    for (const item of await this.all()) {
      if ((item.state === 'sent' || item.state === 'withdrawn') && Date.parse(item.updatedAt) < cutoff) {
        await this.store.delete(COLLECTION, item.id);
        purged++;
      }
    }
    return purged;
  }

  private async all(): Promise<OutboxItem[]> {
    return this.store.list<OutboxItem>(COLLECTION);
  }

  /** Applies `next` to the stored item, re-reading once if someone else changed it meanwhile. */
  private async change(id: string, next: (item: OutboxItem) => OutboxItem): Promise<OutboxItem | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await this.store.get<OutboxItem>(COLLECTION, id);
      if (!stored) return undefined;
      const changed = next(stored.value);
      if (changed === stored.value) return changed;
      try {
        await this.store.put<OutboxItem>(COLLECTION, id, changed, stored.version);
        return changed;
      } catch (err) {
        if (!(err instanceof VersionConflictError)) throw err;
      }
    }
    throw new VersionConflictError(COLLECTION, id);
  }
}

function byCreation(a: OutboxItem, b: OutboxItem): number {
  return a.createdAt.localeCompare(b.createdAt) || a.seq - b.seq;
}
