import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import type { OutboxItem } from '../../src/domain/outbox/outbox.js';
import { startBot, type BotUnderTest } from '../support/bot-harness.js';
import { assertValidTeamsCard } from '../support/card-checks.js';
import { cardOf, cardText, type ConnectorCall } from '../support/connector.js';
import { FakeClock } from '../support/fake-clock.js';
import { cardExecute, message, personalInstall, USERS, type TeamsUser } from '../support/teams-activities.js';

/**
 * The durable outbox through the real server over HTTP. Teams itself (the Bot Framework
 * connector) cannot run here, so the loopback connector double stands in for it and is told to
 * refuse calls as an unreliable Teams would (429 with Retry-After, 500 for a minute).
 */

/** An IT manager for Oakfield Primary who has never opened the bot (added to a copy of the sample trust). */
const NESTOR: TeamsUser = { id: '29:nestor-wilke', aadObjectId: '00000000-0000-0000-0000-0000000000040', name: 'Nestor Wilke' };
const chatOf = (user: TeamsUser) => `a:personal-${user.id}`;

/** Every Action.Execute in a card. */
function executes(card: unknown): Array<{ title: string; verb: string; data: Record<string, unknown> }> {
  const found: Array<{ title: string; verb: string; data: Record<string, unknown> }> = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute') found.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

const POLICY_FILES = path.join(PROJECT_ROOT, 'samples', 'information-security-policy.md');

async function trustWithNestor(dir: string): Promise<string> {
  const trust = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'samples', 'trust.json'), 'utf8'));
  trust.people.push({ id: 'nestor-wilke', name: 'Nestor Wilke', email: 'nestorw@example.com', aadObjectId: NESTOR.aadObjectId, roles: [{ role: 'it_manager', school: 'school-a' }] });
  const file = path.join(dir, 'trust.json');
  await writeFile(file, JSON.stringify(trust));
  return file;
}

/** Asks a question in chat and returns its id (from the answer card's buttons). */
async function ask(t: BotUnderTest, user: TeamsUser, text: string): Promise<string> {
  const since = t.connector.calls.length;
  await t.post(message(user, text, t.serviceUrl));
  const call = await t.connector.waitFor((c) => c.conversationId === chatOf(user) && Boolean(cardOf(c)), since);
  const id = executes(cardOf(call)).find((a) => typeof a.data?.questionId === 'string')?.data.questionId;
  assert.ok(typeof id === 'string', 'the answer card carries no question id');
  return id;
}

async function execute(t: BotUnderTest, user: TeamsUser, verb: string, data: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await t.post(cardExecute(user, verb, data, t.serviceUrl));
  assert.equal(res.status, 200);
  return res.body.value;
}

/** Accepted POSTs to a person's chat whose card or text contains `marker`. */
function deliveredTo(t: BotUnderTest, user: TeamsUser, marker: string): ConnectorCall[] {
  return t.connector.sent.filter((c) => c.conversationId === chatOf(user) && `${c.body.text ?? ''}\n${cardText(cardOf(c) ?? {})}`.includes(marker));
}

async function outboxItems(t: BotUnderTest): Promise<OutboxItem[]> {
  return t.bot.services.store.list<OutboxItem>('outbox');
}

