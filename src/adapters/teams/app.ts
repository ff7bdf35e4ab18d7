import { Application, type TurnState } from '@microsoft/teams-ai';
import type { Storage } from 'botbuilder';
import type { BotAdapter } from './bot-adapter.js';
import type { BotServices } from './bot-services.js';
import { DialogRunner, registerDialogRoutes } from './dialog-runner.js';
import { createErrorHandler } from './error-handler.js';
import { registerNotificationSenders } from './notification-dispatcher.js';
import { registerOutboxRoutes } from './routes/outbox.routes.js';
import { RedeliveryGuard } from './redelivery-guard.js';
import { SecretGuard } from './secret-guard.js';
import { flowCardData } from '../../../dialogs/flow-base.dialog.js';
import { passwordSharing } from '../../kinds/password-sharing/kind.js';
import { registerFallbackRoutes } from './routes/fallback.routes.js';
import { registerFlowRoutes } from './routes/flow.routes.js';
import { registerIntentRoutes } from './routes/intent.routes.js';
import { lostDeviceDialog, registerIncidentRoutes, startLostDevice } from './routes/incident.routes.js';
import { registerQuestionRoutes } from './routes/question.routes.js';
import { registerTeachRoutes } from './routes/teach.routes.js';
import { addRequestDialogs, requestFlowStarters } from './routes/request-flows.js';
import { listStarter, registerRequestRoutes } from './routes/request.routes.js';
import { registerWelcomeRoutes } from './routes/welcome.routes.js';

/**
 * The teams-ai Application with every route registered, specific first and the catch-all message
 * route last (an Action.Submit also arrives as a message).
 */
export function createTeamsApp(adapter: BotAdapter, botAppId: string, storage: Storage, services: BotServices) {
  const app = new Application<TurnState>({
    adapter,
    botAppId,
    storage,
    // Answers are quick; a typing indicator would only add noise to cards.
    startTypingTimer: false,
    removeRecipientMention: true,
  });

  const dialogs = new DialogRunner(storage, (aadObjectId, logic) => services.notifier.runInPersonalChat(aadObjectId, logic));
  // Before anything else sees the activity: routes, dialogs, turn state, the store and the logs.
  adapter.use(
    new SecretGuard({
      inCredentialFlow: async (context) => (flowCardData(context.activity)?.flow ?? (await dialogs.activeFlow(context))) === passwordSharing.name,
      passwordClause: () => services.policies.passwordSharingRule().passage,
      logger: services.logger,
    }),
  );

  const redelivery = new RedeliveryGuard(services.store);
  app.turn('beforeTurn', async (context) => {
    if (!(await redelivery.isFirstDelivery(context.activity))) {
      services.logger.info({ activityId: context.activity.id }, 'dropped a re-delivered message');
      return false;
    }
    if (await services.directory.remember(context)) {
      // A person the bot could not reach before: what waited for them follows the answer to this turn.
      const aadObjectId = context.activity.from.aadObjectId!;
      services.followUp.start('first-contact delivery', () => services.outbox.firstContact(aadObjectId));
    }
    return true;
  });

  // Flows (dialogs) first: their cards' buttons and "cancel"/"help" typed mid-flow.
  addRequestDialogs(dialogs, services);
  dialogs.add(lostDeviceDialog(services));
  registerDialogRoutes(app, dialogs);

  registerWelcomeRoutes(app, services);
  registerFlowRoutes(app, services, {
    ...requestFlowStarters(services, dialogs),
    lost_device: startLostDevice(dialogs),
    my_requests: listStarter(services, 'my_requests'),
    waiting_for_me: listStarter(services, 'waiting_for_me'),
  });
  registerQuestionRoutes(app, services);
  registerTeachRoutes(app, services);
  registerRequestRoutes(app, services);
  registerIncidentRoutes(app, services, dialogs);
  registerOutboxRoutes(app, services);
  registerIntentRoutes(app, services, dialogs);
  registerFallbackRoutes(app, services);
  registerNotificationSenders(services);

  app.error(createErrorHandler(services.logger, storage));
  return app;
}
