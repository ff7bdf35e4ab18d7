import type { Activity, CloudAdapter, ResourceResponse, TurnContext } from 'botbuilder';
import type { Logger } from '../../logger.js';
import type { ConversationDirectory, KnownConversation } from './conversation-directory.js';

/** Statuses worth trying again: timeouts, throttling, precondition (Teams' 412 under load), server errors. */
const RETRYABLE_STATUS = new Set([408, 412, 429, 500, 502, 503, 504]);
/** Longer than this and the attempt counts as timed out (Teams gives a turn 15 s; a send should take well under 1). */
const SEND_TIMEOUT_MS = 10_000;

/** What one attempt to send came to; a failed one says whether trying again could help. */
export type NotifyResult =
  | { delivered: true; activityId?: string }
  | { delivered: false; reason: 'not-installed' }
  | { delivered: false; reason: 'failed'; error: string; retryable: boolean; throttled: boolean; retryAfter?: string };

/** The result for a recipient who is no longer in the trust file. */
export const NOT_IN_TRUST: NotifyResult = { delivered: false, reason: 'failed', error: 'no longer in the trust file', retryable: false, throttled: false };

/**
 * Sends proactive 1:1 messages, one attempt each: retrying (with backoff, honouring Retry-After)
 * is the outbox's job, so the connector client's own retry policy (which sleeps inside the call)
 * is taken out of its pipeline.
 */
export class Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly directory: ConversationDirectory,
    private readonly logger: Logger,
    private readonly timeoutMs = SEND_TIMEOUT_MS,
  ) {}

  async sendToUser(aadObjectId: string, activity: Partial<Activity>): Promise<NotifyResult> {
    const known = await this.directory.find(aadObjectId);
    if (!known) return { delivered: false, reason: 'not-installed' };
    try {
      let response: ResourceResponse | undefined;
      await this.inChat(known, async (context) => {
        response = await withTimeout(context.sendActivity(activity), this.timeoutMs);
      });
      return { delivered: true, activityId: response?.id };
    } catch (err) {
      const failure = describeFailure(err);
      this.logger.warn({ aadObjectId, error: failure.error }, 'proactive message not delivered');
      return failure;
    }
  }

  /**
   * Runs `logic` in the person's chat without the client's own retries. An error is thrown to the
   * caller: the adapter would otherwise hand it to the turn error handler, and the caller would
   * take a refused message for a sent one.
   */
  private async inChat(known: KnownConversation, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: unknown;
    await this.adapter.continueConversationAsync(this.botAppId, known.reference, async (context) => {
      withoutClientRetries(context);
      try {
        await logic(context);
      } catch (err) {
        failure = err ?? new Error('unknown failure');
      }
    });
    if (failure !== undefined) throw failure;
  }

  /** Runs `logic` in the user's 1:1 chat with the bot; false when the bot has none with them. */
  async runInPersonalChat(aadObjectId: string, logic: (context: TurnContext) => Promise<void>): Promise<boolean> {
    const known = await this.directory.find(aadObjectId);
    if (!known) return false;
    await this.adapter.continueConversationAsync(this.botAppId, known.reference, logic);
    return true;
  }

  /** Replaces a message the bot sent earlier (e.g. every copy of an approval card after a decision). */
  async updateForUser(aadObjectId: string, activityId: string, activity: Partial<Activity>): Promise<boolean> {
    const known = await this.directory.find(aadObjectId);
    if (!known) return false;
    try {
      await this.inChat(known, async (context) => {
        // Teams (and the Playground) drop an update that does not say it is a message.
        await context.updateActivity({ type: 'message', ...activity, id: activityId, conversation: known.reference.conversation });
      });
      return true;
    } catch (err) {
      this.logger.error({ err, aadObjectId, activityId }, 'updating a sent card failed');
      return false;
    }
  }
}

/** Removes the connector client's built-in retries (they sleep in real time and hide Retry-After from the outbox). */
function withoutClientRetries(context: TurnContext): void {
  const key = (context.adapter as { ConnectorClientKey?: symbol }).ConnectorClientKey;
  const client = key ? context.turnState.get(key) : undefined;
  client?.client?.pipeline?.removePolicy({ phase: 'Retry' });
}

class SendTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer from Teams within ${ms} ms`);
    this.name = 'SendTimeoutError';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendTimeoutError(ms)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Why a send failed, and whether the outbox should try again (and after how long, if Teams said). */
function describeFailure(err: unknown): NotifyResult & { delivered: false; reason: 'failed' } {
  const e = err as { statusCode?: number; code?: string; response?: { headers?: { get?(name: string): string | undefined } } };
  const status = e.statusCode;
  if (status === undefined) {
    // No HTTP answer at all: a timeout or a network error, worth another try.
    return { delivered: false, reason: 'failed', error: err instanceof SendTimeoutError ? err.message : `network error (${e.code ?? 'no answer'})`, retryable: true, throttled: false };
  }
  return {
    delivered: false,
    reason: 'failed',
    error: status === 429 ? 'Teams asked the bot to slow down (429)' : `Teams answered ${status}`,
    retryable: RETRYABLE_STATUS.has(status),
    throttled: status === 429,
    retryAfter: e.response?.headers?.get?.('retry-after') ?? undefined,
  };
}
