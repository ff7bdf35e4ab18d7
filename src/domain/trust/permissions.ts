import type { Person, Role, Trust } from './trust.js';

/** Who looks after the policy files, and so may reload them. */
const POLICY_RELOAD_ROLES: readonly Role[] = ['it_manager', 'dpc', 'ceo'];

/** Whether the person may reload the policy files (at any school or trust-wide). */
export function mayReloadPolicy(trust: Trust, person: Person): boolean {
  return POLICY_RELOAD_ROLES.some((role) => trust.hasRole(person, role));
}

/** Whether the person may see what the bot could not deliver (the IT manager, who can chase it). */
export function maySeeUndelivered(trust: Trust, person: Person): boolean {
  return trust.hasRole(person, 'it_manager');
}