describe('A hand-off to someone who has never opened the bot, through the real server over HTTP', function () {
  let t: BotUnderTest;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-outbox-'));
    t = await startBot({ TRUST_FILE: await trustWithNestor(dir), POLICY_FILES });
    for (const user of [USERS.alex, USERS.megan]) await t.post(message(user, 'hi', t.serviceUrl));
    await t.connector.waitFor(() => t.connector.sent.length >= 2);
  });
  after(async () => {
    await t.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('when Alex passes a question to Nestor, who never opened the bot, then Alex is told plainly it is not delivered and offered Megan or a retry; it reaches Nestor when he opens the bot', async function () {
    const questionId = await ask(t, USERS.alex, 'what time does the school office open on Saturdays?');
    const card = await execute(t, USERS.alex, 'ask-person', { questionId, role: 'it_manager', personId: 'nestor-wilke' });
    assertValidTeamsCard(card);
    const text = cardText(card);
    assert.match(text, /Not delivered yet: Nestor Wilke \(IT manager\) hasn't opened Policy Desk in Teams/);
    assert.match(text, /I'll deliver your question as soon as they do/);
    assert.doesNotMatch(text, /Sent to/);
    const buttons = executes(card);
    assert.ok(buttons.some((b) => b.verb === 'ask-person' && b.data.personId === 'megan-bowen' && /Ask Megan Bowen instead/.test(b.title)), 'no offer of the other IT manager');
    assert.ok(buttons.some((b) => b.verb === 'handoff-retry'), 'no retry button');
    assert.equal(t.connector.sent.filter((c) => c.conversationId === chatOf(NESTOR)).length, 0);

    const waiting = (await outboxItems(t)).filter((i) => i.toPersonId === 'nestor-wilke');
    assert.deepEqual(waiting.map((i) => i.state), ['waiting_for_first_contact']);

    // Retrying before Nestor opens the bot changes nothing and says so again.
    const retried = await execute(t, USERS.alex, 'handoff-retry', { questionId });
    assert.match(cardText(retried), /Not delivered yet/);

    await t.post(personalInstall(NESTOR, t.serviceUrl));
    const arrived = deliveredTo(t, NESTOR, 'school office open on Saturdays');
    assert.equal(arrived.length, 1, 'the question reached Nestor once');
    assert.match(cardText(cardOf(arrived[0])), /Alex Wilber/);
    assert.equal(deliveredTo(t, USERS.alex, 'has now reached Nestor Wilke').length, 1, 'Alex was not told it arrived');
    assert.deepEqual((await outboxItems(t)).filter((i) => i.toPersonId === 'nestor-wilke').map((i) => i.state), ['sent']);

    // Opening the bot again delivers nothing twice.
    await t.post(message(NESTOR, 'hi', t.serviceUrl));
    assert.equal(deliveredTo(t, NESTOR, 'school office open on Saturdays').length, 1);
  });

  it('when Alex chooses the other IT manager instead, then Megan gets the question and the one waiting for the first is withdrawn', async function () {
    const nobody: TeamsUser = { id: '29:never-opened', aadObjectId: NESTOR.aadObjectId, name: 'Nestor Wilke' };
    // A fresh question, passed first to Nestor: he has opened the bot now, so take his conversation away to make him unreachable again.
    await t.bot.services.store.delete('conversation-references', NESTOR.aadObjectId);
    const questionId = await ask(t, USERS.alex, 'who waters the plants in the staff room over the holidays?');
    const first = await execute(t, USERS.alex, 'ask-person', { questionId, role: 'it_manager', personId: 'nestor-wilke' });
    assert.match(cardText(first), /Not delivered yet: Nestor Wilke/);

    const second = await execute(t, USERS.alex, 'ask-person', { questionId, role: 'it_manager', personId: 'megan-bowen' });
    assert.match(cardText(second), /Sent to Megan Bowen \(IT manager\)/);
    assert.equal(deliveredTo(t, USERS.megan, 'waters the plants').length, 1);
    const states = (await outboxItems(t)).filter((i) => i.message.questionId === questionId).map((i) => `${i.toPersonId}:${i.state}`).sort();
    assert.deepEqual(states, ['megan-bowen:sent', 'nestor-wilke:withdrawn']);

    await t.post(message(nobody, 'hi', t.serviceUrl));
    assert.equal(deliveredTo(t, NESTOR, 'waters the plants').length, 0, 'a withdrawn hand-off was delivered');
  });

  it('when a forged personId names someone without the role, then it is refused and nothing is queued', async function () {
    const questionId = await ask(t, USERS.alex, 'can the caretaker lend me a ladder?');
    const before = (await outboxItems(t)).length;
    const refused = await execute(t, USERS.alex, 'ask-person', { questionId, role: 'it_manager', personId: 'alex-wilber' });
    assert.match(JSON.stringify(refused), /cannot take this question/);
    assert.equal((await outboxItems(t)).length, before);
  });
});

describe('An unreliable Teams and a restart, through the real server over HTTP', function () {
  const clock = new FakeClock('2025-03-03T09:00:00.000Z');
  let dir: string;
  let t: BotUnderTest;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-outbox-'));
  });
  after(async () => {
    await t?.stop();
    await t?.connector.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('when Teams answers 429 (Retry-After) then 500 for a minute, and the bot restarts in between, then every item is delivered exactly once and none is dropped', async function () {
    const trustFile = await trustWithNestor(dir);
    const dataDir = path.join(dir, 'data');
    t = await startBot({ TRUST_FILE: trustFile, DATA_DIR: dataDir, POLICY_FILES }, clock);
    for (const user of [USERS.alex, USERS.lynne, USERS.megan, USERS.patti]) await t.post(message(user, 'hi', t.serviceUrl));
    await t.connector.waitFor(() => t.connector.sent.length >= 4);

    // Teams refuses what goes to Megan and Patti: the first call with 429 (Retry-After 20 s), then 500 until a minute has passed.
    const start = clock.now().getTime();
    const attemptsAt = new Map<string, number[]>();
    let throttled = false;
    t.connector.answerWith((call) => {
      if (![chatOf(USERS.megan), chatOf(USERS.patti)].includes(call.conversationId)) return undefined;
      const key = cardText(cardOf(call) ?? {}) || String(call.body.text);
      attemptsAt.set(key, [...(attemptsAt.get(key) ?? []), clock.now().getTime() - start]);
      if (!throttled) {
        throttled = true;
        return { status: 429, headers: { 'Retry-After': '20' } };
      }
      return clock.now().getTime() - start < 60_000 ? { status: 500 } : undefined;
    });

    const questions = [
      [USERS.alex, 'what time does the school office open on Saturdays?', 'megan-bowen'],
      [USERS.alex, 'who waters the plants in the staff room over the holidays?', 'megan-bowen'],
      [USERS.lynne, 'where do visitors park on sports day?', 'megan-bowen'],
    ] as const;
    for (const [user, text, personId] of questions) {
      const questionId = await ask(t, user, text);
      const card = await execute(t, user, 'ask-person', { questionId, role: 'it_manager', personId });
      assert.match(cardText(card), /Not delivered yet: Teams is busy/, JSON.stringify(await outboxItems(t)));
      assert.doesNotMatch(cardText(card), /Sent to/);
    }
    clock.advanceHours(30 / 3600);
    await t.bot.runOutbox();
    const beforeRestart = await outboxItems(t);
    assert.ok(beforeRestart.length >= 3);
    assert.ok(beforeRestart.every((i) => i.state === 'retrying' || i.state === 'sent'), JSON.stringify(beforeRestart.map((i) => i.state)));
    assert.equal(beforeRestart.filter((i) => i.toPersonId === 'megan-bowen' && i.state === 'sent').length, 0, 'something reached Megan while Teams refused');

    // The bot stops and starts again on the same data; Teams is still refusing for a while.
    await t.stop({ keep: true });
    t = await startBot({ TRUST_FILE: trustFile, DATA_DIR: dataDir, POLICY_FILES }, clock, undefined, { dataDir, connector: t.connector, serviceUrl: t.serviceUrl });
    for (let step = 0; step < 40 && (await outboxItems(t)).some((i) => i.state === 'retrying' || i.state === 'queued'); step++) {
      clock.advanceHours(15 / 3600);
      await t.bot.runOutbox();
      await t.bot.services.followUp.idle();
    }

    const items = await outboxItems(t);
    const summary = await t.bot.services.outbox.outbox.summary();
    // Dropped: a hand-off the asker was told about that never reached Megan.
    const dropped = questions.filter(([, text]) => deliveredTo(t, USERS.megan, text).length === 0).length;
    console.log(
      `      outbox figures: items ${summary.total}, sent ${summary.sent}, retried ${summary.retried}, failed ${summary.failed}, pending ${summary.pending}, dropped ${dropped}; ` +
        `refused calls ${t.connector.refused.length} (429: ${t.connector.refused.filter((c) => c.status === 429).length}, 500: ${t.connector.refused.filter((c) => c.status === 500).length})`,
    );
    assert.equal(dropped, 0);
    assert.deepEqual([...new Set(items.map((i) => i.state))], ['sent'], 'an item was not delivered');
    assert.ok(summary.retried >= 3);
    assert.ok(t.connector.refused.some((c) => c.status === 429) && t.connector.refused.some((c) => c.status === 500));

    for (const [, text] of questions) assert.equal(deliveredTo(t, USERS.megan, text).length, 1, `"${text}" reached Megan ${deliveredTo(t, USERS.megan, text).length} times`);
    for (const item of items) {
      const to = Object.values(USERS).find((u) => u.aadObjectId === item.toAadObjectId)!;
      assert.ok(t.connector.sent.some((c) => c.conversationId === chatOf(to)), `nothing reached ${item.toPersonId}`);
    }
    // Retry-After was honoured: the throttled message was not tried again before 20 s had passed.
    const throttledTimes = [...attemptsAt.values()].find((times) => times[0] === 0 && times.length > 1)!;
    assert.ok(throttledTimes[1] >= 20_000, `retried after ${throttledTimes[1]} ms`);
    // Each asker heard that their delayed question arrived.
    assert.equal(deliveredTo(t, USERS.alex, 'has now reached Megan Bowen').length, 2);
  });
});

describe('A message Teams keeps refusing, through the real server over HTTP', function () {
  const clock = new FakeClock('2025-03-03T09:00:00.000Z');
  let t: BotUnderTest;
  before(async () => {
    t = await startBot({}, clock);
    for (const user of [USERS.alex, USERS.lynne, USERS.megan, USERS.patti]) await t.post(message(user, 'hi', t.serviceUrl));
    await t.connector.waitFor(() => t.connector.sent.length >= 4);
  });
  after(async () => t.stop());

  it('when every attempt to reach Patti gets 500, then after its retries the item is failed, the IT manager is told, and "undelivered" lists it for her only', async function () {
    t.connector.answerWith((call) => (call.conversationId === chatOf(USERS.patti) ? { status: 500 } : undefined));
    const questionId = await ask(t, USERS.lynne, 'how long do we keep CCTV footage of the car park for?');
    const card = await execute(t, USERS.lynne, 'ask-person', { questionId, role: 'dpc' });
    assert.match(cardText(card), /Not delivered yet: Teams is busy, so Patti Fernandez hasn't got your question/);

    for (let step = 0; step < 30 && (await outboxItems(t)).some((i) => i.state === 'retrying'); step++) {
      clock.advanceHours(2 / 60);
      await t.bot.runOutbox();
    }
    const item = (await outboxItems(t)).find((i) => i.message.questionId === questionId)!;
    assert.equal(item.state, 'failed');
    assert.equal(item.attempts, t.bot.services.outbox.outbox.policy.maxAttempts);
    assert.equal(t.connector.refused.length, item.attempts, 'each attempt was one call to Teams');

    const notice = deliveredTo(t, USERS.megan, "I couldn't deliver a question Lynne Robbins passed to Patti Fernandez");
    assert.equal(notice.length, 1);
    assert.match(notice[0].body.text, /Teams answered 500 \(gave up after \d+ attempts\)/);

    const since = t.connector.calls.length;
    await t.post(message(USERS.megan, 'undelivered', t.serviceUrl));
    const list = await t.connector.waitFor((c) => c.conversationId === chatOf(USERS.megan) && /Outbox:/.test(c.body.text ?? ''), since);
    assert.match(list.body.text, /1 failed/);
    assert.match(list.body.text, /To Patti Fernandez: a question Lynne Robbins passed to Patti Fernandez, failed after its retries/);

    const sinceAlex = t.connector.calls.length;
    await t.post(message(USERS.alex, 'undelivered', t.serviceUrl));
    const refused = await t.connector.waitFor((c) => c.conversationId === chatOf(USERS.alex), sinceAlex);
    assert.match(refused.body.text, /for the IT manager/);
  });
});
