import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from './card-renderer.js';

/**
 * Answers an Action.Execute at once: a card replaces the clicked one for the person who clicked,
 * text shows as a message. Sent here rather than returned to teams-ai, which would otherwise also
 * rewrite a card that has a refresh section for everyone, when each viewer must keep their own view.
 */
export async function respondToAction(context: TurnContext, answer: AdaptiveCardJson | string): Promise<AdaptiveCardJson | string> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: {
      status: 200,
      body:
        typeof answer === 'string'
          ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer }
          : { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer },
    },
  });
  return answer;
}
