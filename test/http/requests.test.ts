import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import type { AuditEntry } from '../../src/domain/requests/audit.js';
import { REGISTERS } from '../../src/domain/requests/registers.js';
import type { ApprovalRequest } from '../../src/domain/requests/request.js';
import { startBot, type BotUnderTest } from '../support/bot-harness.js';
import { assertValidTeamsCard } from '../support/card-checks.js';
import { cardOf, cardText, type ConnectorCall } from '../support/connector.js';
import { FakeClock } from '../support/fake-clock.js';
import { cardExecute, cardSubmit, message, USERS, type TeamsUser } from '../support/teams-activities.js';

/** People of the sample trust the Playground does not have; their Teams ids are learned from their messages. */
const GRACE: TeamsUser = { id: '29:grace-okafor', aadObjectId: '00000000-0000-0000-0000-0000000000030', name: 'Grace Okafor' };
const TOM: TeamsUser = { id: '29:tom-reed', aadObjectId: '00000000-0000-0000-0000-0000000000031', name: 'Tom Reed' };
/** Added to a copy of the sample trust: IT manager for School B only, so she can stand in for Megan. */
const DIEGO: TeamsUser = { id: '29:diego-siciliani', aadObjectId: '00000000-0000-0000-0000-0000000000026', name: 'Diego Siciliani' };

const chatOf = (user: TeamsUser) => `a:personal-${user.id}`;

/** Every action (with its data) in a card, for finding buttons. */
function actionsOf(card: unknown): Record<string, any>[] {
  const found: Record<string, any>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, any>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.')) found.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk((card as Record<string, unknown>)?.body);
  walk((card as Record<string, unknown>)?.actions);
  return found;
}

const titles = (card: unknown) => actionsOf(card).map((a) => a.title as string);

