import assert from 'node:assert/strict';
import { startBot, type BotUnderTest } from '../support/bot-harness.js';
import { cardOf, cardText } from '../support/connector.js';
import { cardSubmit, groupChatMessage, message, personalInstall, USERS } from '../support/teams-activities.js';

describe('First contact, through the real server over HTTP', function () {
  let t: BotUnderTest;
  before(async () => (t = await startBot()));
  after(async () => t.stop());
  beforeEach(() => t.connector.clear());

  it('when Alex installs the bot, then a welcome card with every capability reaches Alex', async function () {
    const res = await t.post(personalInstall(USERS.alex, t.serviceUrl));
    assert.equal(res.status, 200);
    const call = await t.connector.waitFor((c) => Boolean(cardOf(c)));
    assert.equal(call.conversationId, `a:personal-${USERS.alex.id}`);
    const text = cardText(cardOf(call));
    assert.match(text, /Hi Alex/);
    assert.match(text, /Oakfield Learning Trust/);
    assert.match(text, /Staff at Oakfield Primary School/);
    for (const button of ['Ask a policy question', 'Request a software install', 'Ask to share a password', 'Declare a personal device', 'Report a lost or stolen device', 'My requests']) {
      assert.ok(text.includes(button), `welcome card lacks "${button}"`);
    }
  });

  for (const greeting of ['hi', 'Hello!', 'help', '/help']) {
    it(`when Megan says "${greeting}", then she gets the welcome card with her role`, async function () {
      await t.post(message(USERS.megan, greeting, t.serviceUrl));
      const text = cardText(cardOf(await t.connector.waitFor((c) => Boolean(cardOf(c)))));
      assert.match(text, /Hi Megan/);
      assert.match(text, /IT manager \(trust-wide\)/);
    });
  }

  it('when someone not in the trust file says hi, then they are told how to get added and who to ask', async function () {
    await t.post(message(USERS.stranger, 'hi', t.serviceUrl));
    const text = cardText(cardOf(await t.connector.waitFor((c) => Boolean(cardOf(c)))));
    assert.match(text, /I don't know you yet/);
    assert.match(text, /Sam Newstarter/);
    assert.match(text, /Megan Bowen \(meganb@example.com\)/);
    assert.doesNotMatch(text, /Hi Sam/);
  });

  it('when a user has messaged the bot, then their 1:1 conversation is remembered for proactive messages', async function () {
    await t.post(message(USERS.adele, 'hi', t.serviceUrl));
    await t.connector.waitFor(() => true);
    const known = await t.bot.services.directory.find(USERS.adele.aadObjectId);
    assert.equal(known?.teamsUserId, USERS.adele.id);
    assert.equal(known?.reference.conversation?.id, `a:personal-${USERS.adele.id}`);
    assert.equal(known?.reference.serviceUrl, t.serviceUrl);
  });

  it('when the bot sends a proactive message to a remembered user, then it reaches their 1:1 chat', async function () {
    await t.post(message(USERS.lynne, 'hi', t.serviceUrl));
    await t.connector.waitFor(() => true);
    const since = t.connector.calls.length;
    const result = await t.bot.services.notifier.sendToUser(USERS.lynne.aadObjectId, { type: 'message', text: 'A proactive hello' });
    assert.equal(result.delivered, true);
    const call = await t.connector.waitFor((c) => c.body.text === 'A proactive hello', since);
    assert.equal(call.conversationId, `a:personal-${USERS.lynne.id}`);
  });

  it('when a user who never contacted the bot is notified, then it reports not-installed instead of failing', async function () {
    const result = await t.bot.services.notifier.sendToUser('11111111-2222-3333-4444-555555555555', { type: 'message', text: 'x' });
    assert.deepEqual(result, { delivered: false, reason: 'not-installed' });
  });

  it('when Alex presses "My requests", then a list of Alex\'s requests comes back, not a placeholder', async function () {
    await t.post(cardSubmit(USERS.alex, { verb: 'start-flow', flow: 'my_requests' }, t.serviceUrl));
    const card = cardOf(await t.connector.waitFor((c) => Boolean(cardOf(c))));
    assert.match(cardText(card), /My requests/);
    assert.doesNotMatch(cardText(card), /coming soon/);
  });

  it('when an approver gets the welcome card, then it offers "Waiting for me"; a teacher\'s does not', async function () {
    await t.post(message(USERS.adele, 'hi', t.serviceUrl));
    const adele = cardText(cardOf(await t.connector.waitFor((c) => Boolean(cardOf(c)))));
    assert.match(adele, /Waiting for me/);
    t.connector.clear();
    await t.post(message(USERS.alex, 'hi', t.serviceUrl));
    const alex = cardText(cardOf(await t.connector.waitFor((c) => Boolean(cardOf(c)))));
    assert.doesNotMatch(alex, /Waiting for me/);
  });

  it('when a forged button sends an unknown flow, then the user gets a friendly message', async function () {
    await t.post(cardSubmit(USERS.alex, { verb: 'start-flow', flow: '../../etc/passwd' }, t.serviceUrl));
    const call = await t.connector.waitFor((c) => typeof c.body.text === 'string');
    assert.match(call.body.text, /didn't recognise that button/);
  });
});

describe('Bad input over HTTP', function () {
  let t: BotUnderTest;
  before(async () => (t = await startBot()));
  after(async () => t.stop());
  beforeEach(() => t.connector.clear());

  it('when the body is not JSON, then the server answers 400 and keeps running', async function () {
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "mess' });
    assert.equal(res.status, 400);
    assert.equal((await fetch(`${t.url}/healthz`)).status, 200);
  });

  it('when the JSON is not an activity, then the server answers 400 with a clear reason', async function () {
    const res = await t.post({ text: 'hello' });
    assert.equal(res.status, 400);
    assert.match(res.body.error, /Bot Framework activity/);
  });

  it('when the body is larger than any activity, then it is refused', async function () {
    const res = await t.post(message(USERS.alex, 'x'.repeat(400 * 1024), t.serviceUrl));
    assert.equal(res.status, 413);
  });

  it('when a message is very long, then the user is asked to shorten it', async function () {
    await t.post(message(USERS.alex, 'word '.repeat(2000), t.serviceUrl));
    const call = await t.connector.waitFor((c) => typeof c.body.text === 'string');
    assert.match(call.body.text, /9,999 characters long; I can read up to 2,000/);
  });

  it('when a message has no text, then the user is told what the bot can read', async function () {
    await t.post(message(USERS.alex, '   ', t.serviceUrl));
    const call = await t.connector.waitFor((c) => typeof c.body.text === 'string');
    assert.match(call.body.text, /only read typed messages/);
  });

  it('when GET /healthz is called, then it reports the trust and local-development mode', async function () {
    const body = await (await fetch(`${t.url}/healthz`)).json();
    assert.deepEqual(body, { status: 'ok', trust: 'Oakfield Learning Trust', storage: 'lowdb', mode: 'local-development' });
  });
});

describe('Bot Framework authentication', function () {
  let t: BotUnderTest;
  before(async () => (t = await startBot({ MicrosoftAppId: '9d3f1c52-6a4e-4f7b-9a43-2c1f0e8b7a10', MicrosoftAppPassword: 'not-a-real-secret' })));
  after(async () => t.stop());

  it('when credentials are configured and a request has no bearer token, then it is refused with 401 and nothing is sent', async function () {
    const res = await t.post(message(USERS.alex, 'hi', t.serviceUrl));
    assert.equal(res.status, 401);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(t.connector.calls.length, 0);
  });

  it('when credentials are configured, then /healthz says authentication is enforced', async function () {
    const body = await (await fetch(`${t.url}/healthz`)).json();
    assert.equal(body.mode, 'bot-framework-auth');
  });
});

describe('Re-delivered messages', function () {
  let t: BotUnderTest;
  before(async () => (t = await startBot()));
  after(async () => t.stop());

  it('when Teams re-sends the same message (same id), then the bot answers it once', async function () {
    const activity = message(USERS.alex, 'hi', t.serviceUrl);
    await t.post(activity);
    await t.connector.waitFor(() => true);
    const again = await t.post(activity);
    assert.equal(again.status, 200);
    await t.post(message(USERS.alex, 'help', t.serviceUrl));
    await t.connector.waitFor(() => t.connector.sent.length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(t.connector.sent.length, 2, 'the re-delivered "hi" was answered again');
  });
});

describe('Group chats', function () {
  let t: BotUnderTest;
  before(async () => (t = await startBot()));
  after(async () => t.stop());
  beforeEach(() => t.connector.clear());

  it('when Alex asks a policy question in a group chat, then the answer is posted there', async function () {
    await t.post(groupChatMessage(USERS.alex, 'am I allowed to install software on my school laptop?', t.serviceUrl));
    const call = await t.connector.waitFor((c) => Boolean(cardOf(c)));
    assert.equal(call.conversationId, '19:staffroom@thread.v2');
    assert.match(cardText(cardOf(call)), /4\.2 Software/);
  });

  it('when Alex starts a lost-laptop report in a group chat, then it carries on in the 1:1 chat and nothing private is posted in the group', async function () {
    await t.post(message(USERS.alex, 'hi', t.serviceUrl));
    await t.connector.waitFor(() => true);
    t.connector.clear();
    await t.post(groupChatMessage(USERS.alex, 'I have lost my laptop', t.serviceUrl));
    const inGroup = await t.connector.waitFor((c) => c.conversationId === '19:staffroom@thread.v2');
    assert.match(inGroup.body.text, /carried on in your 1:1 chat/);
    const inPersonal = await t.connector.waitFor((c) => c.conversationId === `a:personal-${USERS.alex.id}` && Boolean(cardOf(c)));
    assert.match(cardText(cardOf(inPersonal)), /lost or stolen/i);
    assert.ok(t.connector.calls.filter((c) => c.conversationId === '19:staffroom@thread.v2').every((c) => !cardOf(c)), 'a form was posted in the group chat');
  });

  it('when someone who never chatted 1:1 starts a request in a group chat, then they are asked to open a 1:1 chat', async function () {
    await t.post(groupChatMessage(USERS.lynne, 'I need Scratch installed on my laptop', t.serviceUrl));
    const call = await t.connector.waitFor((c) => typeof c.body.text === 'string');
    assert.equal(call.conversationId, '19:staffroom@thread.v2');
    assert.match(call.body.text, /open a 1:1 chat with Policy Desk/);
  });
});
