import { ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import type { Logger } from '../../logger.js';
import { renderCard } from './card-renderer.js';

export const FRIENDLY_ERROR =
  "Sorry, something went wrong on my side and I couldn't finish that. Please try again in a moment; if it keeps happening, tell your IT manager.";

/**
 * The one place errors from a turn end up. The user gets a friendly message (an invoke gets its
 * invoke response first, so Teams never shows a raw failure), the details go to the log, and the
 * conversation's state is cleared so a broken flow cannot trap the user.
 */
export function createErrorHandler(logger: Logger, storage: Storage) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const activity = context.activity;
    try {
      if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') {
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: {
            status: 200,
            body: {
              statusCode: 200,
              type: 'application/vnd.microsoft.card.adaptive',
              value: renderCard('error', { message: FRIENDLY_ERROR }),
            },
          },
        });
      } else if (activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 500 } });
      } else if (activity.type === ActivityTypes.Message) {
        await context.sendActivity(FRIENDLY_ERROR);
      }
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the user about an error');
    }
    logger.error({ err: error, activityType: activity.type, conversationId: activity.conversation?.id }, 'turn failed');
    const botId = activity.recipient?.id;
    if (botId && activity.conversation?.id) {
      const key = `${activity.channelId}/${botId}/conversations/${activity.conversation.id}`;
      // The second key is botbuilder's ConversationState, where running flows (dialogs) live.
      const dialogKey = `${activity.channelId}/conversations/${activity.conversation.id}/`;
      await storage.delete([key, dialogKey]).catch((err) => logger.error({ err }, 'could not clear conversation state'));
    }
  };
}
