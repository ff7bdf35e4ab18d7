import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { BotServices } from '../bot-services.js';
import { identify, sendUnknownUserCard } from '../identity.js';
import { isFlow, VERBS } from '../verbs.js';

/** Starts one flow for the person behind the turn (they are known to the trust). */
export type FlowStarter = (context: TurnContext) => Promise<void>;

/** Buttons on the welcome card (and answer cards' next steps): every flow but "ask" has a starter. */
export function registerFlowRoutes(
  app: Application<TurnState>,
  services: Pick<BotServices, 'trust'>,
  starters: Readonly<Record<string, FlowStarter>>,
): void {
  app.adaptiveCards.actionSubmit<{ flow?: unknown }>(VERBS.startFlow, async (context, _state, data) => {
    if (!identify(context, services.trust)) return sendUnknownUserCard(context, services.trust);
    const flow = data?.flow;
    if (!isFlow(flow) || (flow !== 'ask' && !starters[flow])) {
      await context.sendActivity("Sorry, I didn't recognise that button. Type **help** to see what I can do.");
      return;
    }
    if (flow === 'ask') {
      await context.sendActivity('Go ahead: type your question in your own words, for example "can I use my own memory stick?"');
      return;
    }
    await starters[flow](context);
  });
}
