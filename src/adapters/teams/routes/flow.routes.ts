import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { BotServices } from '../bot-services.js';
import { identify, sendUnknownUserCard } from '../identity.js';
import { isFlow, VERBS, type Flow } from '../verbs.js';

const NOT_READY: Partial<Record<Flow, string>> = {
  software: 'Software install requests',
  password_sharing: 'Password-sharing authorisations',
  personal_device: 'Personal device declarations',
  lost_device: 'Lost or stolen device reports',
  my_requests: 'Your list of requests',
  waiting_for_me: 'Your list of approvals',
};

/** Starts one flow for the person behind the turn (they are known to the trust). */
export type FlowStarter = (context: TurnContext) => Promise<void>;

/** Buttons on the welcome card (and answer cards' next steps); `starters` run the flows that are built. */
export function registerFlowRoutes(
  app: Application<TurnState>,
  services: BotServices,
  starters: Partial<Record<Flow, FlowStarter>> = {},
): void {
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
    const starter = starters[flow];
    if (starter) return starter(context);
    const ready = NOT_READY[flow];
    const itManager = services.trust.peopleWithRole('it_manager')[0];
    await context.sendActivity(
      `${ready} aren't available in Policy Desk yet: they're coming soon. Until then, please contact ${itManager ? `${itManager.name} (${itManager.email})` : 'your IT manager'}.`,
    );
  });
}
