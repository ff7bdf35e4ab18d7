import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { Storage } from 'botbuilder';
import type { BotServices } from './bot-services.js';
import { createErrorHandler } from './error-handler.js';
import { registerFallbackRoutes } from './routes/fallback.routes.js';
import { registerFlowRoutes } from './routes/flow.routes.js';
import { registerQuestionRoutes } from './routes/question.routes.js';
import { registerWelcomeRoutes } from './routes/welcome.routes.js';

/**
 * The teams-ai Application with every route registered, specific first and the catch-all message
 * route last (an Action.Submit also arrives as a message).
 */
export function createTeamsApp(adapter: TeamsAdapter, botAppId: string, storage: Storage, services: BotServices) {
  const app = new Application<TurnState>({
    adapter,
    botAppId,
    storage,
    // Answers are quick; a typing indicator would only add noise to cards.
    startTypingTimer: false,
    removeRecipientMention: true,
  });

  app.turn('beforeTurn', async (context) => {
    await services.directory.remember(context);
    return true;
  });

  registerWelcomeRoutes(app, services);
  registerFlowRoutes(app, services);
  registerQuestionRoutes(app, services);
  registerFallbackRoutes(app, services);

  app.error(createErrorHandler(services.logger, storage));
  return app;
}
