import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { BotServices } from '../bot-services.js';
import { cardAttachment } from '../card-renderer.js';
import { describeRoles, identify, sendUnknownUserCard } from '../identity.js';
import { KINDS } from '../../../kinds/registry.js';

/** Sends the welcome card, or the "who are you?" card to someone the trust file does not list. */
export async function sendWelcome(context: TurnContext, services: Pick<BotServices, 'trust'>): Promise<void> {
  const person = identify(context, services.trust);
  if (!person) return sendUnknownUserCard(context, services.trust);
  await context.sendActivity({
    attachments: [
      cardAttachment('welcome', {
        firstName: person.name.split(' ')[0],
        trustName: services.trust.name,
        roleLine: describeRoles(person, services.trust),
        // Anyone with more than the staff role may be asked to approve or acknowledge something.
        isApprover: person.roles.some((r) => r.role !== 'staff'),
        // One button per request kind, each on its own row so titles are not cut short on a phone.
        requestFlows: KINDS.map((k) => ({ flow: k.id, title: k.startTitle })),
      }),
    ],
  });
}

export function registerWelcomeRoutes(app: Application<TurnState>, services: Pick<BotServices, 'trust'>): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const added = context.activity.membersAdded ?? [];
    const personal = context.activity.conversation?.conversationType === 'personal';
    // In a 1:1 chat the bot greets the person who installed it; in a team or group chat it
    // introduces itself once, when it is the one added.
    if (personal && added.length > 0) return sendWelcome(context, services);
    if (added.some((m) => m.id === botId)) {
      await context.sendActivity(
        `Hello, I'm Policy Desk for ${services.trust.name}. Mention me with a question about the Information Security Policy, or chat with me 1:1 to make a request.`,
      );
    }
  });

}
