import type { StoreIndex } from '../ports.js';
import { REQUESTS, closedForRetentionAt, type ApprovalRequest } from './request.js';
import { isDueCandidate } from './request-due-work.js';

// The store fingerprints each index by its name and the source of `keys`: when what a helper
// called from `keys` means changes, rename the index so stores rebuild it.

/** "My requests": each request filed under the person who raised it. */
export const REQUESTS_BY_REQUESTER: StoreIndex<ApprovalRequest> = {
  collection: REQUESTS,
  name: 'by-requester',
  keys: (request) => request.requesterId,
};

/** Requests something can still happen to: `pending`, or `due` for later scheduled work. */
export const ACTIVE_REQUESTS: StoreIndex<ApprovalRequest> = {
  collection: REQUESTS,
  name: 'active-v1',
  keys: (request) => (request.status === 'pending' ? 'pending' : isDueCandidate(request) ? 'due' : undefined),
};

/** Closed requests still holding free text, filed under the day (YYYY-MM-DD) their retention starts. */
export const REQUESTS_TO_PURGE: StoreIndex<ApprovalRequest> = {
  collection: REQUESTS,
  name: 'retention-v1',
  keys: (request) => (request.purgedAt ? undefined : closedForRetentionAt(request)?.toISOString().slice(0, 10)),
};

/**
 * The retention indexes' match for "kept `keepMs` or longer by now": every day up to and including
 * the last day that can qualify; the caller checks the exact time.
 */
export function retentionDue(now: Date, keepMs: number): { before: string } {
  return { before: new Date(now.getTime() - keepMs + 24 * 60 * 60 * 1000).toISOString().slice(0, 10) };
}
