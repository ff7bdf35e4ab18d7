import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotServices } from '../bot-services.js';
import { identify, sendUnknownUserCard } from '../identity.js';
import { answerFromChat } from './question.routes.js';

/** Longest message the bot will read; longer text is almost always a paste by mistake. */
export const MAX_MESSAGE_LENGTH = 2000;

/** The last message route: anything no specific route took is a policy question. */
export function registerFallbackRoutes(
  app: Application<TurnState>,
  services: Pick<BotServices, 'trust' | 'outbox' | 'policies' | 'questions' | 'teaching'>,
): void {
  app.activity('message', async (context) => {
    const person = identify(context, services.trust);
    if (!person) return sendUnknownUserCard(context, services.trust);
    const text = (context.activity.text ?? '').trim();
    if (!text) {
      const hasCardData = context.activity.value !== undefined;
      await context.sendActivity(
        hasCardData
          ? "That button is from an older card I can't use any more. Type **help** to start again."
          : 'I can only read typed messages. Type your question, or **help** to see what I can do.',
      );
      return;
    }
    if (text.length > MAX_MESSAGE_LENGTH) {
      await context.sendActivity(
        `That message is ${text.length.toLocaleString('en-GB')} characters long; I can read up to ${MAX_MESSAGE_LENGTH.toLocaleString('en-GB')}. Please ask in a sentence or two.`,
      );
      return;
    }
    await answerFromChat(context, services, person, text);
  });
}
