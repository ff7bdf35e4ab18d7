import type { BotUnderTest } from './bot-harness.js';
import { fuzzInputs, hostileText, liveMarkup, type FuzzInput, type SeededRandom } from './activity-fuzzer.js';
import { actionsOf, button, cardAfter, cardsTo } from './card-taps.js';
import { cardOf } from './connector.js';
import { cardExecute, cardSubmit, message, USERS, type TeamsUser } from './teams-activities.js';

/** What a fuzz run saw; the bench soak loop prints the same figures. */
export interface FuzzFigures {
  tried: number;
  byStatus: Record<number, number>;
  serverErrors: string[];
  /** Well-formed personal messages with content, accepted (2xx), that got no reply at all. */
  unanswered: string[];
  liveMarkup: string[];
}

/** POSTs one input as Teams would (a raw string as it is); cards that answer invokes go to `invokeCards`. */
async function send(t: BotUnderTest, input: FuzzInput, invokeCards: unknown[]): Promise<number> {
  const res = await fetch(`${t.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof input.body === 'string' ? input.body : JSON.stringify(input.body),
  });
  const text = await res.text();
  if (res.status === 200 && (input.body as { type?: string })?.type === 'invoke' && text) {
    const body = JSON.parse(text) as { value?: unknown };
    invokeCards.push(body.value);
  }
  return res.status;
}

/**
 * Runs `count` seeded hostile inputs against a running bot, `inFlight` at a time, and collects the
 * figures: statuses, 5xx, accepted messages nobody answered, and user text shown live on a card.
 */
export async function runFuzz(t: BotUnderTest, seed: number, count: number, inFlight: number): Promise<FuzzFigures> {
  const figures: FuzzFigures = { tried: 0, byStatus: {}, serverErrors: [], unanswered: [], liveMarkup: [] };
  const invokeCards: unknown[] = [];
  const since = t.connector.calls.length;
  const ids = () => [...requestIds];
  const requestIds = new Set<string>();
  const inputs = fuzzInputs(seed, count, t.serviceUrl, ids);
  const accepted: { id: string; family: string }[] = [];
  const worker = async () => {
    for (let next = inputs.next(); !next.done; next = inputs.next()) {
      const input = next.value;
      const status = await send(t, input, invokeCards);
      figures.tried++;
      figures.byStatus[status] = (figures.byStatus[status] ?? 0) + 1;
      if (status >= 500) figures.serverErrors.push(`${status} ${input.family}: ${JSON.stringify(input.body).slice(0, 300)}`);
      const body = input.body as Record<string, any>;
      if (status === 200 && isPersonalMessageWithContent(body)) accepted.push({ id: body.id, family: input.family });
      if (figures.tried % 50 === 0) {
        for (const r of await t.bot.services.store.list<{ id: string }>('requests')) requestIds.add(r.id);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  await t.bot.services.followUp.idle();

  const calls = t.connector.calls.slice(since);
  const answered = new Set(calls.map((c) => c.body.replyToId));
  figures.unanswered = accepted.filter((a) => !answered.has(a.id)).map((a) => `${a.family} ${a.id}`);
  for (const card of [...calls.map((c) => cardOf(c)), ...invokeCards]) figures.liveMarkup.push(...liveMarkup(card));
  return figures;
}

function isPersonalMessageWithContent(body: Record<string, any>): boolean {
  if (body?.type !== 'message' || body.conversation?.conversationType !== 'personal') return false;
  return (typeof body.text === 'string' && body.text.trim() !== '') || (body.value !== null && typeof body.value === 'object');
}

/**
 * Real flows, tapped through the bot's own cards, with hostile text in every field another person
 * sees: the approver, the IT manager, the DPC and headteacher, and the requester reading a reason.
 */
export async function hostileFlows(t: BotUnderTest, random: SeededRandom, seed: number): Promise<void> {
  for (const [i, user] of [USERS.alex, USERS.adele, USERS.lynne].entries()) {
    const marker = `MK${seed}x${900_000 + i}`;
    const hostile = () => hostileText(random, marker);
    const form = await cardAfter(t, user, cardSubmit(user, { verb: 'start-flow', flow: 'software' }, t.serviceUrl));
    const inputs = { software: hostile().slice(0, 90), url: '', device: hostile().slice(0, 90), reason: hostile() };
    const summary = await cardAfter(t, user, cardSubmit(user, { ...inputs, ...button(form, /Next|Check/).data }, t.serviceUrl));
    const since = t.connector.calls.length;
    await t.post(cardSubmit(user, button(summary, /Send/).data, t.serviceUrl));
    const [approval] = cardsTo(t, USERS.megan, since);
    const reject = actionsOf(approval ?? {}).find((a) => a.title === 'Reject');
    if (!reject) {
      const known = await t.bot.services.directory.find(USERS.megan.aadObjectId);
      throw new Error(`seed ${seed}: no approval card reached ${USERS.megan.name}; her stored chat is ${JSON.stringify(known?.reference.conversation?.id)}`);
    }
    await t.post(cardExecute(USERS.megan, reject.verb, { ...reject.data, reason: hostile() }, t.serviceUrl));

    const dataCard = await cardAfter(t, user, message(user, 'my laptop was stolen', t.serviceUrl));
    const confirm = await cardAfter(t, user, cardSubmit(user, button(dataCard, 'Yes').data, t.serviceUrl));
    await t.post(cardSubmit(user, { location: hostile(), crimeReference: '', ...button(confirm, 'Send report').data }, t.serviceUrl));

    const answer = await cardAfter(t, user, message(user, `${hostile()} can I keep pupils' photos on a USB stick from Peru?`, t.serviceUrl));
    const askPerson = actionsOf(answer).find((a) => a.verb === 'ask-person');
    if (askPerson) {
      const asked = t.connector.calls.length;
      await t.post(cardExecute(user, askPerson.verb, askPerson.data, t.serviceUrl));
      const handoff = actionsOf(t.connector.calls.slice(asked).map((c) => cardOf(c)).find((c) => c && JSON.stringify(c).includes('handoff-reply')) ?? {});
      const reply = handoff.find((a) => a.verb === 'handoff-reply');
      const replier = [USERS.megan, USERS.patti].find((u) => t.connector.calls.slice(asked).some((c) => c.conversationId === `a:personal-${u.id}`));
      if (reply && replier) await t.post(cardExecute(replier, reply.verb, { ...reply.data, reply: hostile() }, t.serviceUrl));
    }
  }
}

