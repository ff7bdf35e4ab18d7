import assert from 'node:assert/strict';
import type { BotUnderTest } from './bot-harness.js';
import { cardOf, cardText } from './connector.js';
import type { TeamsUser } from './teams-activities.js';

export type Card = Record<string, any>;

/** Every action in a card (not its refresh), with its data. */
export function actionsOf(card: Card): Card[] {
  const found: Card[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Card;
      if (typeof o.type === 'string' && o.type.startsWith('Action.')) found.push(o);
      for (const [key, value] of Object.entries(o)) if (key !== 'refresh') walk(value);
    }
  };
  walk(card);
  return found;
}

/** The one button titled `title` on a card. */
export function button(card: Card, title: string | RegExp): Card {
  const found = actionsOf(card).filter((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.equal(found.length, 1, `one "${title}" button on:\n${cardText(card)}`);
  return found[0];
}

/** The cards posted to `user`'s 1:1 chat since call index `since`. */
export function cardsTo(t: BotUnderTest, user: TeamsUser, since: number, method = 'POST'): Card[] {
  return t.connector.calls
    .slice(since)
    .filter((c) => c.conversationId === `a:personal-${user.id}` && c.method === method && cardOf(c))
    .map((c) => cardOf(c)!);
}

/** Sends `activity` and returns the last card the bot posted to `user` in answer. */
export async function cardAfter(t: BotUnderTest, user: TeamsUser, activity: object): Promise<Card> {
  const since = t.connector.calls.length;
  const res = await t.post(activity);
  assert.equal(res.status, 200);
  const cards = cardsTo(t, user, since);
  assert.ok(cards.length > 0, 'a card came back');
  return cards[cards.length - 1];
}
