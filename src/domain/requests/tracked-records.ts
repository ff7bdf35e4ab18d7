import type { z } from 'zod';
import type { Clock, DocumentStore, StoreIndex } from '../ports.js';
import type { AuditInput } from './audit.js';
import { SYSTEM_ACTOR } from './audit.js';
import type { Change } from './context.js';
import { activeDelegations, updateDocument } from './context.js';
import { NotFoundError } from './errors.js';
import { retentionDue } from './request-indexes.js';
import type { DelegationMap } from './routing.js';

/**
 * How one sort of record staff raise and others act on (a request to decide, a report to
 * acknowledge) is stored, listed and purged: what requests and reports share, said once.
 */
export interface TrackedShape<T> {
  collection: string;
  /** In "I couldn't find that …": "request", "report". */
  what: string;
  /** The audit trail's subject. */
  subject: AuditInput['subject'];
  /** What a valid id looks like; anything else is "not found" before touching storage. */
  idSchema: z.ZodType<string>;
  /** Who raised it, and when (the person's own list, newest first). */
  ownerOf(record: T): string;
  raisedAt(record: T): string;
  byOwner: StoreIndex<T>;
  /** Records nobody has acted on yet, filed in `index` under `key`; `is` checks the stored state. */
  waiting: { index: StoreIndex<T>; key: string; is(record: T): boolean };
  /** Whether anyone may still act on it. */
  open(record: T): boolean;
  /** Who may act on it while open, delegations applied. */
  actorsOf(record: T, delegations: DelegationMap): string[];
  /** Retention: closed records filed by day, when each was closed, and the record without its free text. */
  retention: { index: StoreIndex<T>; closedAt(record: T): Date | undefined; without(record: T): T; action: string };
}

/** The shared reads, writes and purge over one collection of tracked records. */
export class TrackedRecords<T extends { id: string; purgedAt?: string }> {
  constructor(
    private readonly deps: { store: DocumentStore; clock: Clock },
    private readonly shape: TrackedShape<T>,
  ) {}

  /** A valid id, or NotFoundError (also what a forged id gets). */
  id(value: unknown): string {
    const parsed = this.shape.idSchema.safeParse(typeof value === 'string' ? value.trim() : value);
    if (!parsed.success) throw new NotFoundError(this.shape.what);
    return parsed.data;
  }

  /** One record by id; NotFoundError for unknown or malformed ids. */
  async get(value: unknown): Promise<T> {
    const stored = await this.deps.store.get<T>(this.shape.collection, this.id(value));
    if (!stored) throw new NotFoundError(this.shape.what);
    return stored.value;
  }

  /** Changes one record from its stored state (see updateDocument). */
  update(id: string, decide: (current: T, now: Date) => Change<T> | undefined): Promise<{ value: T; change?: Change<T> }> {
    const { collection, what, subject } = this.shape;
    return updateDocument<T>(this.deps, { collection, id, what, subject }, decide);
  }

  /** What the person raised, newest first. */
  async ownedBy(personId: string): Promise<T[]> {
    const all = await this.deps.store.find(this.shape.byOwner, personId);
    const { ownerOf, raisedAt } = this.shape;
    return all.filter((r) => ownerOf(r) === personId).sort((a, b) => raisedAt(b).localeCompare(raisedAt(a)));
  }

  /** Records waiting for this person to act (delegations included), oldest first. */
  async waitingFor(personId: string): Promise<T[]> {
    const delegations = await this.delegations();
    const { waiting, raisedAt } = this.shape;
    const all = await this.deps.store.find(waiting.index, waiting.key);
    return all
      .filter((r) => waiting.is(r) && this.shape.actorsOf(r, delegations).includes(personId))
      .sort((a, b) => raisedAt(a).localeCompare(raisedAt(b)));
  }

  /** Person ids who may act on the record now (for a card's refresh.userIds); empty once closed. */
  async actorsNow(record: T): Promise<string[]> {
    if (!this.shape.open(record)) return [];
    return this.shape.actorsOf(record, await this.delegations());
  }

  /** Removes the free text of records closed `keepMs` or longer ago; returns their ids. */
  async purgeExpired(keepMs: number): Promise<string[]> {
    const { index, closedAt, without, action } = this.shape.retention;
    const purged: string[] = [];
    for (const candidate of await this.deps.store.find(index, retentionDue(this.deps.clock.now(), keepMs))) {
      if (candidate.purgedAt || !closedAt(candidate)) continue;
      const { change } = await this.update(candidate.id, (current, now) => {
        const closed = closedAt(current);
        if (current.purgedAt || !closed || now.getTime() - closed.getTime() < keepMs) return undefined;
        return { next: { ...without(current), purgedAt: now.toISOString() }, notifications: [], audit: [{ actorId: SYSTEM_ACTOR, action }] };
      });
      if (change) purged.push(candidate.id);
    }
    return purged;
  }

  /** Delegations in force now. */
  delegations(): Promise<DelegationMap> {
    return activeDelegations(this.deps.store, this.deps.clock.now());
  }
}
