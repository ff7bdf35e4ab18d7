import { arrivedLate, parseRetryAfter, isDue, type AttemptOutcome, type OutboxItem, type OutboxMessage } from '../../domain/outbox/outbox.js';
import type { OutboxService } from '../../domain/outbox/outbox-service.js';
import type { Clock } from '../../domain/ports.js';
import type { Person } from '../../domain/trust/trust.js';
import type { Logger } from '../../logger.js';
import type { NotifyResult } from './notifier.js';

/** The most the worker sleeps between looks at the outbox (it also wakes when an item falls due). */
const MAX_SLEEP_MS = 60_000;
/** The least, so an item that cannot be changed (a store hiccup) never spins the worker. */
const MIN_SLEEP_MS = 1_000;

/** Renders and sends one kind of outbox message (one attempt). */
export interface OutboxSender {
  send(item: OutboxItem): Promise<NotifyResult>;
  /** A few words for the IT manager about what could not be delivered ("an approval card for ..."). */
  describe(item: OutboxItem): Promise<string> | string;
  /** Called once an item reaches its person after waiting or retrying (e.g. to tell its sender). */
  afterLateDelivery?(item: OutboxItem): Promise<void>;
}

/** What a pass over the due items did. */
export interface DeliveryPass {
  attempted: number;
  sent: number;
}

/**
 * The outbox's worker in Teams: sends due items (one attempt each; the outbox decides when to try
 * again), resumes pending items on start-up, delivers what waited for a person when they first
 * open the bot, and tells the IT manager about an item that failed after its retries.
 */
export class OutboxDelivery {
  private readonly senders = new Map<string, OutboxSender>();
  private readonly inFlight = new Set<string>();
  private timer?: NodeJS.Timeout;
  private passes: Promise<unknown> = Promise.resolve();
  private running = false;

  constructor(
    readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Who hears about an item that could not be delivered: the trust-wide IT managers. */
    private readonly itManagers: () => readonly Person[],
  ) {}

  /** Adds the sender for one message type (each part of the Teams layer registers its own). */
  register(type: string, sender: OutboxSender): void {
    this.senders.set(type, sender);
  }

  /** Writes an item for `to` to the store; nothing is sent yet. */
  async enqueue(to: Person, message: OutboxMessage, key?: string): Promise<OutboxItem> {
    const item = await this.outbox.enqueue({ personId: to.id, aadObjectId: to.aadObjectId }, message, key);
    this.wakeSoon();
    return item;
  }

  /** A few words about an item for the IT manager ("an approval card for ..."). */
  async describe(item: OutboxItem): Promise<string> {
    const sender = this.senders.get(item.message.type);
    return (await Promise.resolve(sender?.describe(item)).catch(() => undefined)) ?? 'a message';
  }

  /** Tries these items now (one attempt each, in order); returns each as stored afterwards. */
  async deliverNow(items: readonly OutboxItem[]): Promise<OutboxItem[]> {
    const after: OutboxItem[] = [];
    for (const item of items) after.push(await this.attempt(item));
    return after;
  }

  /** One pass over every due item now (the timer does this; tests call it after moving a fake clock). Passes never overlap. */
  runDue(): Promise<DeliveryPass> {
    const next = this.passes.catch(() => undefined).then(() => this.pass());
    this.passes = next;
    return next;
  }

  /** The person has just opened the bot: deliver what was waiting for them. Returns what was delivered. */
  async firstContact(aadObjectId: string): Promise<OutboxItem[]> {
    const released = await this.outbox.releaseWaitingFor(aadObjectId);
    if (released.length > 0) this.logger.info({ items: released.length }, 'delivering what waited for a person who has now opened the bot');
    return (await this.deliverNow(released)).filter((i) => i.state === 'sent');
  }

