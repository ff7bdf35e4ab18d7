import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Incident } from '../../src/domain/incidents/incident.js';
import { INCIDENTS } from '../../src/domain/incidents/incident.js';
import { parseCsv } from '../domain/requests/fixtures.js';
import { startBot, type BotUnderTest } from '../support/bot-harness.js';
import { assertValidTeamsCard } from '../support/card-checks.js';
import { cardOf, cardText, type ConnectorCall } from '../support/connector.js';
import { FakeClock } from '../support/fake-clock.js';
import { cardExecute, cardSubmit, message, USERS, type TeamsUser } from '../support/teams-activities.js';

type Card = Record<string, any>;

/** Every action of `type` in a card (also inside ActionSets), with its title. */
function actionsOf(card: Card, type: string): any[] {
  const found: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === type) found.push(node);
      for (const [key, value] of Object.entries(node)) if (key !== 'refresh') walk(value);
    }
  };
  walk(card);
  return found;
}

function button(card: Card, type: string, title: string): any {
  const found = actionsOf(card, type).filter((a) => a.title === title);
  assert.equal(found.length, 1, `expected one ${type} "${title}" on the card:\n${cardText(card)}`);
  return found[0];
}

/** A button's data without the idempotency key every rendered button gets. */
function withoutTapKey(data: Record<string, unknown>): Record<string, unknown> {
  const { tapKey: _tapKey, ...rest } = data;
  return rest;
}

function inputIds(card: Card): string[] {
  const ids: string[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.type === 'string' && node.type.startsWith('Input.')) ids.push(node.id);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return ids;
}

const personal = (user: TeamsUser) => `a:personal-${user.id}`;

