import type { Person } from '../trust/trust.js';
import type { DelegationMap } from './routing.js';

/** The collection delegations are stored in, keyed by the away approver's person id. */
export const DELEGATIONS = 'delegations';

/** An approver away until a date hands their approvals to someone holding the same role. */
export interface Delegation {
  /** Same as `fromId`: one delegation per person, a new one replaces the old. */
  id: string;
  fromId: string;
  toId: string;
  /** YYYY-MM-DD: the last day away (inclusive). */
  untilDate: string;
  /** The moment the delegation ends (the start of the day after `untilDate`, UTC). */
  endsAt: string;
  createdAt: string;
  conversationId?: string;
}

/**
 * Whether `to` holds one of `from`'s approving roles (anything but staff): for a school-level role,
 * at that school or trust-wide; for a trust-wide role, anywhere.
 */
export function holdsSameRole(from: Person, to: Person): boolean {
  return from.roles.some(
    (mine) =>
      mine.role !== 'staff' &&
      to.roles.some(
        (theirs) =>
          theirs.role === mine.role &&
          (mine.school === undefined || theirs.school === undefined || theirs.school === mine.school),
      ),
  );
}

/** Who `from` may hand their approvals to: everyone else holding one of their approving roles. */
export function delegationCandidates(people: readonly Person[], from: Person): Person[] {
  return people.filter((p) => p.id !== from.id && holdsSameRole(from, p));
}

/** The delegations in force at `now`, as a map from the away person to their delegate. */
export function activeDelegationMap(delegations: readonly Delegation[], now: Date): DelegationMap {
  return new Map(delegations.filter((d) => new Date(d.endsAt) > now).map((d) => [d.fromId, d.toId]));
}