/** What one storm of concurrent taps created, to count duplicates. */
export interface TapStorm {
  incidents: number;
  alertsToItManager: number;
  requests: number;
  approvalCards: number;
}

/**
 * One lost-device report and one software request by `user`, each final button tapped `taps` times
 * at once (each tap its own activity, as Teams sends them). Exactly one of each is right.
 */
export async function tapStorm(t: BotUnderTest, user: TeamsUser, itManager: TeamsUser, taps: number): Promise<TapStorm> {
  const store = t.bot.services.store;
  const at = async () => ({ incidents: (await store.list('incidents')).length, requests: (await store.list('requests')).length, since: t.connector.calls.length });
  const storm = (data: Record<string, unknown>) =>
    Promise.all(Array.from({ length: taps }, () => t.post(cardSubmit(user, data, t.serviceUrl), { followUp: false })));

  const dataCard = await cardAfter(t, user, message(user, 'my laptop was stolen', t.serviceUrl));
  const confirm = await cardAfter(t, user, cardSubmit(user, button(dataCard, 'Not sure').data, t.serviceUrl));
  const before = await at();
  await storm({ location: 'Car park', crimeReference: '', ...button(confirm, 'Send report').data });

  const form = await cardAfter(t, user, cardSubmit(user, { verb: 'start-flow', flow: 'software' }, t.serviceUrl));
  const inputs = { software: 'Inkscape', url: '', device: 'Classroom laptop', reason: 'Diagrams for science' };
  const summary = await cardAfter(t, user, cardSubmit(user, { ...inputs, ...button(form, /Next|Check/).data }, t.serviceUrl));
  const middle = await at();
  await storm(button(summary, /Send/).data);
  await t.bot.services.followUp.idle();
  const after = await at();
  return {
    incidents: middle.incidents - before.incidents,
    alertsToItManager: cardsTo(t, itManager, before.since).filter((c) => JSON.stringify(c).includes('incident-acknowledge')).length,
    requests: after.requests - middle.requests,
    approvalCards: cardsTo(t, itManager, middle.since).filter((c) => JSON.stringify(c).includes('request-decide')).length,
  };
}
