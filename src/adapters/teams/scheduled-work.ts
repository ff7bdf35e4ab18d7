import type { BotServices } from './bot-services.js';
import { sendNotifications } from './notification-dispatcher.js';
import { RedeliveryGuard } from './redelivery-guard.js';
import { TapGuard } from './tap-guard.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Sent and withdrawn outbox items are kept this long (for the figures), then forgotten. */
const OUTBOX_KEEP_DAYS = 30;

/** What one pass of the scheduled work did. */
export interface ScheduledWorkResult {
  /** Reminders, escalations, expiry notices and incident reminders sent (or tried). */
  notifications: number;
  /** Records whose personal free text was removed (when the daily purge ran). */
  purged: number;
}

/**
 * The bot's clockwork: every minute, reminders, escalations and password-expiry notices for
 * requests and reminders for incidents; once a day (by the services' clock), the retention purge.
 * The work is computed from stored state, so a missed tick is caught up by the next one.
 */
export class ScheduledWork {
  private timer?: NodeJS.Timeout;
  private queue: Promise<unknown> = Promise.resolve();
  private lastPurgeAt?: number;

  private readonly redelivery: RedeliveryGuard;
  private readonly taps: TapGuard;

  constructor(
    private readonly services: Pick<BotServices, 'trust' | 'store' | 'clock' | 'outbox' | 'requests' | 'incidents' | 'questions' | 'logger'>,
    private readonly intervalMs = 60_000,
  ) {
    this.redelivery = new RedeliveryGuard(services.store);
    this.taps = new TapGuard(services.store);
  }

  /** Starts the timer; it never keeps the process alive on its own. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((err) => this.services.logger.error({ err }, 'scheduled work failed'));
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a pass in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.queue.catch(() => undefined);
  }

  /** One pass now (tests call this after moving a fake clock); passes never overlap. */
  runOnce(): Promise<ScheduledWorkResult> {
    const next = this.queue.catch(() => undefined).then(() => this.pass());
    this.queue = next;
    return next;
  }

  private async pass(): Promise<ScheduledWorkResult> {
    const { requests, incidents, questions, clock } = this.services;
    const due = [...(await requests.runDueWork()), ...(await incidents.runDueWork())];
    if (due.length > 0) await sendNotifications(this.services, due);

    let purged = 0;
    const now = clock.now().getTime();
    if (this.lastPurgeAt === undefined || now - this.lastPurgeAt >= DAY_MS) {
      this.lastPurgeAt = now;
      purged =
        (await requests.purgeExpiredFreeText()).length +
        (await incidents.purgeExpiredFreeText()).length +
        (await questions.purgeExpiredFreeText()).length;
      await this.redelivery.purgeOlderThan(DAY_MS, clock.now());
      await this.taps.purgeOlderThan(DAY_MS, clock.now());
      await this.services.outbox.outbox.purgeFinishedOlderThan(OUTBOX_KEEP_DAYS);
      if (purged > 0) this.services.logger.info({ purged }, 'personal free text past its retention period removed');
    }
    return { notifications: due.length, purged };
  }
}
