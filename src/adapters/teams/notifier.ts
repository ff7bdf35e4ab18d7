import type { Activity, CloudAdapter, ResourceResponse, TurnContext } from 'botbuilder';
import type { Logger } from '../../logger.js';
import type { ConversationDirectory } from './conversation-directory.js';

const RETRYABLE_STATUS = new Set([412, 429, 502, 504]);

export type NotifyResult = { delivered: true; activityId?: string } | { delivered: false; reason: 'not-installed' | 'failed' };

/**
 * Sends proactive 1:1 messages. Teams throttles bots per conversation, so throttling and
 * transient gateway errors are retried with backoff; anything else is logged and reported.
 */
export class Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly directory: ConversationDirectory,
    private readonly logger: Logger,
    private readonly retryDelaysMs: number[] = [500, 2000, 5000],
  ) {}

  async sendToUser(aadObjectId: string, activity: Partial<Activity>): Promise<NotifyResult> {
    const known = await this.directory.find(aadObjectId);
    if (!known) {
      this.logger.warn({ aadObjectId }, 'cannot notify: the user has not installed or messaged the bot yet');
      return { delivered: false, reason: 'not-installed' };
    }
    for (let attempt = 0; ; attempt++) {
      try {
        let response: ResourceResponse | undefined;
        await this.adapter.continueConversationAsync(this.botAppId, known.reference, async (context) => {
          response = await context.sendActivity(activity);
        });
        return { delivered: true, activityId: response?.id };
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        if (status && RETRYABLE_STATUS.has(status) && attempt < this.retryDelaysMs.length) {
          await new Promise((resolve) => setTimeout(resolve, this.retryDelaysMs[attempt]));
          continue;
        }
        this.logger.error({ err, aadObjectId }, 'proactive message failed');
        return { delivered: false, reason: 'failed' };
      }
    }
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
      await this.adapter.continueConversationAsync(this.botAppId, known.reference, async (context) => {
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
