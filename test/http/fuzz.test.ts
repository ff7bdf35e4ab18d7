import assert from 'node:assert/strict';
import path from 'node:path';
import { LowdbStore } from '../../src/adapters/storage/lowdb-store.js';
import { startBot, type BotUnderTest } from '../support/bot-harness.js';
import { fuzzInputs, hostileText, liveMarkup, SeededRandom, type FuzzInput } from '../support/activity-fuzzer.js';
import { actionsOf, button, cardAfter, cardsTo } from '../support/card-taps.js';
import { cardOf } from '../support/connector.js';
import { cardExecute, cardSubmit, message, USERS, type TeamsUser } from '../support/teams-activities.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const COUNT = 1000;
const IN_FLIGHT = 6;

/** What a fuzz run saw; the bench soak loop prints the same figures. */
export interface FuzzFigures {
  tried: number;
  byStatus: Record<number, number>;
  serverErrors: string[];
  /** Well-formed personal messages with content, accepted (2xx), that got no reply at all. */
  unanswered: string[];
  liveMarkup: string[];
}

/** POSTs one input as Teams would (a raw string as it is). */
async function send(t: BotUnderTest, input: FuzzInput): Promise<number> {
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
const invokeCards: unknown[] = [];

/**
 * Runs `count` seeded hostile inputs against a running bot, `inFlight` at a time, and collects the
 * figures: statuses, 5xx, accepted messages nobody answered, and user text shown live on a card.
 */
export async function runFuzz(t: BotUnderTest, seed: number, count: number, inFlight: number): Promise<FuzzFigures> {
  const figures: FuzzFigures = { tried: 0, byStatus: {}, serverErrors: [], unanswered: [], liveMarkup: [] };
  const ids = () => [...requestIds];
  const requestIds = new Set<string>();
  const inputs = fuzzInputs(seed, count, t.serviceUrl, ids);
  const accepted: { id: string; family: string }[] = [];
  const worker = async () => {
    for (let next = inputs.next(); !next.done; next = inputs.next()) {
      const input = next.value;
      const status = await send(t, input);
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

  const answered = new Set(t.connector.calls.map((c) => c.body.replyToId));
  figures.unanswered = accepted.filter((a) => !answered.has(a.id)).map((a) => `${a.family} ${a.id}`);
  for (const card of [...t.connector.calls.map((c) => cardOf(c)), ...invokeCards]) figures.liveMarkup.push(...liveMarkup(card));
  return figures;
}

function isPersonalMessageWithContent(body: Record<string, any>): boolean {
  if (body?.type !== 'message' || body.conversation?.conversationType !== 'personal') return false;
  return (typeof body.text === 'string' && body.text.trim() !== '') || (body.value !== null && typeof body.value === 'object');
}

describe(`Hostile input over HTTP against the real server (seeded fuzz, seed ${SEED})`, function () {
  this.timeout(120_000);
  let t: BotUnderTest;

  before(async () => {
    // The per-person limit is tested on its own below; here every input should reach the bot.
    t = await startBot({ RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_MINUTE: '1000000' });
    for (const user of [USERS.alex, USERS.megan, USERS.adele, USERS.isaiah, USERS.patti, USERS.lynne]) await t.post(message(user, 'hi', t.serviceUrl));
  });
  after(async () => t?.stop());

  /**
   * Real flows, tapped through the bot's own cards, with hostile text in every field another person
   * sees: the approver, the IT manager, the DPC and headteacher, and the requester reading a reason.
   */
  async function hostileFlows(random: SeededRandom): Promise<void> {
    for (const [i, user] of [USERS.alex, USERS.adele, USERS.lynne].entries()) {
      const marker = `MK${SEED}x${900_000 + i}`;
      const hostile = () => hostileText(random, marker);
      const form = await cardAfter(t, user, cardSubmit(user, { verb: 'start-flow', flow: 'software' }, t.serviceUrl));
      const inputs = { software: hostile().slice(0, 90), url: '', device: hostile().slice(0, 90), reason: hostile() };
      const summary = await cardAfter(t, user, cardSubmit(user, { ...inputs, ...button(form, /Next|Check/).data }, t.serviceUrl));
      const since = t.connector.calls.length;
      await t.post(cardSubmit(user, button(summary, /Send/).data, t.serviceUrl));
      const [approval] = cardsTo(t, USERS.megan, since);
      const reject = actionsOf(approval).find((a) => a.title === 'Reject')!;
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

  it(`when ${COUNT} hostile activities arrive (malformed, forged, huge, templated), then there is no 5xx, no crash, the store reopens intact and user text stays inert on every card`, async function () {
    const crashes: unknown[] = [];
    const onCrash = (err: unknown) => crashes.push(err);
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
    try {
      const random = new SeededRandom(SEED);
      await hostileFlows(random);
      const requestsBefore = await t.bot.services.store.list('requests');
      assert.ok(requestsBefore.length >= 3, 'the hostile requests were filed, so their cards reached the approver');
      const shownToOthers = t.connector.calls.filter((c) => c.conversationId !== `a:personal-${USERS.alex.id}` && /MK\d+x9000/.test(JSON.stringify(cardOf(c) ?? {})));
      assert.ok(shownToOthers.length >= 6, `hostile text reached other people's cards (${shownToOthers.length})`);

      const figures = await runFuzz(t, SEED, COUNT, IN_FLIGHT);
      assert.ok(figures.tried >= 1000);
      assert.deepEqual(figures.serverErrors, [], 'no 5xx');
      assert.deepEqual(crashes, [], 'no unhandled error');
      assert.deepEqual(figures.liveMarkup, [], 'user text is shown inert on every card');
      assert.deepEqual(figures.unanswered, [], 'every accepted message is answered');
      assert.ok((figures.byStatus[400] ?? 0) > 0 && (figures.byStatus[200] ?? 0) > 0, `both refusals and answers: ${JSON.stringify(figures.byStatus)}`);

      // Still serving, and the store on disk opens and lists.
      const health = await fetch(`${t.url}/healthz`);
      assert.equal(health.status, 200);
      await t.bot.services.store.flush();
      const reopened = await LowdbStore.open(path.join(t.dataDir, 'store'));
      const requests = await reopened.list<{ id: string }>('requests');
      assert.ok(requests.length >= requestsBefore.length);
      assert.ok((await reopened.list('incidents')).length >= 3);
      assert.ok((await reopened.readLog('audit')).length > 0);
    } finally {
      process.off('unhandledRejection', onCrash);
      process.off('uncaughtException', onCrash);
    }
  });
});

describe('A per-person rate limit over HTTP', function () {
  let t: BotUnderTest;
  before(async () => {
    t = await startBot({ RATE_LIMIT_BURST: '5', RATE_LIMIT_PER_MINUTE: '1' });
  });
  after(async () => t?.stop());

  const chatOf = (user: TeamsUser) => `a:personal-${user.id}`;
  const textsTo = (user: TeamsUser) => t.connector.calls.filter((c) => c.conversationId === chatOf(user)).map((c) => c.body.text ?? '[card]');

  it('when one person floods the bot, then past the limit their messages get 429 (not taken), they are told to slow down once, and someone else is still answered', async function () {
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => t.post(message(USERS.adele, `flood ${i}`, t.serviceUrl)).then((r) => r.status)));
    assert.equal(statuses.filter((s) => s === 200).length, 5);
    assert.equal(statuses.filter((s) => s === 429).length, 15);
    assert.equal(textsTo(USERS.adele).filter((text) => /faster than I can keep up/.test(text)).length, 1, 'one "slow down" reply');

    const other = await t.post(message(USERS.alex, 'hi', t.serviceUrl));
    assert.equal(other.status, 200);
    assert.ok(textsTo(USERS.alex).length > 0, 'Alex is answered');
  });

  it('when a flooding person taps a card past the limit, then the tap is answered saying nothing was done', async function () {
    const res = await t.post({ ...message(USERS.adele, '', t.serviceUrl), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'request-refresh', data: { requestId: 'x' } } } });
    assert.equal(res.status, 200);
    assert.match(String(res.body.value), /didn't take that/);
  });
});
