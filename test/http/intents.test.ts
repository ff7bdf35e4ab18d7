import assert from 'node:assert/strict';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import { startBot, type BotUnderTest } from '../support/bot-harness.js';
import { cardOf, cardText, type ConnectorCall } from '../support/connector.js';
import { FakeClock } from '../support/fake-clock.js';
import { cardSubmit, message, USERS, type TeamsUser } from '../support/teams-activities.js';

const chatOf = (user: TeamsUser) => `a:personal-${user.id}`;

describe('Everyday messages reach the right flow, through the real server over HTTP', function () {
  this.timeout(60000);
  let t: BotUnderTest;
  // Tuesday 1 December 2026, 10:00 in London.
  const clock = new FakeClock('2026-12-01T10:00:00.000Z');

  before(async function () {
    t = await startBot(
      { TRUST_FILE: path.join(PROJECT_ROOT, 'samples', 'trust.json'), POLICY_FILES: path.join(PROJECT_ROOT, 'samples', 'information-security-policy.md') },
      clock,
    );
    const everyone = [USERS.alex, USERS.megan, USERS.adele, USERS.isaiah];
    for (const user of everyone) await t.post(message(user, 'hello', t.serviceUrl));
    await t.connector.waitFor(() => t.connector.sent.length >= everyone.length);
  });
  after(async () => {
    await t?.stop();
  });

  const mark = () => t.connector.calls.length;
  async function say(user: TeamsUser, text: string) {
    assert.equal((await t.post(message(user, text, t.serviceUrl))).status, 200);
  }
  async function submit(user: TeamsUser, data: Record<string, unknown>) {
    assert.equal((await t.post(cardSubmit(user, data, t.serviceUrl))).status, 200);
  }
  async function cardTo(user: TeamsUser, since: number, match: RegExp): Promise<{ call: ConnectorCall; card: any }> {
    const call = await t.connector.waitFor((c) => c.method === 'POST' && c.conversationId === chatOf(user) && Boolean(cardOf(c)) && match.test(JSON.stringify(cardOf(c))), since);
    return { call, card: cardOf(call) };
  }
  async function textTo(user: TeamsUser, since: number, match: RegExp): Promise<string> {
    const call = await t.connector.waitFor((c) => c.conversationId === chatOf(user) && typeof c.body.text === 'string' && match.test(c.body.text), since);
    return call.body.text;
  }
  /** Ends the person's open form by typing "cancel", and waits for the bot's reply. */
  async function cancelFlow(user: TeamsUser) {
    const since = mark();
    await say(user, 'cancel');
    await t.connector.waitFor((c) => c.conversationId === chatOf(user), since);
  }
  const cardsTo = (user: TeamsUser, since: number) => t.connector.calls.slice(since).filter((c) => c.conversationId === chatOf(user) && cardOf(c));

  it('when Alex asks "Can Adele Vance use my login…tomorrow", then the form names Adele and tomorrow, quotes the clause, and the request reaches Isaiah, not Adele', async function () {
    let since = mark();
    await say(USERS.alex, 'Can Adele Vance use my login to take the register tomorrow while I am on a trip?');
    const { card: form } = await cardTo(USERS.alex, since, /Ask to share your password/);
    const json = JSON.stringify(form);
    assert.match(json, /"id":"sharedWithPersonId"[^}]*"value":"adele-vance"/);
    assert.match(json, /"id":"from"[^}]*"value":"2026-12-02"/);
    assert.match(json, /"id":"until"[^}]*"value":"2026-12-02"/);
    assert.match(cardText(form), /3\.4/);

    since = mark();
    const values = { sharedWithPersonId: 'adele-vance', sharedWithName: '', system: 'Arbor', reason: 'Taking the register while I am on a trip', from: '2026-12-02', until: '2026-12-02' };
    await submit(USERS.alex, { verb: 'flow-form', flow: 'password-sharing', step: 'form', flowAction: 'submit', ...values });
    await cardTo(USERS.alex, since, /Check your/);
    since = mark();
    await submit(USERS.alex, { verb: 'flow-form', flow: 'password-sharing', step: 'summary', flowAction: 'confirm' });
    await cardTo(USERS.alex, since, /Sent to/);
    await cardTo(USERS.isaiah, since, /Adele Vance/);
    await t.bot.services.followUp.idle();
    const adeles = cardsTo(USERS.adele, since).map((c) => cardText(cardOf(c))).join('\n---\n');
    assert.doesNotMatch(adeles, /Approve/, adeles);
  });

  it('when Alex says "thanks", "what can u do" and "nvm", then he gets one short line, the welcome card, and his requests to cancel: never the policy', async function () {
    let since = mark();
    await say(USERS.alex, 'thanks');
    await textTo(USERS.alex, since, /welcome/i);
    since = mark();
    await say(USERS.alex, 'what can u do');
    await cardTo(USERS.alex, since, /What would you like to do\?/);
    since = mark();
    await say(USERS.alex, 'nvm');
    await textTo(USERS.alex, since, /nothing in progress to cancel/);
    const { card } = await cardTo(USERS.alex, since, /My requests/);
    assert.match(JSON.stringify(card), /Password-sharing/i);
    assert.equal(cardsTo(USERS.alex, since).filter((c) => /Was this helpful/.test(JSON.stringify(cardOf(c)))).length, 0);
  });

  it('when Alex signs off in words no example uses ("gotta dash"), then the bot says it did not catch that and shows its help buttons: never the policy', async function () {
    const since = mark();
    await say(USERS.alex, 'gotta dash');
    await textTo(USERS.alex, since, /didn't catch that/);
    await cardTo(USERS.alex, since, /What would you like to do\?/);
    const cards = cardsTo(USERS.alex, since).map((c) => JSON.stringify(cardOf(c)));
    assert.equal(cards.filter((c) => /Was this helpful|doesn't cover/.test(c)).length, 0, cards.join('\n---\n'));
  });

  it('when a form holding an answer is open and Alex types "forget it", then one tap confirms before it ends, and "No, carry on" keeps it', async function () {
    let since = mark();
    await say(USERS.alex, 'pls install zoom on my laptop');
    const { card } = await cardTo(USERS.alex, since, /Request a software install/);
    assert.match(JSON.stringify(card), /"id":"software"[^}]*"value":"Zoom"/);

    since = mark();
    await say(USERS.alex, 'forget it');
    const { card: confirm } = await cardTo(USERS.alex, since, /Stop this software install request\?/);
    const keep = confirm.actions.find((a: any) => a.title === 'No, carry on');
    await submit(USERS.alex, keep.data);
    await textTo(USERS.alex, since, /carry on with the form/);

    since = mark();
    await say(USERS.alex, 'nvm');
    const { card: again } = await cardTo(USERS.alex, since, /Stop this software install request\?/);
    await submit(USERS.alex, again.actions.find((a: any) => a.title === 'Yes, stop').data);
    await textTo(USERS.alex, since, /I've stopped/);
    since = mark();
    await submit(USERS.alex, { verb: 'flow-form', flow: 'software-install', step: 'form', flowAction: 'submit', software: 'Zoom', reason: 'x' });
    await textTo(USERS.alex, since, /can't continue any more/);
  });

  it('when a form is open and Alex types the answers, then each fills the field on screen (a colleague from the directory, a date read en-GB) and a bad one is explained', async function () {
    let since = mark();
    await say(USERS.alex, 'I need to share my password');
    await cardTo(USERS.alex, since, /Ask to share your password/);
    const field = (card: any, id: string) => JSON.stringify(card).match(new RegExp(`"id":"${id}"[^}]*?"value":"([^"]*)"`))?.[1];

    since = mark();
    await say(USERS.alex, 'Adele Vance');
    let { card } = await cardTo(USERS.alex, since, /Ask to share your password/);
    assert.equal(field(card, 'sharedWithPersonId'), 'adele-vance');

    // Fields fill in order: the system, the reason, then the dates.
    since = mark();
    await say(USERS.alex, 'Arbor');
    ({ card } = await cardTo(USERS.alex, since, /Ask to share your password/));
    assert.equal(field(card, 'system'), 'Arbor');
    since = mark();
    await say(USERS.alex, 'to take the register while I am on the year 6 residential');
    ({ card } = await cardTo(USERS.alex, since, /Ask to share your password/));
    assert.equal(field(card, 'reason'), 'to take the register while I am on the year 6 residential');

    since = mark();
    await say(USERS.alex, 'sometime soonish');
    ({ card } = await cardTo(USERS.alex, since, /Ask to share your password/));
    assert.match(cardText(card), /couldn't read "sometime soonish" as a date/);
    since = mark();
    await say(USERS.alex, '3/12');
    ({ card } = await cardTo(USERS.alex, since, /Ask to share your password/));
    assert.equal(field(card, 'from'), '2026-12-03', '3/12 is 3 December');
    assert.equal(field(card, 'system'), 'Arbor', 'earlier answers stay');

    since = mark();
    await say(USERS.alex, 'cancel');
    const { card: confirm } = await cardTo(USERS.alex, since, /Stop this password-sharing/i);
    await submit(USERS.alex, confirm.actions.find((a: any) => a.title === 'Yes, stop').data);
    await textTo(USERS.alex, since, /I've stopped/);
  });

  it('when Adele writes "away until friday, Isaiah can approve things", then Isaiah approves for her until Friday 4 December', async function () {
    const since = mark();
    await say(USERS.adele, 'away until friday, Isaiah can approve things');
    await textTo(USERS.adele, since, /Isaiah Langer approves for you until the end of .*4 Dec/);
    const delegation = await t.bot.services.requests.delegationOf('adele-vance');
    assert.equal(delegation?.toId, 'isaiah-langer');
    const back = mark();
    await say(USERS.adele, "I'm back");
    await textTo(USERS.adele, back, /Welcome back/);
  });

  it('when a slot is named differently from its form field (an app for the service, a return day for "back by"), then the form is still prefilled with it', async function () {
    let since = mark();
    await say(USERS.megan, 'I want to set up a WhatsApp group for the trip staff');
    const { card: messaging } = await cardTo(USERS.megan, since, /"id":"service"/);
    assert.match(JSON.stringify(messaging), /"id":"service"[^}]*"value":"WhatsApp"/);
    await cancelFlow(USERS.megan);

    since = mark();
    await say(USERS.megan, 'I need to take the year 6 reports home to finish them, back by friday');
    const { card: dataOffSite } = await cardTo(USERS.megan, since, /"id":"returnBy"/);
    // Tuesday 1 December: "friday" is the 4th.
    assert.match(JSON.stringify(dataOffSite), /"id":"returnBy"[^}]*"value":"2026-12-04"/);
    await cancelFlow(USERS.megan);
  });

  it('when Megan asks for a system by a name no example used, with her reasons around it, then the system-access form starts with it filled in; asked as a rule, the policy answers', async function () {
    let since = mark();
    await say(USERS.megan, 'can I get scholarpack access, I have been made head of year for the spring');
    const { card: form } = await cardTo(USERS.megan, since, /Ask for access to the MIS or another system/);
    assert.match(JSON.stringify(form), /"id":"system"[^}]*"value":"Scholarpack"/);
    await cancelFlow(USERS.megan);

    since = mark();
    await say(USERS.megan, 'are staff allowed to plug a printer into the school network?');
    const answer = await t.connector.waitFor((c) => c.conversationId === chatOf(USERS.megan) && Boolean(cardOf(c)), since);
    const json = JSON.stringify(cardOf(answer));
    assert.match(cardText(cardOf(answer)), /Policy says/i);
    assert.doesNotMatch(json, /flow-form|Do you want to/, 'no form and no choice: the policy answers');
  });

  /** The card of the form `text` opens for `user`, as JSON; the form is stopped after ("cancel", then "Yes, stop"). */
  async function formFor(user: TeamsUser, text: string, match: RegExp): Promise<string> {
    let since = mark();
    await say(user, text);
    const { card } = await cardTo(user, since, match);
    since = mark();
    await say(user, 'cancel');
    const { card: confirm } = await cardTo(user, since, /Yes, stop/);
    await submit(user, confirm.actions.find((a: any) => a.title === 'Yes, stop').data);
    await textTo(user, since, /I've stopped/);
    return JSON.stringify(card);
  }

  it('when Megan asks to give her login with the trip and her reasons around the ask, then the password-sharing form starts with the system filled in, not the policy', async function () {
    const text = 'im on the year 4 trip to the farm weds and thurs and the cover teacher will need my sims login to get at the planning, can i give it to her? nothing else on there is sensitive';
    const form = await formFor(USERS.megan, text, /Ask to share your password/);
    assert.match(form, /"id":"system"[^}]*"value":"Sims"/);
  });

  it('when Isaiah types a day of the month alone ("until the 18th"), then the form is prefilled with the next such day', async function () {
    const form = await formFor(USERS.isaiah, 'please give me access to the MIS until the 18th, I am covering attendance', /Ask for access to the MIS or another system/);
    // Tuesday 1 December: "the 18th" is Friday 18 December.
    assert.match(form, /"id":"until"[^}]*"value":"2026-12-18"/);
  });

  it('when Adele names a system in lower case by its login ("my teams login"), then the password-sharing form starts with it', async function () {
    const form = await formFor(USERS.adele, 'can Isaiah use my teams login tomorrow', /"id":"sharedWithPersonId"/);
    assert.match(form, /"id":"system"[^}]*"value":"Teams"/);
  });

  it('when Megan asks "is it ok if i use flipgrid for my tutor group", then the app request is what she is offered, with Flipgrid filled in; asked why staff cannot install things, the policy answers', async function () {
    // Flipgrid is in no list and has no word vector: nothing says it is a service, so the bot may
    // ask between the app request and the policy first (its best guess offered first).
    // An unsure message in a running form is read as the answer on screen: end Megan's earlier form first.
    let since = mark();
    await say(USERS.megan, 'cancel');
    const reply = await t.connector.waitFor((c) => c.conversationId === chatOf(USERS.megan), since);
    const stop = cardOf(reply)?.actions?.find((a: any) => a.title === 'Yes, stop');
    if (stop) {
      since = mark();
      await submit(USERS.megan, stop.data);
      await textTo(USERS.megan, since, /I've stopped/);
    }
    since = mark();
    await say(USERS.megan, 'is it ok if i use flipgrid for my tutor group');
    const APP_FORM = /Ask to use a messaging, social or streaming service for work/;
    let { card } = await cardTo(USERS.megan, since, /Ask to use a messaging, social or streaming service for work|Do you want to/);
    if (/Do you want to/.test(JSON.stringify(card))) {
      assert.match(JSON.stringify(card), /^(?:(?!"intent-choice").)*"verb":"intent-choice","intent":"messaging-app"/, 'the app request is offered first');
      const choice = JSON.stringify(card).match(/\{"verb":"intent-choice","intent":"messaging-app"[^}]*\}/);
      assert.ok(choice, JSON.stringify(card));
      since = mark();
      await submit(USERS.megan, JSON.parse(choice[0]));
      ({ card } = await cardTo(USERS.megan, since, APP_FORM));
    }
    assert.match(JSON.stringify(card), /"id":"service"[^}]*"value":"Flipgrid"/);
    since = mark();
    await say(USERS.megan, 'cancel');
    const { card: confirm } = await cardTo(USERS.megan, since, /Yes, stop/);
    await submit(USERS.megan, confirm.actions.find((a: any) => a.title === 'Yes, stop').data);
    await textTo(USERS.megan, since, /I've stopped/);

    since = mark();
    await say(USERS.megan, "why can't i install scratch on my laptop");
    const answer = await t.connector.waitFor((c) => c.conversationId === chatOf(USERS.megan) && Boolean(cardOf(c)), since);
    assert.match(cardText(cardOf(answer)), /Policy says/i);
    assert.doesNotMatch(JSON.stringify(cardOf(answer)), /flow-form|Do you want to/, 'no form and no choice: the policy answers');
  });

  it('when Megan asks to put the school play on a streaming service no list names ("on Vevo"), then the app form starts with Vevo filled in, not the policy', async function () {
    const form = await formFor(USERS.megan, 'can we put the school play on Vevo for parents', /Ask to use a messaging, social or streaming service for work/);
    assert.match(form, /"id":"service"[^}]*"value":"Vevo"/);
  });

  it('when Megan asks for software named where no example puts a name ("GeoGebra on my laptop please"), then the software form starts with it filled in', async function () {
    const form = await formFor(USERS.megan, 'GeoGebra on my laptop please', /Request a software install/);
    assert.match(form, /"value":"GeoGebra"/);
  });

  it('when Adele names her stand-in with a possessive ("Isaiah\'s covering my approvals until friday"), then Isaiah approves for her until Friday 4 December', async function () {
    const since = mark();
    await say(USERS.adele, "Isaiah's covering my approvals until friday");
    await textTo(USERS.adele, since, /Isaiah Langer approves for you until the end of .*4 Dec/);
    assert.equal((await t.bot.services.requests.delegationOf('adele-vance'))?.toId, 'isaiah-langer');
    const back = mark();
    await say(USERS.adele, "I'm back");
    await textTo(USERS.adele, back, /Welcome back/);
  });

  it('when Isaiah asks to plug a device the lexicon lacks into a known one ("my Raspberry Pi into the classroom computer"), then the form names the Raspberry Pi, not the computer', async function () {
    const form = await formFor(USERS.isaiah, 'I would like to plug my Raspberry Pi into the classroom computer', /"id":"connectTo"/);
    assert.match(form, /"id":"device"[^}]*"value":"Raspberry Pi"/);
  });
});
