import assert from 'node:assert/strict';
import type { Incident } from '../../src/domain/incidents/incident.js';
import { INCIDENTS } from '../../src/domain/incidents/incident.js';
import type { ApprovalRequest } from '../../src/domain/requests/request.js';
import { startAzuriteBlob, type AzuriteBlob } from '../support/azurite.js';
import { startBot, type BotUnderTest } from '../support/bot-harness.js';
import { button, cardAfter as cardAfterIn, cardsTo as cardsToIn, type Card } from '../support/card-taps.js';
import { cardText } from '../support/connector.js';
import { cardExecute, cardSubmit, message, USERS, type TeamsUser } from '../support/teams-activities.js';

const chatOf = (user: TeamsUser) => `a:personal-${user.id}`;
const TAPS = 10;

describe('Every tap counts once: concurrent taps over HTTP against the real server', function () {
  let t: BotUnderTest;

  before(async () => {
    t = await startBot();
    for (const user of [USERS.alex, USERS.megan, USERS.patti, USERS.isaiah, USERS.lynne, USERS.adele]) await t.post(message(user, 'hi', t.serviceUrl));
  });
  after(async () => t?.stop());

  const mark = () => t.connector.calls.length;
  const cardsTo = (user: TeamsUser, since: number): Card[] => cardsToIn(t, user, since);
  const textsTo = (user: TeamsUser, since: number): string[] =>
    t.connector.calls.slice(since).filter((c) => c.conversationId === chatOf(user) && typeof c.body.text === 'string').map((c) => c.body.text);

  const cardAfter = (user: TeamsUser, activity: object): Promise<Card> => cardAfterIn(t, user, activity);

  /** The same button tapped `times` times at once, each tap its own activity, as Teams sends them. */
  async function tapAtOnce(user: TeamsUser, data: Record<string, unknown>, inputs: Record<string, unknown> = {}, times = TAPS) {
    const responses = await Promise.all(Array.from({ length: times }, () => t.post(cardSubmit(user, { ...inputs, ...data }, t.serviceUrl))));
    for (const res of responses) assert.equal(res.status, 200);
  }

  it(`when the last button of a lost-device report is tapped ${TAPS} times at once, then one incident is filed, the IT manager gets one alert and every tap gets the first answer`, async function () {
    const dataCard = await cardAfter(USERS.alex, message(USERS.alex, 'my laptop was stolen', t.serviceUrl));
    const confirm = await cardAfter(USERS.alex, cardSubmit(USERS.alex, button(dataCard, 'Yes').data, t.serviceUrl));
    const send = button(confirm, 'Send report').data;
    assert.match(String(send.tapKey), /^[0-9a-f-]{36}$/, 'the button carries an idempotency key made when the card was rendered');
    const before = (await t.bot.services.store.list<Incident>(INCIDENTS)).length;

    const since = mark();
    await tapAtOnce(USERS.alex, send, { location: 'Bus stop', crimeReference: '' });

    const incidents = await t.bot.services.store.list<Incident>(INCIDENTS);
    assert.equal(incidents.length - before, 1, 'one incident');
    assert.equal(cardsTo(USERS.megan, since).length, 1, 'one alert to the IT manager');
    assert.equal(cardsTo(USERS.patti, since).length, 1, 'one alert to the DPC');
    const checklists = cardsTo(USERS.alex, since).filter((c) => /Report sent: stolen laptop/.test(cardText(c)));
    assert.equal(checklists.length, TAPS, 'every tap is answered with the checklist');
    assert.equal(textsTo(USERS.alex, since).filter((text) => text === 'Already sent: here it is.').length, TAPS - 1);
    assert.equal(textsTo(USERS.alex, since).filter((text) => /expired|went wrong/.test(text)).length, 0);
  });

  it(`when a software request's Send is tapped ${TAPS} times at once, then one request is stored and its approver gets one card`, async function () {
    const form = await cardAfter(USERS.alex, cardSubmit(USERS.alex, { verb: 'start-flow', flow: 'software' }, t.serviceUrl));
    const values = { software: 'Inkscape', url: '', device: 'Classroom laptop', reason: 'Drawing diagrams for science' };
    // Next, tapped at once: one summary, and the flow is not confused.
    let since = mark();
    await tapAtOnce(USERS.alex, button(form, /Next|Check/).data, values);
    const summaries = cardsTo(USERS.alex, since).filter((c) => /Check your/.test(cardText(c)));
    assert.equal(summaries.length, TAPS);
    assert.equal(new Set(summaries.map((c) => JSON.stringify(c))).size, 1, 'every tap sees the same summary card');
    const before = (await t.bot.services.store.list<ApprovalRequest>('requests')).length;

    since = mark();
    await tapAtOnce(USERS.alex, button(summaries[0], /Send/).data);
    const requests = await t.bot.services.store.list<ApprovalRequest>('requests');
    assert.equal(requests.length - before, 1, 'one request');
    assert.equal(cardsTo(USERS.megan, since).length, 1, 'one approval card');
    assert.equal(textsTo(USERS.alex, since).filter((text) => /expired|went wrong/.test(text)).length, 0);
  });

  it('when Approve is double-tapped, then both taps get the approval (never an "expired" or refusal) and the requester is told once', async function () {
    const form = await cardAfter(USERS.alex, cardSubmit(USERS.alex, { verb: 'start-flow', flow: 'software' }, t.serviceUrl));
    const values = { software: 'GIMP', url: '', device: 'Classroom laptop', reason: 'Editing photos for the newsletter' };
    const summary = await cardAfter(USERS.alex, cardSubmit(USERS.alex, { ...values, ...button(form, /Next|Check/).data }, t.serviceUrl));
    const since = mark();
    await t.post(cardSubmit(USERS.alex, button(summary, /Send/).data, t.serviceUrl));
    const [approvalCard] = cardsTo(USERS.megan, since);
    const approve = button(approvalCard, 'Approve');

    const told = mark();
    const answers = await Promise.all(
      [0, 1].map(() => t.post(cardExecute(USERS.megan, approve.verb, approve.data, t.serviceUrl))),
    );
    for (const res of answers) {
      assert.equal(res.status, 200);
      assert.equal(res.body.type, 'application/vnd.microsoft.card.adaptive');
      assert.match(cardText(res.body.value), /You approved this/);
      assert.doesNotMatch(cardText(res.body.value), /expired|already been decided|went wrong/i);
    }
    assert.equal(answers.filter((res) => /Already sent: here it is/.test(cardText(res.body.value))).length, 1, 'the repeat says so');
    const requestId = approve.data.requestId;
    assert.equal((await t.bot.services.requests.getRequest(requestId)).status, 'approved');
    assert.equal(cardsTo(USERS.alex, told).filter((c) => /approved/i.test(cardText(c))).length, 1, 'Alex is told once');
  });

  it("when someone replays another person's tap key, then it does not get that person's answer and nothing is created", async function () {
    const dataCard = await cardAfter(USERS.alex, message(USERS.alex, 'I lost my phone', t.serviceUrl));
    const confirm = await cardAfter(USERS.alex, cardSubmit(USERS.alex, button(dataCard, 'No').data, t.serviceUrl));
    const send = button(confirm, 'Send report').data;
    const since = mark();
    await t.post(cardSubmit(USERS.adele, send, t.serviceUrl));
    assert.equal(cardsTo(USERS.adele, since).filter((c) => /Report sent/.test(cardText(c))).length, 0);
    assert.equal(textsTo(USERS.adele, since).filter((text) => /Already sent/.test(text)).length, 0);
    await t.post(message(USERS.alex, 'cancel', t.serviceUrl));
  });
});

