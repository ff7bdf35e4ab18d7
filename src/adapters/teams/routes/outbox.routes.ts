import type { Application, TurnState } from '@microsoft/teams-ai';
import type { OutboxItem } from '../../../domain/outbox/outbox.js';
import { maySeeUndelivered } from '../../../domain/trust/permissions.js';
import type { BotServices } from '../bot-services.js';
import { identify, sendUnknownUserCard } from '../identity.js';
import { nameOf } from '../request-cards.js';

/** The most items listed in chat; the figures above them count everything. */
const MAX_LISTED = 10;

const STATE_WORDS: Partial<Record<OutboxItem['state'], string>> = {
  failed: 'failed after its retries',
  waiting_for_first_contact: 'waiting for them to open Policy Desk',
};

/**
 * "undelivered": the IT manager sees what the bot could not deliver (failed after its retries, or
 * waiting for a person who has never opened the bot), with the outbox's figures.
 */
export function registerOutboxRoutes(app: Application<TurnState>, services: Pick<BotServices, 'trust' | 'outbox'>): void {
  app.message(/^\s*\/?(undelivered|outbox)\s*$/i, async (context) => {
    const person = identify(context, services.trust);
    if (!person) return sendUnknownUserCard(context, services.trust);
    if (!maySeeUndelivered(services.trust, person)) {
      await context.sendActivity('The list of undelivered messages is for the IT manager.');
      return;
    }
    const outbox = services.outbox.outbox;
    const [summary, undelivered] = await Promise.all([outbox.summary(), outbox.undelivered()]);
    const lines = await Promise.all(
      undelivered.slice(0, MAX_LISTED).map(async (item) => {
        const what = await services.outbox.describe(item);
        const why = item.state === 'failed' && item.lastError ? ` (${item.lastError})` : '';
        return `- To ${nameOf(services, item.toPersonId)}: ${what}, ${STATE_WORDS[item.state]}${why}.`;
      }),
    );
    const figures = `Outbox: ${summary.sent} sent, ${summary.pending} on their way, ${summary.waitingForFirstContact} waiting for someone to open Policy Desk, ${summary.failed} failed.`;
    await context.sendActivity(
      undelivered.length === 0
        ? `${figures} Everything has reached its person.`
        : `${figures}\n\n${lines.join('\n')}${undelivered.length > MAX_LISTED ? `\n\n…and ${undelivered.length - MAX_LISTED} more.` : ''}`,
    );
  });
}
