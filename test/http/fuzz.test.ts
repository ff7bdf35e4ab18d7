import assert from 'node:assert/strict';
import path from 'node:path';
import { LowdbStore } from '../../src/adapters/storage/lowdb-store.js';
import { startBot, type BotUnderTest } from '../support/bot-harness.js';
import { SeededRandom } from '../support/activity-fuzzer.js';
import { hostileFlows, runFuzz } from '../support/fuzz-run.js';
import { cardOf } from '../support/connector.js';
import { message, USERS, type TeamsUser } from '../support/teams-activities.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const COUNT = 1000;
const IN_FLIGHT = 6;

describe(`Hostile input over HTTP against the real server (seeded fuzz, seed ${SEED})`, function () {
  this.timeout(120_000);
  let t: BotUnderTest;

  before(async () => {
    // The per-person limit is tested on its own below; here every input should reach the bot.
    t = await startBot({ RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_MINUTE: '1000000' });
    for (const user of [USERS.alex, USERS.megan, USERS.adele, USERS.isaiah, USERS.patti, USERS.lynne]) await t.post(message(user, 'hi', t.serviceUrl));
  });
  after(async () => t?.stop());

  it(`when ${COUNT} hostile activities arrive (malformed, forged, huge, templated), then there is no 5xx, no crash, the store reopens intact and user text stays inert on every card`, async function () {
    const crashes: unknown[] = [];
    const onCrash = (err: unknown) => crashes.push(err);
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
    try {
      const random = new SeededRandom(SEED);
      await hostileFlows(t, random, SEED);
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
