import assert from 'node:assert/strict';
import { INCIDENTS } from '../../src/domain/incidents/incident.js';
import { startBot, type BotUnderTest } from '../support/bot-harness.js';
import { cardOf, cardText } from '../support/connector.js';
import { FakeClock } from '../support/fake-clock.js';
import { cardSubmit, message, USERS, type TeamsUser } from '../support/teams-activities.js';

type Card = Record<string, any>;

const personal = (user: TeamsUser) => `a:personal-${user.id}`;

/** The Action.Submit buttons of a card (inside ActionSets too), in reading order, Cancel last. */
function submitButtons(card: Card): any[] {
  const found: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Submit') found.push(node);
      for (const [key, value] of Object.entries(node)) if (key !== 'refresh') walk(value);
    }
  };
  walk(card.body);
  walk(card.actions);
  return found;
}

/** What the alert to the IT manager looks like: the Acknowledge card. */
const isAlert = (card: Card) => /Acknowledge/.test(JSON.stringify(card.actions ?? card.body));

describe('Lost-device reporting on a phone: the taps counted through the real server over HTTP', function () {
  let t: BotUnderTest;

  before(async () => {
    t = await startBot({}, new FakeClock('2025-03-27T09:00:00.000Z'));
    for (const user of [USERS.alex, USERS.megan, USERS.patti, USERS.isaiah, USERS.lynne]) {
      await t.post(message(user, 'hi', t.serviceUrl));
    }
  });
  after(async () => t.stop());
  beforeEach(() => t.connector.clear());

  /** Posts as `user` and returns the cards posted to `to`'s chat since. */
  async function post(activity: object, to: TeamsUser): Promise<Card[]> {
    const since = t.connector.calls.length;
    assert.equal((await t.post(activity)).status, 200);
    return t.connector.calls.slice(since).filter((c) => c.conversationId === personal(to) && c.method === 'POST' && cardOf(c)).map((c) => cardOf(c)!);
  }

  /**
   * Says `words` as Alex, then taps the first button of each card the bot shows (never Cancel), as
   * someone in a hurry would, until Megan (the IT manager) gets her alert. Returns the taps made
   * and the cards Alex saw, in order.
   */
  async function tapUntilAlerted(words: string): Promise<{ taps: string[]; seen: Card[] }> {
    const seen: Card[] = [];
    const taps: string[] = [];
    const since = t.connector.calls.length;
    const meganAlerted = () =>
      t.connector.calls.slice(since).some((c) => c.conversationId === personal(USERS.megan) && cardOf(c) && isAlert(cardOf(c)!));
    let cards = await post(message(USERS.alex, words, t.serviceUrl), USERS.alex);
    while (!meganAlerted()) {
      assert.ok(taps.length < 8, `no alert after ${taps.length} taps: ${taps.join(', ')}`);
      const card = cards.at(-1);
      assert.ok(card, `the bot showed Alex no card after ${taps.length ? taps.at(-1) : `"${words}"`}`);
      seen.push(card);
      const button = submitButtons(card).find((b) => b.title !== 'Cancel');
      assert.ok(button, `no button to tap on:\n${cardText(card)}`);
      taps.push(button.title);
      cards = await post(cardSubmit(USERS.alex, { ...button.data }, t.serviceUrl), USERS.alex);
    }
    return { taps, seen };
  }

  const phrasings: Array<[string, RegExp, RegExp]> = [
    ['lost my laptop', /Laptop/, /Lost/],
    ["I've lost my work phone", /Phone/, /Lost/],
    ['my ipad was stolen', /Tablet/, /Stolen/],
    ['left my USB stick on the train', /USB stick/, /Lost/],
    // Texting shorthand: "cant find" is "can't find".
    ['cant find my usb stick anywhere', /USB stick/, /Lost/],
    // Taken by someone, or from a place, is theft.
    ["someone's taken my laptop from the staffroom", /Laptop/, /Stolen/],
  ];
  for (const [words, device, circumstance] of phrasings) {
    it(`when Alex says "${words}", then the IT manager's alert is sent within three taps, Send included, with the device and lost or stolen filled in`, async function () {
      const { taps, seen } = await tapUntilAlerted(words);
      assert.ok(taps.length <= 3, `took ${taps.length} taps: ${taps.join(' → ')}`);
      assert.equal(taps.at(-1), 'Send report', 'the last tap is the Send');
      const summary = seen.at(-1)!;
      const facts = Object.fromEntries((summary.body.find((b: Card) => b.type === 'FactSet')?.facts ?? []).map((f: Card) => [f.title, f.value]));
      assert.match(facts['What'] ?? '', device, 'the device said in the message is filled in');
      assert.match(facts['Lost or stolen'] ?? '', circumstance, 'lost or stolen as said in the message is filled in');
      for (const card of seen) {
        assert.doesNotMatch(cardText(card), /What's missing\?|lost, or stolen\?/, 'nothing already said is asked again');
      }
    });
  }

  it('when Alex says his iPad "has gone missing", then the device is filled in and he is asked whether it was lost or stolen, not told which', async function () {
    const { seen } = await tapUntilAlerted('my ipad has gone missing');
    assert.ok(seen.some((card) => /lost, or stolen\?/i.test(cardText(card))), 'asked whether it was lost or stolen');
    assert.ok(seen.every((card) => !/What's missing\?/.test(cardText(card))), 'the iPad said is not asked again');
  });

  it('when Alex taps Cancel on the form of a report already sent, then that card turns read-only ("no longer current") and nothing changes', async function () {
    const { seen } = await tapUntilAlerted('lost my laptop');
    const confirm = seen.at(-1)!;
    const reports = (await t.bot.services.store.list(INCIDENTS)).length;
    const cancel = submitButtons(confirm).find((b) => b.title === 'Cancel');
    const since = t.connector.calls.length;
    // Teams says which card was tapped (replyToId): that is the one to retire.
    await post({ ...cardSubmit(USERS.alex, { ...cancel.data }, t.serviceUrl), replyToId: 'confirm-card-id' }, USERS.alex);
    const update = t.connector.calls.slice(since).find((c) => c.method === 'PUT' && c.activityId === 'confirm-card-id');
    assert.ok(update, 'the tapped card is updated in place');
    const readOnly = cardOf(update)!;
    assert.match(cardText(readOnly), /This card is no longer current[\s\S]*already sent or stopped/);
    assert.deepEqual(submitButtons(readOnly), [], 'the read-only card has no buttons');
    assert.equal((await t.bot.services.store.list(INCIDENTS)).length, reports, 'the report stands');
    const alerts = t.connector.calls.slice(since).filter((c) => c.conversationId === personal(USERS.megan) && c.method === 'POST');
    assert.equal(alerts.length, 0, 'Megan is not alerted again');
  });

  it('when Alex has reported a lost laptop, then "my requests" lists it with its state, and Show brings back its checklist', async function () {
    await tapUntilAlerted('lost my laptop');
    const [list] = await post(message(USERS.alex, 'my requests', t.serviceUrl), USERS.alex);
    const text = cardText(list);
    assert.match(text, /My requests/);
    assert.match(text, /Lost or stolen device: Lost laptop/);
    assert.match(text, /Lost laptop\nReported 27 Mar 2025\nReported: waiting for Megan Bowen[^\n]* to take it on/);
    const show = submitButtons(list).find((b) => b.data?.incidentId);
    assert.ok(show, 'the report has a Show button');
    const [checklist] = await post(cardSubmit(USERS.alex, show.data, t.serviceUrl), USERS.alex);
    assert.match(cardText(checklist), /Report sent: lost laptop/);

    const toMegan = await post(cardSubmit(USERS.megan, show.data, t.serviceUrl), USERS.megan);
    assert.equal(toMegan.length, 0, "Megan is not sent Alex's checklist");
  });
});
