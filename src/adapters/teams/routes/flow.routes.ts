import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotServices } from '../bot-services.js';
import { identify, sendUnknownUserCard } from '../identity.js';
import { isFlow, VERBS, type Flow } from '../verbs.js';

const NOT_READY: Partial<Record<Flow, string>> = {
  software: 'Software install requests',
  password_sharing: 'Password-sharing authorisations',
  personal_device: 'Personal device declarations',
  lost_device: 'Lost or stolen device reports',
  my_requests: 'Your list of requests',
};

/** Buttons on the welcome card. */
export function registerFlowRoutes(app: Application<TurnState>, services: BotServices): void {
  app.adaptiveCards.actionSubmit<{ flow?: unknown }>(VERBS.startFlow, async (context, _state, data) => {
    if (!identify(context, services.trust)) return sendUnknownUserCard(context, services.trust);
    const flow = data?.flow;
    if (!isFlow(flow)) {
      await context.sendActivity("Sorry, I didn't recognise that button. Type **help** to see what I can do.");
      return;
    }
    if (flow === 'ask') {
      await context.sendActivity('Go ahead: type your question in your own words, for example "can I use my own memory stick?"');
      return;
    }
    const ready = NOT_READY[flow];
    const itManager = services.trust.peopleWithRole('it_manager')[0];
    await context.sendActivity(
      `${ready} aren't available in Policy Desk yet: they're coming soon. Until then, please contact ${itManager ? `${itManager.name} (${itManager.email})` : 'your IT manager'}.`,
    );
  });
}
