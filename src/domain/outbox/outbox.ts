/**
 * The outbox's one set of states for everything the bot sends on its own (approval cards, alerts,
 * reminders, notifications, hand-offs). Pure functions: the store and the sending live elsewhere.
 *
 *   queued ──sent──▶ sent
 *     │ └─429/5xx/timeout─▶ retrying ──(due again)──▶ sent | retrying | failed
 *     └─no conversation with the person─▶ waiting_for_first_contact ──(they open the bot)──▶ queued
 *   withdrawn: the sender chose someone else before it could be delivered.
 *
 * Nothing leaves the outbox silently: every item ends sent, failed (shown to the IT manager),
 * withdrawn by its sender, or is still on its way.
 */

export const OUTBOX_STATES = ['queued', 'retrying', 'waiting_for_first_contact', 'sent', 'failed', 'withdrawn'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** What to send, as data the Teams layer renders when it sends (so a late delivery shows the current state). */
export interface OutboxMessage {
  /** Which sender renders it, e.g. "notification" or "handoff". */
  type: string;
  [field: string]: unknown;
}

export interface OutboxItem {
  id: string;
  /** Trust person id of the recipient. */
  toPersonId: string;
  /** The recipient's Entra object id, lower case: the key of their conversation with the bot. */
  toAadObjectId: string;
  message: OutboxMessage;
  state: OutboxState;
  /** Failed attempts that count towards giving up (throttling never does). */
  attempts: number;
  /** Times Teams asked the bot to slow down (429) for this item. */
  throttled: number;
  createdAt: string;
  /** Orders items created in the same millisecond (and under a fake clock): the order they were written in. */
  seq: number;
  updatedAt: string;
  /** When the next attempt is due (queued and retrying only). */
  nextAttemptAt?: string;
  sentAt?: string;
  /** When it stopped waiting for the person to open the bot (so the sender can be told it arrived late). */
  releasedAt?: string;
  /** The last reason it was not delivered, for the IT manager. */
  lastError?: string;
}

/** When to retry and when to give up. */
export interface RetryPolicy {
  /** Failed attempts (not counting 429s) after which an item is failed. */
  maxAttempts: number;
  /** Delay after the first failure; doubles each time up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is read as this (a broken header must not park work for days). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 5_000,
  maxDelayMs: 15 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
};

/** What one attempt to send an item came to. */
export type AttemptOutcome =
  | { kind: 'sent' }
  /** The bot has no conversation with the person: they never opened it. */
  | { kind: 'no-conversation' }
  /** Worth trying again: 429 (throttled), 412, 5xx, a timeout, a network error. */
  | { kind: 'retry'; reason: string; throttled: boolean; retryAfterMs?: number }
  /** Trying again cannot help (e.g. 403: the person removed the app). */
  | { kind: 'failed'; reason: string };

/** A new item, due now; `seq` orders it among items written at the same time. */
export function newOutboxItem(id: string, to: { personId: string; aadObjectId: string }, message: OutboxMessage, now: Date, seq: number): OutboxItem {
  const at = now.toISOString();
  return {
    id,
    toPersonId: to.personId,
    toAadObjectId: to.aadObjectId.toLowerCase(),
    message,
    state: 'queued',
    attempts: 0,
    throttled: 0,
    createdAt: at,
    seq,
    updatedAt: at,
    nextAttemptAt: at,
  };
}

/** True for items still on their way (queued or retrying), whatever their due time. */
export function isPending(item: OutboxItem): boolean {
  return item.state === 'queued' || item.state === 'retrying';
}

/** True when an attempt should be made now. */
export function isDue(item: OutboxItem, now: Date): boolean {
  return isPending(item) && (!item.nextAttemptAt || Date.parse(item.nextAttemptAt) <= now.getTime());
}

/** The delay before attempt `failedAttempts + 1`: exponential, capped. */
export function backoffMs(failedAttempts: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
}

/** The item after an attempt: the next state, when to try again, why it was not delivered. */
export function afterAttempt(item: OutboxItem, outcome: AttemptOutcome, now: Date, policy: RetryPolicy = DEFAULT_RETRY_POLICY): OutboxItem {
  const at = now.toISOString();
  const base = { ...item, updatedAt: at };
  switch (outcome.kind) {
    case 'sent':
      return { ...base, state: 'sent', sentAt: at, nextAttemptAt: undefined };
    case 'no-conversation':
      return { ...base, state: 'waiting_for_first_contact', nextAttemptAt: undefined, lastError: 'has not opened Policy Desk in Teams yet' };
    case 'failed':
      return { ...base, state: 'failed', attempts: item.attempts + 1, nextAttemptAt: undefined, lastError: outcome.reason };
    case 'retry': {
      // Throttling is Teams asking for patience, not a failure: it never uses up the attempts.
      const attempts = outcome.throttled ? item.attempts : item.attempts + 1;
      if (attempts >= policy.maxAttempts) {
        return { ...base, state: 'failed', attempts, nextAttemptAt: undefined, lastError: `${outcome.reason} (gave up after ${attempts} attempts)` };
      }
      const retryAfter = outcome.retryAfterMs === undefined ? undefined : Math.min(Math.max(0, outcome.retryAfterMs), policy.maxRetryAfterMs);
      const delay = retryAfter ?? backoffMs(Math.max(1, attempts), policy);
      return {
        ...base,
        state: 'retrying',
        attempts,
        throttled: item.throttled + (outcome.throttled ? 1 : 0),
        nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
        lastError: outcome.reason,
      };
    }
  }
}

/** The person has opened the bot: their waiting items are due now. Other items are unchanged. */
export function releaseOnFirstContact(item: OutboxItem, now: Date): OutboxItem {
  if (item.state !== 'waiting_for_first_contact') return item;
  return { ...item, state: 'queued', nextAttemptAt: now.toISOString(), updatedAt: now.toISOString(), releasedAt: now.toISOString() };
}

/**
 * The sender asked to try again now (or chose this person again): a waiting, retrying, failed or
 * withdrawn item is due at once, with its attempts counted afresh. A sent item is unchanged.
 */
export function retryNow(item: OutboxItem, now: Date): OutboxItem {
  if (item.state === 'sent' || item.state === 'queued') return item;
  return { ...item, state: 'queued', attempts: 0, nextAttemptAt: now.toISOString(), updatedAt: now.toISOString() };
}

/** True when the item reached its person only after waiting or retrying: worth telling its sender. */
export function arrivedLate(item: OutboxItem): boolean {
  return item.state === 'sent' && (item.releasedAt !== undefined || item.attempts > 0 || item.throttled > 0);
}

/** The sender chose someone else; only an item not yet sent can be withdrawn. */
export function withdraw(item: OutboxItem, now: Date): OutboxItem {
  if (item.state === 'sent' || item.state === 'withdrawn') return item;
  return { ...item, state: 'withdrawn', nextAttemptAt: undefined, updatedAt: now.toISOString() };
}

/**
 * Reads an HTTP Retry-After header (delay in seconds, or an HTTP date) as milliseconds from
 * `now`; undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** The outbox in figures, for the IT manager and for test reports. */
export interface OutboxSummary {
  total: number;
  sent: number;
  /** Items that needed more than one attempt (or were throttled) before their current state. */
  retried: number;
  pending: number;
  waitingForFirstContact: number;
  failed: number;
  withdrawn: number;
}

export function summarise(items: readonly OutboxItem[]): OutboxSummary {
  const count = (state: OutboxState) => items.filter((i) => i.state === state).length;
  return {
    total: items.length,
    sent: count('sent'),
    retried: items.filter((i) => i.attempts > 0 || i.throttled > 0).length,
    pending: items.filter(isPending).length,
    waitingForFirstContact: count('waiting_for_first_contact'),
    failed: count('failed'),
    withdrawn: count('withdrawn'),
  };
}