describe('Requests with one-tap approval, through the real server over HTTP', function () {
  let t: BotUnderTest;
  let dir: string;
  const clock = new FakeClock('2025-03-03T09:00:00.000Z');

  before(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-requests-'));
    const trust = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'samples', 'trust.json'), 'utf8'));
    trust.people.push({
      id: 'diego-siciliani',
      name: 'Diego Siciliani',
      email: 'diegos@example.com',
      aadObjectId: DIEGO.aadObjectId,
      roles: [{ role: 'it_manager', school: 'school-b' }],
    });
    await writeFile(path.join(dir, 'trust.json'), JSON.stringify(trust));
    t = await startBot(
      { TRUST_FILE: path.join(dir, 'trust.json'), POLICY_FILES: path.join(PROJECT_ROOT, 'samples', 'information-security-policy.md') },
      clock,
    );
    // Everyone talks to the bot once, as Teams requires before it can message them.
    const everyone = [USERS.alex, USERS.megan, USERS.adele, USERS.isaiah, USERS.patti, USERS.lynne, GRACE, TOM, DIEGO];
    for (const user of everyone) await t.post(message(user, 'hi', t.serviceUrl));
    await t.connector.waitFor(() => t.connector.sent.length >= everyone.length);
  });
  after(async () => {
    await t?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  // ---------------------------------------------------------------------------------------------
  // Helpers: what a user does, and what arrives in whose chat.

  const mark = () => t.connector.calls.length;

  async function say(user: TeamsUser, text: string) {
    const res = await t.post(message(user, text, t.serviceUrl));
    assert.equal(res.status, 200);
  }

  async function submit(user: TeamsUser, data: Record<string, unknown>) {
    const res = await t.post(cardSubmit(user, data, t.serviceUrl));
    assert.equal(res.status, 200);
  }

  /** An Action.Execute click on the card message `replyToId`; returns the invoke response body. */
  async function execute(user: TeamsUser, verb: string, data: Record<string, unknown>, replyToId?: string) {
    const res = await t.post({ ...cardExecute(user, verb, data, t.serviceUrl), replyToId });
    assert.equal(res.status, 200);
    return res.body as { statusCode: number; type: string; value: any };
  }

  /** The next card posted to `user`'s chat after `since` whose JSON matches. */
  async function cardTo(user: TeamsUser, since: number, match: RegExp | string = /./): Promise<{ call: ConnectorCall; card: any }> {
    const call = await t.connector.waitFor(
      (c) => c.method === 'POST' && c.conversationId === chatOf(user) && Boolean(cardOf(c)) && new RegExp(match).test(JSON.stringify(cardOf(c))),
      since,
    );
    const card = cardOf(call)!;
    assertValidTeamsCard(card);
    return { call, card };
  }

  async function textTo(user: TeamsUser, since: number, match: RegExp): Promise<string> {
    const call = await t.connector.waitFor((c) => c.conversationId === chatOf(user) && typeof c.body.text === 'string' && match.test(c.body.text), since);
    return call.body.text;
  }

  /** Calls to `user`'s chat after `since` (to check that nothing arrived). */
  const callsTo = (user: TeamsUser, since: number) => t.connector.calls.slice(since).filter((c) => c.conversationId === chatOf(user));

  const stored = (id: string) => t.bot.services.requests.getRequest(id);
  const audit = () => t.bot.services.store.readLog<AuditEntry>('audit');
  const copiesOf = async (id: string) =>
    (await t.bot.services.store.get<{ copies: { aadObjectId: string; activityId: string }[] }>('card-copies', `request:${id}`))?.value.copies ?? [];

  const flowIds = { software: 'software-install', password_sharing: 'password-sharing', personal_device: 'personal-device' } as const;

  /**
   * Raises a request as `user` through the real flow: the welcome button, the form, the summary,
   * Send. Returns the stored request and the card each approver got.
   */
  async function raise(user: TeamsUser, kind: keyof typeof flowIds, values: Record<string, unknown>): Promise<ApprovalRequest> {
    const flow = flowIds[kind];
    let since = mark();
    await submit(user, { verb: 'start-flow', flow: kind });
    await cardTo(user, since, /"flowAction":"submit"/);
    since = mark();
    await submit(user, { verb: 'flow-form', flow, step: 'form', flowAction: 'submit', ...values });
    await cardTo(user, since, /Check your/);
    since = mark();
    await submit(user, { verb: 'flow-form', flow, step: 'summary', flowAction: 'confirm' });
    const { card } = await cardTo(user, since, /Sent to/);
    const requestId = card.actions?.[0]?.data?.requestId ?? JSON.stringify(card).match(/"requestId":"([0-9a-f-]{36})"/)![1];
    return stored(requestId);
  }

  const software = (name = 'Audacity') => ({ software: name, url: '', device: 'Classroom laptop', reason: `Recording podcasts with ${name}` });
  const sharing = (until = '2025-03-12') => ({
    sharedWithPersonId: 'lynne-robbins',
    sharedWithName: '',
    system: 'Arbor',
    reason: 'Taking the register while I am on a course',
    from: '2025-03-10',
    until,
  });
  const device = { device: 'My iPhone 13', accesses: 'School email', screenLock: 'true', encryption: 'true', updates: 'true' };

  // ---------------------------------------------------------------------------------------------

  it('when Alex types "I need Audacity installed", then the software form opens with Audacity filled in and the policy clause quoted', async function () {
    const since = mark();
    await say(USERS.alex, 'I need Audacity installed');
    const { card } = await cardTo(USERS.alex, since, /Request a software install/);
    assert.match(JSON.stringify(card), /"id":"software"[^}]*"value":"Audacity"/);
    assert.match(cardText(card), /4\.2 Software, hardware and removable media/);
    assert.match(cardText(card), /I'll send this to Megan Bowen to approve/);
    // The form holds an answer (Audacity), so a typed "cancel" asks first.
    await say(USERS.alex, 'cancel');
    const { card: confirm } = await cardTo(USERS.alex, since, /Stop this software install request\?/);
    await submit(USERS.alex, confirm.actions.find((a: { title: string }) => a.title === 'Yes, stop').data);
    await textTo(USERS.alex, since, /OK, I've stopped/);
    await say(USERS.alex, 'cancel');
    await textTo(USERS.alex, since, /There's nothing in progress to cancel/);
    assert.deepEqual(await t.bot.services.store.list('requests'), []);
  });

  it('when plain words ask for password sharing or a personal device, then those forms open, the device filled in; a question about the rules still gets the policy answer', async function () {
    let since = mark();
    await say(USERS.alex, "can my TA use my login while I'm off");
    await cardTo(USERS.alex, since, /Ask to share your password/);
    since = mark();
    await say(USERS.alex, 'I want to use my own phone for email');
    const { card } = await cardTo(USERS.alex, since, /Declare a personal device/);
    assert.match(JSON.stringify(card), /"id":"device"[^}]*"value":"phone"/);
    since = mark();
    await say(USERS.alex, 'what are the rules about installing software on school laptops?');
    const answer = await cardTo(USERS.alex, since, /may only be installed on Trust equipment/);
    assert.match(cardText(answer.card), /Was this helpful\?/);
    await say(USERS.alex, 'cancel');
  });

  it("when the answer card's next-step button (start-flow) is pressed, then the same request flow starts", async function () {
    for (const [flow, heading] of [['software', /Request a software install/], ['password_sharing', /Ask to share your password/], ['personal_device', /Declare a personal device/]] as const) {
      const since = mark();
      await submit(USERS.alex, { verb: 'start-flow', flow });
      await cardTo(USERS.alex, since, heading);
    }
    await say(USERS.alex, 'cancel');
  });

  it('when Alex requests software and Megan approves, then Alex is notified and every copy of the card is updated', async function () {
    const since = mark();
    const request = await raise(USERS.alex, 'software', software());
    assert.equal(request.status, 'pending');
    assert.deepEqual(request.approverIds, ['megan-bowen']);

    // Megan's card: Approve / Reject, the clause, and a refresh for the approver and the requester.
    const { card: meganCard } = await cardTo(USERS.megan, since, request.id);
    assert.match(cardText(meganCard), /Alex Wilber needs your decision/);
    assert.match(cardText(meganCard), /Why this needs approval: 4\.2/);
    // Her own card speaks to her: never "Waiting for a decision from Megan Bowen".
    assert.match(cardText(meganCard), /Waiting for your decision/);
    assert.doesNotMatch(cardText(meganCard), /Megan Bowen/);
    assert.deepEqual(titles(meganCard), ['Approve', 'Reject…', 'Reject']);
    assert.deepEqual(meganCard.refresh.userIds, [USERS.megan.id, USERS.alex.id]);
    assert.equal(meganCard.refresh.action.verb, 'request-refresh');
    assert.deepEqual(meganCard.refresh.action.data, { requestId: request.id });

    // Alex's own card: status and Cancel, no Approve.
    const { card: alexCard } = await cardTo(USERS.alex, since, request.id);
    assert.deepEqual(titles(alexCard), ['Cancel request']);
    assert.match(cardText(alexCard), /From you ·[\s\S]*Waiting for a decision from Megan Bowen/);

    const copies = await copiesOf(request.id);
    assert.equal(copies.length, 2);
    const meganCopy = copies.find((c) => c.aadObjectId === USERS.megan.aadObjectId)!;
    const alexCopy = copies.find((c) => c.aadObjectId === USERS.alex.aadObjectId)!;

    const beforeDecision = mark();
    const response = await execute(USERS.megan, 'request-decide', { requestId: request.id, decision: 'approve', comment: 'Fine for podcasts' }, meganCopy.activityId);
    assert.equal(response.type, 'application/vnd.microsoft.card.adaptive');
    assertValidTeamsCard(response.value);
    assert.match(cardText(response.value), /You approved this\. Alex Wilber has been told\./);
    assert.match(cardText(response.value), /Approved by you on 3 Mar 2025/);
    assert.deepEqual(titles(response.value), []);
    assert.equal(response.value.refresh, undefined);

    const toAlex = await cardTo(USERS.alex, beforeDecision, /Megan Bowen approved your software install request/);
    assert.match(cardText(toAlex.card), /Comment: Fine for podcasts/);

    // Every stored copy was replaced (PUT) with the decided card.
    const puts = await Promise.all(
      [alexCopy, meganCopy].map((copy) =>
        t.connector.waitFor((c) => c.method === 'PUT' && c.activityId === copy.activityId, beforeDecision),
      ),
    );
    // Each copy is written for the person whose chat it is in: Megan reads that she approved it.
    for (const [put, decidedBy] of [[puts[0], /Approved by Megan Bowen/], [puts[1], /Approved by you/]] as const) {
      assert.equal(put.body.type, 'message', 'an update without its type is dropped by the connector');
      const card = cardOf(put)!;
      assertValidTeamsCard(card);
      assert.match(cardText(card), decidedBy);
      assert.deepEqual(titles(card), []);
    }
    assert.equal(puts[0].conversationId, chatOf(USERS.alex));
    assert.equal(puts[1].conversationId, chatOf(USERS.megan));

    const now = await stored(request.id);
    assert.equal(now.status, 'approved');
    assert.equal(now.decision?.byId, 'megan-bowen');
    assert.equal(now.decision?.comment, 'Fine for podcasts');
    assert.ok((await audit()).some((e) => e.subjectId === request.id && e.action === 'request.approved' && e.actorId === 'megan-bowen'));
  });

  it("when the requester's Teams is slow, then the approver's click is answered at once and the requester is told afterwards", async function () {
    const request = await raise(USERS.alex, 'software', software());
    const meganCopy = (await copiesOf(request.id)).find((c) => c.aadObjectId === USERS.megan.aadObjectId)!;
    const release = t.connector.hold(chatOf(USERS.alex));
    const beforeDecision = mark();
    try {
      // Teams retries a click it has no answer to within 15 s; the answer must not wait on other people's chats.
      const res = await t.post(
        { ...cardExecute(USERS.megan, 'request-decide', { requestId: request.id, decision: 'approve' }, t.serviceUrl), replyToId: meganCopy.activityId },
        { followUp: false },
      );
      assert.equal(res.status, 200);
      assert.match(cardText(res.body.value), /You approved this/);
      // The notification to Alex was already on its way (the held call), but not yet answered.
      await t.connector.waitFor((c) => c.conversationId === chatOf(USERS.alex), beforeDecision);
    } finally {
      release();
    }
    await t.bot.services.followUp.idle();
    await cardTo(USERS.alex, beforeDecision, /Megan Bowen approved your software install request/);
    assert.equal((await stored(request.id)).status, 'approved');
  });

  it('when a card action is refused, then the clicker gets the current card or a message, and nothing changes', async function () {
    const request = await raise(USERS.alex, 'software', software('Scratch'));
    const unchanged = async () => {
      const now = await stored(request.id);
      assert.equal(now.status, 'pending');
      assert.equal(now.updatedAt, request.updatedAt);
    };
    const auditBefore = (await audit()).length;

    // Someone who is not an approver.
    const lynne = await execute(USERS.lynne, 'request-decide', { requestId: request.id, decision: 'approve' });
    assertValidTeamsCard(lynne.value);
    assert.match(cardText(lynne.value), /You're not an approver for this request/);
    assert.match(cardText(lynne.value), /Waiting for a decision from Megan Bowen/);
    assert.deepEqual(titles(lynne.value), [], 'no buttons for someone who may not act');

    // The requester approving their own request.
    const own = await execute(USERS.alex, 'request-decide', { requestId: request.id, decision: 'approve' });
    assert.match(cardText(own.value), /You can't approve or reject your own request\./);
    assert.deepEqual(titles(own.value), ['Cancel request']);

    // Forged or unknown ids.
    for (const forged of ['00000000-0000-4000-8000-000000000000', '../../etc/passwd', 42, null]) {
      const res = await execute(USERS.megan, 'request-decide', { requestId: forged, decision: 'approve' });
      assert.equal(res.type, 'application/vnd.microsoft.activity.message');
      assert.match(res.value, /I couldn't find that request/);
    }

    // A forged decision value, and Reject without a reason (the server checks too).
    const odd = await execute(USERS.megan, 'request-decide', { requestId: request.id, decision: 'maybe' });
    assert.match(cardText(odd.value), /Please choose Approve or Reject\./);
    const noReason = await execute(USERS.megan, 'request-decide', { requestId: request.id, decision: 'reject', reason: '   ' });
    assert.match(cardText(noReason.value), /Please give a reason for rejecting/);
    assert.deepEqual(titles(noReason.value), ['Approve', 'Reject…', 'Reject'], 'Megan can still decide');

    // Someone else cancelling, and a stranger.
    const cancelByLynne = await execute(USERS.lynne, 'request-cancel', { requestId: request.id });
    assert.match(cardText(cancelByLynne.value), /Only the person who made a request can cancel it\./);
    const stranger = await execute(USERS.stranger, 'request-decide', { requestId: request.id, decision: 'approve' });
    assert.match(String(stranger.value), /I don't know you yet/);

    await unchanged();
    assert.equal((await audit()).length, auditBefore, 'no audit entry for a refused action');

    // Megan rejects with a reason; the second decision and a stale card show the outcome.
    const since = mark();
    const rejected = await execute(USERS.megan, 'request-decide', { requestId: request.id, decision: 'reject', reason: 'Scratch runs in the browser: no install needed' });
    assert.match(cardText(rejected.value), /Rejected by you/);
    const toAlex = await cardTo(USERS.alex, since, /Megan Bowen rejected your software install request/);
    assert.match(cardText(toAlex.card), /Reason: Scratch runs in the browser: no install needed/);

    const second = await execute(USERS.megan, 'request-decide', { requestId: request.id, decision: 'approve' });
    assert.match(cardText(second.value), /This request has already been rejected\./);
    assert.match(cardText(second.value), /Rejected by you/);
    assert.deepEqual(titles(second.value), []);
    const stale = await execute(USERS.megan, 'request-refresh', { requestId: request.id });
    assert.match(cardText(stale.value), /Rejected by you/);
    assert.deepEqual(titles(stale.value), []);
    const lateCancel = await execute(USERS.alex, 'request-cancel', { requestId: request.id });
    assert.match(cardText(lateCancel.value), /This request has already been rejected\./);
    assert.equal((await stored(request.id)).status, 'rejected');
  });

  it('when Alex cancels a pending request, then Megan\'s copy updates, and her late Approve shows it was cancelled', async function () {
    const request = await raise(USERS.alex, 'software', software('GarageBand'));
    const meganCopy = (await copiesOf(request.id)).find((c) => c.aadObjectId === USERS.megan.aadObjectId)!;
    const since = mark();
    const ask = await execute(USERS.alex, 'request-cancel', { requestId: request.id });
    assert.match(cardText(ask.value), /Cancel your software install request\?\nGarageBand/);
    assert.deepEqual(titles(ask.value), ['Yes, cancel it', 'No, keep it']);
    assert.equal((await stored(request.id)).status, 'pending', 'nothing is cancelled before confirming');
    const kept = await execute(USERS.alex, 'request-cancel', actionsOf(ask.value).find((a) => a.title === 'No, keep it')!.data);
    assert.deepEqual(titles(kept.value), ['Cancel request'], 'kept: the card is back as it was');
    const cancelled = await execute(USERS.alex, 'request-cancel', actionsOf(ask.value).find((a) => a.title === 'Yes, cancel it')!.data);
    assert.match(cardText(cancelled.value), /You cancelled your software install request \(GarageBand\)/);
    assert.match(cardText(cancelled.value), /Cancelled by you/);

    const put = await t.connector.waitFor((c) => c.method === 'PUT' && c.activityId === meganCopy.activityId, since);
    assert.match(cardText(cardOf(put)), /Cancelled by Alex Wilber/);
    assert.deepEqual(titles(cardOf(put)), []);

    const late = await execute(USERS.megan, 'request-decide', { requestId: request.id, decision: 'approve' }, meganCopy.activityId);
    assert.match(cardText(late.value), /This request was cancelled by the person who made it\./);
    assert.equal((await stored(request.id)).status, 'cancelled');
  });

  it('when Alex asks for password sharing, then Adele and Isaiah (SLT at his school) get the card, not Grace; on approval Megan is told; at expiry Alex is reminded', async function () {
    const since = mark();
    const request = await raise(USERS.alex, 'password_sharing', sharing());
    assert.deepEqual([...request.approverIds].sort(), ['adele-vance', 'isaiah-langer']);
    const { card: adeleCard } = await cardTo(USERS.adele, since, request.id);
    await cardTo(USERS.isaiah, since, request.id);
    assert.match(cardText(adeleCard), /Will be used by\nLynne Robbins\nSystem\nArbor/);
    assert.match(cardText(adeleCard), /3\.4 Accounts and passwords/);
    assert.deepEqual([...adeleCard.refresh.userIds].sort(), [USERS.alex.id, USERS.adele.id, USERS.isaiah.id].sort());
    assert.equal(callsTo(GRACE, since).length, 0, 'Grace (SLT at School B) is not asked');
    assert.doesNotMatch(JSON.stringify(adeleCard), /"style":"password"|hunter/);

    const isaiahCopy = (await copiesOf(request.id)).find((c) => c.aadObjectId === USERS.isaiah.aadObjectId)!;
    const decided = mark();
    await execute(USERS.adele, 'request-decide', { requestId: request.id, decision: 'approve' });
    await cardTo(USERS.alex, decided, /Adele Vance approved your password-sharing authorisation[\s\S]*change your password/);
    const toMegan = await cardTo(USERS.megan, decided, /For your records: Adele Vance authorised Alex Wilber/);
    assert.match(cardText(toMegan.card), /10 Mar 2025 to 12 Mar 2025/);
    const put = await t.connector.waitFor((c) => c.method === 'PUT' && c.activityId === isaiahCopy.activityId, decided);
    assert.match(cardText(cardOf(put)), /Approved by Adele Vance/);
    const grace = await execute(GRACE, 'request-decide', { requestId: request.id, decision: 'reject', reason: 'no' });
    assert.match(cardText(grace.value), /You're not an approver for this request/);
    assert.match(cardText(grace.value), /Approved by Adele Vance/);

    // The sharing ends at the end of 12 March: the scheduled work tells Alex to change the password, once.
    clock.set('2025-03-12T23:00:00.000Z');
    const beforeExpiry = mark();
    await t.bot.runScheduledWork();
    assert.equal(callsTo(USERS.alex, beforeExpiry).filter((c) => /ended on/.test(JSON.stringify(c.body))).length, 0);
    clock.set('2025-03-13T00:30:00.000Z');
    await t.bot.runScheduledWork();
    const expiry = await cardTo(USERS.alex, beforeExpiry, /ended on 12 Mar 2025\. Please change your Arbor password now/);
    assert.ok(expiry);
    const again = mark();
    await t.bot.runScheduledWork();
    assert.equal(callsTo(USERS.alex, again).length, 0, 'the expiry notice is sent once');
    assert.ok((await stored(request.id)).kind === 'password_sharing');
  });

  it('when nobody decides, then Megan is reminded after remindAfterHours and Isaiah (fallback) gets it after escalateAfterHours, and can decide', async function () {
    clock.set('2025-03-17T09:00:00.000Z');
    const request = await raise(USERS.alex, 'software', software('Inkscape'));
    clock.advanceHours(23);
    let since = mark();
    await t.bot.runScheduledWork();
    assert.equal(callsTo(USERS.megan, since).length, 0, 'no reminder before 24 hours');

    clock.advanceHours(2);
    since = mark();
    await t.bot.runScheduledWork();
    const reminder = await cardTo(USERS.megan, since, /Reminder: Alex Wilber has been waiting for your decision since 17 Mar 2025/);
    assert.ok(reminder.card.body.some((b: any) => b.type === 'ActionSet'));
    assert.equal(callsTo(USERS.isaiah, since).length, 0);

    clock.advanceHours(24);
    since = mark();
    await t.bot.runScheduledWork();
    const escalated = await cardTo(USERS.isaiah, since, /Passed to you: nobody has decided this since 17 Mar 2025/);
    assert.deepEqual(titles(escalated.card), ['Approve', 'Reject…', 'Reject']);
    assert.ok(escalated.card.refresh.userIds.includes(USERS.isaiah.id));
    assert.match(cardText(escalated.card), /\(escalated\)/);

    since = mark();
    await t.bot.runScheduledWork();
    assert.equal(t.connector.calls.slice(since).filter((c) => JSON.stringify(c.body).includes(request.id)).length, 0, 'nothing is sent twice');

    const response = await execute(USERS.isaiah, 'request-decide', { requestId: request.id, decision: 'approve' });
    assert.match(cardText(response.value), /Approved by you/);
  });

  it('when Alex opens "My requests" and cancels from the list, then the list shows it cancelled and the approver\'s copy updates', async function () {
    const request = await raise(USERS.alex, 'personal_device', { ...device, device: 'My old iPad' });
    let since = mark();
    await say(USERS.alex, 'my requests');
    const { card } = await cardTo(USERS.alex, since, /My requests/);
    assert.match(cardText(card), /Personal device declaration: My old iPad/);
    assert.match(cardText(card), /Software install request: Audacity[\s\S]*Approved by Megan Bowen/);
    const cancel = actionsOf(card).find((a) => a.verb === 'request-cancel' && a.data.requestId === request.id);
    assert.ok(cancel, 'a Cancel button for the pending request');
    assert.equal(actionsOf(card).filter((a) => a.verb === 'request-cancel').length, 1, 'only pending requests can be cancelled');

    const meganCopy = (await copiesOf(request.id)).find((c) => c.aadObjectId === USERS.megan.aadObjectId)!;
    since = mark();
    const ask = await execute(USERS.alex, 'request-cancel', cancel!.data);
    assert.match(cardText(ask.value), /Cancel your personal device declaration\?\nMy old iPad/);
    const yes = actionsOf(ask.value).find((a) => a.title === 'Yes, cancel it')!;
    const res = await execute(USERS.alex, 'request-cancel', yes.data);
    assertValidTeamsCard(res.value);
    assert.match(cardText(res.value), /You cancelled your personal device declaration \(My old iPad\)/);
    assert.match(cardText(res.value), /My old iPad\n[^\n]*\nCancelled by you/);
    await t.connector.waitFor((c) => c.method === 'PUT' && c.activityId === meganCopy.activityId, since);

    // The same tap again is the same request: the first answer, said to be a repeat.
    const again = await execute(USERS.alex, 'request-cancel', yes.data);
    assert.match(cardText(again.value), /Already sent: here it is\.\n[\s\S]*You cancelled your personal device declaration \(My old iPad\)/);
    const staleList = await execute(USERS.alex, 'request-cancel', { requestId: request.id, view: 'my_requests', confirm: 'yes' });
    assert.match(cardText(staleList.value), /This request was cancelled by the person who made it\./);
  });

  it('when Megan opens "Waiting for me", then she sees pending requests oldest first and can open one to decide', async function () {
    const first = await raise(USERS.alex, 'software', software('Krita'));
    const second = await raise(USERS.lynne, 'personal_device', { ...device, device: 'Lynne’s Android phone' });
    let since = mark();
    await say(USERS.megan, 'waiting for me');
    const { card } = await cardTo(USERS.megan, since, /Waiting for me/);
    const text = cardText(card);
    assert.ok(text.indexOf('Krita') < text.indexOf('Android'), 'oldest first');
    assert.match(text, /From Alex Wilber/);
    assert.doesNotMatch(text, /GarageBand|Scratch/, 'closed requests are not waiting');
    const open = actionsOf(card).find((a) => a.data?.requestId === second.id && a.data.verb === 'request-show');
    since = mark();
    await submit(USERS.megan, open!.data);
    const shown = await cardTo(USERS.megan, since, second.id);
    assert.deepEqual(titles(shown.card), ['Approve', 'Reject…', 'Reject']);

    // Someone unrelated cannot open it.
    since = mark();
    await submit(USERS.patti, { verb: 'request-show', requestId: first.id });
    await textTo(USERS.patti, since, /isn't yours or waiting for you/);

    since = mark();
    await say(USERS.alex, 'waiting for me');
    const alexList = await cardTo(USERS.alex, since, /Waiting for me/);
    assert.match(cardText(alexList.card), /Nothing is waiting for your decision/);
    await execute(USERS.megan, 'request-decide', { requestId: second.id, decision: 'approve' });
  });

  it('when Megan is away and hands over to Diego, then Diego gets the waiting card and decides for her; "back" ends it', async function () {
    const request = await raise(USERS.alex, 'software', software('Blender'));
    let since = mark();
    await say(USERS.megan, 'away until 2025-04-30 delegate to Diego Siciliani');
    await textTo(USERS.megan, since, /Done: Diego Siciliani approves for you until the end of 30 Apr 2025\. I've sent them the \d+ requests? waiting for you/);
    const toDiego = await cardTo(DIEGO, since, request.id);
    assert.match(cardText(toDiego.card), /You're deciding for Megan Bowen while they're away/);
    assert.ok(toDiego.card.refresh.userIds.includes(DIEGO.id), "Diego's Teams id was learned from his message");

    const response = await execute(DIEGO, 'request-decide', { requestId: request.id, decision: 'approve' });
    assert.match(cardText(response.value), /Approved by you for Megan Bowen/);
    assert.equal((await stored(request.id)).decision?.onBehalfOf, 'megan-bowen');

    // Someone without Megan's role cannot take her approvals; "away" alone offers the form.
    since = mark();
    await say(USERS.megan, 'away until 2025-04-30 delegate to Alex Wilber');
    await textTo(USERS.megan, since, /Alex Wilber doesn't hold the same role as you/);
    since = mark();
    await say(USERS.megan, 'away');
    const form = await cardTo(USERS.megan, since, /Hand over your approvals/);
    assert.match(cardText(form.card), /Your approvals go to Diego Siciliani until 30 Apr 2025/);
    assert.match(JSON.stringify(form.card), /"title":"Diego Siciliani","value":"diego-siciliani"/);

    since = mark();
    await say(USERS.megan, 'back');
    await textTo(USERS.megan, since, /Welcome back\. Your approvals come to you again/);
    assert.equal(await t.bot.services.requests.delegationOf('megan-bowen'), undefined);

    // The form works too.
    since = mark();
    await submit(USERS.megan, { verb: 'delegate-approvals', toId: 'diego-siciliani', until: '2025-04-01' });
    await textTo(USERS.megan, since, /Diego Siciliani approves for you until the end of 1 Apr 2025/);
    await submit(USERS.megan, { verb: 'delegate-approvals', end: true });
    await textTo(USERS.megan, since, /Welcome back/);
  });

  it('when the IT manager asks for the registers, then each CSV downloads with the right rows; staff are refused; a school-level holder sees only their school', async function () {
    await raise(TOM, 'software', software('Audacity for Tom'));
    let since = mark();
    await say(USERS.megan, 'registers');
    const { card } = await cardTo(USERS.megan, since, /Registers/);
    assert.match(cardText(card), /Every school in Oakfield Learning Trust/);
    const urls = [...JSON.stringify(card).matchAll(/http:\/\/localhost:\d+\/exports\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    assert.equal(urls.length, REGISTERS.length, 'one register per kind, and incidents');
    const download = async (token: string) => {
      const res = await fetch(`${t.url}/exports/${token}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
      return (await res.text()).replace(/^\uFEFF/, '');
    };
    const [softwareCsv, sharingCsv, devicesCsv] = await Promise.all(urls.slice(0, 3).map(download));
    const softwareRows = softwareCsv.trim().split('\r\n');
    assert.match(softwareRows[0], /^Request id,Submitted,Requester,School,Software,Link,Device,Reason,Status,Decided by/);
    assert.ok(softwareRows.some((r) => /Alex Wilber,Oakfield Primary School,Audacity,.*approved,Megan Bowen/.test(r)));
    assert.ok(softwareRows.some((r) => /Scratch.*rejected.*Scratch runs in the browser/.test(r)));
    assert.ok(softwareRows.some((r) => /Tom Reed,Riverside Academy,Audacity for Tom/.test(r)));
    assert.match(sharingCsv, /Alex Wilber,Oakfield Primary School,Lynne Robbins,Arbor,.*2025-03-10,2025-03-12,approved,Adele Vance/);
    assert.doesNotMatch(sharingCsv, /hunter|password"/i);
    const deviceRows = devicesCsv.trim().split('\r\n');
    assert.equal(deviceRows.length, 2, 'only the approved declaration is in the personal devices log');
    assert.match(deviceRows[1], /Lynne Robbins.*Android phone.*yes,yes,yes,Megan Bowen/);

    since = mark();
    await say(USERS.alex, 'registers');
    await textTo(USERS.alex, since, /Only the IT manager or a member of the senior leadership team can export registers/);

    since = mark();
    await say(DIEGO, 'registers');
    const diego = await cardTo(DIEGO, since, /Registers/);
    assert.match(cardText(diego.card), /Riverside Academy only/);
    const diegoToken = JSON.stringify(diego.card).match(/\/exports\/([A-Za-z0-9_-]+)/)![1];
    const diegoCsv = await download(diegoToken);
    assert.match(diegoCsv, /Tom Reed/);
    assert.doesNotMatch(diegoCsv, /Alex Wilber/);
  });

  it('when a closed request is older than retention.freeTextDays, then the daily pass removes its free text and its card says so', async function () {
    const scratch = (await t.bot.services.store.list<ApprovalRequest>('requests')).find((r) => r.kind === 'software' && r.details.software === 'Scratch')!;
    assert.ok(scratch.kind === 'software' && scratch.details.reason);
    clock.advanceDays(366);
    const result = await t.bot.runScheduledWork();
    assert.ok(result.purged >= 1);
    const purged = await stored(scratch.id);
    assert.ok(purged.purgedAt);
    assert.equal(purged.kind === 'software' && purged.details.reason, undefined);
    assert.equal(purged.decision?.comment, undefined);
    const view = await execute(USERS.alex, 'request-refresh', { requestId: scratch.id });
    assert.match(cardText(view.value), /Why\n\(removed after the retention period\)/);
    const again = await t.bot.runScheduledWork();
    assert.equal(again.purged, 0, 'the purge runs once a day');
  });
});

describe('Password sharing where the policy forbids it, through the real server over HTTP', function () {
  let t: BotUnderTest;
  let dir: string;

  before(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-forbidden-'));
    // A policy written for this test, like a trust whose policy bans sharing outright.
    await writeFile(
      path.join(dir, 'policy.md'),
      '# Riverside Trust Information Security Policy\n\n## 3 Passwords\n\n3.1 Choose a long password.\n\n3.2 Passwords must never be shared with anyone, for any reason.\n',
    );
    t = await startBot({ POLICY_FILES: path.join(dir, 'policy.md') });
    await t.post(message(USERS.alex, 'hi', t.serviceUrl));
    await t.connector.waitFor(() => t.connector.sent.length >= 1);
  });
  after(async () => {
    await t?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  for (const [how, activity] of [
    ['the welcome button', (url: string) => cardSubmit(USERS.alex, { verb: 'start-flow', flow: 'password_sharing' }, url)],
    ['plain words', (url: string) => message(USERS.alex, "can my TA use my login while I'm off", url)],
  ] as const) {
    it(`when Alex asks by ${how}, then the bot refuses, quotes clause 3.2 and offers no request`, async function () {
      const since = t.connector.calls.length;
      await t.post(activity(t.serviceUrl));
      const call = await t.connector.waitFor((c) => Boolean(cardOf(c)) && /(isn't|aren't) allowed/.test(JSON.stringify(cardOf(c))), since);
      const card = cardOf(call)!;
      assertValidTeamsCard(card);
      assert.match(cardText(card), /3\.2 Passwords\nPasswords must never be shared with anyone, for any reason\./);
      assert.deepEqual(actionsOf(card), []);
      assert.deepEqual(await t.bot.services.store.list('requests'), []);
    });
  }
});
