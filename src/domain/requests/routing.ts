import type { Person, Role, Route, Trust } from '../trust/trust.js';
import { NoApproverError, RequestKindDisabledError } from './errors.js';
import { kindById } from './kinds.js';
import type { AnyRequestKind, Details } from './request-kind.js';

/** Who a new request goes to. */
export interface RouteResult {
  approverIds: string[];
  fallbackIds: string[];
  /** True when the approver role had nobody but the requester, so the fallback role approves. */
  routedToFallback: boolean;
  policyReference?: string;
}

/**
 * Routes a request by the trust's table (per school when the school overrides it). The requester
 * is never among the approvers; when they are the only holder of the approver role, the fallback
 * role approves instead. A kind routed by a field (e.g. the system asked for) goes to the
 * authoriser the trust names for that value, else to the route's own role.
 */
export function routeRequest(
  trust: Trust,
  kindOrId: AnyRequestKind | string,
  requester: Person,
  school: string | undefined,
  details?: Details,
): RouteResult {
  const kind = typeof kindOrId === 'string' ? kindById(kindOrId) : kindOrId;
  if (!kind) throw new TypeError(`unknown request kind "${String(kindOrId)}"`);
  const route = authoriserRoute(trust.route(kind, school), kind, details);
  if (!route.enabled) throw new RequestKindDisabledError(kind.id, route.policyReference);
  // Nobody approves their own benefit: neither the requester nor the person who would gain the access.
  const beneficiary = kind.beneficiaryField ? details?.[kind.beneficiaryField] : undefined;
  const others = (ids: string[]) => ids.filter((id) => id !== requester.id && id !== beneficiary);
  const primary = others(holdersFor(trust, route.approverRole, school, route.sameSchool));
  const fallback = route.fallbackRole
    ? others(holdersFor(trust, route.fallbackRole, school, route.sameSchool)).filter((id) => !primary.includes(id))
    : [];
  if (primary.length > 0) {
    return { approverIds: primary, fallbackIds: fallback, routedToFallback: false, policyReference: route.policyReference };
  }
  if (fallback.length === 0) throw new NoApproverError(kind.id);
  return { approverIds: fallback, fallbackIds: [], routedToFallback: true, policyReference: route.policyReference };
}

/** The route with the approver the trust names for the value of the kind's routing field, if any. */
function authoriserRoute(route: Route, kind: AnyRequestKind, details: Details | undefined): Route {
  const value = kind.routeByField && details?.[kind.routeByField];
  if (typeof value !== 'string' || !route.authorisers) return route;
  const wanted = normalise(value);
  const found = route.authorisers.find((a) =>
    [a.value, ...a.aliases].some((name) => {
      const n = normalise(name);
      return n === wanted || ` ${wanted} `.includes(` ${n} `);
    }),
  );
  return found ? { ...route, approverRole: found.approverRole, fallbackRole: found.fallbackRole ?? route.fallbackRole } : route;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * Person ids holding a role for a school. Staff with no school are the trust's central team: for
 * them a role resolves to its trust-wide holders, or to the CEO when nobody holds it trust-wide.
 */
export function holdersFor(trust: Trust, role: Role, school: string | undefined, sameSchool = false): string[] {
  let people = trust.holdersOf(role, school, { sameSchool });
  if (people.length === 0 && school === undefined) people = trust.holdersOf('ceo', undefined);
  return people.map((p) => p.id);
}

/** Active delegations: away approver's person id → delegate's person id. */
export type DelegationMap = ReadonlyMap<string, string>;

/** Everyone a person's approvals pass through (a delegate may be away too), the person first. */
export function delegationChain(personId: string, delegations: DelegationMap): string[] {
  const chain = [personId];
  let next = delegations.get(personId);
  while (next !== undefined && !chain.includes(next)) {
    chain.push(next);
    next = delegations.get(next);
  }
  return chain;
}

/**
 * Who may decide for these base approvers: each of them (they may come back early) and their
 * delegates. The requester is never among them, even as someone's delegate.
 */
export function decidersFor(baseIds: readonly string[], requesterId: string, delegations: DelegationMap): string[] {
  const ids = new Set(baseIds.flatMap((id) => delegationChain(id, delegations)));
  ids.delete(requesterId);
  return [...ids];
}

/** Where to send a base approver's card: to the end of their delegation chain when they are away. */
export interface NotifyTarget {
  to: string;
  onBehalfOf?: string;
}

/**
 * Notification targets for base approvers, with delegation applied. A delegate who is the
 * requester is skipped (the card goes to the approver themself).
 */
export function notifyTargetsFor(
  baseIds: readonly string[],
  requesterId: string,
  delegations: DelegationMap,
): NotifyTarget[] {
  const targets = new Map<string, NotifyTarget>();
  for (const id of baseIds) {
    if (id === requesterId) continue;
    const chain = delegationChain(id, delegations).filter((p) => p !== requesterId);
    const to = chain[chain.length - 1];
    // Someone who is an approver in their own right is told as such, not as a delegate.
    if (!targets.has(to) || to === id) targets.set(to, to === id ? { to } : { to, onBehalfOf: id });
  }
  return [...targets.values()];
}