  /** Resumes pending items (those left by a stop or a crash) and keeps delivering until `stop()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.runDue().catch((err) => this.logger.error({ err }, 'outbox pass failed'));
  }

  /** Stops the worker and waits for a pass in progress; pending items stay in the store. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.passes.catch(() => undefined);
  }

  private async pass(): Promise<DeliveryPass> {
    const due = await this.outbox.due();
    const after = await this.deliverNow(due);
    await this.scheduleNext();
    return { attempted: due.length, sent: after.filter((i) => i.state === 'sent').length };
  }

  /** One attempt at one item, unless it is already being sent or no longer due. */
  private async attempt(item: OutboxItem): Promise<OutboxItem> {
    if (this.inFlight.has(item.id)) return item;
    this.inFlight.add(item.id);
    try {
      const current = await this.outbox.get(item.id);
      if (!current || !isDue(current, this.clock.now())) return current ?? item;
      const after = (await this.outbox.recordAttempt(item.id, await this.tryToSend(current))) ?? current;
      if (after.state === 'failed') await this.reportFailure(after);
      else if (arrivedLate(after)) await this.senders.get(after.message.type)?.afterLateDelivery?.(after);
      else if (after.state === 'retrying') this.wakeAt(after.nextAttemptAt);
      return after;
    } finally {
      this.inFlight.delete(item.id);
    }
  }

  private async tryToSend(item: OutboxItem): Promise<AttemptOutcome> {
    const sender = this.senders.get(item.message.type);
    if (!sender) return { kind: 'failed', reason: `Policy Desk has no way to send a "${item.message.type}" message` };
    try {
      return toOutcome(await sender.send(item), this.clock.now());
    } catch (err) {
      // Preparing the message failed (e.g. the store was briefly unavailable): try again later.
      this.logger.error({ err, item: item.id }, 'could not prepare an outbox message');
      return { kind: 'retry', reason: 'the message could not be prepared', throttled: false };
    }
  }

  /** An item gave up: logged, and the IT managers are told (unless it was itself such a notice). */
  private async reportFailure(item: OutboxItem): Promise<void> {
    this.logger.error({ item: item.id, to: item.toPersonId, reason: item.lastError }, 'outbox item not delivered after its retries');
    if (item.message.type === UNDELIVERED_NOTICE) return;
    const what = await this.describe(item);
    for (const manager of this.itManagers()) {
      if (manager.id === item.toPersonId) continue;
      const notice = await this.enqueue(manager, { type: UNDELIVERED_NOTICE, itemId: item.id, what });
      await this.attempt(notice);
    }
  }

  private wakeSoon(): void {
    this.wakeAt(this.clock.now().toISOString());
  }

  /** Makes sure the worker looks again by `at` (in the clock's time). */
  private wakeAt(at: string | undefined): void {
    if (!this.running || !at) return;
    const delay = Math.min(MAX_SLEEP_MS, Math.max(MIN_SLEEP_MS, Date.parse(at) - this.clock.now().getTime()));
    const wakeBy = Date.now() + delay;
    if (this.timer && this.timerDueAt <= wakeBy) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDueAt = wakeBy;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runDue().catch((err) => this.logger.error({ err }, 'outbox pass failed'));
    }, delay);
    this.timer.unref();
  }

  private timerDueAt = 0;

  private async scheduleNext(): Promise<void> {
    const next = await this.outbox.nextDueAt();
    this.wakeAt(next ? next.toISOString() : new Date(this.clock.now().getTime() + MAX_SLEEP_MS).toISOString());
  }
}

/** The message type of the notice an IT manager gets about an item that could not be delivered. */
export const UNDELIVERED_NOTICE = 'undelivered-notice';

/** A Notifier result as the outbox's state machine reads it. */
export function toOutcome(result: NotifyResult, now: Date): AttemptOutcome {
  if (result.delivered) return { kind: 'sent' };
  if (result.reason === 'not-installed') return { kind: 'no-conversation' };
  if (!result.retryable) return { kind: 'failed', reason: result.error };
  return { kind: 'retry', reason: result.error, throttled: result.throttled, retryAfterMs: parseRetryAfter(result.retryAfter, now) };
}