describe('Lost and stolen devices in Teams, through the real server over HTTP', function () {
  let t: BotUnderTest;
  let clock: FakeClock;

  before(async () => {
    // 27 March 2025, 09:00 GMT: the 72-hour deadline falls after the clocks go forward (30 March).
    clock = new FakeClock('2025-03-27T09:00:00.000Z');
    t = await startBot({}, clock);
    // Everyone says hi once, as Teams requires before the bot may message them.
    for (const user of [USERS.alex, USERS.megan, USERS.patti, USERS.isaiah, USERS.lynne, USERS.adele]) {
      await t.post(message(user, 'hi', t.serviceUrl));
    }
  });
  after(async () => t.stop());
  beforeEach(() => {
    t.connector.clear();
    clock.set('2025-03-27T09:00:00.000Z');
  });

  /** Sends a message or card click as `user` and returns the cards the bot answered with in their chat. */
  async function say(user: TeamsUser, activity: object): Promise<Card[]> {
    const since = t.connector.calls.length;
    const res = await t.post(activity);
    assert.equal(res.status, 200);
    return t.connector.calls
      .slice(since)
      .filter((c) => c.conversationId === personal(user) && c.method === 'POST' && cardOf(c))
      .map((c) => cardOf(c)!);
  }

  /** Taps an Action.Submit on a card as Teams does: the inputs and the button's data as the message value. */
  async function tap(user: TeamsUser, card: Card, title: string, inputs: Record<string, string> = {}): Promise<Card[]> {
    return say(user, cardSubmit(user, { ...inputs, ...button(card, 'Action.Submit', title).data }, t.serviceUrl));
  }

  async function execute(user: TeamsUser, verb: string, data: Record<string, unknown>): Promise<{ type: string; value: any }> {
    const res = await t.post(cardExecute(user, verb, data, t.serviceUrl));
    assert.equal(res.status, 200);
    return res.body;
  }

  /** The cards sent (POST) or updated (PUT) in a user's chat since call index `since`. */
  function callsTo(user: TeamsUser, since: number, method: 'POST' | 'PUT'): ConnectorCall[] {
    return t.connector.calls.slice(since).filter((c) => c.conversationId === personal(user) && c.method === method && cardOf(c));
  }

  async function incidentIds(): Promise<Set<string>> {
    return new Set((await t.bot.services.store.list<Incident>(INCIDENTS)).map((i) => i.id));
  }

  /** The one incident stored since `before` was taken. */
  async function newIncident(before: Set<string>): Promise<Incident> {
    const found = (await t.bot.services.store.list<Incident>(INCIDENTS)).filter((i) => !before.has(i.id));
    assert.equal(found.length, 1, 'exactly one new report is stored');
    return found[0];
  }

  /** Alex reports a stolen laptop that may hold personal data, in plain words and three taps. */
  async function alexReportsStolenLaptop(): Promise<{ incident: Incident; since: number; checklist: Card }> {
    const [dataCard] = await say(USERS.alex, message(USERS.alex, 'my laptop was stolen', t.serviceUrl));
    assert.match(cardText(dataCard), /Stolen laptop[\s\S]*Could personal or confidential data be on it/);
    const [confirm] = await tap(USERS.alex, dataCard, 'Yes');
    assert.match(cardText(confirm), /Check and send/);
    const before = await incidentIds();
    const since = t.connector.calls.length;
    const replies = await tap(USERS.alex, confirm, 'Send report', { location: 'Train from Leeds, Wednesday 17:10', crimeReference: '' });
    assert.equal(replies.length, 1, 'Alex gets one card: the checklist');
    const incident = await newIncident(before);
    assert.equal(incident.item, 'laptop');
    assert.equal(incident.circumstance, 'stolen');
    assert.equal(incident.dataInvolved, 'yes');
    return { incident, since, checklist: replies[0] };
  }

  it('when Alex reports a stolen laptop with data, then Megan, Patti and Isaiah get alert cards with the 72-hour deadline and Alex gets the checklist', async function () {
    const { incident, since, checklist } = await alexReportsStolenLaptop();

    assertValidTeamsCard(checklist);
    const alexText = cardText(checklist);
    assert.match(alexText, /Report sent: stolen laptop/);
    assert.match(alexText, /I've told Megan Bowen \(IT manager\)\. Because personal data may be involved, I've also told (Patti Fernandez \(Data Protection Champion\) and Isaiah Langer \(Headteacher\)|Isaiah Langer \(Headteacher\) and Patti Fernandez \(Data Protection Champion\))\./);
    assert.match(alexText, /Change your school account password now/);
    assert.match(alexText, /Report the theft to the police and add the crime reference number here/);
    assert.deepEqual(inputIds(checklist), ['crimeReference']);
    assert.deepEqual(withoutTapKey(button(checklist, 'Action.Execute', 'Add crime reference').data), { incidentId: incident.id });
    assert.deepEqual(checklist.refresh.userIds, [USERS.alex.id]);

    const policy = await readFile(path.join(PROJECT_ROOT, 'samples', 'information-security-policy.md'), 'utf8');
    const clause = /^9\.1 (.*)$/m.exec(policy)![1].trim();
    for (const user of [USERS.megan, USERS.patti, USERS.isaiah]) {
      const sent = callsTo(user, since, 'POST');
      assert.equal(sent.length, 1, `${user.name} gets one alert`);
      const card = cardOf(sent[0])!;
      assertValidTeamsCard(card);
      const text = cardText(card);
      assert.match(text, /Stolen laptop/);
      assert.match(text, /Reported by Alex Wilber \(Staff at Oakfield Primary School\)/);
      assert.match(text, /Thursday 27 March 2025 at 09:00/);
      assert.match(text, /72-hour clock/);
      assert.match(text, /report it to the ICO within 72 hours[\s\S]*Sunday 30 March 2025 at 10:00 \(UK time\)/, 'deadline in UK time (BST after the clocks change)');
      assert.match(text, /Train from Leeds, Wednesday 17:10/);
      assert.match(text, /Crime reference\nNot given yet/);
      assert.ok(text.includes(clause), 'the alert quotes clause 9.1 of the policy');
      assert.deepEqual(withoutTapKey(button(card, 'Action.Execute', "Acknowledge: I'm handling it").data), { incidentId: incident.id });
      assert.equal(card.refresh.action.verb, 'incident-refresh');
      assert.deepEqual([...card.refresh.userIds].sort(), [USERS.megan.id, USERS.isaiah.id, USERS.patti.id].sort());
      const dataReason = /You're told because personal or confidential data may be involved/.test(text);
      assert.equal(dataReason, user !== USERS.megan, `${user.name}: the data-breach reason shows only to the DPC and headteacher`);
    }
    assert.equal(callsTo(USERS.lynne, since, 'POST').length, 0, 'the ops manager is not told about a laptop');
    assert.equal(callsTo(USERS.adele, since, 'POST').length, 0);
    assert.equal(incident.breachReportDeadline, '2025-03-30T09:00:00.000Z');
  });

  it('when Megan acknowledges, then every copy updates, Alex is told who is handling it, and later acknowledgements are refused', async function () {
    const { incident } = await alexReportsStolenLaptop();
    clock.advanceHours(1);
    const since = t.connector.calls.length;

    const response = await execute(USERS.megan, 'incident-acknowledge', { incidentId: incident.id });
    assert.equal(response.type, 'application/vnd.microsoft.card.adaptive');
    assertValidTeamsCard(response.value);
    assert.match(cardText(response.value), /You've taken this on\. Alex Wilber has been told/);
    assert.match(cardText(response.value), /Acknowledged by you \(since Thursday 27 March 2025 at 10:00\)/);
    assert.equal(actionsOf(response.value, 'Action.Execute').filter((a) => a.verb === 'incident-acknowledge').length, 0);
    assert.ok(actionsOf(response.value, 'Action.Execute').some((a) => a.verb === 'incident-close'), 'Megan can close it once dealt with');

    for (const user of [USERS.patti, USERS.isaiah]) {
      const updates = callsTo(user, since, 'PUT');
      assert.equal(updates.length, 1, `${user.name}'s alert is updated in place`);
      const card = cardOf(updates[0])!;
      assertValidTeamsCard(card);
      assert.match(cardText(card), /Acknowledged by Megan Bowen/);
      assert.deepEqual(actionsOf(card, 'Action.Execute').map((a) => a.verb), ['incident-close'], `${user.name} no longer sees Acknowledge`);
    }
    const alexUpdates = callsTo(USERS.alex, since, 'PUT');
    assert.equal(alexUpdates.length, 1, "Alex's checklist is updated in place");
    assert.match(cardText(cardOf(alexUpdates[0])), /Megan Bowen \(IT manager\) is handling it/);
    const told = callsTo(USERS.alex, since, 'POST');
    assert.equal(told.length, 1);
    assertValidTeamsCard(cardOf(told[0])!);
    assert.match(cardText(cardOf(told[0])), /Megan Bowen is handling your report[\s\S]*took on your report of a stolen laptop on Thursday 27 March 2025 at 10:00/);

    const second = await execute(USERS.isaiah, 'incident-acknowledge', { incidentId: incident.id });
    assertValidTeamsCard(second.value);
    assert.match(cardText(second.value), /Megan Bowen has already acknowledged this report and is handling it/);
    assert.equal(actionsOf(second.value, 'Action.Execute').filter((a) => a.verb === 'incident-acknowledge').length, 0);

    const stored = await t.bot.services.incidents.getIncident(incident.id);
    assert.deepEqual(stored.acknowledgement, { byId: 'megan-bowen', at: '2025-03-27T10:00:00.000Z' });
  });

  it('when someone not alerted, the reporter, or a forged id tries to acknowledge, then it is refused and nothing changes', async function () {
    const { incident } = await alexReportsStolenLaptop();

    const lynne = await execute(USERS.lynne, 'incident-acknowledge', { incidentId: incident.id });
    assertValidTeamsCard(lynne.value);
    assert.match(cardText(lynne.value), /This report wasn't sent to you, so you can't acknowledge it/);
    assert.match(cardText(lynne.value), /Waiting for someone to acknowledge it/);
    assert.equal(actionsOf(lynne.value, 'Action.Execute').length, 0, 'Lynne sees the status only');

    const alex = await execute(USERS.alex, 'incident-acknowledge', { incidentId: incident.id });
    assertValidTeamsCard(alex.value);
    assert.match(cardText(alex.value), /This report wasn't sent to you/);

    for (const incidentId of ['2f1c0a52-0000-4000-8000-000000000000', 'not-an-id', { $ne: null }, undefined]) {
      const forged = await execute(USERS.megan, 'incident-acknowledge', { incidentId });
      assert.equal(forged.type, 'application/vnd.microsoft.activity.message');
      assert.match(forged.value, /I couldn't find that report/);
    }

    const stranger = await execute(USERS.stranger, 'incident-acknowledge', { incidentId: incident.id });
    assert.match(stranger.value, /I don't know you yet/);

    const stored = await t.bot.services.incidents.getIncident(incident.id);
    assert.equal(stored.status, 'open');
    assert.equal(stored.acknowledgement, undefined);
  });

  it('when Alex adds the crime reference hours later, then it is stored, the checklist ticks it off and the people alerted see it; nobody else may add it', async function () {
    const { incident } = await alexReportsStolenLaptop();
    clock.advanceHours(5);

    const bad = await execute(USERS.alex, 'incident-crime-reference', { incidentId: incident.id, crimeReference: '=HYPERLINK("http://x")' });
    assertValidTeamsCard(bad.value);
    assert.match(cardText(bad.value), /Please check: A crime reference has only letters, numbers, spaces, slashes and dashes/);
    assert.equal((await t.bot.services.incidents.getIncident(incident.id)).crimeReference, undefined);

    const megan = await execute(USERS.megan, 'incident-crime-reference', { incidentId: incident.id, crimeReference: 'WY/99999/25' });
    assert.match(cardText(megan.value), /Only the person who reported this can add the crime reference here/);
    assert.equal((await t.bot.services.incidents.getIncident(incident.id)).crimeReference, undefined);

    const since = t.connector.calls.length;
    const added = await execute(USERS.alex, 'incident-crime-reference', { incidentId: incident.id, crimeReference: 'WY/12345/25' });
    assertValidTeamsCard(added.value);
    const text = cardText(added.value);
    assert.match(text, /Crime reference added/);
    assert.match(text, /Crime reference: WY\/12345\/25/);
    assert.match(text, /☑\nReport the theft to the police/);
    assert.deepEqual(inputIds(added.value), [], 'the box goes once the reference is in');

    const stored = await t.bot.services.incidents.getIncident(incident.id);
    assert.equal(stored.crimeReference, 'WY/12345/25');
    assert.equal(stored.crimeReferenceAddedAt, '2025-03-27T14:00:00.000Z');
    for (const user of [USERS.megan, USERS.patti, USERS.isaiah]) {
      const notes = callsTo(user, since, 'POST');
      assert.equal(notes.length, 1);
      assert.match(cardText(cardOf(notes[0])), /Alex Wilber's report of a stolen laptop now has the police crime reference WY\/12345\/25/);
      const updates = callsTo(user, since, 'PUT');
      assert.equal(updates.length, 1);
      assert.match(cardText(cardOf(updates[0])), /Crime reference\nWY\/12345\/25/);
    }
  });

  it('when Alex reports a lost ID badge with no data from the welcome card, then Megan and Lynne are alerted and the DPC and headteacher are not', async function () {
    const [itemCard] = await say(USERS.alex, cardSubmit(USERS.alex, { verb: 'start-flow', flow: 'lost_device' }, t.serviceUrl));
    assertValidTeamsCard(itemCard);
    assert.deepEqual(
      actionsOf(itemCard, 'Action.Submit').map((a) => a.title),
      ['Laptop', 'Phone', 'Tablet', 'USB stick', 'ID badge', 'Other device', 'Cancel'],
    );
    const [lostOrStolen] = await tap(USERS.alex, itemCard, 'ID badge');
    const [dataCard] = await tap(USERS.alex, lostOrStolen, "Lost or can't find it");
    const [confirm] = await tap(USERS.alex, dataCard, 'No');
    assert.match(cardText(confirm), /the IT manager and the School Operations Manager straight away\./);
    assert.deepEqual(inputIds(confirm), ['location'], 'a lost badge asks for no crime reference');
    const before = await incidentIds();
    const since = t.connector.calls.length;
    const [checklist] = await tap(USERS.alex, confirm, 'Send report');

    assertValidTeamsCard(checklist);
    assert.match(cardText(checklist), /I've told Megan Bowen \(IT manager\) and Lynne Robbins \(School Operations Manager\)\./);
    assert.match(cardText(checklist), /Ask the School Operations Manager for a replacement badge/);
    assert.deepEqual(inputIds(checklist), []);
    for (const user of [USERS.megan, USERS.lynne]) {
      const [alert] = callsTo(user, since, 'POST');
      assert.ok(alert, `${user.name} is alerted`);
      assertValidTeamsCard(cardOf(alert)!);
      assert.match(cardText(cardOf(alert)), /Lost ID badge/);
      assert.doesNotMatch(cardText(cardOf(alert)), /72-hour/);
    }
    assert.equal(callsTo(USERS.patti, since, 'POST').length, 0, 'not the DPC when no data is involved');
    assert.equal(callsTo(USERS.isaiah, since, 'POST').length, 0, 'not the headteacher when no data is involved');
    const badge = await newIncident(before);
    assert.equal(badge.item, 'id_badge');
    assert.deepEqual([...badge.recipientIds].sort(), ['lynne-robbins', 'megan-bowen']);
    assert.equal(badge.breachReportDeadline, undefined);

    // Lynne takes it on and closes it: Alex is told, and the closed report refuses more actions.
    await execute(USERS.lynne, 'incident-acknowledge', { incidentId: badge.id });
    const sinceClose = t.connector.calls.length;
    const ask = await execute(USERS.lynne, 'incident-close', { incidentId: badge.id });
    assert.match(cardText(ask.value), /Close this report as dealt with\?\nLost ID badge, reported by Alex Wilber/);
    assert.equal((await t.bot.services.incidents.getIncident(badge.id)).status, 'acknowledged', 'nothing closes before confirming');
    const kept = await execute(USERS.lynne, 'incident-close', button(ask.value, 'Action.Execute', 'No, keep it open').data);
    assert.ok(actionsOf(kept.value, 'Action.Execute').some((a) => a.verb === 'incident-close'), 'kept open: the card is back as it was');
    const closed = await execute(USERS.lynne, 'incident-close', button(ask.value, 'Action.Execute', 'Yes, close it').data);
    assert.match(cardText(closed.value), /Closed by you/);
    assert.equal(closed.value.refresh, undefined, 'a closed report no longer refreshes');
    assert.match(cardText(cardOf(callsTo(USERS.alex, sinceClose, 'POST')[0])), /Your report is closed[\s\S]*Lynne Robbins closed your report of a lost ID badge/);
    const late = await execute(USERS.megan, 'incident-acknowledge', { incidentId: badge.id });
    assert.match(cardText(late.value), /This report has been closed/);
  });

  it('when nobody acknowledges within a day, then the people alerted are reminded once with the same Acknowledge card', async function () {
    const { incident } = await alexReportsStolenLaptop();
    clock.advanceHours(25);
    const since = t.connector.calls.length;
    await t.bot.runScheduledWork();
    for (const user of [USERS.megan, USERS.patti, USERS.isaiah]) {
      const reminders = callsTo(user, since, 'POST').map((c) => cardOf(c)!).filter((c) => JSON.stringify(c).includes(incident.id));
      assert.equal(reminders.length, 1, `${user.name} is reminded once about this report`);
      assertValidTeamsCard(reminders[0]);
      assert.match(cardText(reminders[0]), /Reminder: nobody has acknowledged this yet/);
      assert.deepEqual(withoutTapKey(button(reminders[0], 'Action.Execute', "Acknowledge: I'm handling it").data), { incidentId: incident.id });
    }
    const again = t.connector.calls.length;
    await t.bot.runScheduledWork();
    assert.equal(t.connector.calls.slice(again).filter((c) => JSON.stringify(c.body).includes(incident.id)).length, 0, 'no second reminder');

    // Acknowledging from the reminder updates the first alert too.
    const sinceAck = t.connector.calls.length;
    await execute(USERS.megan, 'incident-acknowledge', { incidentId: incident.id });
    const meganUpdates = callsTo(USERS.megan, sinceAck, 'PUT');
    assert.equal(meganUpdates.length, 2, "both of Megan's cards (alert and reminder) show the acknowledgement");
    for (const update of meganUpdates) assert.doesNotMatch(cardText(cardOf(update)), /Reminder: nobody has acknowledged/);
  });

  it('when a card refreshes, then each person sees their own view: the reporter the checklist, a responder Acknowledge, anyone else the status', async function () {
    const { incident } = await alexReportsStolenLaptop();
    const alex = await execute(USERS.alex, 'incident-refresh', { incidentId: incident.id });
    assert.match(cardText(alex.value), /Report sent: stolen laptop/);
    const patti = await execute(USERS.patti, 'incident-refresh', { incidentId: incident.id });
    assert.ok(actionsOf(patti.value, 'Action.Execute').some((a) => a.verb === 'incident-acknowledge'));
    const adele = await execute(USERS.adele, 'incident-refresh', { incidentId: incident.id });
    assert.match(cardText(adele.value), /Stolen laptop/);
    assert.equal(actionsOf(adele.value, 'Action.Execute').length, 0);
    for (const card of [alex.value, patti.value, adele.value]) assertValidTeamsCard(card);
  });

  it('when Alex asks what to do if a laptop is stolen, then the policy answers and its next-step button starts the same flow', async function () {
    const [answer] = await say(USERS.alex, message(USERS.alex, 'what should I do if my laptop is stolen?', t.serviceUrl));
    assert.match(cardText(answer), /9\.\d/);
    const next = actionsOf(answer, 'Action.Submit').find((a) => a.data?.flow === 'lost_device');
    assert.ok(next, `the answer offers the lost-device flow:\n${cardText(answer)}`);
    const [itemCard] = await say(USERS.alex, cardSubmit(USERS.alex, next.data, t.serviceUrl));
    assert.match(cardText(itemCard), /What's missing\? Tap one\./);
    const before = await incidentIds();
    const since = t.connector.calls.length;
    await t.post(message(USERS.alex, 'cancel', t.serviceUrl));
    const stopped = t.connector.calls.slice(since).find((c) => c.conversationId === personal(USERS.alex));
    assert.match(stopped?.body.text ?? '', /I've stopped\. Nothing was sent/);
    assert.deepEqual(await incidentIds(), before);
  });

  it('when the IT manager exports the registers, then the lost and stolen register holds the report as it now stands; a teacher may not export', async function () {
    const { incident } = await alexReportsStolenLaptop();
    await execute(USERS.megan, 'incident-acknowledge', { incidentId: incident.id });
    await execute(USERS.alex, 'incident-crime-reference', { incidentId: incident.id, crimeReference: 'NY/2222/25' });

    const [registers] = await say(USERS.megan, message(USERS.megan, 'registers', t.serviceUrl));
    assertValidTeamsCard(registers);
    assert.match(cardText(registers), /Lost and stolen devices and breaches/);
    const tokens = [...JSON.stringify(registers).matchAll(/"url":"http[^"]+\/exports\/([A-Za-z0-9_-]+)"/g)].map((m) => m[1]);
    let csv: string | undefined;
    for (const token of tokens) {
      const res = await fetch(`${t.url}/exports/${token}`);
      const body = Buffer.from(await res.arrayBuffer()).toString('utf8');
      if (/lost-and-stolen/.test(res.headers.get('content-disposition') ?? '')) csv = body.replace(/^\uFEFF/, '');
    }
    assert.ok(csv, 'the incidents register is among the downloads');
    const rows = parseCsv(csv);
    assert.deepEqual(rows[0], [
      'Incident id', 'Reported', 'Reporter', 'School', 'Item', 'Lost or stolen', 'Noticed on', 'Personal data may be involved',
      'Breach reporting deadline', 'Description', 'Where', 'Crime reference', 'Status', 'Acknowledged by', 'Acknowledged at', 'Closed at',
    ]);
    assert.equal(rows.length - 1, (await incidentIds()).size, 'one row per stored report');
    const row = rows.find((r) => r[0] === incident.id);
    assert.deepEqual(row, [
      incident.id, '2025-03-27T09:00:00+00:00', 'Alex Wilber', 'Oakfield Primary School', 'Laptop', 'stolen', '', 'yes',
      '2025-03-30T10:00:00+01:00', '', 'Train from Leeds, Wednesday 17:10', 'NY/2222/25', 'acknowledged', 'Megan Bowen',
      '2025-03-27T09:00:00+00:00', '',
    ]);

    const since = t.connector.calls.length;
    await t.post(message(USERS.alex, 'registers', t.serviceUrl));
    const refusal = t.connector.calls.slice(since).find((c) => c.conversationId === personal(USERS.alex));
    assert.match(refusal?.body.text ?? '', /Only the IT manager or a member of the senior leadership team can export registers/);
  });
});
