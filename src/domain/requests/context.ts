import type { Clock, DocumentStore } from '../ports.js';
import { VersionConflictError } from '../ports.js';
import type { Person, Trust } from '../trust/trust.js';
import type { AuditInput } from './audit.js';
import { recordAudit } from './audit.js';
import { DELEGATIONS, activeDelegationMap, type Delegation } from './delegation.js';
import { NotAllowedError, NotFoundError, ValidationError } from './errors.js';
import type { DelegationMap } from './routing.js';
import type { Notification } from './notification.js';

/** What the requests and incidents services are built from. */
export interface ServiceDeps {
  store: DocumentStore;
  trust: Trust;
  /** Defaults to the system clock; tests pass a controllable one. */
  clock?: Clock;
}

/** Who is acting (a trust person id, resolved from the Teams user by the caller) and from where. */
export interface ActorContext {
  personId: string;
  conversationId?: string;
}

/** The trust person acting; someone not in the roster may do nothing. */
export function requirePerson(trust: Trust, personId: string): Person {
  const person = trust.findById(personId);
  if (!person) {
    throw new NotAllowedError("You're not in your trust's staff list yet, so I can't do that. Please ask your IT admin to add you.");
  }
  return person;
}

/** A change to one stored document: the new value, what to send, what to audit. */
export interface Change<T> {
  next: T;
  notifications: Notification[];
  audit: Omit<AuditInput, 'subject' | 'subjectId'>[];
}

/**
 * Reads a document, lets `decide` compute a change from the stored state, and writes it only if
 * nobody changed the document meanwhile. On a conflict it starts again from the fresh state, so
 * the rules see the other writer's result (e.g. a decision that won). `decide` returns undefined
 * for "nothing to do" and throws refusals.
 */
export async function updateDocument<T>(
  deps: { store: DocumentStore; clock: Clock },
  target: { collection: string; id: string; what: string; subject: AuditInput['subject'] },
  decide: (current: T, now: Date) => Change<T> | undefined,
): Promise<{ value: T; change?: Change<T> }> {
  for (let attempt = 0; ; attempt++) {
    const stored = await deps.store.get<T>(target.collection, target.id);
    if (!stored) throw new NotFoundError(target.what);
    const now = deps.clock.now();
    const change = decide(stored.value, now);
    if (!change) return { value: stored.value };
    try {
      await deps.store.put(target.collection, target.id, change.next, stored.version);
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < 20) continue;
      throw error;
    }
    for (const entry of change.audit) {
      await recordAudit(deps.store, now, { ...entry, subject: target.subject, subjectId: target.id });
    }
    return { value: change.next, change };
  }
}

/** Adds ids to a list, keeping it free of repeats. */
export function addIds(list: readonly string[], ids: readonly string[]): string[] {
  return [...new Set([...list, ...ids])];
}

/** Delegations in force now, for routing and permission checks. */
export async function activeDelegations(store: DocumentStore, now: Date): Promise<DelegationMap> {
  return activeDelegationMap(await store.list<Delegation>(DELEGATIONS), now);
}

/** The school a request or report is for: the one asked for, if the person belongs to it, else their first. */
export function schoolFor(trust: Trust, person: Person, wanted: string | undefined, refusal: string): string | undefined {
  const schools = trust.schoolsOf(person);
  if (wanted === undefined) return schools[0];
  if (!schools.includes(wanted)) throw new ValidationError([refusal]);
  return wanted;
}