// Production shape: two instances share state through Azure Blob Storage (Azurite here), and Teams
// may deliver each tap to either one. The claim is a create-only write, so it holds across them.
describe('Every tap counts once across two bot instances on Blob Storage (Azurite)', function () {
  this.timeout(90_000);
  let azurite: AzuriteBlob;
  let first: BotUnderTest;
  let second: BotUnderTest;

  before(async () => {
    azurite = await startAzuriteBlob();
    const env = { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: 'policy-desk-taps' };
    first = await startBot(env);
    second = await startBot(env);
    for (const user of [USERS.alex, USERS.megan]) await first.post(message(user, 'hi', first.serviceUrl));
  });
  after(async () => {
    await first?.stop();
    await second?.stop();
    await azurite?.stop();
  });

  it(`when the last button of a lost-device report is tapped ${TAPS} times, alternately on each instance, then one incident and one alert`, async function () {
    const dataCard = await cardAfterIn(first, USERS.alex, message(USERS.alex, 'I lost my laptop', first.serviceUrl));
    const confirm = await cardAfterIn(first, USERS.alex, cardSubmit(USERS.alex, button(dataCard, 'No').data, first.serviceUrl));
    const send = { location: 'Staff room', crimeReference: '', ...button(confirm, 'Send report').data };
    const since = first.connector.calls.length;

    const responses = await Promise.all(
      Array.from({ length: TAPS }, (_, i) => (i % 2 === 0 ? first : second).post(cardSubmit(USERS.alex, send, first.serviceUrl))),
    );
    for (const res of responses) assert.equal(res.status, 200);
    await first.bot.services.followUp.idle();
    await second.bot.services.followUp.idle();

    assert.equal((await first.bot.services.store.list<Incident>(INCIDENTS)).length, 1, 'one incident');
    assert.equal(cardsToIn(first, USERS.megan, since).length, 1, 'one alert to the IT manager');
    const answers = cardsToIn(first, USERS.alex, since).filter((c) => /Report sent: lost laptop/.test(cardText(c)));
    assert.equal(answers.length, TAPS, 'every tap, on either instance, is answered with the checklist');
  });
});
